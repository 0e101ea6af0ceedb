"""A school with a linked group, driven as its people do, for in-process and process tests."""

from __future__ import annotations

from dataclasses import dataclass

from fakebotapi import FakeTelegram
from fakebotapi.models import Chat, Message, User
from tests.chat.helpers import join, last_text, new_school, press, prompt_of, say, shows, texts


@dataclass
class School:
    """The people of a school and its linked group."""

    head: User
    lead: User
    teachers: list[User]
    group: Chat

    @property
    def everyone(self) -> list[User]:
        return [self.head, self.lead, *self.teachers]


async def school_with_group(
    tg: FakeTelegram, *, teachers: int = 3, bot_is_admin: bool = False, bot_can_pin: bool = False
) -> School:
    """A head teacher, a lead teacher (made so with /members) and teachers, in a linked group."""
    head, lead = tg.user("Asha", "Rai"), tg.user("Laxmi", "Lead")
    names = ["Bikash", "Chandra", "Dipa", "Ekta", "Gita", "Hari"]
    staff = [tg.user(name) for name in names[:teachers]]
    code = await new_school(tg, head)
    for person in [lead, *staff]:
        await join(tg, person, code)
    dm = tg.private_chat(head)
    await say(tg, head, dm, "/members")
    await press(tg, head, dm, "Laxmi Lead")
    await press(tg, head, dm, "lead teacher")
    assert "Laxmi Lead</b> is lead teacher" in (tg.bot_messages(dm)[-1].html or "")
    group = tg.group(
        "Shree teachers",
        members=[head, lead, *staff],
        bot_is_admin=bot_is_admin,
        bot_can_pin=bot_can_pin,
    )
    await say(tg, head, group, "/setup")
    await shows(tg, group, "now linked")
    return School(head, lead, staff, group)


async def start_collecting(tg: FakeTelegram, school: School) -> None:
    """The head teacher starts the CoP and the lead teacher moves it to the insights step."""
    group = school.group
    await say(tg, school.head, group, "/cop")
    await shows(tg, group, "The steps")
    await press(tg, school.head, group, "Start")
    await shows(tg, group, "No observations yet")
    await press(tg, school.lead, group, "Next")
    await shows(tg, group, "No notes yet")
    assert "Reflection: insights" in texts(tg, group)[-2], last_text(tg, group)


def reacted(tg: FakeTelegram, message: Message) -> bool:
    """Whether the bot acknowledged a note with a reaction."""
    return bool(tg.reactions.get((message.chat.id, message.message_id)))


def write_note(tg: FakeTelegram, user: User, group: Chat, text: str, *, privacy: bool) -> Message:
    """A note as people write it: a reply to the prompt under privacy mode, else plain."""
    return tg.send_text(user, group, text, reply_to=prompt_of(tg, group) if privacy else None)


async def note(tg: FakeTelegram, user: User, group: Chat, text: str, *, privacy: bool) -> Message:
    """A note, once the bot acknowledged it."""
    message = write_note(tg, user, group, text, privacy=privacy)
    await tg.wait_for(lambda: reacted(tg, message), timeout=15.0)
    return message
