"""Review fixes, each through the real Application on the fake Bot API."""

from __future__ import annotations

import json
import logging
import re
import threading
from pathlib import Path
from typing import Any

import pytest

import handlers.stats
import storage.stats
from fakebotapi import FakeTelegram
from fakebotapi.limits import format_text, utf16_len
from fakebotapi.models import Chat, Message, User
from handlers.stats import split_text, visible_length
from storage.cops import finish_cop, start_cop
from storage.models import CopStatus
from storage.schools import PersonInfo, add_member, get_school_by_code, upsert_person
from storage.stats import SchoolStats, baseline_date, school_stats
from tests.chat.helpers import join, last_text, new_school, press, say, shows, texts
from tests.chat.test_cop_group import school_with_group
from tests.conftest import BotProcess

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "observations-sample.csv"


async def _press(tg: FakeTelegram, user: User, message: Message, data: str) -> dict[str, object]:
    """Press a (possibly forged) button and return the bot's answer to the query."""
    query = tg.press_button(user, message, data)
    await tg.wait_for(lambda: tg.callback_answers.get(query) is not None)
    await tg.settle()
    answer = tg.callback_answers[query]
    assert answer is not None
    return answer


async def _finished_cop(bot: BotProcess, code: str, facilitator: User, chat: Chat) -> int:
    """A completed CoP (without notes) of the school with that join code; returns its id."""
    async with bot.db.begin() as session:
        school = await get_school_by_code(session, code)
        assert school is not None
        cop = await start_cop(
            session,
            school_id=school.id,
            chat_id=chat.id,
            facilitator_id=facilitator.id,
            first_step="check_stats",
        )
        await finish_cop(session, cop, CopStatus.COMPLETED)
        await session.flush()
        return cop.id


# --- 1. a CoP's summary and photos only in its own school's chats ----------------------------


async def test_history_button_of_another_school_is_refused_in_a_group(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    school_b = await school_with_group(tg)
    head_b = school_b.head
    head_a = tg.user("Other", "Head")
    code_a = await new_school(tg, head_a, "Another School")
    await join(tg, head_b, code_a)  # Asha is in both schools
    cop_a = await _finished_cop(bot, code_a, head_a, tg.private_chat(head_a))
    group = school_b.group
    anchor = await say(tg, head_b, group, "/status")
    before = len(tg.bot_messages(group))

    for data in (f"hist:{cop_a}", f"photos:{cop_a}"):
        answer = await _press(tg, head_b, anchor, data)
        assert "not for you" in str(answer.get("text")), (data, answer)
    assert len(tg.bot_messages(group)) == before

    # In a private chat the member of school A still gets A's summary.
    dm = tg.private_chat(head_b)
    anchor = await say(tg, head_b, dm, "/status")
    answer = await _press(tg, head_b, anchor, f"hist:{cop_a}")
    assert not answer.get("text")
    assert "Another School" in (tg.bot_messages(dm)[-1].text or "")


# --- 2. /members with many long names -------------------------------------------------------


async def _add_people(bot: BotProcess, code: str, names: list[str]) -> None:
    """Members added straight to the database (joining one by one is slow)."""
    async with bot.db.begin() as session:
        school = await get_school_by_code(session, code)
        assert school is not None
        for index, name in enumerate(names):
            info = PersonInfo(id=900_000 + index, display_name=name, telegram_language="en")
            await add_member(session, school, await upsert_person(session, info))


async def test_members_lists_only_the_page_shown(tg: FakeTelegram, bot: BotProcess) -> None:
    head = tg.user("Asha", "Rai")
    code = await new_school(tg, head)
    names = [f"Teacher {index:02d} " + "Longname" * 11 for index in range(40)]
    assert all(len(name) == 99 for name in names)
    await _add_people(bot, code, names)
    dm = tg.private_chat(head)

    await say(tg, head, dm, "/members")
    text = last_text(tg, dm)
    assert "Members (41)" in text and "Page 1 of 6" in text
    assert "Teacher 06 " in text and "Teacher 07 " not in text
    assert not any("went wrong" in shown for shown in texts(tg, dm))

    await press(tg, head, dm, "»")
    text = last_text(tg, dm)
    assert "Members (41)" in text and "Page 2 of 6" in text
    assert "Teacher 07 " in text and "Teacher 14 " in text
    assert "Teacher 06 " not in text and "Teacher 15 " not in text


# --- 3. the same button twice ---------------------------------------------------------------


async def test_pressing_the_same_button_twice_is_no_error(
    tg: FakeTelegram, bot: BotProcess, caplog: pytest.LogCaptureFixture
) -> None:
    head = tg.user("Asha", "Rai")
    await new_school(tg, head)
    dm = tg.private_chat(head)

    members = await say(tg, head, dm, "/members")
    listing = tg.bot_messages(dm)[-1]
    assert members.message_id < listing.message_id
    answer = await _press(tg, head, listing, "mem:list:0")  # the page already shown
    assert not answer.get("text")

    await say(tg, head, dm, "/lang")
    chooser = tg.bot_messages(dm)[-1]
    for _ in range(2):
        answer = await _press(tg, head, chooser, "lang:en")
        assert not answer.get("text")
    assert "Language set: English" in (chooser.text or "")

    assert not any("went wrong" in shown for shown in texts(tg, dm))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


# --- 4. plain text in button labels and alerts ----------------------------------------------


def _labels(message: Message) -> list[str]:
    markup = message.reply_markup or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


async def test_history_labels_and_alerts_are_plain_text(tg: FakeTelegram, bot: BotProcess) -> None:
    head = tg.user("Tom & Jerry", "<Sons> & Daughters & Friends & Company")
    code = await new_school(tg, head)
    dm = tg.private_chat(head)
    await _finished_cop(bot, code, head, dm)
    await say(tg, head, dm, "/history")
    (label,) = _labels(tg.bot_messages(dm)[-1])
    assert label.startswith(" · Tom & Jerry <Sons> & Daughters", 10), label
    assert "&amp;" not in label and "&lt;" not in label
    assert len(label) == 64 and label.endswith("…")

    teacher = tg.user("Ram & Sita")
    await join(tg, teacher, code)
    await say(tg, head, dm, "/members")
    await press(tg, head, dm, "Ram & Sita")
    await press(tg, head, dm, "Remove from the school")
    query = await press(tg, head, dm, "Yes, remove")
    answer = tg.callback_answers[query]
    assert answer is not None and answer.get("text") == "Ram & Sita was removed."


# --- 5. long lines never cut inside HTML; rubric texts limited -------------------------------


def test_split_text_never_cuts_inside_a_tag_or_an_entity() -> None:
    lines = [
        "<b>Title</b>",
        "<b>1. " + "Long title " * 500 + "</b> 3.2",
        "x &amp; y " * 1000,
        "• " + "&lt;b&gt; 😀" * 1500,
    ]
    parts = split_text(lines)
    assert len(parts) == 4
    for part in parts:
        plain, _entities = format_text(part, "HTML")  # raises on a cut tag or a long text
        assert utf16_len(plain) <= 4096
    # The overlong line is shortened as plain text: its tags dropped, not cut.
    assert parts[1].startswith("1. Long title") and parts[1].endswith("…")
    assert "<" not in parts[1] and visible_length(parts[1]) == 4096
    assert parts[3].startswith("• &lt;b&gt; 😀") and visible_length(parts[3]) <= 4096
    for limit in range(5, 16):
        (short,) = split_text(["a &amp; b &lt; c"], limit)
        assert not re.search(r"&[a-z]*…", short), short
        assert visible_length(short) <= limit


async def test_an_overlong_rubric_title_is_refused_in_chat(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head = tg.user("Asha", "Rai")
    await new_school(tg, head)
    dm = tg.private_chat(head)
    rubric = {
        "name": "Ours",
        "practices": [
            {"title": {"en": "P" * 301}, "questions": [{"title": {"en": "Q"}, "scale": 5}]}
        ],
    }
    tg.send_document(
        head, dm, "ours.json", json.dumps(rubric).encode(), "application/json", caption="/rubric"
    )
    text = await shows(tg, dm, "cannot be used")
    assert "practice 1 title (en) is 301 characters long; at most 300 are allowed" in text


# --- 6. /rubric <name> in a group ------------------------------------------------------------


async def test_rubric_switch_in_a_group_points_the_head_teacher_to_a_private_chat(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    school = await school_with_group(tg)
    await say(tg, school.head, school.group, "/rubric sierra_leone")
    assert "This works in a private chat with me" in last_text(tg, school.group)
    await say(tg, school.teachers[0], school.group, "/rubric sierra_leone")
    assert "Only the school's head teacher can change the rubric" in last_text(tg, school.group)
    await say(tg, school.head, school.group, "/rubric")
    assert "Rubric: Nepal" in "\n".join(texts(tg, school.group)[-2:])


# --- 7. the stats arithmetic off the event loop ----------------------------------------------


async def test_stats_are_computed_in_a_worker_thread(
    tg: FakeTelegram, bot: BotProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    results: list[SchoolStats] = []
    real = storage.stats.compute_stats

    def recording(*args: Any, **kwargs: Any) -> SchoolStats:
        threads.append(threading.current_thread())
        results.append(real(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(storage.stats, "compute_stats", recording)
    monkeypatch.setattr(handlers.stats, "compute_stats", recording, raising=False)
    head = tg.user("Asha")
    code = await new_school(tg, head)
    dm = tg.private_chat(head)
    tg.send_document(head, dm, "observations.csv", SAMPLE.read_bytes(), caption="/import")
    await shows(tg, dm, "Imported 40 observations")
    await say(tg, head, dm, "/lowdata on")  # text only: no chart rendering in this test
    await say(tg, head, dm, "/stats")
    await shows(tg, dm, "School average")

    assert threads and threading.main_thread() not in threads
    async with bot.db() as session:
        school = await get_school_by_code(session, code)
        assert school is not None
        expected = await school_stats(
            session, school.id, baseline=await baseline_date(session, school.id)
        )
    assert results[-1] == expected
