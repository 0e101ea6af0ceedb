"""SIGKILL in the middle of a CoP: the next process carries on where it stopped."""

from __future__ import annotations

from pathlib import Path

from fakebotapi import FakeTelegram
from fakebotapi.models import Chat, Message, User
from tests.chat.helpers import new_school, press, say, shows
from tests.e2e.process import running_bot, stored_notes


def acknowledged(tg: FakeTelegram, message: Message) -> bool:
    return bool(tg.reactions.get((message.chat.id, message.message_id)))


async def note(tg: FakeTelegram, user: User, chat: Chat, text: str) -> Message:
    message = tg.send_text(user, chat, text)
    await tg.wait_for(lambda: acknowledged(tg, message), timeout=15.0)
    return message


async def test_killed_during_improvements_continues_there(tg: FakeTelegram, tmp_path: Path) -> None:
    async with running_bot(tg, tmp_path) as bot:
        head = tg.user("Asha")
        dm = tg.private_chat(head)
        await new_school(tg, head)
        await say(tg, head, dm, "/cop")
        await shows(tg, dm, "The steps")
        await press(tg, head, dm, "Start")
        await shows(tg, dm, "No observations yet")
        await press(tg, head, dm, "Next")
        await shows(tg, dm, "Reflection: insights", last=2)
        sent = [await note(tg, head, dm, "Insight before the crash")]
        await press(tg, head, dm, "Next")
        await shows(tg, dm, "Sharing positives", last=2)
        sent.append(await note(tg, head, dm, "Positive before the crash"))
        await press(tg, head, dm, "Next")
        await shows(tg, dm, "Improvements", last=2)
        sent.append(await note(tg, head, dm, "Improvement one before the crash"))
        sent.append(await note(tg, head, dm, "Improvement two before the crash"))

        await bot.kill()
        # Written while the bot is down: waits in Telegram's queue for the next process.
        late = tg.send_text(head, dm, "Improvement written while the bot was down")
        await bot.start()
        await tg.wait_for(lambda: acknowledged(tg, late), timeout=20.0)
        sent.append(late)
        sent.append(await note(tg, head, dm, "Improvement after the restart"))
        await shows(tg, dm, "4 notes", last=2)

        await press(tg, head, dm, "Next")
        await shows(tg, dm, "action plan", last=2)
        sent.append(await note(tg, head, dm, "Action after the restart"))
        await press(tg, head, dm, "Finish")
        summary = await shows(tg, dm, "CoP complete")
        database_url = bot.database_url

    acknowledged_texts = [m.text or "" for m in sent if acknowledged(tg, m)]
    assert len(acknowledged_texts) == 7
    for text in acknowledged_texts:
        assert summary.count(text) == 1, (text, summary)
    assert [n.text for n in await stored_notes(database_url)] == acknowledged_texts
    assert sum("✅ CoP complete" in (m.text or "") for m in tg.bot_messages(dm)) == 1
