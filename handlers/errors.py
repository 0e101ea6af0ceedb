"""The global error handler: log with ids, never note text or the token; reassure the person."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.context import CopContext
from bot.i18n import Translator, plain
from handlers.common import translator_for_chat

_LOGGER = logging.getLogger(__name__)


async def on_error(update: object, context: CopContext) -> None:
    """Log the failure with the update's ids and tell the person nothing was lost."""
    error = context.error
    if isinstance(update, Update):
        _LOGGER.error(
            "update %s failed (chat %s, user %s, message %s): %s",
            update.update_id,
            update.effective_chat.id if update.effective_chat else None,
            update.effective_user.id if update.effective_user else None,
            update.effective_message.message_id if update.effective_message else None,
            type(error).__name__,
            exc_info=error,
        )
        await _apologise(update, context)
    else:
        _LOGGER.error("background job failed: %s", type(error).__name__, exc_info=error)


async def _apologise(update: Update, context: CopContext) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    t = await _translator(update, context, chat.id)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(plain(t("error-generic")), show_alert=True)
            return
        except TelegramError:
            pass  # answered already, before the work failed: say it in the chat instead
    try:
        await context.bot.send_message(chat.id, t("error-generic"))
    except TelegramError as error:
        _LOGGER.warning("could not tell chat %s about the error: %s", chat.id, error)


async def _translator(update: Update, context: CopContext, chat_id: int) -> Translator:
    """The chat's language; Telegram's, when the database is what failed."""
    catalog = context.catalog
    try:
        async with context.db() as session:
            return await translator_for_chat(session, catalog, chat_id)
    except Exception:  # the database may be the very thing that failed
        user = update.effective_user
        return catalog.translator(catalog.resolve(user.language_code if user else None))
