"""What the bot refuses: a CSV with mistakes, a forged button, a stranger's commands."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import or_

from fakebotapi import FakeTelegram
from storage.models import (
    ChatPreference,
    CopSession,
    CopStatus,
    FailedJoin,
    Member,
    Note,
    Observation,
    Person,
    Rating,
)
from tests.chat.helpers import button_message, new_school, press, say, shows, texts
from tests.e2e.process import REPO, running_bot, stored

SAMPLE = REPO / "examples" / "observations-sample.csv"


def csv_with_two_mistakes() -> tuple[bytes, int, int]:
    """The sample's first observation, one rating out of scale and one more line with a date
    that does not exist; returns the file and the two (1-based, header = 1) line numbers."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:19]
    header = lines[0].split(",")
    assert header[3:5] == ["question", "value"]
    out_of_scale = 5
    cells = lines[out_of_scale - 1].split(",")
    assert cells[3] == "2.1"  # a 5-point question
    cells[4] = "9"
    lines[out_of_scale - 1] = ",".join(cells)
    lines.append("SJS-BAD-001,2026-02-30,Hari Prasad Poudel,1.1,2,Binod Acharya,Science")
    return ("\n".join(lines) + "\n").encode(), out_of_scale, len(lines)


async def test_a_csv_with_mistakes_names_the_lines_and_imports_nothing(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    content, out_of_scale, bad_date = csv_with_two_mistakes()
    async with running_bot(tg, tmp_path) as bot:
        head = tg.user("Asha")
        dm = tg.private_chat(head)
        await new_school(tg, head)
        before = len(tg.bot_messages(dm))
        tg.send_document(head, dm, "observations.csv", content, caption="/import")
        await tg.wait_for(lambda: any("Nothing was imported" in t for t in texts(tg, dm)), 20.0)
        await tg.settle()
        reply = "\n".join(texts(tg, dm)[before:])
        await say(tg, head, dm, "/stats")
        await shows(tg, dm, "No observations yet")
        database_url = bot.database_url

    assert "2 problems" in reply, reply
    assert f"Line {out_of_scale}:" in reply and "outside question 2.1" in reply, reply
    assert f"Line {bad_date}:" in reply and "2026-02-30" in reply, reply
    assert "Imported" not in reply
    assert not await stored(database_url, Observation)
    assert not await stored(database_url, Rating)


async def test_a_forged_button_is_answered_and_changes_nothing(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(tg, tmp_path) as bot:
        head = tg.user("Asha")
        dm = tg.private_chat(head)
        await new_school(tg, head)
        await say(tg, head, dm, "/cop")
        await press(tg, head, dm, "Start")
        await press(tg, head, dm, "Next")
        await shows(tg, dm, "Reflection: insights", last=2)
        board, _ = button_message(tg, dm, "Next")
        board_text, count = board.text, len(tg.bot_messages(dm))

        query = tg.press_button(head, board, "cop:next:999:insights")
        await tg.wait_for(lambda: tg.callback_answers.get(query) is not None, 15.0)
        await tg.settle()
        database_url = bot.database_url

    answer = tg.callback_answers[query]
    assert answer is not None and "This CoP is over" in (answer.get("text") or ""), answer
    assert len(tg.bot_messages(dm)) == count
    assert board.text == board_text
    (cop,) = await stored(database_url, CopSession)
    assert cop.step == "insights" and cop.status == CopStatus.IN_PROGRESS


async def test_a_stranger_gets_clear_replies_and_leaves_no_trace(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(tg, tmp_path) as bot:
        head = tg.user("Asha")
        await new_school(tg, head)
        stranger = tg.user("Stranger")
        dm = tg.private_chat(stranger)
        replies = {}
        for command in ("/cop", "/stats", "/members"):
            before = len(tg.bot_messages(dm))
            await say(tg, stranger, dm, command)
            await tg.wait_for(lambda: len(tg.bot_messages(dm)) > before, 10.0)  # noqa: B023
            replies[command] = "\n".join(texts(tg, dm)[before:])
        database_url = bot.database_url

    assert "Register a school with /newschool" in replies["/cop"], replies
    assert "not a member of a school yet. Join with /join" in replies["/stats"], replies
    assert "Only the head teacher can manage members" in replies["/members"], replies
    assert not any("went wrong" in r for r in replies.values())
    me = stranger.id
    assert len(await stored(database_url, Person, Person.id == me)) <= 1
    assert not await stored(database_url, Member, Member.person_id == me)
    assert not await stored(database_url, FailedJoin, FailedJoin.person_id == me)
    assert not await stored(database_url, ChatPreference, ChatPreference.chat_id == me)
    assert not await stored(
        database_url, CopSession, or_(CopSession.chat_id == me, CopSession.facilitator_id == me)
    )
    assert not await stored(database_url, Note, or_(Note.author_id == me, Note.chat_id == me))
