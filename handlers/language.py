"""/lang: choose the language, for oneself or (head teacher) for a group."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import CopContext
from handlers.common import answer, identify, is_group, translator_for
from handlers.members import edit_query_message
from storage.schools import set_chat_language, set_person_language

CALLBACK = "lang"


async def on_lang(update: Update, context: CopContext) -> None:
    """Offer the catalog's languages as buttons."""
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
    if is_group(update.effective_chat) and not speaker.is_head_teacher:
        await answer(update, t("lang-group-head-teacher-only"))
        return
    buttons = [
        [InlineKeyboardButton(name, callback_data=f"{CALLBACK}:{code}")]
        for code, name in context.catalog.language_names().items()
    ]
    await answer(update, t("lang-choose"), reply_markup=InlineKeyboardMarkup(buttons))


async def on_lang_choice(update: Update, context: CopContext) -> None:
    """Store the chosen language and answer in it."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or query.data is None or chat is None:
        return
    code = query.data.partition(":")[2]
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        if not context.catalog.supports(code) or (is_group(chat) and not speaker.is_head_teacher):
            await query.answer(t("not-allowed-button"), show_alert=True)
            return
        if is_group(chat):
            await set_chat_language(session, chat.id, code)
        else:
            await set_person_language(session, speaker.person, code)
    t = context.catalog.translator(code)
    await query.answer()
    await edit_query_message(query, t("lang-set"))
