"""Driving the bot as people do: typing commands and pressing the buttons they see."""

from __future__ import annotations

import re

from fakebotapi import FakeTelegram
from fakebotapi.models import Chat, Message, User


def texts(tg: FakeTelegram, chat: Chat) -> list[str]:
    """What the bot's messages in a chat say now."""
    return [m.text or m.caption or "" for m in tg.bot_messages(chat)]


def last_text(tg: FakeTelegram, chat: Chat) -> str:
    """The bot's newest message in a chat."""
    found = texts(tg, chat)
    assert found, "the bot sent nothing"
    return found[-1]


async def say(tg: FakeTelegram, user: User, chat: Chat, text: str, **kwargs: object) -> Message:
    """Send a message and wait until the bot answered something (or reacted)."""
    before = len(tg.calls)
    message = tg.send_text(user, chat, text, **kwargs)  # type: ignore[arg-type]
    await tg.wait_for(lambda: any(c.method != "getUpdates" for c in tg.calls[before:]))
    await tg.settle()
    return message


def button_message(tg: FakeTelegram, chat: Chat, label: str) -> tuple[Message, str]:
    """The newest bot message with a button whose text contains the label, and its data."""
    for message in reversed(tg.bot_messages(chat)):
        markup = message.reply_markup or {}
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if label.lower() in button["text"].lower():
                    return message, button["callback_data"]
    raise AssertionError(f"no button {label!r} in {texts(tg, chat)[-3:]}")


async def press(tg: FakeTelegram, user: User, chat: Chat, label: str) -> str:
    """Press the newest button with that label; returns the callback query id."""
    message, data = button_message(tg, chat, label)
    query_id = tg.press_button(user, message, data)
    await tg.wait_for(lambda: tg.callback_answers.get(query_id) is not None)
    await tg.settle()
    return query_id


async def new_school(tg: FakeTelegram, head: User, name: str = "Shree School") -> str:
    """Register a school for the head teacher; returns its join code."""
    dm = tg.private_chat(head)
    await say(tg, head, dm, f"/newschool {name}")
    match = re.search(r"code ([A-Z0-9]{6})", last_text(tg, dm))
    assert match, last_text(tg, dm)
    return match.group(1)


async def join(tg: FakeTelegram, user: User, code: str) -> None:
    """A teacher joins with the code."""
    dm = tg.private_chat(user)
    await say(tg, user, dm, f"/join {code}")
    assert "Welcome to" in last_text(tg, dm)


def prompt_of(tg: FakeTelegram, chat: Chat) -> Message:
    """The newest prompt asking for a reply (ForceReply)."""
    for message in reversed(tg.bot_messages(chat)):
        if message.reply_markup and message.reply_markup.get("force_reply"):
            return message
    raise AssertionError("no prompt with ForceReply")


async def shows(tg: FakeTelegram, chat: Chat, fragment: str, *, last: int = 1) -> str:
    """Wait until one of the bot's newest messages in the chat contains the fragment."""

    def seen() -> bool:
        return any(fragment in text for text in texts(tg, chat)[-last:])

    await tg.wait_for(seen, timeout=10.0)
    return next(text for text in reversed(texts(tg, chat)) if fragment in text)


COLLECTING_HEADINGS: dict[str, str] = {
    "insights": "Reflection: insights",
    "positives": "Sharing positives",
    "improvements": "Improvements",
    "next_steps": "action plan",
}


async def play_private_cop(
    tg: FakeTelegram, head: User, notes: dict[str, list[str]], *, finish: bool = True
) -> str | None:
    """The head teacher runs a CoP alone with the bot: /cop, Start, then each collecting step
    with its notes (typed, each waited for on the board); returns the summary when finishing."""
    dm = tg.private_chat(head)
    await say(tg, head, dm, "/cop")
    await shows(tg, dm, "The steps")
    await press(tg, head, dm, "Start")
    await shows(tg, dm, "No observations yet")
    for step, heading in COLLECTING_HEADINGS.items():
        await press(tg, head, dm, "Next")
        await shows(tg, dm, heading, last=2)
        for count, text in enumerate(notes.get(step, []), start=1):
            await say(tg, head, dm, text)
            await shows(tg, dm, f"{count} note")
    if not finish:
        return None
    await press(tg, head, dm, "Finish")
    return await shows(tg, dm, "CoP complete", last=10)
