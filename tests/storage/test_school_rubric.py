"""Switching a school's rubric: shipped or its own file, refused once observations are rated."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import School
from storage.observation_csv import parse_observations
from storage.observations import delete_observations, import_observations
from storage.rubric_files import RubricFileError
from storage.rubrics import get_rubric
from storage.school_rubric import (
    MAX_RUBRIC_BYTES,
    RubricInUseError,
    UnknownRubricError,
    set_builtin_rubric,
    set_own_rubric,
)

Sessions = async_sessionmaker[AsyncSession]

OWN_RUBRIC = {
    "name": "Our school's rubric",
    "practices": [
        {
            "title": {"en": "Reading aloud"},
            "questions": [
                {"title": {"en": "Students read aloud"}, "scale": 5},
                {"title": {"en": "The teacher models reading"}, "scale": 3},
            ],
        }
    ],
}


async def school_rubric_key(sessionmaker: Sessions, school_id: int) -> str:
    async with sessionmaker() as session:
        school = await session.get(School, school_id)
        assert school is not None
        return (await get_rubric(session, school.rubric_id)).key


async def rate_one_lesson(sessionmaker: Sessions, school_id: int) -> None:
    async with sessionmaker.begin() as session:
        school = await session.get(School, school_id)
        assert school is not None
        parsed = parse_observations(
            b"observation_id,observed_on,teacher,question,value\nA1,2026-09-03,Sita,1.1,3\n",
            await get_rubric(session, school.rubric_id),
        )
        await import_observations(session, school_id, parsed)


async def test_a_school_without_observations_switches_to_a_shipped_rubric(
    sessionmaker: Sessions, school_id: int
) -> None:
    assert await school_rubric_key(sessionmaker, school_id) == "nepal"
    async with sessionmaker.begin() as session:
        rubric = await set_builtin_rubric(session, school_id, "sierra_leone")
        assert rubric.key == "sierra_leone"
    assert await school_rubric_key(sessionmaker, school_id) == "sierra_leone"


async def test_an_unknown_shipped_rubric_is_refused(sessionmaker: Sessions, school_id: int) -> None:
    async with sessionmaker.begin() as session:
        with pytest.raises(UnknownRubricError):
            await set_builtin_rubric(session, school_id, "atlantis")


async def test_a_school_with_rated_observations_cannot_switch(
    sessionmaker: Sessions, school_id: int
) -> None:
    await rate_one_lesson(sessionmaker, school_id)
    async with sessionmaker.begin() as session:
        with pytest.raises(RubricInUseError) as refused:
            await set_builtin_rubric(session, school_id, "sierra_leone")
        assert refused.value.observations == 1
        with pytest.raises(RubricInUseError):
            await set_own_rubric(session, school_id, json.dumps(OWN_RUBRIC).encode())
        # choosing the rubric it already has changes nothing and is not refused
        assert (await set_builtin_rubric(session, school_id, "nepal")).key == "nepal"
    assert await school_rubric_key(sessionmaker, school_id) == "nepal"

    async with sessionmaker.begin() as session:
        await delete_observations(session, school_id)
        await set_builtin_rubric(session, school_id, "sierra_leone")
    assert await school_rubric_key(sessionmaker, school_id) == "sierra_leone"


async def test_a_schools_own_rubric_gets_a_key_of_its_own_each_time(
    sessionmaker: Sessions, school_id: int
) -> None:
    data = json.dumps(OWN_RUBRIC).encode()
    async with sessionmaker.begin() as session:
        first = await set_own_rubric(session, school_id, b"\xef\xbb\xbf" + data)
        assert first.key == f"school-{school_id}-1"
        assert first.name == "Our school's rubric"
    async with sessionmaker.begin() as session:
        second = await set_own_rubric(session, school_id, data, name="Version 2")
        assert second.key == f"school-{school_id}-2"
    async with sessionmaker() as session:
        school = await session.get(School, school_id)
        assert school is not None
        rubric = await get_rubric(session, school.rubric_id)
    assert rubric.name == "Version 2"
    assert [q.scale for q in rubric.practices[0].questions] == [5, 3]

    # observations are then checked against the school's own rubric
    parsed = parse_observations(
        b"observation_id,observed_on,teacher,question,value\n"
        b"A1,2026-09-03,Sita,Students read aloud,5\nA1,2026-09-03,Sita,1.2,4\n",
        rubric,
    )
    assert [(p.line, p.code) for p in parsed.problems] == [(3, "csv-error-value-out-of-scale")]


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe{}",
        b"not json",
        b'{"practices": []}',
        json.dumps({"practices": [{"title": {"en": "X"}, "questions": []}]}).encode(),
        json.dumps(
            {
                "practices": [
                    {"title": {"en": "X"}, "questions": [{"title": {"en": "Q"}, "scale": 4}]}
                ]
            }
        ).encode(),
        json.dumps({**OWN_RUBRIC, "name": "n" * 201}).encode(),
        b" " * (MAX_RUBRIC_BYTES + 1),
    ],
)
async def test_unusable_rubric_files_are_refused_and_change_nothing(
    sessionmaker: Sessions, school_id: int, data: bytes
) -> None:
    async with sessionmaker.begin() as session:
        with pytest.raises(RubricFileError):
            await set_own_rubric(session, school_id, data)
    assert await school_rubric_key(sessionmaker, school_id) == "nepal"
