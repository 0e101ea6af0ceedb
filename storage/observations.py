"""A school's class observations in the database: importing a checked CSV, counting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.models import Observation, Rating, RubricQuestion, School, TeachingPractice
from storage.observation_csv import ParsedObservations

_CHUNK: Final = 500
"""Ids per IN (...) list, well under SQLite's and PostgreSQL's parameter limits."""


class ObservationImportError(ValueError):
    """Parsed observations that cannot be imported into this school."""


@dataclass(frozen=True)
class ImportSummary:
    """What one import changed: observations new and replaced, and what the file held."""

    new: int
    replaced: int
    ratings: int
    teachers: int
    first_date: date | None
    last_date: date | None

    @property
    def observations(self) -> int:
        """Observations imported, new or replacing earlier ones."""
        return self.new + self.replaced


@dataclass(frozen=True)
class ObservationCounts:
    """What a school holds: observations, ratings, teachers observed and the dates covered."""

    observations: int
    ratings: int
    teachers: int
    first_date: date | None
    last_date: date | None


async def import_observations(
    session: AsyncSession, school_id: int, parsed: ParsedObservations
) -> ImportSummary:
    """Store checked observations; an observation_id already stored is replaced, not repeated."""
    if not parsed.ok:
        raise ObservationImportError("the file has problems; nothing may be imported")
    school = await session.get(School, school_id)
    if school is None:
        raise LookupError(f"school {school_id} does not exist")
    if parsed.rubric_id is not None and parsed.rubric_id != school.rubric_id:
        raise ObservationImportError("the file was checked against another rubric")

    question_ids = await _question_ids(session, school.rubric_id)
    for observation in parsed.observations:
        for rating in observation.ratings:
            if (rating.practice, rating.question) not in question_ids:
                raise ObservationImportError(f"question {rating.code} is not in the rubric")

    rows = await session.execute(
        select(Observation.external_id, Observation.id).where(Observation.school_id == school_id)
    )
    existing = {external_id: observation_id for external_id, observation_id in rows}
    now = utcnow()
    replaced = [o for o in parsed.observations if o.external_id in existing]
    added = [o for o in parsed.observations if o.external_id not in existing]

    replaced_ids = [existing[o.external_id] for o in replaced]
    for start in range(0, len(replaced_ids), _CHUNK):
        chunk = replaced_ids[start : start + _CHUNK]
        await session.execute(
            delete(Rating).where(Rating.observation_id.in_(chunk)),
            execution_options={"synchronize_session": False},
        )
    if replaced:
        await session.execute(
            update(Observation),
            [
                {
                    "id": existing[o.external_id],
                    "observed_on": o.observed_on,
                    "teacher_name": o.teacher,
                    "observer": o.observer,
                    "subject": o.subject,
                    "imported_at": now,
                }
                for o in replaced
            ],
        )

    ids = {o.external_id: existing[o.external_id] for o in replaced}
    if added:
        # One executemany, then the new ids by external id: RETURNING in parameter order would
        # make SQLite insert row by row.
        await session.execute(
            insert(Observation),
            [
                {
                    "school_id": school_id,
                    "external_id": o.external_id,
                    "observed_on": o.observed_on,
                    "teacher_name": o.teacher,
                    "observer": o.observer,
                    "subject": o.subject,
                    "imported_at": now,
                }
                for o in added
            ],
        )
        new_ids = await session.execute(
            select(Observation.external_id, Observation.id).where(
                Observation.school_id == school_id
            )
        )
        ids = {external_id: observation_id for external_id, observation_id in new_ids}

    rating_rows: list[dict[str, Any]] = [
        {
            "observation_id": ids[o.external_id],
            "question_id": question_ids[(r.practice, r.question)],
            "value": r.value,
        }
        for o in parsed.observations
        for r in o.ratings
    ]
    if rating_rows:
        await session.execute(insert(Rating), rating_rows)
    await session.flush()

    dates = [o.observed_on for o in parsed.observations]
    return ImportSummary(
        new=len(added),
        replaced=len(replaced),
        ratings=len(rating_rows),
        teachers=len({o.teacher.casefold() for o in parsed.observations}),
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
    )


async def observation_counts(session: AsyncSession, school_id: int) -> ObservationCounts:
    """How many observations and ratings the school has, of how many teachers, over which dates."""
    row = (
        await session.execute(
            select(
                func.count(Observation.id),
                func.min(Observation.observed_on),
                func.max(Observation.observed_on),
            ).where(Observation.school_id == school_id)
        )
    ).one()
    ratings = await session.scalar(
        select(func.count(Rating.id))
        .join(Observation, Observation.id == Rating.observation_id)
        .where(Observation.school_id == school_id)
    )
    names = await session.scalars(
        select(Observation.teacher_name).where(Observation.school_id == school_id).distinct()
    )
    return ObservationCounts(
        observations=int(row[0] or 0),
        ratings=int(ratings or 0),
        teachers=len({name.casefold() for name in names}),
        first_date=row[1],
        last_date=row[2],
    )


async def count_observations(
    session: AsyncSession, school_id: int, *, rubric_id: int | None = None
) -> int:
    """The school's observations; with a rubric, only those with a rating on that rubric."""
    query = select(func.count(Observation.id)).where(Observation.school_id == school_id)
    if rubric_id is not None:
        rated = (
            select(Rating.id)
            .join(RubricQuestion, RubricQuestion.id == Rating.question_id)
            .join(TeachingPractice, TeachingPractice.id == RubricQuestion.practice_id)
            .where(Rating.observation_id == Observation.id, TeachingPractice.rubric_id == rubric_id)
        )
        query = query.where(rated.exists())
    return int(await session.scalar(query) or 0)


async def delete_observations(session: AsyncSession, school_id: int) -> int:
    """Remove all the school's observations with their ratings; returns how many there were."""
    ids = list(
        await session.scalars(select(Observation.id).where(Observation.school_id == school_id))
    )
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        await session.execute(
            delete(Rating).where(Rating.observation_id.in_(chunk)),
            execution_options={"synchronize_session": False},
        )
        await session.execute(
            delete(Observation).where(Observation.id.in_(chunk)),
            execution_options={"synchronize_session": False},
        )
    await session.flush()
    return len(ids)


async def _question_ids(session: AsyncSession, rubric_id: int) -> dict[tuple[int, int], int]:
    rows = await session.execute(
        select(TeachingPractice.number, RubricQuestion.number, RubricQuestion.id)
        .join(RubricQuestion, RubricQuestion.practice_id == TeachingPractice.id)
        .where(TeachingPractice.rubric_id == rubric_id)
    )
    return {(practice, question): question_id for practice, question, question_id in rows}
