"""Storage tests run on a fresh, migrated database each: SQLite, and PostgreSQL too when CI
provides one (the `database_url` fixture of tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.database import create_engine, create_sessionmaker
from storage.migrations import upgrade
from storage.schools import PersonInfo, create_school, upsert_person

SchoolFactory = Callable[[str], Awaitable[int]]


@pytest.fixture
async def sessionmaker(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory on a new database built by the migrations."""
    engine = create_engine(database_url)
    await upgrade(engine)
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def new_school(sessionmaker: async_sessionmaker[AsyncSession]) -> SchoolFactory:
    """Makes a school on the default (Nepal) rubric, with a head teacher; returns its id."""

    async def make(name: str) -> int:
        async with sessionmaker.begin() as session:
            head = await upsert_person(
                session, PersonInfo(id=1001, display_name="Head", telegram_language="en")
            )
            school = await create_school(session, name=name, head_teacher=head)
            return school.id

    return make


@pytest.fixture
async def school_id(new_school: SchoolFactory) -> int:
    """The id of a new school on the Nepal rubric."""
    return await new_school("Shree Janata School")
