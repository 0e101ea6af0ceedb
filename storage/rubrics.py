"""Rubrics in the database: installing the shipped ones and reading a school's."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.models import Rubric, RubricQuestion, TeachingPractice
from storage.rubric_files import RubricSpec, load_builtin


async def install_rubric(session: AsyncSession, spec: RubricSpec) -> Rubric:
    """Store a rubric under its key; an existing rubric of that key is returned unchanged."""
    existing = await get_rubric_by_key(session, spec.key)
    if existing is not None:
        return existing
    rubric = rubric_from_spec(spec)
    session.add(rubric)
    await session.flush()
    return rubric


def rubric_from_spec(spec: RubricSpec) -> Rubric:
    """A rubric file as ORM objects, numbered in file order (not yet in any session)."""
    rubric = Rubric(key=spec.key, name=spec.name, source=spec.source)
    for p_number, practice in enumerate(spec.practices, start=1):
        rubric.practices.append(
            TeachingPractice(
                number=p_number,
                title=dict(practice.title),
                questions=[
                    RubricQuestion(
                        number=q_number,
                        title=dict(question.title),
                        detail=dict(question.detail),
                        scale=question.scale,
                    )
                    for q_number, question in enumerate(practice.questions, start=1)
                ],
            )
        )
    return rubric


async def ensure_builtin_rubric(session: AsyncSession, key: str) -> Rubric:
    """The shipped rubric of that key, installing it on first use."""
    return await install_rubric(session, load_builtin(key))


async def get_rubric_by_key(session: AsyncSession, key: str) -> Rubric | None:
    """A rubric with its practices and questions loaded."""
    return await session.scalar(_rubric_query().where(Rubric.key == key))


async def get_rubric(session: AsyncSession, rubric_id: int) -> Rubric:
    """A rubric by id with its practices and questions loaded."""
    rubric = await session.scalar(_rubric_query().where(Rubric.id == rubric_id))
    if rubric is None:
        raise LookupError(f"rubric {rubric_id} does not exist")
    return rubric


def _rubric_query() -> Select[Rubric]:
    return select(Rubric).options(
        selectinload(Rubric.practices).selectinload(TeachingPractice.questions)
    )
