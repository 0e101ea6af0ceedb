"""A burst of notes in a group under Telegram's real flood limits: nothing lost, no flood."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from fakebotapi import FakeTelegram
from fakebotapi.limits import Limits
from fakebotapi.models import Call
from tests.chat.group import reacted, school_with_group, start_collecting, write_note
from tests.chat.helpers import texts
from tests.e2e.process import running_bot, stored_notes

NOTES_EACH = 4
WAVE_SECONDS = 1.0
"""Everyone sends a note at once, four times, a second apart."""
POSTING = {"sendMessage", "sendPhoto", "sendMediaGroup", "editMessageText"}
POSTING |= {"editMessageCaption", "editMessageReplyMarkup"}


def retried(refused: Call, calls: list[Call]) -> bool:
    """Whether the same request was sent again later and succeeded (for the board, a later
    edit of the same message: it shows newer notes than the refused one would have)."""
    if refused.method == "editMessageText":
        return any(
            c.method == refused.method
            and c.params.get("message_id") == refused.params.get("message_id")
            and c.status == 200
            for c in calls
            if c.at > refused.at
        )
    return any(
        c.method == refused.method and c.params == refused.params and c.status == 200
        for c in calls
        if c.at > refused.at
    )


async def test_a_burst_of_notes_loses_nothing_under_real_limits(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    real = Limits()  # Telegram's: 20 a minute per group, about 1 a second per chat
    tg.limits.chat_burst = real.chat_burst
    assert tg.limits == real
    async with running_bot(tg, tmp_path) as bot:
        school = await school_with_group(tg, teachers=3)
        group = school.group
        await start_collecting(tg, school)

        started = time.monotonic()
        sent = []
        for i in range(NOTES_EACH):
            sent += [
                write_note(tg, person, group, f"{person.first_name} note {i}", privacy=True)
                for person in school.everyone
            ]
            await asyncio.sleep(WAVE_SECONDS)  # pacing what people do, not waiting for the bot
        total = len(sent)
        await tg.wait_for(lambda: all(reacted(tg, m) for m in sent), timeout=30.0)
        # The board is edited at most every BOARD_EDIT_SECONDS and queues behind the limits.
        await tg.wait_for(lambda: f"{total} notes" in "\n".join(texts(tg, group)[-2:]), 30.0)
        took = time.monotonic() - started
        await tg.settle(quiet=1.0, timeout=30.0)
        database_url = bot.database_url
        log = bot.log()

    notes = await stored_notes(database_url)
    assert sorted(n.message_id for n in notes) == sorted(m.message_id for m in sent), log
    assert sorted(n.text for n in notes) == sorted(m.text or "" for m in sent)
    group_calls = [c for c in tg.calls if c.params.get("chat_id") in (group.id, str(group.id))]
    refused = [c for c in group_calls if c.method in POSTING and c.status == 429]
    assert all(retried(c, group_calls) for c in refused), (refused, log)
    assert not any("went wrong" in t for t in texts(tg, group))
    # The bot keeps to the group's 20 a minute; a short burst refused by the per-chat limit
    # (about one a second) is retried, and nothing refused is left unsent.
    assert not [r for r in tg.flood_refusals if r.chat_id == group.id and r.reason == "group"]
    assert took < 20.0
