"""Schools, people, memberships, linked group chats and join-code guessing limits."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.models import (
    ChatPreference,
    CopBoard,
    CopSession,
    FailedJoin,
    Member,
    Person,
    RemovedMember,
    Role,
    School,
    SchoolChat,
)
from storage.rubric_files import DEFAULT_RUBRIC
from storage.rubrics import ensure_builtin_rubric

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


@dataclass(frozen=True)
class PersonInfo:
    """What Telegram tells about a user, to keep the person row current."""

    id: int
    display_name: str
    telegram_language: str | None


async def upsert_person(session: AsyncSession, info: PersonInfo) -> Person:
    """The person row for a Telegram user, created or refreshed."""
    person = await session.get(Person, info.id)
    if person is None:
        person = Person(
            id=info.id,
            display_name=info.display_name,
            telegram_language=info.telegram_language,
            created_at=utcnow(),
        )
        session.add(person)
        await session.flush()
        return person
    if person.display_name != info.display_name:
        person.display_name = info.display_name
    if person.telegram_language != info.telegram_language:
        person.telegram_language = info.telegram_language
    return person


async def get_person(session: AsyncSession, person_id: int) -> Person | None:
    """A person by Telegram user id."""
    return await session.get(Person, person_id)


def new_join_code() -> str:
    """A short code that is easy to read aloud and type (no 0/O, 1/I/L)."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize_join_code(code: str) -> str:
    """Join codes are read aloud and typed on phones: ignore case, spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


async def create_school(session: AsyncSession, *, name: str, head_teacher: Person) -> School:
    """A new school with the sender as its head teacher and the default rubric."""
    rubric = await ensure_builtin_rubric(session, DEFAULT_RUBRIC)
    code = new_join_code()
    while await get_school_by_code(session, code) is not None:
        code = new_join_code()
    school = School(name=name, join_code=code, rubric_id=rubric.id, created_at=utcnow())
    session.add(school)
    await session.flush()
    session.add(
        Member(
            school_id=school.id,
            person_id=head_teacher.id,
            role=Role.HEAD_TEACHER,
            joined_at=utcnow(),
        )
    )
    await session.flush()
    return school


async def get_school(session: AsyncSession, school_id: int) -> School | None:
    """A school by id."""
    return await session.get(School, school_id)


async def get_school_by_code(session: AsyncSession, code: str) -> School | None:
    """A school by its join code, in any case."""
    normalized = normalize_join_code(code)
    return await session.scalar(select(School).where(School.join_code == normalized))


async def get_membership(session: AsyncSession, school_id: int, person_id: int) -> Member | None:
    """The person's membership in the school, if any."""
    return await session.scalar(
        select(Member).where(Member.school_id == school_id, Member.person_id == person_id)
    )


async def memberships(session: AsyncSession, person_id: int) -> list[Member]:
    """Every school the person belongs to, oldest first."""
    result = await session.scalars(
        select(Member).where(Member.person_id == person_id).order_by(Member.joined_at, Member.id)
    )
    return list(result)


async def school_members(session: AsyncSession, school_id: int) -> list[Member]:
    """A school's members: head teachers, then lead teachers, then teachers, by name."""
    order = {Role.HEAD_TEACHER: 0, Role.LEAD_TEACHER: 1, Role.TEACHER: 2}
    result = await session.scalars(select(Member).where(Member.school_id == school_id))
    return sorted(result, key=lambda m: (order[m.role], m.person.display_name.casefold(), m.id))


async def add_member(
    session: AsyncSession,
    school: School,
    person: Person,
    role: Role = Role.TEACHER,
    *,
    by_taking_part: bool = False,
) -> tuple[Member | None, bool]:
    """Make the person a member; returns the membership and whether it is new.

    Taking part in the school's group makes a member, except of someone the head teacher
    removed; joining with the school's code (given by the head teacher) always does.
    """
    existing = await get_membership(session, school.id, person.id)
    if existing is not None:
        return existing, False
    removed = await session.scalar(
        select(RemovedMember).where(
            RemovedMember.school_id == school.id, RemovedMember.person_id == person.id
        )
    )
    if removed is not None:
        if by_taking_part:
            return None, False
        await session.delete(removed)
    member = Member(school_id=school.id, person_id=person.id, role=role, joined_at=utcnow())
    session.add(member)
    await session.flush()
    return member, True


async def count_head_teachers(session: AsyncSession, school_id: int) -> int:
    """How many head teachers the school has."""
    count = await session.scalar(
        select(func.count())
        .select_from(Member)
        .where(Member.school_id == school_id, Member.role == Role.HEAD_TEACHER)
    )
    return int(count or 0)


async def remove_member(session: AsyncSession, member: Member) -> None:
    """Remove a membership (the caller checks the last head teacher stays)."""
    session.add(
        RemovedMember(school_id=member.school_id, person_id=member.person_id, removed_at=utcnow())
    )
    await session.delete(member)
    await session.flush()


async def linked_school_for_chat(session: AsyncSession, chat_id: int) -> School | None:
    """The school a group chat is linked to."""
    return await session.scalar(
        select(School)
        .join(SchoolChat, SchoolChat.school_id == School.id)
        .where(SchoolChat.chat_id == chat_id)
    )


async def school_chats(session: AsyncSession, school_id: int) -> list[SchoolChat]:
    """The group chats linked to a school."""
    result = await session.scalars(
        select(SchoolChat).where(SchoolChat.school_id == school_id).order_by(SchoolChat.id)
    )
    return list(result)


async def link_chat(session: AsyncSession, school: School, chat_id: int, title: str) -> SchoolChat:
    """Link a group chat to a school; a chat linked elsewhere moves to this school."""
    link = await session.scalar(select(SchoolChat).where(SchoolChat.chat_id == chat_id))
    if link is None:
        link = SchoolChat(chat_id=chat_id, school_id=school.id, title=title, linked_at=utcnow())
        session.add(link)
    else:
        link.school_id = school.id
        link.title = title
        link.linked_at = utcnow()
    await session.flush()
    return link


async def migrate_chat(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> None:
    """Move everything keyed by a group's chat id to its new supergroup id.

    Messages stay behind in the old chat, so a CoP's board and step message are forgotten:
    the caller shows the current step again in the new chat.
    """
    await session.execute(
        update(SchoolChat).where(SchoolChat.chat_id == old_chat_id).values(chat_id=new_chat_id)
    )
    await session.execute(delete(CopBoard).where(CopBoard.chat_id == old_chat_id))
    await session.execute(
        update(CopSession)
        .where(CopSession.chat_id == old_chat_id)
        .values(chat_id=new_chat_id, step_message_id=None)
    )
    preference = await session.get(ChatPreference, old_chat_id)
    if preference is not None and await session.get(ChatPreference, new_chat_id) is None:
        session.add(
            ChatPreference(
                chat_id=new_chat_id, language=preference.language, low_data=preference.low_data
            )
        )
        await session.delete(preference)
    await session.flush()


async def record_failed_join(session: AsyncSession, person_id: int) -> None:
    """Remember one wrong join code."""
    session.add(FailedJoin(person_id=person_id, attempted_at=utcnow()))
    await session.flush()


async def failed_joins_since(session: AsyncSession, person_id: int, since: datetime) -> int:
    """How many wrong codes the person tried since a moment."""
    count = await session.scalar(
        select(func.count())
        .select_from(FailedJoin)
        .where(FailedJoin.person_id == person_id, FailedJoin.attempted_at >= since)
    )
    return int(count or 0)


async def forget_failed_joins(session: AsyncSession, older_than: timedelta) -> None:
    """Drop wrong-code records that no longer count."""
    await session.execute(delete(FailedJoin).where(FailedJoin.attempted_at < utcnow() - older_than))


async def set_person_language(session: AsyncSession, person: Person, language: str) -> None:
    """Remember the person's chosen language."""
    person.language = language
    await session.flush()


async def get_low_data(session: AsyncSession, chat_id: int) -> bool:
    """Whether the chat asked for text only."""
    preference = await session.get(ChatPreference, chat_id)
    return bool(preference and preference.low_data)


async def set_low_data(session: AsyncSession, chat_id: int, enabled: bool) -> None:
    """Turn the chat's text-only mode on or off."""
    preference = await session.get(ChatPreference, chat_id)
    if preference is None:
        session.add(ChatPreference(chat_id=chat_id, language=None, low_data=enabled))
    else:
        preference.low_data = enabled
    await session.flush()


async def get_chat_language(session: AsyncSession, chat_id: int) -> str | None:
    """The language a head teacher chose for a group chat."""
    preference = await session.get(ChatPreference, chat_id)
    return preference.language if preference else None


async def set_chat_language(session: AsyncSession, chat_id: int, language: str) -> None:
    """Remember a group chat's language."""
    preference = await session.get(ChatPreference, chat_id)
    if preference is None:
        session.add(ChatPreference(chat_id=chat_id, language=language, low_data=False))
    else:
        preference.language = language
    await session.flush()


async def set_current_school(session: AsyncSession, person: Person, school_id: int) -> None:
    """The school this person's private chat is about from now on."""
    person.current_school_id = school_id
    await session.flush()
