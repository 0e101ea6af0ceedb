"""A whole CoP in a private chat, against the real `python -m bot run` process."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from fakebotapi import FakeTelegram
from storage.database import create_engine, create_sessionmaker
from storage.models import CopSession, CopStatus
from tests.chat.helpers import new_school, press, say, shows
from tests.e2e.process import running_bot, stored_notes


async def test_whole_cop_in_a_private_chat(tg: FakeTelegram, tmp_path: Path) -> None:
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
        await say(tg, head, dm, "Teachers rarely check for understanding")
        await shows(tg, dm, "1 note")
        await press(tg, head, dm, "Next")
        await shows(tg, dm, "Sharing positives", last=2)
        await say(tg, head, dm, "Group work in grade 4 went well")
        await shows(tg, dm, "1 note")
        await press(tg, head, dm, "Next")
        await shows(tg, dm, "Improvements", last=2)
        await say(tg, head, dm, "Explain lessons better")
        await shows(tg, dm, "1 note")
        await press(tg, head, dm, "Next")
        await shows(tg, dm, "action plan", last=2)
        await say(tg, head, dm, "Ask three open questions per lesson")
        await shows(tg, dm, "1 note")
        await press(tg, head, dm, "Finish")
        summary = await shows(tg, dm, "CoP complete")
        database_url = bot.database_url

    assert "Facilitator: Asha" in summary
    for text in (
        "Teachers rarely check for understanding",
        "Group work in grade 4 went well",
        "Explain lessons better",
    ):
        assert summary.count(text) == 1
    assert summary.index("Action plan") < summary.index("Ask three open questions")
    notes = await stored_notes(database_url)
    assert [n.step for n in notes] == ["insights", "positives", "improvements", "next_steps"]
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            cop = (await session.scalars(select(CopSession))).one()
            assert cop.status == CopStatus.COMPLETED
    finally:
        await engine.dispose()
