"""A CoP in a school's group chat: roles, privacy mode, the live board and the summary."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from fakebotapi import FakeTelegram
from fakebotapi.models import Message, User
from storage.models import CopSession, CopStatus, Note, NoteKind
from tests.chat.group import note, reacted, school_with_group, start_collecting
from tests.chat.helpers import (
    button_message,
    last_text,
    press,
    prompt_of,
    say,
    shows,
    texts,
)
from tests.conftest import BotProcess

FAST_GROUP = 600
"""A whole meeting in seconds: its ~80 group calls would otherwise queue at one every 3 s."""


def fast_group_bot(tg: FakeTelegram, database_url: str) -> BotProcess:
    """A bot (and fake) that allow many group messages a minute, for scripted meetings."""
    tg.limits.group_per_minute = FAST_GROUP
    return BotProcess(tg, database_url, group_messages_per_minute=FAST_GROUP)


async def stored_notes(bot: BotProcess) -> list[Note]:
    async with bot.db() as session:
        return list(await session.scalars(select(Note).order_by(Note.id)))


async def the_cop(bot: BotProcess) -> CopSession:
    async with bot.db() as session:
        return (await session.scalars(select(CopSession))).one()


@pytest.mark.parametrize("privacy", [True, False], ids=["privacy-on", "privacy-off"])
async def test_whole_cop_in_a_group(tg: FakeTelegram, database_url: str, privacy: bool) -> None:
    tg.privacy_mode = privacy
    bot = fast_group_bot(tg, database_url)
    await bot.start()
    try:
        await _whole_cop_in_a_group(tg, bot, privacy=privacy)
    finally:
        await bot.stop()


async def _whole_cop_in_a_group(tg: FakeTelegram, bot: BotProcess, *, privacy: bool) -> None:
    # With privacy off the bot is an admin allowed to pin; with privacy on it cannot pin.
    school = await school_with_group(tg, bot_is_admin=not privacy, bot_can_pin=not privacy)
    group, head, lead = school.group, school.head, school.lead
    bikash, chandra, dipa = school.teachers
    await start_collecting(tg, school)

    if privacy:
        # Not a reply and not a command: Telegram does not even deliver it to the bot.
        tg.send_text(bikash, group, "chatter the bot never sees")
    await note(tg, bikash, group, "Teachers rarely check <understanding> & wait", privacy=privacy)
    first = tg.send_text(chandra, group, "/note Students talk more in pairs")
    await tg.wait_for(lambda: reacted(tg, first))
    to_edit = await note(tg, dipa, group, "Old wording", privacy=privacy)
    album = tg.send_album(
        dipa, group, count=3, caption="our chart paper", reply_to=prompt_of(tg, group)
    )
    await tg.wait_for(lambda: all(reacted(tg, photo) for photo in album))
    photo = tg.send_photo(head, group, caption="board photo", reply_to=prompt_of(tg, group))
    await tg.wait_for(lambda: reacted(tg, photo))
    tg.edit_text(dipa, to_edit, "New wording after the edit")
    await shows(tg, group, "New wording after the edit", last=3)
    await shows(tg, group, "7 notes", last=3)

    # A burst of notes edits the board; it never sends one message per note.
    before = len(tg.bot_messages(group))
    board = tg.bot_messages(group)[-1]
    edits_before = board.edit_count
    burst = [
        await note(tg, school.everyone[i % 5], group, f"burst note {i}", privacy=privacy)
        for i in range(6)
    ]
    await shows(tg, group, "13 notes", last=1)
    assert len(tg.bot_messages(group)) == before
    assert board.edit_count > edits_before
    assert "… 8 earlier" in (board.text or "")

    # /undo removes the sender's own last note only.
    await say(tg, bikash, group, "/undo")
    assert "Your last note in this step was removed" in last_text(tg, group)
    await shows(tg, group, "12 notes", last=2)
    assert burst[2].from_user.id == bikash.id
    await tg.wait_for(lambda: not reacted(tg, burst[2]))

    # The lead teacher moves on with the Next button.
    await press(tg, lead, group, "Next")
    await shows(tg, group, "No notes yet")
    assert "Sharing positives" in texts(tg, group)[-2]
    await note(tg, chandra, group, "Group work in grade 4 went well", privacy=privacy)
    await press(tg, head, group, "Next")
    await shows(tg, group, "No notes yet")
    await note(tg, bikash, group, "Explain lessons better", privacy=privacy)
    await press(tg, lead, group, "Next")
    await shows(tg, group, "No notes yet")
    assert "action plan" in texts(tg, group)[-2]
    await note(tg, dipa, group, "Ask three open questions per lesson", privacy=privacy)
    await shows(tg, group, "1 note")
    await press(tg, lead, group, "Finish")

    summary = await shows(tg, group, "✅ CoP complete", last=3)
    messages = [m for m in tg.bot_messages(group) if "Facilitator:" in (m.text or "")]
    assert len(messages) == 1
    summary_message = messages[0]
    assert "Facilitator: Asha Rai" in summary
    assert "Participants: 5" in summary
    assert "Bikash: Teachers rarely check <understanding> & wait" in summary
    assert "Chandra: Students talk more in pairs" in summary
    assert "Dipa: New wording after the edit" in summary
    assert "Old wording" not in summary
    assert "Dipa: 📷 photo (our chart paper)" in summary
    assert "Asha Rai: 📷 photo (board photo)" in summary
    assert "Chandra: Group work in grade 4 went well" in summary
    assert "Bikash: Explain lessons better" in summary
    plan = summary.index("Action plan")
    assert summary.index("Explain lessons better") < plan
    assert summary.index("Dipa: Ask three open questions per lesson") > plan
    assert summary_message.pinned is (not privacy)
    assert not any("went wrong" in text for text in texts(tg, group))

    cop = await the_cop(bot)
    assert cop.status == CopStatus.COMPLETED and cop.summary_sent
    notes = await stored_notes(bot)
    insights = [n for n in notes if n.step == "insights"]
    assert len(insights) == 12
    assert sum(1 for n in insights if n.kind == NoteKind.PHOTO) == 4
    assert all(n.text != "chatter the bot never sees" for n in notes)
    bikash_burst = [n.text for n in insights if n.text.startswith("burst")]
    assert bikash_burst == [
        "burst note 0",
        "burst note 1",
        "burst note 3",
        "burst note 4",
        "burst note 5",
    ]
    assert [n.step for n in notes[-3:]] == ["positives", "improvements", "next_steps"]


async def test_plain_messages_are_notes_only_without_privacy(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    tg.privacy_mode = False
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    message = await note(tg, school.teachers[0], school.group, "plain note", privacy=False)
    assert [n.message_id for n in await stored_notes(bot)] == [message.message_id]


# --- wrong roles and forged buttons ------------------------------------------------------------


async def test_teachers_cannot_move_the_meeting(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    group, teacher = school.group, school.teachers[0]
    await start_collecting(tg, school)
    board, _ = button_message(tg, group, "Next")
    board_text = board.text
    count = len(tg.bot_messages(group))

    query = await press(tg, teacher, group, "Next")
    answer = tg.callback_answers[query]
    assert answer is not None and "Only the head teacher or a lead teacher" in answer["text"]
    await say(tg, teacher, group, "/next")
    assert "Only the head teacher or a lead teacher" in last_text(tg, group)
    await say(tg, teacher, group, "/cop")
    assert "Only the head teacher or a lead teacher" in last_text(tg, group)
    await say(tg, teacher, group, "/cancel")
    assert "Only the head teacher or a lead teacher" in last_text(tg, group)
    assert len(tg.bot_messages(group)) == count + 3
    assert board.text == board_text
    cop = await the_cop(bot)
    assert cop.step == "insights" and cop.status == CopStatus.IN_PROGRESS


async def test_strangers_get_a_clear_answer(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    stranger = tg.user("Stranger")
    dm = tg.private_chat(stranger)
    await say(tg, stranger, dm, "/cop")
    assert "Register a school with /newschool" in last_text(tg, dm)
    await say(tg, stranger, dm, "/members")
    assert "Only the head teacher can manage members" in last_text(tg, dm)
    await say(tg, stranger, dm, "/status")
    assert "not a member of a school" in last_text(tg, dm)
    await say(tg, stranger, dm, "/next")
    assert "No CoP is running here" in last_text(tg, dm)
    # A stranger's message in the group is not a note of the school.
    outsider = tg.user("Outsider")
    message = tg.send_text(outsider, school.group, "/note hello")
    await tg.wait_for(lambda: "No notes yet" in texts(tg, school.group)[-1] or reacted(tg, message))
    await tg.settle()
    assert (await the_cop(bot)).step == "insights"


async def test_forged_and_stale_buttons_change_nothing(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    group, head, teacher = school.group, school.head, school.teachers[0]
    await say(tg, head, group, "/cop")
    overview, start_data = button_message(tg, group, "Start")
    await press(tg, head, group, "Start")
    await shows(tg, group, "No observations yet")
    await press(tg, head, group, "Next")
    await shows(tg, group, "No notes yet")
    board, _ = button_message(tg, group, "Next")
    cop = await the_cop(bot)
    count = len(tg.bot_messages(group))

    async def refused(user: User, message: Message, data: str, reason: str) -> None:
        query = tg.press_button(user, message, data)
        await tg.wait_for(lambda: tg.callback_answers.get(query) is not None)
        answer = tg.callback_answers[query]
        assert answer is not None and reason in (answer.get("text") or ""), (data, answer)

    await refused(head, board, "cop:next:999:insights", "This CoP is over")
    await refused(head, board, "cop:bogus", "no longer valid")
    await refused(head, board, f"cop:next:{cop.id}:nostep", "no longer valid")
    await refused(head, board, f"cop:explode:{cop.id}:insights", "no longer valid")
    await refused(teacher, board, "mem:rm:1", "not for you")
    await refused(teacher, board, "mem:rmok:1", "not for you")
    await refused(head, board, "\x00junk\u2603" * 5, "no longer valid")
    await refused(head, board, "hist:abc", "not for you")
    await refused(head, board, "photos:999", "not for you")
    # The overview's Start button belongs to a step that is over.
    await refused(head, overview, start_data, "That step is over")
    await tg.settle()
    assert len(tg.bot_messages(group)) == count
    cop = await the_cop(bot)
    assert cop.step == "insights" and cop.status == CopStatus.IN_PROGRESS
    async with bot.db() as session:
        from storage.models import Member

        assert len(list(await session.scalars(select(Member)))) == 5


async def test_cop_in_progress_elsewhere_says_where(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    await start_collecting(tg, school)
    dm = tg.private_chat(school.lead)
    await say(tg, school.lead, dm, "/cop")
    assert "in progress in the group “Shree teachers”" in last_text(tg, dm)
    assert "Reflection: insights" in last_text(tg, dm)
    await say(tg, school.head, school.group, "/cop")
    assert "A CoP is in progress here" in last_text(tg, school.group)
    async with bot.db() as session:
        assert len(list(await session.scalars(select(CopSession)))) == 1
