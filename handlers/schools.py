"""Creating and joining schools, linking group chats, and following a group's members."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.ext import ApplicationHandlerStop

from bot.context import CopContext
from bot.i18n import Html, Translator, plain
from handlers.common import answer, identify, is_group, is_private, person_info, translator_for
from handlers.delivery import quietly
from storage.clock import utcnow
from storage.models import Role, School
from storage.schools import (
    add_member,
    create_school,
    failed_joins_since,
    get_school,
    get_school_by_code,
    link_chat,
    linked_school_for_chat,
    memberships,
    migrate_chat,
    record_failed_join,
    set_current_school,
    upsert_person,
)

_LOGGER = logging.getLogger(__name__)

MAX_SCHOOL_NAME = 100
WRONG_CODES_PER_HOUR = 5
SETUP_CALLBACK = "setup"


def join_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot and joins the school."""
    return f"https://t.me/{bot_username}?start=join_{code}"


async def on_new_school(update: Update, context: CopContext) -> None:
    """`/newschool <name>`: the sender becomes head teacher of a new school."""
    name = " ".join(context.args or []).strip()
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        if not is_private(update.effective_chat):
            await answer(update, t("only-in-private"))
            return
        if not name:
            await answer(update, t("newschool-usage"))
            return
        if len(name) > MAX_SCHOOL_NAME:
            await answer(update, t("newschool-too-long", limit=MAX_SCHOOL_NAME))
            return
        speaker = await identify(session, update)
        school = await create_school(session, name=name, head_teacher=speaker.person)
        await set_current_school(session, speaker.person, school.id)
    await answer(
        update,
        t(
            "newschool-created",
            school=school.name,
            code=school.join_code,
            link=join_link(context.bot.username, school.join_code),
        ),
    )


async def on_join(update: Update, context: CopContext) -> None:
    """`/join <code>`: join a school as a teacher."""
    code = "".join(context.args or []).strip()
    if not code:
        async with context.db.begin() as session:
            t = await translator_for(session, context, update)
        await answer(update, t("join-usage"))
        return
    await join_school(update, context, code)


async def join_school(update: Update, context: CopContext, code: str) -> None:
    """Join the school with this code, with a limit on wrong guesses."""
    user = update.effective_user
    if user is None:
        return
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        reply = await _join(session, t, update, user, code)
    await answer(update, reply)


async def _join(
    session: AsyncSession, t: Translator, update: Update, user: User, code: str
) -> Html:
    if not is_private(update.effective_chat):
        return t("only-in-private")
    person = await upsert_person(session, person_info(user))
    since = utcnow() - timedelta(hours=1)
    if await failed_joins_since(session, person.id, since) >= WRONG_CODES_PER_HOUR:
        return t("join-too-many")
    school = await get_school_by_code(session, code) if len(code) <= 32 else None
    if school is None:
        await record_failed_join(session, person.id)
        return t("join-wrong-code")
    member, created = await add_member(session, school, person)
    await set_current_school(session, person, school.id)
    if created or member is None:
        return t("join-welcome", school=school.name)
    return t("join-already", school=school.name, role=t(f"role-{member.role}"))


async def on_setup(update: Update, context: CopContext) -> None:
    """`/setup` in a group: a head teacher links this group to their school."""
    chat = update.effective_chat
    markup: InlineKeyboardMarkup | None = None
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        if chat is None or not is_group(chat):
            reply = t("only-in-group")
        else:
            speaker = await identify(session, update)
            headed = await _headed_schools(session, speaker.person.id)
            refusal = await _setup_refusal(session, t, chat.id, headed)
            if refusal is not None:
                reply = refusal
            elif len(headed) == 1:
                reply = await _link(session, t, chat, headed[0])
            else:
                reply = t("setup-choose-school")
                markup = InlineKeyboardMarkup(
                    [
                        [InlineKeyboardButton(s.name, callback_data=f"{SETUP_CALLBACK}:{s.id}")]
                        for s in headed
                    ]
                )
    await answer(update, reply, reply_markup=markup)


async def on_setup_choice(update: Update, context: CopContext) -> None:
    """The head teacher picked which of their schools this group belongs to."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or query.data is None or chat is None:
        return
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        school = await _school_from_callback(session, query.data)
        headed = await _headed_schools(session, speaker.person.id)
        allowed = school is not None and school.id in {h.id for h in headed} and is_group(chat)
        refusal = await _setup_refusal(session, t, chat.id, headed) if allowed else None
        reply = (
            await _link(session, t, chat, school) if allowed and not refusal and school else None
        )
    if reply is None:
        await query.answer(plain(refusal or t("not-allowed-button"), 200), show_alert=True)
        return
    await query.answer()
    await quietly(query.edit_message_reply_markup(None), "remove setup buttons")
    await answer(update, reply)


async def _headed_schools(session: AsyncSession, person_id: int) -> list[School]:
    return [m.school for m in await memberships(session, person_id) if m.role == Role.HEAD_TEACHER]


async def _setup_refusal(
    session: AsyncSession, t: Translator, chat_id: int, headed: list[School]
) -> Html | None:
    """Only head teachers link groups, and only their own school's head may move a linked one."""
    if not headed:
        return t("setup-not-head-teacher")
    current = await linked_school_for_chat(session, chat_id)
    if current is not None and current.id not in {school.id for school in headed}:
        return t("setup-already-linked", school=current.name)
    return None


async def _school_from_callback(session: AsyncSession, data: str) -> School | None:
    _, _, raw_id = data.partition(":")
    return await get_school(session, int(raw_id)) if raw_id.isdigit() else None


async def _link(session: AsyncSession, t: Translator, chat: Chat, school: School) -> Html:
    await link_chat(session, school, chat.id, chat.title or "")
    return t("setup-linked", school=school.name)


async def on_group_activity(update: Update, context: CopContext) -> None:
    """In a linked group, anyone who takes part becomes a teacher of that school."""
    chat = update.effective_chat
    message = update.effective_message
    if not is_group(chat) or message is None or chat is None:
        return
    users = [u for u in (message.new_chat_members or ()) if not u.is_bot]
    if update.effective_user is not None and not update.effective_user.is_bot:
        users.append(update.effective_user)
    if not users:
        return
    async with context.db.begin() as session:
        school = await linked_school_for_chat(session, chat.id)
        if school is None:
            return
        for user in {u.id: u for u in users}.values():
            person = await upsert_person(session, person_info(user))
            await add_member(session, school, person, by_taking_part=True)


async def on_chat_migrated(update: Update, context: CopContext) -> None:
    """A group became a supergroup: move everything to the new chat id."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    async with context.db.begin() as session:
        await migrate_chat(session, message.chat_id, message.migrate_to_chat_id)
    _LOGGER.info("chat %s moved to %s", message.chat_id, message.migrate_to_chat_id)


ANONYMOUS_HINTS = "anonymous_hint_at"
ANONYMOUS_HINT_SECONDS = 60.0


async def on_anonymous_admin(update: Update, context: CopContext) -> None:
    """A group admin posting "anonymously" arrives as the group itself: say how to be known."""
    message = update.effective_message
    if message is None or message.sender_chat is None or message.sender_chat.id != message.chat_id:
        return
    to_bot = message.reply_to_message is not None and (
        message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == context.bot.id
    )
    if not (message.text or "").startswith("/") and not to_bot:
        return
    hinted: dict[int, float] = context.services.extras.setdefault(ANONYMOUS_HINTS, {})
    now = time.monotonic()
    if now - hinted.get(message.chat_id, -ANONYMOUS_HINT_SECONDS) >= ANONYMOUS_HINT_SECONDS:
        hinted[message.chat_id] = now
        async with context.db() as session:
            t = await translator_for(session, context, update)
        await answer(update, t("anonymous-admin"))
    raise ApplicationHandlerStop


SCHOOL_CALLBACK = "school"


async def on_school(update: Update, context: CopContext) -> None:
    """`/school`: for someone in several schools, which one this private chat is about."""
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        own = await memberships(session, speaker.person.id)
    if not own:
        await answer(update, t("not-a-member"))
        return
    current = speaker.school.name if speaker.school else ""
    if len(own) == 1:
        await answer(update, t("school-only-one", school=current))
        return
    buttons = [
        [
            InlineKeyboardButton(
                plain(t("school-choice", school=m.school.name, role=t(f"role-{m.role}")), 64),
                callback_data=f"{SCHOOL_CALLBACK}:{m.school_id}",
            )
        ]
        for m in own
    ]
    await answer(
        update, t("school-choose", school=current), reply_markup=InlineKeyboardMarkup(buttons)
    )


async def on_school_choice(update: Update, context: CopContext) -> None:
    """A /school button: this private chat is now about that school."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    raw = query.data.partition(":")[2]
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        own = {m.school_id: m for m in await memberships(session, speaker.person.id)}
        member = own.get(int(raw)) if raw.isdigit() else None
        if member is not None:
            await set_current_school(session, speaker.person, member.school_id)
    if member is None or not is_private(update.effective_chat):
        await query.answer(plain(t("not-allowed-button")), show_alert=True)
        return
    await query.answer()
    await quietly(
        query.edit_message_text(t("school-chosen", school=member.school.name)), "school chosen"
    )
