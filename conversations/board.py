"""The live board of a collecting step: one message, edited at most every few seconds."""

from __future__ import annotations

import logging
import time
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError

from bot.context import CopContext
from bot.i18n import Translator
from bot.rate_limiter import NO_WAIT
from bot.update_processor import serialized_chat
from conversations import keyboards
from conversations.render import board_text
from conversations.steps import spec_of
from handlers.common import translator_for_chat
from handlers.delivery import reliably, retry_after_seconds
from storage.cops import cop_notes, get_board, get_cop, set_board
from storage.models import CopSession, CopStatus

_LOGGER = logging.getLogger(__name__)

LAST_EDITS = "board_last_edit"
SHOWN = "board_shown_text"


async def send_board(
    context: CopContext, session: AsyncSession, cop: CopSession, t: Translator
) -> Message:
    """Send a step's board with the navigation buttons and remember it."""
    spec = spec_of(cop.step)
    notes = await cop_notes(session, cop.id, cop.step)
    text = board_text(t, spec, notes)
    message = await reliably(
        lambda: context.bot.send_message(
            cop.chat_id, text, reply_markup=keyboards.navigation(t, cop)
        ),
        "board",
    )
    await set_board(session, cop, cop.step, cop.chat_id, message.message_id)
    _last_edits(context)[(cop.id, cop.step)] = time.monotonic()
    _shown(context)[(cop.chat_id, message.message_id)] = text
    return message


async def finalize_board(
    context: CopContext, session: AsyncSession, cop: CopSession, t: Translator
) -> None:
    """Show every note of the step on its board and take the buttons off."""
    board = await get_board(session, cop.id, cop.step)
    if board is None:
        return
    notes = await cop_notes(session, cop.id, cop.step)
    await _edit(context, board.chat_id, board.message_id, board_text(t, spec_of(cop.step), notes))


def request_refresh(
    context: CopContext, cop_id: int, step: str, chat_id: int, *, not_before: float = 0.0
) -> None:
    """Ask for the board to show new notes; edits are spaced by BOARD_EDIT_SECONDS (and by a
    flood limit's wait, `not_before` seconds from now)."""
    job_queue = context.job_queue
    if job_queue is None:
        raise RuntimeError("the board needs the job queue")
    name = f"board:{cop_id}:{step}"
    if job_queue.get_jobs_by_name(name):
        return
    interval = context.settings.board_edit_seconds
    last = _last_edits(context).get((cop_id, step), float("-inf"))
    delay = max(not_before, last + interval - time.monotonic())
    job_queue.run_once(_refresh, when=delay, data=(cop_id, step, chat_id), name=name)  # type: ignore[arg-type]


async def _refresh(context: CopContext) -> None:
    job = context.job
    if job is None:
        return
    cop_id, step, chat_id = cast(tuple[int, str, int], job.data)
    async with serialized_chat(context.application, chat_id):
        async with context.db.begin() as session:
            cop = await get_cop(session, cop_id)
            if cop is None or cop.status != CopStatus.IN_PROGRESS or cop.step != step:
                return
            board = await get_board(session, cop_id, step)
            if board is None:
                return
            notes = await cop_notes(session, cop_id, step)
            t = await translator_for_chat(session, context.catalog, board.chat_id)
        text = board_text(t, spec_of(step), notes)
        if _shown(context).get((board.chat_id, board.message_id)) == text:
            return  # an earlier edit already showed these notes
        _last_edits(context)[(cop_id, step)] = time.monotonic()
        # One attempt: this runs in the chat's turn, so it must not hold the chat for long.
        try:
            await context.bot.edit_message_text(
                text,
                board.chat_id,
                board.message_id,
                reply_markup=keyboards.navigation(t, cop),
                rate_limit_args=NO_WAIT,
            )
        except BadRequest as error:
            if "not modified" not in error.message:
                _LOGGER.warning("board %s could not be edited: %s", board.message_id, error)
        except RetryAfter as error:
            _LOGGER.info("board edit postponed: %s", error)
            request_refresh(context, cop_id, step, chat_id, not_before=retry_after_seconds(error))
            return
        except NetworkError as error:
            _LOGGER.info("board edit postponed: %s", error)
            request_refresh(context, cop_id, step, chat_id)
            return
        except TelegramError as error:
            _LOGGER.warning("board %s could not be edited: %s", board.message_id, error)
        _shown(context)[(board.chat_id, board.message_id)] = text


async def _edit(context: CopContext, chat_id: int, message_id: int, text: str) -> None:
    """The board's last edit: every note, no buttons."""
    try:
        await reliably(
            lambda: context.bot.edit_message_text(text, chat_id, message_id, reply_markup=None),
            "board edit",
        )
    except BadRequest as error:
        if "not modified" not in error.message:
            _LOGGER.warning("board %s/%s could not be edited: %s", chat_id, message_id, error)
    except TelegramError as error:
        # The bot was removed, the group moved, or Telegram is unreachable: the notes are
        # stored either way, and a board that cannot be edited must not stop the meeting.
        _LOGGER.warning("board %s/%s could not be edited: %s", chat_id, message_id, error)


def _last_edits(context: CopContext) -> dict[tuple[int, str], float]:
    edits: dict[tuple[int, str], float] = context.services.extras.setdefault(LAST_EDITS, {})
    return edits


def _shown(context: CopContext) -> dict[tuple[int, int], str]:
    shown: dict[tuple[int, int], str] = context.services.extras.setdefault(SHOWN, {})
    if len(shown) > 10_000:
        shown.clear()
    return shown
