"""/status, /history and /actions: what the school's CoPs hold, for any member."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import CopContext
from bot.i18n import Html, plain
from conversations.render import note_line, pack_messages
from conversations.steps import ACTION_PLAN_STEP, COLLECTING_STEPS, spec_of
from conversations.summary import send_photos, send_summary
from handlers.common import answer, identify, identify_member, is_group, translator_for
from handlers.members import BUTTON_TEXT_LIMIT
from storage.clock import utcnow
from storage.cops import (
    cop_history,
    get_cop,
    in_progress_for_school,
    latest_action_plan,
    note_counts,
)
from storage.models import CopStatus
from storage.schools import get_membership, linked_school_for_chat

HISTORY_CALLBACK = "hist"


async def on_status(update: Update, context: CopContext) -> None:
    """`/status`: the current step, its time against the guide, and the notes so far."""
    async with context.db.begin() as session:
        t, speaker, refusal = await identify_member(session, context, update)
        school = speaker.school
        cop = await in_progress_for_school(session, school.id) if school and not refusal else None
        counts = await note_counts(session, cop.id) if cop else {}
    if refusal is not None or cop is None:
        await answer(update, refusal or t("status-none"))
        return
    spec = spec_of(cop.step)
    minutes = int((utcnow() - cop.step_started_at).total_seconds() // 60)
    lines = [
        t("status-step", title=t(spec.title_key), minutes=minutes),
    ]
    if spec.minutes_limit is not None:
        key = "status-over-time" if minutes > spec.minutes_limit else "status-in-time"
        lines.append(t(key, limit=spec.minutes_limit))
    lines += [
        t("status-notes", title=t(spec_of(step).title_key), count=counts.get(step, 0))
        for step in COLLECTING_STEPS
    ]
    await answer(update, "\n".join(lines))


async def on_history(update: Update, context: CopContext) -> None:
    """`/history`: the school's CoPs; a button re-sends one's summary."""
    async with context.db.begin() as session:
        t, speaker, refusal = await identify_member(session, context, update)
        school = speaker.school
        rows = await cop_history(session, school.id) if school and not refusal else []
    if refusal is not None:
        await answer(update, refusal)
        return
    if not rows:
        await answer(update, t("history-empty"))
        return
    buttons = []
    for cop, notes in rows:
        state = t(f"cop-status-{cop.status.value}")
        label = plain(
            t(
                "history-line",
                date=cop.started_at.strftime("%Y-%m-%d"),
                facilitator=cop.facilitator.display_name,
                notes=notes,
                state=state,
            ),
            BUTTON_TEXT_LIMIT,
        )
        buttons.append([InlineKeyboardButton(label, callback_data=f"{HISTORY_CALLBACK}:{cop.id}")])
    await answer(update, t("history-title"), reply_markup=InlineKeyboardMarkup(buttons))


async def on_history_choice(update: Update, context: CopContext) -> None:
    """A /history button: re-send that CoP's summary here."""
    await _cop_button(update, context, photos=False)


async def on_photos_button(update: Update, context: CopContext) -> None:
    """The summary's photo button: send the CoP's photo notes again, by file id."""
    await _cop_button(update, context, photos=True)


async def _cop_button(update: Update, context: CopContext, *, photos: bool) -> None:
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        return
    raw = (query.data or "").partition(":")[2]
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        cop = await get_cop(session, int(raw)) if raw.isdigit() else None
        speaker = await identify(session, update)
        member = await get_membership(session, cop.school_id, speaker.person.id) if cop else None
        # In a group, only the CoPs of the school the group is linked to; in a private chat,
        # those of a school the presser belongs to.
        here = await linked_school_for_chat(session, chat.id) if is_group(chat) else None
        wrong_chat = is_group(chat) and (here is None or cop is None or here.id != cop.school_id)
    if cop is None or member is None or wrong_chat:
        await query.answer(t("not-allowed-button"), show_alert=True)
        return
    await query.answer()
    if photos:
        await context.bot.send_chat_action(chat.id, "upload_photo")
        await send_photos(context, cop.id, chat.id, t)
    else:
        await send_summary(context, cop.id, t, chat_id=chat.id, pin=False)


async def on_actions(update: Update, context: CopContext) -> None:
    """`/actions`: the latest action plan (the next-steps notes)."""
    async with context.db.begin() as session:
        t, speaker, refusal = await identify_member(session, context, update)
        school = speaker.school
        found = (
            await latest_action_plan(session, school.id, ACTION_PLAN_STEP.value)
            if school and not refusal
            else None
        )
    if refusal is not None:
        await answer(update, refusal)
        return
    if found is None:
        await answer(update, t("actions-none"))
        return
    cop, notes = found
    blocks: list[Html] = [
        t(
            "actions-title",
            date=cop.started_at.strftime("%Y-%m-%d"),
            unfinished=0 if cop.status == CopStatus.COMPLETED else 1,
        )
    ]
    blocks += [note_line(t, note, 3000) for note in notes]
    for text in pack_messages(blocks):
        await answer(update, text)
