"""The CoP summary: few messages, each within Telegram's limits, pinned in groups."""

from __future__ import annotations

import logging
from functools import partial

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Message

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
    """Send a CoP's summary to its chat (or another) and mark it sent."""
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
    sent: list[Message] = []
    for index, text in enumerate(texts):
        keyboard = markup if index == len(texts) - 1 else None
        sent.append(
            await reliably(
                partial(context.bot.send_message, target, text, reply_markup=keyboard), "summary"
            )
        )
    if pin and target < 0 and sent:
        await quietly(
            context.bot.pin_chat_message(target, sent[0].message_id, disable_notification=True),
            "pin summary",
        )
    if chat_id is None:
        async with context.db.begin() as session:
            fresh = await get_cop(session, cop.id)
            if fresh is not None:
                fresh.summary_sent = True
    return sent


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
