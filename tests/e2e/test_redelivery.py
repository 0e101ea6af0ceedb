"""Telegram delivering the same update twice gives one note."""

from __future__ import annotations

from pathlib import Path

from fakebotapi import FakeTelegram
from tests.chat.helpers import new_school, press, say, shows
from tests.e2e.process import running_bot, stored_notes


async def test_an_update_delivered_twice_makes_one_note(tg: FakeTelegram, tmp_path: Path) -> None:
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
        message = tg.send_text(head, dm, "Said once, delivered twice")
        update_id = max(tg.history)
        await tg.wait_for(lambda: bool(tg.reactions.get((dm.id, message.message_id))), 15.0)
        await shows(tg, dm, "1 note")
        tg.redeliver(update_id)
        await tg.wait_for(lambda: tg.confirmed_update_id >= update_id and tg.all_fetched(), 15.0)
        await tg.settle(quiet=1.0)
        await say(tg, head, dm, "A second note")
        await shows(tg, dm, "2 notes")
        database_url = bot.database_url

    notes = [n.text for n in await stored_notes(database_url)]
    assert notes == ["Said once, delivered twice", "A second note"]
