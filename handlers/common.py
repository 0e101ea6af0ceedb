"""Small helpers every handler shares: who is talking, in which language, and replying."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Chat, Message, Update, User
from telegram.constants import ChatType

from bot.context import CopContext
from bot.i18n import Catalog, Html, Translator
from storage.models import Member, Person, Role, School
from storage.schools import (
    PersonInfo,
    get_chat_language,
    get_membership,
    get_person,
    linked_school_for_chat,
    memberships,
    upsert_person,
)

MAX_NAME_LENGTH = 100


def person_info(user: User) -> PersonInfo:
    """What the database keeps about a Telegram user."""
    return PersonInfo(
        id=user.id,
        display_name=user.full_name[:MAX_NAME_LENGTH] or str(user.id),
        telegram_language=user.language_code,
    )


def is_private(chat: Chat | None) -> bool:
    """Whether the chat is a private chat with the bot."""
    return chat is not None and chat.type == ChatType.PRIVATE


def is_group(chat: Chat | None) -> bool:
    """Whether the chat is a group or a supergroup."""
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def translator_for(session: AsyncSession, context: CopContext, update: Update) -> Translator:
    """The language of this chat: a group's chosen one, or the person's choice, or Telegram's."""
    catalog = context.catalog
    chat = update.effective_chat
    user = update.effective_user
    if chat is not None and not is_private(chat):
        return catalog.translator(catalog.resolve(await get_chat_language(session, chat.id)))
    chosen = None
    if user is not None:
        person = await get_person(session, user.id)
        chosen = person.language if person else None
    return catalog.translator(catalog.resolve(chosen, user.language_code if user else None))


async def translator_for_chat(session: AsyncSession, catalog: Catalog, chat_id: int) -> Translator:
    """The language of a chat when no update is at hand (jobs, summaries)."""
    if chat_id < 0:
        return catalog.translator(catalog.resolve(await get_chat_language(session, chat_id)))
    person = await get_person(session, chat_id)
    if person is None:
        return catalog.translator(catalog.default_language)
    return catalog.translator(catalog.resolve(person.language, person.telegram_language))


@dataclass
class Speaker:
    """The person behind an update, with their school in this chat when there is one."""

    person: Person
    school: School | None
    member: Member | None

    @property
    def role(self) -> Role | None:
        """The person's role in the school, if a member."""
        return self.member.role if self.member else None

    @property
    def can_facilitate(self) -> bool:
        """Head teachers and lead teachers run the meeting."""
        return self.role in (Role.HEAD_TEACHER, Role.LEAD_TEACHER)

    @property
    def is_head_teacher(self) -> bool:
        """Whether the person heads the school."""
        return self.role == Role.HEAD_TEACHER


async def identify(session: AsyncSession, update: Update) -> Speaker:
    """The sender and the school this chat belongs to (a linked group, or their own school)."""
    user = update.effective_user
    if user is None:
        raise ValueError("the update has no sender")
    person = await upsert_person(session, person_info(user))
    chat = update.effective_chat
    if chat is not None and is_group(chat):
        school = await linked_school_for_chat(session, chat.id)
        member = await get_membership(session, school.id, person.id) if school else None
        return Speaker(person, school, member)
    own = await memberships(session, person.id)
    chosen = [m for m in own if m.school_id == person.current_school_id]
    ranked = chosen or sorted(
        own, key=lambda m: (m.role != Role.HEAD_TEACHER, m.role != Role.LEAD_TEACHER)
    )
    if ranked:
        return Speaker(person, ranked[0].school, ranked[0])
    return Speaker(person, None, None)


async def identify_member(
    session: AsyncSession, context: CopContext, update: Update
) -> tuple[Translator, Speaker, Html | None]:
    """The sender as a member of this chat's school, or the one-line reason they are not one."""
    t = await translator_for(session, context, update)
    speaker = await identify(session, update)
    refusal: Html | None = None
    if speaker.school is None and is_group(update.effective_chat):
        refusal = t("cop-group-not-linked")
    elif speaker.school is None or speaker.member is None:
        refusal = t("not-a-member")
    return t, speaker, refusal


async def answer(update: Update, text: str, **kwargs: object) -> Message | None:
    """Reply in the chat the update came from."""
    message = update.effective_message
    if message is not None and update.callback_query is None:
        return await message.reply_text(text, **kwargs)  # type: ignore[arg-type]
    chat = update.effective_chat
    if chat is None:
        return None
    return await chat.send_message(text, **kwargs)  # type: ignore[arg-type]
