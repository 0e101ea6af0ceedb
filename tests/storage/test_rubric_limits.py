"""A school's own rubric file: titles, details and counts within what the chat can show."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.rubric_files import (
    MAX_PRACTICES,
    MAX_QUESTIONS,
    MAX_TEXT_LENGTH,
    RubricFileError,
    parse_rubric,
)
from storage.school_rubric import set_own_rubric


def _question(title: str = "Students read aloud", detail: str | None = None) -> dict[str, Any]:
    question: dict[str, Any] = {"title": {"en": title}, "scale": 5}
    if detail is not None:
        question["detail"] = {"en": detail, "ne": "विवरण"}
    return question


def _rubric(practices: int = 1, questions: int = 1, **texts: str) -> dict[str, Any]:
    return {
        "name": "Our rubric",
        "practices": [
            {
                "title": {"en": texts.get("practice", f"Practice {p}")},
                "questions": [
                    _question(texts.get("question", f"Question {q}"), texts.get("detail"))
                    for q in range(questions)
                ],
            }
            for p in range(practices)
        ],
    }


def test_the_largest_allowed_rubric_is_accepted() -> None:
    longest = "x" * MAX_TEXT_LENGTH
    spec = parse_rubric(
        _rubric(MAX_PRACTICES, MAX_QUESTIONS, practice=longest, question=longest, detail=longest),
        key="own",
    )
    assert len(spec.practices) == 30 and all(len(p.questions) == 30 for p in spec.practices)


@pytest.mark.parametrize(
    ("rubric", "reason"),
    [
        (_rubric(practice="p" * 301), "practice 1 title (en) is 301 characters long"),
        (_rubric(question="q" * 301), "question 1.1 title (en) is 301 characters long"),
        (_rubric(detail="d" * 400), "question 1.1 detail (en) is 400 characters long"),
        (_rubric(practices=31), "at most 30 practices"),
        (_rubric(questions=31), "practice 1 has 31 questions; at most 30 are allowed"),
    ],
    ids=["practice-title", "question-title", "detail", "practices", "questions"],
)
def test_overlong_texts_and_too_many_entries_are_refused(
    rubric: dict[str, Any], reason: str
) -> None:
    with pytest.raises(RubricFileError, match=re.escape(reason)):
        parse_rubric(rubric, key="own")


def test_padding_does_not_count() -> None:
    spec = parse_rubric(_rubric(practice="  " + "p" * 300 + "  "), key="own")
    assert spec.practices[0].title["en"] == "p" * 300


async def test_a_school_file_with_a_long_title_is_refused_with_the_reason(
    sessionmaker: async_sessionmaker[AsyncSession], school_id: int
) -> None:
    data = json.dumps(_rubric(question="q" * 500)).encode()
    with pytest.raises(RubricFileError, match=r"question 1\.1 title"):
        async with sessionmaker.begin() as session:
            await set_own_rubric(session, school_id, data)
