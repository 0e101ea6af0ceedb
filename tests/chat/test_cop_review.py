"""Defects a review found: each test failed before its fix."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from fakebotapi import FakeTelegram
from storage.models import CopSession, CopStatus
from tests.chat.group import note, reacted, school_with_group, start_collecting
from tests.chat.helpers import (
    last_text,
    new_school,
    play_private_cop,
    press,
    prompt_of,
    say,
    shows,
    texts,
)
from tests.chat.test_cop_group import stored_notes, the_cop
from tests.conftest import BotProcess


async def test_cop_goes_on_after_the_group_becomes_a_supergroup(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    await note(tg, school.teachers[0], school.group, "Before the move", privacy=True)
    supergroup = tg.migrate_to_supergroup(school.group)
    await shows(tg, supergroup, "Reflection: insights", last=2)
    late = tg.send_text(
        school.teachers[1], supergroup, "After the move", reply_to=prompt_of(tg, supergroup)
    )
    await tg.wait_for(lambda: reacted(tg, late))
    await say(tg, school.lead, supergroup, "/next")
    await shows(tg, supergroup, "Sharing positives", last=2)
    cop = await the_cop(bot)
    assert cop.chat_id == supergroup.id and cop.step == "positives"
    assert [n.text for n in await stored_notes(bot)] == ["Before the move", "After the move"]


async def test_edited_commands_do_not_run_again(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    teacher, group = school.teachers[0], school.group
    await note(tg, teacher, group, "first", privacy=True)
    await note(tg, teacher, group, "second", privacy=True)
    undo = await say(tg, teacher, group, "/undo")
    await shows(tg, group, "was removed")
    tg.edit_text(teacher, undo, "/undo ")
    await tg.settle()
    assert [n.text for n in await stored_notes(bot)] == ["first"]

    step = await say(tg, school.lead, group, "/next")
    await shows(tg, group, "Sharing positives", last=2)
    tg.edit_text(school.lead, step, "/next ")
    await tg.settle()
    assert (await the_cop(bot)).step == "positives"


async def test_edited_note_command_edits_the_note(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    teacher, group = school.teachers[0], school.group
    written = tg.send_text(teacher, group, "/note We tried grup work")
    await tg.wait_for(lambda: reacted(tg, written))
    tg.edit_text(teacher, written, "/note We tried group work")
    await tg.wait_for(lambda: any("We tried group work" in t for t in texts(tg, group)))
    assert [n.text for n in await stored_notes(bot)] == ["We tried group work"]


async def test_a_linked_group_cannot_be_taken_over(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    intruder = school.teachers[0]
    await new_school(tg, intruder, "Other School")
    await say(tg, intruder, school.group, "/setup")
    assert "This group belongs to Shree School" in last_text(tg, school.group)
    await say(tg, school.head, school.group, "/cop")
    await shows(tg, school.group, "Community of Practice · Shree School")


async def test_expiry_survives_a_group_that_removed_the_bot(
    tg: FakeTelegram, database_url: str
) -> None:
    bot = BotProcess(tg, database_url, cop_idle_hours=0.0005)
    await bot.start()
    try:
        school = await school_with_group(tg)
        await start_collecting(tg, school)
        tg.remove_bot_from_group(school.group, by=school.head)
        head_dm = tg.private_chat(school.head)

        async def closed() -> bool:
            return (await the_cop(bot)).status == CopStatus.EXPIRED

        for _ in range(150):
            if await closed():
                break
            await asyncio.sleep(0.1)
        assert await closed(), "the idle CoP was never closed"
        await say(tg, school.head, head_dm, "/cop")
        await shows(tg, head_dm, "The steps")
    finally:
        await bot.stop()


async def test_head_teacher_can_end_a_cop_from_the_private_chat(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    tg.remove_bot_from_group(school.group, by=school.head)
    dm = tg.private_chat(school.head)
    await say(tg, school.head, dm, "/cancel")
    await press(tg, school.head, dm, "Yes, end it")
    await shows(tg, dm, "ended unfinished")
    assert (await the_cop(bot)).status == CopStatus.CANCELLED


async def test_an_anonymous_admin_is_told_how_to_be_known(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    school = await school_with_group(tg)
    before = len(tg.bot_messages(school.group))
    tg.send_text_anonymously(school.group, "/cop")
    await shows(tg, school.group, "Remain anonymous")
    tg.send_text_anonymously(school.group, "/cop")
    await tg.settle()
    assert len(tg.bot_messages(school.group)) == before + 1, "one hint a minute"
    assert (await the_cop_or_none(bot)) is None


async def the_cop_or_none(bot: BotProcess) -> object:
    from sqlalchemy import select

    from storage.models import CopSession

    async with bot.db() as session:
        return (await session.scalars(select(CopSession))).first()


async def test_the_board_is_not_edited_to_the_same_text(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    for index in range(6):
        tg.send_text(
            school.teachers[index % 3],
            school.group,
            f"note {index}",
            reply_to=prompt_of(tg, school.group),
        )
    await shows(tg, school.group, "6 notes")
    await tg.settle(quiet=1.0)
    refused = [
        c
        for c in tg.calls
        if c.method == "editMessageText" and "not modified" in str(c.result_or_error)
    ]
    assert not refused


async def test_between_collecting_steps_nothing_is_met_with_silence(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head = tg.user("Asha")
    dm = tg.private_chat(head)
    await new_school(tg, head)
    await say(tg, head, dm, "/cop")
    await press(tg, head, dm, "Start")
    await shows(tg, dm, "No observations yet")
    await say(tg, head, dm, "Is this a note?")
    await shows(tg, dm, "This step does not collect notes")
    await say(tg, head, dm, "/undo")
    assert "does not collect notes" in last_text(tg, dm)
    assert await stored_notes(bot) == []


async def test_a_removed_member_stays_removed_when_writing_in_the_group(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    tg.privacy_mode = False
    school = await school_with_group(tg)
    dm = tg.private_chat(school.head)
    await say(tg, school.head, dm, "/members")
    await press(tg, school.head, dm, "Dipa")
    await press(tg, school.head, dm, "Remove")
    await press(tg, school.head, dm, "Yes, remove")
    tg.send_text(school.teachers[2], school.group, "Hello everyone")
    await tg.settle()
    await say(tg, school.head, dm, "/members")
    assert "Dipa" not in last_text(tg, dm)


async def test_notes_still_count_when_a_step_could_not_be_shown(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    tg.privacy_mode = False
    school = await school_with_group(tg)
    group = school.group
    await say(tg, school.head, group, "/cop")
    await press(tg, school.head, group, "Start")
    await shows(tg, group, "No observations yet")
    tg.fail("sendMessage", status=400, count=1)
    await press(tg, school.head, group, "Next")
    assert (await the_cop(bot)).step == "insights"
    written = tg.send_text(school.teachers[0], group, "A note all the same")
    await tg.wait_for(lambda: reacted(tg, written))
    assert [n.text for n in await stored_notes(bot)] == ["A note all the same"]


async def test_one_chat_holds_one_cop_even_across_schools(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head = tg.user("Asha")
    dm = tg.private_chat(head)
    await new_school(tg, head, "School A")
    await say(tg, head, dm, "/cop")
    await shows(tg, dm, "The steps")
    await new_school(tg, head, "School B")
    await say(tg, head, dm, "/cop")
    assert "A CoP is in progress here" in last_text(tg, dm)


async def test_a_note_edited_between_collecting_steps_follows(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    written = await note(tg, school.teachers[0], school.group, "first wording", privacy=True)
    await press(tg, school.lead, school.group, "Back")
    await shows(tg, school.group, "No observations yet")
    tg.edit_text(school.teachers[0], written, "second wording")
    await tg.settle()
    assert [n.text for n in await stored_notes(bot)] == ["second wording"]


async def test_an_interrupted_summary_continues_where_it_stopped(
    tg: FakeTelegram, bot: BotProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = tg.user("Asha")
    dm = tg.private_chat(head)
    await new_school(tg, head)
    long_note = "x" * 3000
    notes = {"insights": [f"{long_note} {n}" for n in range(3)], "next_steps": ["Plan A"]}
    await play_private_cop(tg, head, notes)
    await shows(tg, dm, "Action plan")
    first = max(i for i, text in enumerate(texts(tg, dm)) if "CoP complete" in text)
    summary_messages = texts(tg, dm)[first:]
    assert len(summary_messages) >= 3

    # As if the bot had stopped after the first part: the rest must follow, not all of it.
    async with bot.db.begin() as session:
        cop = (await session.scalars(select(CopSession))).one()
        cop.summary_sent, cop.summary_parts_sent = False, 1
    monkeypatch.setattr("conversations.jobs.RESEND_AFTER", timedelta(0))
    before = len(texts(tg, dm))
    await bot.restart()
    await tg.wait_for(lambda: len(texts(tg, dm)) == before + len(summary_messages) - 1, 10)
    resent = texts(tg, dm)[before:]
    assert not any("CoP complete" in text for text in resent)
    assert "Plan A" in resent[-1]
    assert (await the_cop(bot)).summary_sent
