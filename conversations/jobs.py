"""Background jobs of the CoP: closing idle meetings, finishing interrupted summaries."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.context import CopContext
from bot.update_processor import serialized_chat
from conversations import board
from conversations.summary import send_summary
from handlers.common import translator_for_chat
from handlers.delivery import quietly
from storage.cops import finish_cop, get_cop, idle_cops, unsent_summaries
from storage.models import CopStatus

_LOGGER = logging.getLogger(__name__)

RESEND_WITHIN = timedelta(days=1)


async def close_idle_cops(context: CopContext) -> None:
    """Close CoPs idle longer than COP_IDLE_HOURS as unfinished; their notes stay in /history."""
    idle_for = timedelta(hours=context.settings.cop_idle_hours)
    async with context.db.begin() as session:
        candidates = [(cop.id, cop.chat_id) for cop in await idle_cops(session, idle_for)]
    for cop_id, chat_id in candidates:
        async with serialized_chat(context.application, chat_id):
            async with context.db.begin() as session:
                cop = await get_cop(session, cop_id)
                if cop is None or cop.status != CopStatus.IN_PROGRESS:
                    continue
                t = await translator_for_chat(session, context.catalog, chat_id)
                await board.finalize_board(context, session, cop, t)
                await finish_cop(session, cop, CopStatus.EXPIRED)
            _LOGGER.info("CoP %s closed after being idle", cop_id)
            await quietly(
                context.bot.send_message(
                    chat_id, t("cop-expired", hours=int(context.settings.cop_idle_hours))
                ),
                "idle notice",
            )


async def resend_unsent_summaries(context: CopContext) -> None:
    """A CoP completed just before the bot stopped still gets its summary."""
    async with context.db.begin() as session:
        pending = [(cop.id, cop.chat_id) for cop in await unsent_summaries(session, RESEND_WITHIN)]
    for cop_id, chat_id in pending:
        async with serialized_chat(context.application, chat_id):
            async with context.db.begin() as session:
                t = await translator_for_chat(session, context.catalog, chat_id)
            _LOGGER.info("sending the summary of CoP %s that was interrupted", cop_id)
            await send_summary(context, cop_id, t, pin=True)
