"""The CoP summary: few messages, each within Telegram's limits, pinned in groups."""

from __future__ import annotations

import logging
from functools import partial

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Message
from telegram.error import Forbidden

from bot.context import CopContext
from bot.i18n import Translator
from conversations.render import SummaryFacts, note_line, pack_messages, summary_blocks
from conversations.steps import spec_of
from handlers.delivery import quietly, reliably
from storage.cops import cop_notes, get_cop, participants
from storage.models import CopStatus, NoteKind
from storage.schools import get_school

_LOGGER = logging.getLogger(__name__)

PHOTOS_CALLBACK = "photos"
ALBUM_SIZE = 10


async def send_summary(
    context: CopContext, cop_id: int, t: Translator, *, chat_id: int | None = None, pin: bool
) -> list[Message]:
    """Send a CoP's summary to its chat (or another); in its own chat, progress is recorded."""
    async with context.db.begin() as session:
        cop = await get_cop(session, cop_id)
        if cop is None:
            return []
        school = await get_school(session, cop.school_id)
        notes = await cop_notes(session, cop.id)
        facts = SummaryFacts(
            school=school.name if school else "",
            facilitator=cop.facilitator.display_name,
            started_at=cop.started_at,
            participants=await participants(session, cop),
            finished=cop.status == CopStatus.COMPLETED,
        )
    target = chat_id if chat_id is not None else cop.chat_id
    texts = pack_messages(summary_blocks(t, facts, notes))
    photos = sum(1 for note in notes if note.kind == NoteKind.PHOTO)
    markup = (
        InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t("button-show-photos", count=photos),
                        callback_data=f"{PHOTOS_CALLBACK}:{cop.id}",
                    )
                ]
            ]
        )
        if photos
        else None
    )
    own_chat = chat_id is None
    # A summary interrupted part way is continued, not sent again from the start.
    done = cop.summary_parts_sent if own_chat else 0
    sent: list[Message] = []
    for index, text in enumerate(texts[done:], start=done):
        keyboard = markup if index == len(texts) - 1 else None
        try:
            message = await reliably(
                partial(context.bot.send_message, target, text, reply_markup=keyboard), "summary"
            )
        except Forbidden as error:
            if own_chat:  # the bot was removed or blocked: no retry will get through
                _LOGGER.warning("summary of CoP %s cannot reach its chat: %s", cop.id, error)
                await _record_parts(context, cop.id, index, finished=True)
            raise
        sent.append(message)
        if own_chat:
            await _record_parts(context, cop.id, index + 1, finished=index + 1 == len(texts))
    if pin and target < 0 and sent and done == 0:
        await quietly(
            context.bot.pin_chat_message(target, sent[0].message_id, disable_notification=True),
            "pin summary",
        )
    return sent


async def _record_parts(context: CopContext, cop_id: int, parts: int, *, finished: bool) -> None:
    async with context.db.begin() as session:
        cop = await get_cop(session, cop_id)
        if cop is not None:
            cop.summary_parts_sent = parts
            cop.summary_sent = finished


async def send_photos(context: CopContext, cop_id: int, chat_id: int, t: Translator) -> int:
    """Send a CoP's photo notes again by file id (nothing is uploaded); returns how many."""
    async with context.db.begin() as session:
        notes = [n for n in await cop_notes(session, cop_id) if n.kind == NoteKind.PHOTO]
    for start in range(0, len(notes), ALBUM_SIZE):
        chunk = notes[start : start + ALBUM_SIZE]
        media = [
            InputMediaPhoto(
                note.photo_file_id or "",
                caption=f"{t(spec_of(note.step).title_key)} · {note_line(t, note, 150)}",
            )
            for note in chunk
        ]
        if len(media) == 1:
            send = partial(
                context.bot.send_photo, chat_id, media[0].media, caption=media[0].caption
            )
            await reliably(send, "photo")
        else:
            await reliably(partial(context.bot.send_media_group, chat_id, media), "album")
    return len(notes)
