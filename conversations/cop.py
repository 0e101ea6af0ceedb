"""The Community of Practice conversation: steps, navigation and notes, run from the database."""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import (
    ForceReply,
    Message,
    ReactionTypeEmoji,
    Update,
)
from telegram.constants import ReactionEmoji
from telegram.error import RetryAfter, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.context import CopContext
from bot.i18n import Html, Translator, plain
from conversations import board, keyboards, summary
from conversations.keyboards import CALLBACK
from conversations.render import overview_text, prompt_text, step_heading
from conversations.steps import (
    FIRST_STEP,
    STEPS,
    Step,
    is_step,
    next_step,
    previous_step,
    spec_of,
)
from handlers.common import (
    Speaker,
    answer,
    identify,
    is_group,
    is_private,
    translator_for,
    translator_for_chat,
)
from handlers.delivery import quietly, reliably, retry_after_seconds
from handlers.stats import send_stats
from storage.cops import (
    CopAlreadyInProgress,
    add_note,
    edit_note,
    finish_cop,
    get_cop,
    in_progress_for_school,
    in_progress_in_chat,
    move_to_step,
    note_for_message,
    start_cop,
    undo_last_note,
)
from storage.models import CopSession, CopStatus, NoteKind, Role, School
from storage.schools import get_membership, get_school, school_chats
from storage.updates import mark_processed

_LOGGER = logging.getLogger(__name__)

HINT_INTERVAL_SECONDS = 60.0
NOTE_REACTION = ReactionEmoji.THUMBS_UP
REACTION_WAIT_SECONDS = 5.0

# An edited command must not run again (editing /undo would remove a second note).
NEW_MESSAGES = filters.UpdateType.MESSAGE
NOTE_MESSAGES = filters.UpdateType.MESSAGE & ((filters.TEXT & ~filters.COMMAND) | filters.PHOTO)
NOTE_EDITS = filters.UpdateType.EDITED_MESSAGE & (filters.TEXT | filters.CAPTION)
NOT_NOTES = filters.UpdateType.MESSAGE & (
    filters.Sticker.ALL
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | (filters.Document.ALL & filters.ChatType.GROUPS)
    | filters.LOCATION
    | filters.VENUE
    | filters.POLL
    | filters.CONTACT
    | filters.Dice.ALL
    | filters.GAME
    | filters.STORY
)

LAST_HINTS = "note_hint_last"


def build_cop_conversation() -> ConversationHandler[CopContext]:
    """The CoP as a ConversationHandler whose states are the steps of the table.

    Every callback reads the CoP from the database and returns its current step, so the
    conversation resumes by itself after a restart or a group's move to a supergroup.
    """
    navigation: list[BaseHandler[Update, CopContext, object]] = [
        CallbackQueryHandler(on_cop_button, pattern=rf"^{CALLBACK}:"),
        CommandHandler("next", on_next_command, filters=NEW_MESSAGES),
        CommandHandler("back", on_back_command, filters=NEW_MESSAGES),
        CommandHandler("cancel", on_cancel_command, filters=NEW_MESSAGES),
        CommandHandler("cop", on_cop, filters=NEW_MESSAGES),
        CommandHandler("note", on_note_command, filters=NEW_MESSAGES),
        CommandHandler("undo", on_undo, filters=NEW_MESSAGES),
    ]
    collecting: list[BaseHandler[Update, CopContext, object]] = [
        MessageHandler(NOTE_MESSAGES, on_note),
        MessageHandler(NOTE_EDITS, on_note_edited),
        MessageHandler(NOT_NOTES, on_not_a_note),
    ]
    between: list[BaseHandler[Update, CopContext, object]] = [
        MessageHandler(NOTE_MESSAGES, on_text_between_steps),
        MessageHandler(NOTE_EDITS, on_note_edited),
    ]
    states = {
        spec.step: navigation + (collecting if spec.collects_notes else between) for spec in STEPS
    }
    with warnings.catch_warnings():
        # Steps are per chat on purpose: buttons are checked against the CoP in the database.
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        return ConversationHandler(
            # Without a state for the chat (a new process, a supergroup's new id), any of these
            # picks the CoP up from the database; with one, only that step's handlers listen.
            entry_points=[*navigation, between[0], *collecting],
            states=states,  # type: ignore[arg-type]
            fallbacks=[],
            per_chat=True,
            per_user=False,
            allow_reentry=False,
            name="cop",
        )


def _state(cop: CopSession | None) -> object:
    if cop is None or cop.status != CopStatus.IN_PROGRESS:
        return ConversationHandler.END
    return Step(cop.step)


# --- starting and continuing -------------------------------------------------------------


async def on_cop(update: Update, context: CopContext) -> object:
    """`/cop`: start a CoP here, or say where the school's CoP is and offer to continue."""
    chat = update.effective_chat
    if chat is None or update.effective_user is None:
        return ConversationHandler.END
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        refusal = _facilitator_refusal(t, speaker, group=is_group(chat))
        if refusal is not None:
            await answer(update, refusal)
            return _state(await in_progress_in_chat(session, chat.id))
        assert speaker.school is not None
        school = speaker.school
        # One CoP per school, and one per chat (a chat can be about another school meanwhile).
        running = await in_progress_in_chat(session, chat.id) or await in_progress_for_school(
            session, school.id
        )
        if running is not None:
            where = await _where(session, t, running)
            if running.chat_id == chat.id:
                text = t("cop-continue-here", step=t(spec_of(running.step).title_key))
                await answer(update, text, reply_markup=keyboards.continue_here(t, running))
            else:
                await answer(
                    update,
                    t(
                        "cop-in-progress-elsewhere",
                        where=where,
                        step=t(spec_of(running.step).title_key),
                    ),
                )
            return _state(running if running.chat_id == chat.id else None)
        try:
            cop = await _start(session, school, chat.id, speaker)
        except CopAlreadyInProgress as busy:
            await answer(
                update,
                t("cop-in-progress-elsewhere", where=await _where(session, t, busy.cop), step=""),
            )
            return ConversationHandler.END
    await send_step(context, cop, school, t)
    raise ApplicationHandlerStop(_state(cop))


async def _start(
    session: AsyncSession, school: School, chat_id: int, speaker: Speaker
) -> CopSession:
    return await start_cop(
        session,
        school_id=school.id,
        chat_id=chat_id,
        facilitator_id=speaker.person.id,
        first_step=FIRST_STEP.value,
    )


def _facilitator_refusal(t: Translator, speaker: Speaker, *, group: bool) -> Html | None:
    if speaker.school is None:
        return t("cop-group-not-linked") if group else t("cop-no-school")
    if not speaker.can_facilitate:
        return t("cop-facilitators-only")
    return None


async def _where(session: AsyncSession, t: Translator, cop: CopSession) -> Html:
    for link in await school_chats(session, cop.school_id):
        if link.chat_id == cop.chat_id:
            return t("where-group", title=link.title or "?")
    return t("where-private", name=cop.facilitator.display_name)


async def on_group_moved(update: Update, context: CopContext) -> None:
    """A group became a supergroup during a CoP: show the current step again in the new chat."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    async with context.db.begin() as session:
        cop = await in_progress_in_chat(session, message.migrate_to_chat_id)
        school = await get_school(session, cop.school_id) if cop else None
        t = await translator_for_chat(session, context.catalog, message.migrate_to_chat_id)
    if cop is not None and school is not None:
        await send_step(context, cop, school, t)


# --- showing steps --------------------------------------------------------------------------


async def send_step(context: CopContext, cop: CopSession, school: School, t: Translator) -> None:
    """Send the messages of the CoP's current step and remember the one with the buttons."""
    spec = spec_of(cop.step)
    chat_id = cop.chat_id
    group = chat_id < 0
    markup = keyboards.navigation(t, cop)
    if spec.step == Step.OVERVIEW:
        message = await reliably(
            lambda: context.bot.send_message(
                chat_id, overview_text(t, school.name), reply_markup=markup
            ),
            "overview",
        )
    elif spec.step == Step.CHECK_STATS:
        heading = Html(f"<b>{step_heading(t, spec)}</b>")
        message = await send_stats(
            context, chat_id, school, t, heading=heading, reply_markup=markup
        )
    elif spec.collects_notes:
        await reliably(
            lambda: context.bot.send_message(
                chat_id,
                prompt_text(t, spec, group=group),
                reply_markup=ForceReply(input_field_placeholder=t(spec.placeholder_key)[:64]),
            ),
            "prompt",
        )
        async with context.db.begin() as session:
            message = await board.send_board(context, session, cop, t)
    else:
        return
    async with context.db.begin() as session:
        fresh = await get_cop(session, cop.id)
        if fresh is not None and fresh.step == cop.step:
            fresh.step_message_id = message.message_id
            fresh.step_shown_at = message.date


async def _close_step_message(context: CopContext, cop: CopSession, t: Translator) -> None:
    """Take the buttons off the step that is ending (a collecting step's board shows all notes)."""
    if spec_of(cop.step).collects_notes:
        async with context.db.begin() as session:
            await board.finalize_board(context, session, cop, t)
    elif cop.step_message_id is not None:
        await quietly(
            context.bot.edit_message_reply_markup(
                cop.chat_id, cop.step_message_id, reply_markup=None
            ),
            "remove step buttons",
        )


# --- navigation ----------------------------------------------------------------------------


async def on_cop_button(update: Update, context: CopContext) -> object:
    """A CoP button: next, back, cancel (with confirmation), continue."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return ConversationHandler.END
    parts = (query.data or "").split(":")
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        here = await in_progress_in_chat(session, chat.id)
        if len(parts) != 4 or not parts[2].isdigit() or not is_step(parts[3]):
            await query.answer(plain(t("button-invalid")), show_alert=True)
            return _state(here)
        action, cop_id, step = parts[1], int(parts[2]), parts[3]
        speaker = await identify(session, update)
        cop = here if here is not None and here.id == cop_id else None
        if cop is None and action in CANCEL_ACTIONS and is_private(chat):
            cop = await _cop_a_head_teacher_may_end(session, cop_id, speaker)
        if cop is None:
            await query.answer(plain(t("button-cop-over")), show_alert=True)
            return _state(here)
        if not await _may_facilitate(session, cop, speaker):
            await query.answer(plain(t("button-facilitators-only")), show_alert=True)
            return _state(here)
        if cop.step != step:
            await query.answer(plain(t("button-step-over")), show_alert=True)
            return _state(here)
        school = await get_school(session, cop.school_id)
    assert school is not None
    question = query.message if isinstance(query.message, Message) else None
    if action in ("next", "back"):
        await query.answer()
        return await _move(context, cop, school, t, forward=action == "next")
    if action == "show":
        await query.answer()
        await send_step(context, cop, school, t)
        return _state(cop)
    if action == "cancel":
        await query.answer()
        await _ask_cancel(context, cop, t, chat.id)
        return _state(cop)
    if action == "cancelok":
        await query.answer()
        await _cancel(context, cop, t, question)
        return ConversationHandler.END if here is cop else _state(here)
    if action == "cancelno":
        await query.answer(plain(t("cop-cancel-kept")))
        if question is not None:
            await quietly(question.delete(), "delete cancel question")
        return _state(here)
    await query.answer(plain(t("button-invalid")), show_alert=True)
    return _state(here)


CANCEL_ACTIONS = frozenset({"cancelok", "cancelno"})


async def _may_facilitate(session: AsyncSession, cop: CopSession, speaker: Speaker) -> bool:
    member = await get_membership(session, cop.school_id, speaker.person.id)
    return member is not None and member.role in (Role.HEAD_TEACHER, Role.LEAD_TEACHER)


async def _cop_a_head_teacher_may_end(
    session: AsyncSession, cop_id: int, speaker: Speaker
) -> CopSession | None:
    """A CoP in another chat that this head teacher may end from a private chat.

    When the group removed the bot (or cannot be reached), the meeting must not block the
    school for ever.
    """
    cop = await get_cop(session, cop_id)
    if cop is None or cop.status != CopStatus.IN_PROGRESS:
        return None
    member = await get_membership(session, cop.school_id, speaker.person.id)
    return cop if member is not None and member.role == Role.HEAD_TEACHER else None


def _sent_before_step(update: Update, cop: CopSession) -> bool:
    """A command written before the current step was shown (another facilitator moved first).

    Both times are Telegram's (whole seconds), so the server's clock does not matter.
    """
    message = update.effective_message
    shown = cop.step_shown_at
    return message is not None and shown is not None and message.date < shown


async def _nav_command(update: Update, context: CopContext, action: str) -> object:
    chat = update.effective_chat
    if chat is None:
        return ConversationHandler.END
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        cop = await in_progress_in_chat(session, chat.id)
        if cop is None:
            elsewhere = None
            if action == "cancel" and is_private(chat) and speaker.school is not None:
                running = await in_progress_for_school(session, speaker.school.id)
                if running is not None:
                    elsewhere = await _cop_a_head_teacher_may_end(session, running.id, speaker)
            if elsewhere is None:
                await answer(update, t("cop-none-here"))
                return ConversationHandler.END
            where = await _where(session, t, elsewhere)
        elif not await _may_facilitate(session, cop, speaker):
            await answer(update, t("cop-facilitators-only"))
            return _state(cop)
        elif _sent_before_step(update, cop):
            await answer(update, t("button-step-over"))
            return _state(cop)
        target = cop or elsewhere
        assert target is not None
        school = await get_school(session, target.school_id)
    assert school is not None
    if cop is None:
        assert elsewhere is not None
        await context.bot.send_message(
            chat.id,
            t("cop-cancel-remote", where=where, step=t(spec_of(elsewhere.step).title_key)),
            reply_markup=keyboards.cancel_question(t, elsewhere),
        )
        return ConversationHandler.END
    if action == "cancel":
        await _ask_cancel(context, cop, t, chat.id)
        return _state(cop)
    return await _move(context, cop, school, t, forward=action == "next", update=update)


async def on_next_command(update: Update, context: CopContext) -> object:
    """`/next`: go to the next step."""
    return await _nav_command(update, context, "next")


async def on_back_command(update: Update, context: CopContext) -> object:
    """`/back`: go to the previous step."""
    return await _nav_command(update, context, "back")


async def on_cancel_command(update: Update, context: CopContext) -> object:
    """`/cancel`: ask before ending the CoP unfinished."""
    return await _nav_command(update, context, "cancel")


async def _move(
    context: CopContext,
    cop: CopSession,
    school: School,
    t: Translator,
    *,
    forward: bool,
    update: Update | None = None,
) -> object:
    target = next_step(cop.step) if forward else previous_step(cop.step)
    if target is None:
        return _state(cop)
    await _close_step_message(context, cop, t)
    async with context.db.begin() as session:
        fresh = await get_cop(session, cop.id)
        if fresh is None or fresh.status != CopStatus.IN_PROGRESS or fresh.step != cop.step:
            return _state(fresh)
        await move_to_step(session, fresh, target.value)
        if update is not None:
            # Redelivered after a crash, this command must not move a second step.
            await mark_processed(session, update.update_id)
        if target == Step.COMPLETE:
            await finish_cop(session, fresh, CopStatus.COMPLETED)
        cop = fresh
    if target == Step.COMPLETE:
        await summary.send_summary(context, cop.id, t, pin=True)
        return ConversationHandler.END
    try:
        await send_step(context, cop, school, t)
    except TelegramError as error:
        # The step moved (it is committed); the conversation must follow it even though
        # Telegram did not take the step's message. /cop shows the step again.
        _LOGGER.warning("CoP %s: step %s could not be shown: %s", cop.id, cop.step, error)
    return _state(cop)


async def _ask_cancel(context: CopContext, cop: CopSession, t: Translator, chat_id: int) -> None:
    await context.bot.send_message(
        chat_id, t("cop-cancel-confirm"), reply_markup=keyboards.cancel_question(t, cop)
    )


async def _cancel(
    context: CopContext, cop: CopSession, t: Translator, question: Message | None
) -> None:
    async with context.db.begin() as session:
        in_chat = await translator_for_chat(session, context.catalog, cop.chat_id)
    await _close_step_message(context, cop, in_chat)
    async with context.db.begin() as session:
        fresh = await get_cop(session, cop.id)
        if fresh is None or fresh.status != CopStatus.IN_PROGRESS:
            return
        await finish_cop(session, fresh, CopStatus.CANCELLED)
    if question is not None:
        await quietly(question.edit_text(t("cop-cancelled")), "confirm cancel")
    if question is None or question.chat_id != cop.chat_id:
        notice = context.bot.send_message(cop.chat_id, in_chat("cop-cancelled"))
        await quietly(notice, "cancel notice")


# --- notes -----------------------------------------------------------------------------------


async def _collecting_cop(
    session: AsyncSession, update: Update
) -> tuple[CopSession | None, Speaker | None]:
    chat = update.effective_chat
    if chat is None or update.effective_user is None or update.effective_user.is_bot:
        return None, None
    cop = await in_progress_in_chat(session, chat.id)
    if cop is None or not spec_of(cop.step).collects_notes:
        return cop, None
    speaker = await identify(session, update)
    member = await get_membership(session, cop.school_id, speaker.person.id)
    return cop, speaker if member is not None else None


async def on_note(update: Update, context: CopContext) -> object:
    """A text or photo message in a collecting step: store it, then acknowledge it."""
    message = update.effective_message
    if message is None:
        return ConversationHandler.END
    text = message.text or message.caption or ""
    return await _take_note(update, context, message, text)


async def on_note_command(update: Update, context: CopContext) -> object:
    """`/note <text>`: a note, for groups where the bot only sees commands."""
    message = update.effective_message
    if message is None or message.text is None:
        return ConversationHandler.END
    text = _note_text(message)
    if not text:
        async with context.db.begin() as session:
            t = await translator_for(session, context, update)
            cop = await in_progress_in_chat(session, message.chat_id)
        await answer(update, t("note-usage") if cop else t("cop-none-here"))
        raise ApplicationHandlerStop(_state(cop))
    return await _take_note(update, context, message, text, command=True)


def _why_no_note(cop: CopSession | None) -> str:
    """Catalog key: why a /note or /undo got no note (the sender is known not to be counted)."""
    if cop is None:
        return "cop-none-here"
    return "not-a-member" if spec_of(cop.step).collects_notes else "cop-not-collecting"


async def _take_note(
    update: Update, context: CopContext, message: Message, text: str, *, command: bool = False
) -> object:
    async with context.db.begin() as session:
        cop, speaker = await _collecting_cop(session, update)
        if cop is None or speaker is None:
            if command:
                t = await translator_for(session, context, update)
                await answer(update, t(_why_no_note(cop)))
                raise ApplicationHandlerStop(_state(cop))
            return _state(cop)
        photo = message.photo[-1] if message.photo else None
        _note, created = await add_note(
            session,
            cop,
            step=cop.step,
            author_id=speaker.person.id,
            chat_id=message.chat_id,
            message_id=message.message_id,
            kind=NoteKind.PHOTO if photo else NoteKind.TEXT,
            text=text,
            photo_file_id=photo.file_id if photo else None,
            photo_unique_id=photo.file_unique_id if photo else None,
            media_group_id=message.media_group_id,
        )
    # Committed: only now is the note acknowledged.
    await _acknowledge(context, message)
    if created:
        board.request_refresh(context, cop.id, cop.step, cop.chat_id)
    raise ApplicationHandlerStop(_state(cop))


async def _acknowledge(context: CopContext, message: Message) -> None:
    """The 👍 under a stored note; a short flood wait is worth it (without it people resend)."""
    react = partial(
        context.bot.set_message_reaction,
        message.chat_id,
        message.message_id,
        ReactionTypeEmoji(NOTE_REACTION),
    )
    try:
        await react()
    except RetryAfter as error:
        wait = retry_after_seconds(error)
        if wait <= REACTION_WAIT_SECONDS:
            await asyncio.sleep(wait)
            await quietly(react(), "note reaction")
    except TelegramError as error:
        _LOGGER.info("note reaction did not work: %s", error)


async def on_note_edited(update: Update, context: CopContext) -> object:
    """An edited message that was a note: the note follows the edit."""
    message = update.edited_message
    if message is None:
        return ConversationHandler.END
    async with context.db.begin() as session:
        cop = await in_progress_in_chat(session, message.chat_id)
        note = await note_for_message(session, message.chat_id, message.message_id)
        if note is None or cop is None or note.cop_session_id != cop.id:
            return _state(cop)
        await edit_note(session, note, _note_text(message))
    board.request_refresh(context, cop.id, note.step, cop.chat_id)
    raise ApplicationHandlerStop(_state(cop))


def _note_text(message: Message) -> str:
    """A note's text: the caption of a photo, or the text without a leading /note command."""
    if message.caption is not None:
        return message.caption
    text = message.text or ""
    entity = message.entities[0] if message.entities else None
    if entity is not None and entity.type == "bot_command" and entity.offset == 0:
        return text[entity.length :].strip()
    return text


async def on_undo(update: Update, context: CopContext) -> object:
    """`/undo`: remove the sender's own last note in this step."""
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        cop, speaker = await _collecting_cop(session, update)
        if cop is None or speaker is None:
            await answer(update, t(_why_no_note(cop)))
            raise ApplicationHandlerStop(_state(cop))
        note = await undo_last_note(session, cop, step=cop.step, author_id=speaker.person.id)
        # Redelivered after a crash, /undo must not remove a second note.
        await mark_processed(session, update.update_id)
    if note is None:
        await answer(update, t("undo-nothing"))
    else:
        await quietly(
            context.bot.set_message_reaction(note.chat_id, note.message_id, []), "clear reaction"
        )
        await answer(update, t("undo-done"))
        board.request_refresh(context, cop.id, cop.step, cop.chat_id)
    raise ApplicationHandlerStop(_state(cop))


async def on_not_a_note(update: Update, context: CopContext) -> object:
    """Stickers, voice and the like: a short hint, at most once a minute per person."""
    async with context.db.begin() as session:
        cop, speaker = await _collecting_cop(session, update)
        if cop is None or speaker is None:
            return _state(cop)
        t = await translator_for(session, context, update)
    await _hint(update, context, t("note-not-accepted"))
    raise ApplicationHandlerStop(_state(cop))


async def on_text_between_steps(update: Update, context: CopContext) -> object:
    """A message while the step collects no notes: in a private chat say so, in a group let it
    be. When the database says the step does collect (the conversation fell behind), a note."""
    chat = update.effective_chat
    if chat is None:
        return ConversationHandler.END
    async with context.db.begin() as session:
        cop = await in_progress_in_chat(session, chat.id)
        t = await translator_for(session, context, update)
    if cop is None:
        return ConversationHandler.END
    if spec_of(cop.step).collects_notes:
        return await on_note(update, context)
    if is_private(chat):
        await _hint(update, context, t("cop-not-collecting"))
    raise ApplicationHandlerStop(_state(cop))


async def _hint(update: Update, context: CopContext, text: str) -> None:
    """A hint at most once a minute per person and chat, so a group is never flooded."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    last_hint: dict[tuple[int, int], float] = context.services.extras.setdefault(LAST_HINTS, {})
    key = (chat.id, user.id)
    now = time.monotonic()
    if now - last_hint.get(key, -HINT_INTERVAL_SECONDS) >= HINT_INTERVAL_SECONDS:
        last_hint[key] = now
        if len(last_hint) > 10_000:
            last_hint.clear()
        await answer(update, text)
