"""Rubric data files: the shipped Nepal and Sierra Leone rubrics, and schools' own files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

BUILTIN_RUBRICS: tuple[str, ...] = ("nepal", "sierra_leone")
DEFAULT_RUBRIC = "nepal"
SCALES = (3, 5)
MAX_TEXT_LENGTH = 300
"""The longest title or detail a rubric file may give (it is shown in chat lines and charts)."""
MAX_PRACTICES = 30
MAX_QUESTIONS = 30
"""At most this many questions per practice."""


class RubricFileError(ValueError):
    """A rubric file that cannot be used; the message says why."""


@dataclass(frozen=True)
class QuestionSpec:
    """A question as a rubric file describes it."""

    title: dict[str, str]
    detail: dict[str, str]
    scale: int


@dataclass(frozen=True)
class PracticeSpec:
    """A teaching practice as a rubric file describes it."""

    title: dict[str, str]
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class RubricSpec:
    """A whole rubric file."""

    key: str
    name: str
    source: str
    practices: tuple[PracticeSpec, ...]


def load_builtin(key: str) -> RubricSpec:
    """Read one of the rubrics the project ships."""
    if key not in BUILTIN_RUBRICS:
        raise RubricFileError(f"unknown rubric {key!r}")
    raw = resources.files("storage").joinpath("rubrics", f"{key}.json").read_text("utf-8")
    return parse_rubric(json.loads(raw), key=key)


def parse_rubric(data: Any, *, key: str, name: str | None = None) -> RubricSpec:
    """Validate the JSON shape of coach-rubrics.json (one rubric) and return it."""
    if not isinstance(data, dict) or not isinstance(data.get("practices"), list):
        raise RubricFileError("a rubric needs a list of practices")
    if len(data["practices"]) > MAX_PRACTICES:
        raise RubricFileError(f"a rubric may have at most {MAX_PRACTICES} practices")
    practices = []
    for p_index, practice in enumerate(data["practices"], start=1):
        if not isinstance(practice, dict):
            raise RubricFileError(f"practice {p_index} is not an object")
        title = _texts(practice.get("title"), f"practice {p_index} title")
        questions_raw = practice.get("questions")
        if not isinstance(questions_raw, list) or not questions_raw:
            raise RubricFileError(f"practice {p_index} needs at least one question")
        if len(questions_raw) > MAX_QUESTIONS:
            raise RubricFileError(
                f"practice {p_index} has {len(questions_raw)} questions; "
                f"at most {MAX_QUESTIONS} are allowed"
            )
        questions = []
        for q_index, question in enumerate(questions_raw, start=1):
            where = f"question {p_index}.{q_index}"
            if not isinstance(question, dict):
                raise RubricFileError(f"{where} is not an object")
            scale = question.get("scale")
            if scale not in SCALES:
                raise RubricFileError(f"{where} scale must be 3 or 5")
            questions.append(
                QuestionSpec(
                    title=_texts(question.get("title"), f"{where} title"),
                    detail=_texts(question.get("detail", {}), f"{where} detail", allow_empty=True),
                    scale=int(scale),
                )
            )
        practices.append(PracticeSpec(title=title, questions=tuple(questions)))
    if not practices:
        raise RubricFileError("a rubric needs at least one practice")
    return RubricSpec(
        key=key,
        name=name or str(data.get("name") or key),
        source=str(data.get("source", "")),
        practices=tuple(practices),
    )


def _texts(value: Any, where: str, *, allow_empty: bool = False) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        raise RubricFileError(f"{where} must map language codes to texts")
    if not value and not allow_empty:
        raise RubricFileError(f"{where} is empty")
    for language, text in value.items():
        if len(text.strip()) > MAX_TEXT_LENGTH:
            raise RubricFileError(
                f"{where} ({language}) is {len(text.strip())} characters long; "
                f"at most {MAX_TEXT_LENGTH} are allowed"
            )
    return {k: v.strip() for k, v in value.items()}
