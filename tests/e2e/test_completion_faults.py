"""Telegram failing while the CoP completes: the summary still arrives, exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakebotapi import FakeTelegram
from storage.models import CopSession, CopStatus
from tests.chat.helpers import button_message, new_school, play_private_cop, texts
from tests.e2e.process import running_bot, stored, stored_notes

FAULT_SECONDS = 10


NOTES = {
    "insights": ["Teachers rarely check for understanding"],
    "next_steps": ["Ask three open questions per lesson"],
}


@pytest.mark.parametrize("hold", [False, True], ids=["http-500", "held-no-answer"])
async def test_summary_arrives_once_despite_failing_send_message(
    tg: FakeTelegram, tmp_path: Path, hold: bool
) -> None:
    async with running_bot(tg, tmp_path) as bot:
        head = tg.user("Asha")
        dm = tg.private_chat(head)
        await new_school(tg, head)
        await play_private_cop(tg, head, NOTES, finish=False)

        failing_from = len(tg.calls)
        tg.fail("sendMessage", status=500, seconds=FAULT_SECONDS, timeout=hold)
        message, data = button_message(tg, dm, "Finish")
        query = tg.press_button(head, message, data)
        await tg.wait_for(lambda: "✅ CoP complete" in "\n".join(texts(tg, dm)), timeout=40.0)
        await tg.settle(quiet=2.0, timeout=30.0)
        database_url = bot.database_url
        log = bot.log()

    failed = [c for c in tg.calls[failing_from:] if c.method == "sendMessage" and c.status != 200]
    assert failed, "the fault never hit a sendMessage"
    assert tg.callback_answers.get(query) is not None
    summaries = [t for t in texts(tg, dm) if "Facilitator:" in t]
    assert len(summaries) == 1, (summaries, log)
    summary = summaries[0]
    assert "Teachers rarely check for understanding" in summary
    assert "Ask three open questions per lesson" in summary
    assert sum("✅ CoP complete" in t for t in texts(tg, dm)) == 1
    assert not any("went wrong" in t for t in texts(tg, dm))
    (cop,) = await stored(database_url, CopSession)
    assert cop.status == CopStatus.COMPLETED and cop.summary_sent
    assert len(await stored_notes(database_url)) == 2
