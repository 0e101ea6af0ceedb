"""Importing observations: stored once per observation_id, replaced on re-import."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import Observation, Rating, RubricQuestion, School, TeachingPractice
from storage.observation_csv import ParsedObservations, parse_observations
from storage.observations import (
    ImportSummary,
    ObservationImportError,
    count_observations,
    delete_observations,
    import_observations,
    observation_counts,
)
from storage.rubrics import ensure_builtin_rubric, get_rubric

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "observations-sample.csv"
HEADER = "observation_id,observed_on,teacher,question,value,observer,subject\n"

Sessions = async_sessionmaker[AsyncSession]


async def parse_for(session: AsyncSession, school_id: int, data: bytes) -> ParsedObservations:
    school = await session.get(School, school_id)
    assert school is not None
    return parse_observations(data, await get_rubric(session, school.rubric_id))


async def import_bytes(sessionmaker: Sessions, school_id: int, data: bytes) -> ImportSummary:
    async with sessionmaker.begin() as session:
        parsed = await parse_for(session, school_id, data)
        assert parsed.ok, parsed.problems
        return await import_observations(session, school_id, parsed)


Stored = tuple[str, date, str, str | None, str | None, list[tuple[str, int]]]


async def stored(sessionmaker: Sessions, school_id: int) -> list[Stored]:
    """Each observation of the school with its ratings by question code."""
    async with sessionmaker() as session:
        observations = await session.scalars(
            select(Observation)
            .where(Observation.school_id == school_id)
            .order_by(Observation.external_id)
        )
        result = []
        for o in observations:
            rows = await session.execute(
                select(TeachingPractice.number, RubricQuestion.number, Rating.value)
                .join(RubricQuestion, RubricQuestion.id == Rating.question_id)
                .join(TeachingPractice, TeachingPractice.id == RubricQuestion.practice_id)
                .where(Rating.observation_id == o.id)
                .order_by(TeachingPractice.number, RubricQuestion.number)
            )
            ratings = [(f"{p}.{q}", v) for p, q, v in rows]
            result.append(
                (o.external_id, o.observed_on, o.teacher_name, o.observer, o.subject, ratings)
            )
        return result


async def test_the_sample_file_imports_with_the_expected_counts(
    sessionmaker: Sessions, school_id: int
) -> None:
    summary = await import_bytes(sessionmaker, school_id, SAMPLE.read_bytes())
    assert summary == ImportSummary(
        new=40,
        replaced=0,
        ratings=720,
        teachers=12,
        first_date=date(2026, 9, 3),
        last_date=date(2026, 11, 27),
    )
    async with sessionmaker() as session:
        counts = await observation_counts(session, school_id)
    assert (counts.observations, counts.ratings, counts.teachers) == (40, 720, 12)
    assert (counts.first_date, counts.last_date) == (date(2026, 9, 3), date(2026, 11, 27))


async def test_reimporting_the_same_file_replaces_and_counts_stay(
    sessionmaker: Sessions, school_id: int
) -> None:
    await import_bytes(sessionmaker, school_id, SAMPLE.read_bytes())
    before = await stored(sessionmaker, school_id)
    summary = await import_bytes(sessionmaker, school_id, SAMPLE.read_bytes())
    assert (summary.new, summary.replaced, summary.observations) == (0, 40, 40)
    async with sessionmaker() as session:
        counts = await observation_counts(session, school_id)
    assert (counts.observations, counts.ratings) == (40, 720)
    assert await stored(sessionmaker, school_id) == before


async def test_reimporting_an_observation_replaces_its_fields_and_ratings(
    sessionmaker: Sessions, school_id: int
) -> None:
    await import_bytes(
        sessionmaker,
        school_id,
        (
            HEADER
            + "A1,2026-09-03,Sita Sharma,1.1,3,Shanti,Nepali\n"
            + "A1,2026-09-03,Sita Sharma,2.1,4,Shanti,Nepali\n"
            + "A2,2026-09-04,Ram Thapa,2.1,2,,\n"
        ).encode(),
    )
    summary = await import_bytes(
        sessionmaker,
        school_id,
        (
            HEADER
            + "A1,2026-09-05,Sita  Sharma,4.5,5,Binod,\n"  # corrected date, one rating only
            + "A3,2026-10-01,Gita Adhikari,3.1,3,,Science\n"
        ).encode(),
    )
    assert (summary.new, summary.replaced, summary.ratings, summary.teachers) == (1, 1, 2, 2)
    assert (summary.first_date, summary.last_date) == (date(2026, 9, 5), date(2026, 10, 1))
    assert await stored(sessionmaker, school_id) == [
        ("A1", date(2026, 9, 5), "Sita Sharma", "Binod", None, [("4.5", 5)]),
        ("A2", date(2026, 9, 4), "Ram Thapa", None, None, [("2.1", 2)]),
        ("A3", date(2026, 10, 1), "Gita Adhikari", None, "Science", [("3.1", 3)]),
    ]


async def test_a_file_with_a_bad_row_imports_nothing(
    sessionmaker: Sessions, school_id: int
) -> None:
    data = (HEADER + "A1,2026-09-03,Sita,2.1,4,,\nA2,2026-09-03,Ram,2.1,7,,\n").encode()
    async with sessionmaker.begin() as session:
        parsed = await parse_for(session, school_id, data)
        assert not parsed.ok
        with pytest.raises(ObservationImportError):
            await import_observations(session, school_id, parsed)
    async with sessionmaker() as session:
        assert await count_observations(session, school_id) == 0
        assert await session.scalar(select(func.count(Rating.id))) == 0


async def test_a_file_checked_against_another_rubric_is_refused(
    sessionmaker: Sessions, school_id: int
) -> None:
    async with sessionmaker.begin() as session:
        sierra_leone = await ensure_builtin_rubric(session, "sierra_leone")
        parsed = parse_observations(
            (HEADER + "A1,2026-09-03,Sita,2.1,4,,\n").encode(), sierra_leone
        )
        assert parsed.ok
        with pytest.raises(ObservationImportError):
            await import_observations(session, school_id, parsed)


async def test_schools_keep_their_own_observations_with_the_same_ids(
    sessionmaker: Sessions, school_id: int, new_school: Callable[[str], Awaitable[int]]
) -> None:
    other = await new_school("Shree Saraswati School")
    data = (HEADER + "A1,2026-09-03,Sita,2.1,4,,\n").encode()
    await import_bytes(sessionmaker, school_id, data)
    summary = await import_bytes(sessionmaker, other, data)
    assert summary.new == 1
    async with sessionmaker.begin() as session:
        assert await count_observations(session, school_id) == 1
        assert await count_observations(session, other) == 1
        assert await delete_observations(session, other) == 1
    async with sessionmaker() as session:
        assert await count_observations(session, school_id) == 1
        assert await count_observations(session, other) == 0
        assert await session.scalar(select(func.count(Rating.id))) == 1


async def test_counts_of_a_school_without_observations(
    sessionmaker: Sessions, school_id: int
) -> None:
    async with sessionmaker() as session:
        counts = await observation_counts(session, school_id)
        school = await session.get(School, school_id)
        assert school is not None
        assert await count_observations(session, school_id, rubric_id=school.rubric_id) == 0
    assert (counts.observations, counts.ratings, counts.teachers) == (0, 0, 0)
    assert counts.first_date is None and counts.last_date is None


async def test_count_on_a_rubric_counts_only_observations_rated_on_it(
    sessionmaker: Sessions, school_id: int
) -> None:
    await import_bytes(sessionmaker, school_id, (HEADER + "A1,2026-09-03,Sita,2.1,4,,\n").encode())
    async with sessionmaker.begin() as session:
        school = await session.get(School, school_id)
        assert school is not None
        other = await ensure_builtin_rubric(session, "sierra_leone")
        assert await count_observations(session, school_id, rubric_id=school.rubric_id) == 1
        assert await count_observations(session, school_id, rubric_id=other.id) == 0
