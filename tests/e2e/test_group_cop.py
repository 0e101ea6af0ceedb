"""A whole CoP in a school's group, against the real `python -m bot run` process."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakebotapi import FakeTelegram
from storage.models import CopSession, CopStatus, NoteKind
from tests.chat.group import note, reacted, school_with_group, start_collecting
from tests.chat.helpers import button_message, press, prompt_of, shows, texts
from tests.e2e.process import running_bot, stored, stored_notes

GROUP_RATE = 600
"""A scripted meeting runs in seconds, not an hour: its ~40 group messages and edits would
queue at one every 3 s under Telegram's 20 a minute, so the bot and the fake both allow more."""


@pytest.mark.parametrize("privacy", [True, False], ids=["privacy-on", "privacy-off"])
async def test_whole_cop_in_a_group(tg: FakeTelegram, tmp_path: Path, privacy: bool) -> None:
    tg.privacy_mode = privacy
    tg.limits.group_per_minute = GROUP_RATE
    env = {"GROUP_MESSAGES_PER_MINUTE": str(GROUP_RATE)}
    async with running_bot(tg, tmp_path, env) as bot:
        # With privacy off the bot is an admin allowed to pin; with privacy on it cannot pin.
        school = await school_with_group(tg, bot_is_admin=not privacy, bot_can_pin=not privacy)
        group, head, lead = school.group, school.head, school.lead
        bikash, chandra, dipa = school.teachers
        await start_collecting(tg, school)

        # A teacher presses Next: told why, and the step stays.
        board, _ = button_message(tg, group, "Next")
        board_text, count = board.text, len(tg.bot_messages(group))
        query = await press(tg, bikash, group, "Next")
        refusal = tg.callback_answers[query]
        assert refusal is not None
        assert "Only the head teacher or a lead teacher" in (refusal.get("text") or "")
        assert len(tg.bot_messages(group)) == count and board.text == board_text
        (cop,) = await stored(bot.database_url, CopSession)
        assert cop.step == "insights"

        if privacy:
            # Neither a reply nor a command: Telegram does not even deliver it to the bot.
            tg.send_text(bikash, group, "chatter the bot never sees")
        await note(tg, bikash, group, "Teachers rarely check for understanding", privacy=privacy)
        await note(tg, chandra, group, "Students talk more in pairs", privacy=privacy)
        to_edit = await note(tg, dipa, group, "Old wording", privacy=privacy)
        album = tg.send_album(
            dipa,
            group,
            count=3,
            caption="our chart paper",
            reply_to=prompt_of(tg, group) if privacy else None,
        )
        await tg.wait_for(lambda: all(reacted(tg, photo) for photo in album), timeout=15.0)
        photo = tg.send_photo(
            head, group, caption="board photo", reply_to=prompt_of(tg, group) if privacy else None
        )
        await tg.wait_for(lambda: reacted(tg, photo), timeout=15.0)
        tg.edit_text(dipa, to_edit, "New wording after the edit")
        await shows(tg, group, "New wording after the edit", last=2)
        await shows(tg, group, "7 notes", last=2)

        await press(tg, lead, group, "Next")
        await shows(tg, group, "No notes yet")
        assert "Sharing positives" in texts(tg, group)[-2]
        await note(tg, chandra, group, "Group work in grade 4 went well", privacy=privacy)
        await press(tg, head, group, "Next")
        await shows(tg, group, "No notes yet")
        assert "Improvements" in texts(tg, group)[-2]
        await note(tg, bikash, group, "Explain lessons better", privacy=privacy)
        await note(tg, lead, group, "Give slower pupils more wait time", privacy=privacy)
        await press(tg, lead, group, "Next")
        await shows(tg, group, "No notes yet")
        assert "action plan" in texts(tg, group)[-2]
        await note(tg, dipa, group, "Ask three open questions per lesson", privacy=privacy)
        await shows(tg, group, "1 note")
        await press(tg, lead, group, "Finish")
        await tg.wait_for(lambda: any("✅ CoP complete" in t for t in texts(tg, group)), 15.0)
        await tg.settle(quiet=0.5)
        database_url = bot.database_url

    summaries = [m for m in tg.bot_messages(group) if "Facilitator:" in (m.text or "")]
    assert len(summaries) == 1
    summary = summaries[0].text or ""
    assert "Facilitator: Asha Rai" in summary
    assert "Participants: 5" in summary
    for line in (
        "Bikash: Teachers rarely check for understanding",
        "Chandra: Students talk more in pairs",
        "Dipa: New wording after the edit",
        "Dipa: 📷 photo (our chart paper)",
        "Asha Rai: 📷 photo (board photo)",
        "Chandra: Group work in grade 4 went well",
        "Bikash: Explain lessons better",
        "Laxmi Lead: Give slower pupils more wait time",
        "Dipa: Ask three open questions per lesson",
    ):
        assert summary.count(line) == 1, (line, summary)
    assert "Old wording" not in summary
    assert summary.index("Explain lessons better") < summary.index("Action plan")
    assert summary.index("Action plan") < summary.index("Ask three open questions")
    assert summaries[0].pinned is (not privacy)
    assert not any("went wrong" in t for t in texts(tg, group))
    assert not [r for r in tg.flood_refusals if r.chat_id == group.id]

    (cop,) = await stored(database_url, CopSession)
    assert cop.status == CopStatus.COMPLETED and cop.summary_sent
    notes = await stored_notes(database_url)
    assert [n.step for n in notes] == [
        *["insights"] * 7,
        "positives",
        "improvements",
        "improvements",
        "next_steps",
    ]
    insights = notes[:7]
    assert sum(1 for n in insights if n.kind == NoteKind.PHOTO) == 4
    assert len({n.media_group_id for n in insights if n.media_group_id}) == 1
    assert "New wording after the edit" in [n.text for n in insights]
    assert all(n.text not in ("Old wording", "chatter the bot never sees") for n in notes)
