"""A whole CoP in a private chat, against the real `python -m bot run` process."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from fakebotapi import FakeTelegram
from storage.database import create_engine, create_sessionmaker
from storage.models import CopSession, CopStatus
from tests.chat.helpers import new_school, play_private_cop
from tests.e2e.process import running_bot, stored_notes

NOTES = {
    "insights": ["Teachers rarely check for understanding"],
    "positives": ["Group work in grade 4 went well"],
    "improvements": ["Explain lessons better"],
    "next_steps": ["Ask three open questions per lesson"],
}


async def test_whole_cop_in_a_private_chat(tg: FakeTelegram, tmp_path: Path) -> None:
    async with running_bot(tg, tmp_path) as bot:
        head = tg.user("Asha")
        await new_school(tg, head)
        summary = await play_private_cop(tg, head, NOTES)
        assert summary is not None
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
