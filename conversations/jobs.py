"""Background jobs of the CoP: closing idle meetings, finishing interrupted summaries, pruning."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.context import CopContext
from bot.update_processor import serialized_chat
from conversations import board
from conversations.summary import send_summary
from handlers.common import translator_for_chat
from handlers.delivery import quietly
from storage.clock import utcnow
from storage.cops import finish_cop, get_cop, idle_cops, unsent_summaries
from storage.models import CopStatus
from storage.schools import forget_failed_joins
from storage.updates import forget_processed

_LOGGER = logging.getLogger(__name__)

RESEND_WITHIN = timedelta(days=3)
RESEND_AFTER = timedelta(minutes=2)
KEEP_UPDATE_IDS = timedelta(days=2)
KEEP_FAILED_JOINS = timedelta(hours=2)


async def close_idle_cops(context: CopContext) -> None:
    """Close CoPs idle longer than COP_IDLE_HOURS as unfinished; their notes stay in /history."""
    idle_for = timedelta(hours=context.settings.cop_idle_hours)
    async with context.db.begin() as session:
        candidates = [(cop.id, cop.chat_id) for cop in await idle_cops(session, idle_for)]
    for cop_id, chat_id in candidates:
        try:
            await _close_if_still_idle(context, cop_id, chat_id, idle_for)
        except Exception:  # one school's trouble must not keep the others' CoPs open
            _LOGGER.exception("closing idle CoP %s failed", cop_id)


async def _close_if_still_idle(
    context: CopContext, cop_id: int, chat_id: int, idle_for: timedelta
) -> None:
    async with serialized_chat(context.application, chat_id):
        async with context.db.begin() as session:
            cop = await get_cop(session, cop_id)
            if cop is None or cop.status != CopStatus.IN_PROGRESS:
                return
            if cop.last_activity_at >= utcnow() - idle_for:
                return  # someone took part while this job waited for the chat
            t = await translator_for_chat(session, context.catalog, chat_id)
            await finish_cop(session, cop, CopStatus.EXPIRED)
        async with context.db.begin() as session:
            await board.finalize_board(context, session, cop, t)
        _LOGGER.info("CoP %s closed after being idle", cop_id)
        await quietly(
            context.bot.send_message(chat_id, t("cop-expired", hours=_hours(idle_for))),
            "idle notice",
        )


def _hours(period: timedelta) -> str:
    hours = period.total_seconds() / 3600
    return f"{hours:g}" if hours < 1 else str(round(hours))


async def resend_unsent_summaries(context: CopContext) -> None:
    """A completed CoP whose summary did not get through (the bot stopped, Telegram was down)."""
    async with context.db.begin() as session:
        pending = [
            (cop.id, cop.chat_id)
            for cop in await unsent_summaries(session, RESEND_WITHIN)
            if cop.finished_at is not None and cop.finished_at <= utcnow() - RESEND_AFTER
        ]
    for cop_id, chat_id in pending:
        try:
            async with serialized_chat(context.application, chat_id):
                async with context.db.begin() as session:
                    cop = await get_cop(session, cop_id)
                    if cop is None or cop.summary_sent:
                        continue
                    t = await translator_for_chat(session, context.catalog, chat_id)
                _LOGGER.info("sending the summary of CoP %s again", cop_id)
                await send_summary(context, cop_id, t, pin=True)
        except Exception:  # the next run tries again
            _LOGGER.exception("summary of CoP %s still not sent", cop_id)


async def prune(context: CopContext) -> None:
    """Forget redelivery ids and wrong join codes that no longer matter."""
    async with context.db.begin() as session:
        await forget_processed(session, KEEP_UPDATE_IDS)
        await forget_failed_joins(session, KEEP_FAILED_JOINS)
