"""Rendered stats charts, kept per school, kind, language and data version with their file id."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.models import ChartImage


async def get_chart(
    session: AsyncSession, school_id: int, kind: str, language: str, data_version: str
) -> ChartImage | None:
    """The cached chart for exactly this data, or None when it must be rendered."""
    return await session.scalar(
        select(ChartImage).where(
            ChartImage.school_id == school_id,
            ChartImage.kind == kind,
            ChartImage.language == language,
            ChartImage.data_version == data_version,
        )
    )


async def save_chart(
    session: AsyncSession,
    school_id: int,
    kind: str,
    language: str,
    data_version: str,
    png: bytes,
) -> ChartImage:
    """Keep a freshly rendered chart; charts of this kind for older data are dropped."""
    existing = await get_chart(session, school_id, kind, language, data_version)
    if existing is not None:
        return existing
    await session.execute(
        delete(ChartImage).where(
            ChartImage.school_id == school_id,
            ChartImage.kind == kind,
            ChartImage.data_version != data_version,
        ),
        execution_options={"synchronize_session": False},
    )
    chart = ChartImage(
        school_id=school_id,
        kind=kind,
        language=language,
        data_version=data_version,
        png=png,
        file_id=None,
        created_at=utcnow(),
    )
    session.add(chart)
    await session.flush()
    return chart


async def set_file_id(session: AsyncSession, chart_id: int, file_id: str | None) -> None:
    """Remember the Telegram file id a chart was sent with (None forgets an expired one)."""
    chart = await session.get(ChartImage, chart_id)
    if chart is not None:
        chart.file_id = file_id
        await session.flush()
