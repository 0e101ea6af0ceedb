"""Which updates were handled already, so Telegram's redeliveries change nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.models import ProcessedUpdate


async def was_processed(session: AsyncSession, update_id: int) -> bool:
    """Whether this update id was handled before."""
    found = await session.scalar(
        select(ProcessedUpdate.update_id).where(ProcessedUpdate.update_id == update_id)
    )
    return found is not None


async def mark_processed(session: AsyncSession, update_id: int) -> None:
    """Remember a handled update id (idempotent)."""
    try:
        async with session.begin_nested():
            session.add(ProcessedUpdate(update_id=update_id, processed_at=utcnow()))
    except IntegrityError:
        pass


async def forget_processed(session: AsyncSession, older_than: timedelta) -> None:
    """Drop old ids: Telegram keeps undelivered updates for at most a day."""
    await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < utcnow() - older_than)
    )
