"""A whole CoP in a private chat between the head teacher and the bot."""

from __future__ import annotations

from sqlalchemy import select

from fakebotapi import FakeTelegram
from storage.models import CopSession, CopStatus, Note
from tests.chat.helpers import new_school, press, say, shows
from tests.conftest import BotProcess


async def test_whole_cop_in_private_chat(tg: FakeTelegram, bot: BotProcess) -> None:
    head = tg.user("Asha")
    dm = tg.private_chat(head)
    await new_school(tg, head)

    await say(tg, head, dm, "/cop")
    overview = await shows(tg, dm, "The steps")
    assert "Check stats (5 min)" in overview
    await press(tg, head, dm, "Start")
    await shows(tg, dm, "No observations yet")
    await press(tg, head, dm, "Next")
    await shows(tg, dm, "Reflection: insights (10-20 min)", last=2)

    await say(tg, head, dm, "Teachers rarely check for understanding")
    tg.send_photo(head, dm, caption="our paper notes")
    await tg.wait_for(lambda: len(tg.reactions) == 2)
    await shows(tg, dm, "2 notes")
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
    assert "Facilitator: Asha" in summary
    assert "Teachers rarely check for understanding" in summary
    assert "📷 photo (our paper notes)" in summary
    assert summary.index("Action plan") < summary.index("Ask three open questions")
    async with bot.db() as session:
        cop = (await session.scalars(select(CopSession))).one()
        assert cop.status == CopStatus.COMPLETED
        notes = list(await session.scalars(select(Note).order_by(Note.id)))
    assert [n.step for n in notes] == [
        "insights",
        "insights",
        "positives",
        "improvements",
        "next_steps",
    ]
    assert notes[1].photo_file_id and notes[1].photo_unique_id
