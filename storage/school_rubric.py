"""Changing the rubric a school's observations are rated on: a shipped one or the school's own."""

from __future__ import annotations

import json
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Rubric, School
from storage.observations import count_observations
from storage.rubric_files import BUILTIN_RUBRICS, RubricFileError, load_builtin, parse_rubric
from storage.rubrics import get_rubric, install_rubric

MAX_RUBRIC_BYTES: Final = 200_000
MAX_RUBRIC_NAME: Final = 200


class RubricInUseError(Exception):
    """The school has observations rated on its current rubric, so it cannot change rubric."""

    def __init__(self, school_id: int, observations: int) -> None:
        super().__init__(
            f"school {school_id} has {observations} observations rated on its current rubric"
        )
        self.school_id = school_id
        self.observations = observations


class UnknownRubricError(LookupError):
    """No shipped rubric has that key."""


async def set_builtin_rubric(session: AsyncSession, school_id: int, key: str) -> Rubric:
    """Put the school on a shipped rubric (installed on first use); refused while rated."""
    if key not in BUILTIN_RUBRICS:
        raise UnknownRubricError(key)
    school = await _school(session, school_id)
    current = await get_rubric(session, school.rubric_id)
    if current.key == key:
        return current
    await _refuse_if_rated(session, school)
    rubric = await install_rubric(session, load_builtin(key))
    school.rubric_id = rubric.id
    await session.flush()
    return rubric


async def set_own_rubric(
    session: AsyncSession, school_id: int, data: bytes, *, name: str | None = None
) -> Rubric:
    """Put the school on its own rubric file (one rubric in coach-rubrics.json's shape).

    Raises RubricFileError when the file is unusable and RubricInUseError while the school has
    observations on its current rubric. The rubric is stored under a new key, school-<id>-<n>.
    """
    if len(data) > MAX_RUBRIC_BYTES:
        raise RubricFileError(f"a rubric file may be at most {MAX_RUBRIC_BYTES // 1000} kB")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RubricFileError("a rubric file must be JSON in UTF-8") from exc
    school = await _school(session, school_id)
    key = await _next_key(session, school_id)
    spec = parse_rubric(raw, key=key, name=name)
    if len(spec.name) > MAX_RUBRIC_NAME:
        raise RubricFileError(f"a rubric name may be at most {MAX_RUBRIC_NAME} characters")
    await _refuse_if_rated(session, school)
    rubric = await install_rubric(session, spec)
    school.rubric_id = rubric.id
    await session.flush()
    return rubric


async def _school(session: AsyncSession, school_id: int) -> School:
    school = await session.get(School, school_id)
    if school is None:
        raise LookupError(f"school {school_id} does not exist")
    return school


async def _refuse_if_rated(session: AsyncSession, school: School) -> None:
    rated = await count_observations(session, school.id, rubric_id=school.rubric_id)
    if rated:
        raise RubricInUseError(school.id, rated)


async def _next_key(session: AsyncSession, school_id: int) -> str:
    prefix = f"school-{school_id}-"
    keys = await session.scalars(select(Rubric.key).where(Rubric.key.startswith(prefix)))
    numbers = [int(k[len(prefix) :]) for k in keys if k[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"
