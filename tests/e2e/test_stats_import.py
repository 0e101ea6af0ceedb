"""/import of the sample observations, then /stats: the figures match the CSV, computed here."""

from __future__ import annotations

import csv
import json
import math
import re
from fractions import Fraction
from pathlib import Path

from fakebotapi import FakeTelegram
from tests.chat.helpers import new_school, say, texts
from tests.e2e.process import REPO, running_bot

SAMPLE = REPO / "examples" / "observations-sample.csv"
RUBRICS = Path("/work/shared/reference/coach-rubrics.json")
THREE_POINT_QUESTIONS = {"1.1", "1.2", "1.3"}  # Nepal rubric: "Time on learning"
THREE_TO_FIVE = {1: 1, 2: 4, 3: 5}


def one_decimal(value: Fraction) -> str:
    """Half up, exactly: 3.95 -> 4.0."""
    tenths = math.floor(value * 10 + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10}"


def expected_figures(path: Path) -> tuple[Fraction, dict[int, Fraction], int]:
    """School average, practice number -> average, number of observations, per coach-facts.md."""
    per_observation: dict[tuple[int, str], list[int]] = {}
    with path.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            question = row["question"].strip()
            practice = int(question.split(".")[0])
            value = int(row["value"])
            score = THREE_TO_FIVE[value] if question in THREE_POINT_QUESTIONS else value
            per_observation.setdefault((practice, row["observation_id"]), []).append(score)
    means: dict[int, list[Fraction]] = {}
    for (practice, _observation), scores in per_observation.items():
        means.setdefault(practice, []).append(Fraction(sum(scores), len(scores)))
    practices = {p: sum(m, Fraction(0)) / len(m) for p, m in means.items()}
    school = sum(practices.values(), Fraction(0)) / len(practices)
    observations = len({observation for _practice, observation in per_observation})
    return school, practices, observations


def practice_titles() -> dict[int, str]:
    rubric = json.loads(RUBRICS.read_text(encoding="utf-8"))["nepal"]
    return {i: p["title"]["en"] for i, p in enumerate(rubric["practices"], start=1)}


def listed(section: str) -> dict[str, str]:
    """Title -> displayed score for the lines "• 4.2 Title (+0.1)" of a section."""
    found: dict[str, str] = {}
    for line in section.splitlines():
        match = re.match(r"^• (\d+\.\d) (.+?)(?: \([+-]?\d+\.\d\))?$", line.strip())
        if match:
            found[match.group(2)] = match.group(1)
    return found


async def test_stats_after_import_match_the_csv(tg: FakeTelegram, tmp_path: Path) -> None:
    school, practices, observations = expected_figures(SAMPLE)
    titles = practice_titles()
    assert set(practices) == set(titles)

    async with running_bot(tg, tmp_path):
        head = tg.user("Asha")
        dm = tg.private_chat(head)
        await new_school(tg, head)
        tg.send_document(head, dm, "observations.csv", SAMPLE.read_bytes(), caption="/import")
        await tg.wait_for(lambda: any("Imported" in t for t in texts(tg, dm)), timeout=20.0)
        await tg.settle()
        assert f"Imported {observations} observations" in texts(tg, dm)[-1]
        before = len(tg.bot_messages(dm))
        await say(tg, head, dm, "/stats")
        await tg.wait_for(
            lambda: any("School average" in t for t in texts(tg, dm)[before:]), timeout=20.0
        )
        await tg.settle(quiet=0.5)
        figures = next(t for t in texts(tg, dm)[before:] if "School average" in t)

    assert f"School average: {one_decimal(school)} / 5" in figures, figures
    assert f"{observations} observations" in figures
    positives_at = figures.index("Positives") if "Positives" in figures else None
    improve_at = figures.index("Needs improvement") if "Needs improvement" in figures else None
    end = len(figures)
    positives = listed(figures[positives_at : improve_at or end]) if positives_at else {}
    improve = listed(figures[improve_at:end]) if improve_at is not None else {}
    shown = {**positives, **improve}
    assert len(shown) == len(practices), figures
    for number, average in practices.items():
        title, score = titles[number], one_decimal(average)
        assert shown.get(title) == score, (title, score, figures)
        expected_section = positives if Fraction(score) >= 4 else improve
        assert title in expected_section, (title, score, figures)
