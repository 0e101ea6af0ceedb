"""Stats, observation import, /rubric and /lowdata, driven through the real Application."""

from __future__ import annotations

import re
from pathlib import Path

from fakebotapi import FakeTelegram
from fakebotapi.models import Chat, User
from storage.observations import count_observations
from storage.rubric_files import load_builtin
from storage.rubrics import get_rubric
from storage.schools import get_school_by_code
from storage.stats import baseline_date, format_score, school_stats
from tests.conftest import BotProcess

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "observations-sample.csv"


def texts(tg: FakeTelegram, chat: Chat) -> list[str]:
    return [m.text or m.caption or "" for m in tg.bot_messages(chat)]


async def said(tg: FakeTelegram, chat: Chat, before: int) -> list[str]:
    """The bot's messages after the first `before`, once it went quiet."""
    await tg.wait_for(lambda: len(tg.bot_messages(chat)) > before)
    await tg.settle()
    return texts(tg, chat)[before:]


async def stats_sent(tg: FakeTelegram, chat: Chat, before: int) -> None:
    """Wait until the figures arrived after the first `before` messages (charts take a moment)."""
    await tg.wait_for(
        lambda: any("School average" in t for t in texts(tg, chat)[before:]), timeout=30
    )
    await tg.settle()


async def school_with_head(tg: FakeTelegram) -> tuple[User, Chat, str]:
    head = tg.user("Asha")
    dm = tg.private_chat(head)
    tg.send_text(head, dm, "/newschool Shree Janata School")
    await tg.wait_for(lambda: bool(tg.bot_messages(dm)))
    code = re.search(r"code ([A-Z0-9]{6})", texts(tg, dm)[-1])
    assert code
    return head, dm, code.group(1)


async def import_sample(tg: FakeTelegram, head: User, dm: Chat) -> list[str]:
    before = len(tg.bot_messages(dm))
    tg.send_document(head, dm, "observations.csv", SAMPLE.read_bytes(), caption="/import")
    return await said(tg, dm, before)


async def test_stats_without_observations_says_how_to_import(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head, dm, _code = await school_with_head(tg)
    tg.send_text(head, dm, "/stats")
    replies = await said(tg, dm, 1)
    assert len(replies) == 1 and "/import" in replies[0]
    assert tg.uploaded_photo_count == 0


async def test_import_after_command_then_stats_with_cached_chart(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head, dm, code = await school_with_head(tg)
    tg.send_text(head, dm, "/import")
    assert "CSV" in (await said(tg, dm, 1))[0]
    tg.send_document(head, dm, "observations.csv", SAMPLE.read_bytes())
    summary = (await said(tg, dm, 2))[0]
    assert "Imported 40 observations (40 new, 0 replaced) with 720 ratings" in summary
    assert "2026-09-03" in summary

    async with bot.db() as session:
        school = await get_school_by_code(session, code)
        assert school is not None
        stats = await school_stats(
            session, school.id, baseline=await baseline_date(session, school.id)
        )
    assert stats.observations == 40
    expected_average = f"School average: {format_score(stats.school_average or 0)} / 5"

    before = len(tg.bot_messages(dm))
    tg.send_text(head, dm, "/stats")
    await stats_sent(tg, dm, before)
    sent = tg.bot_messages(dm)[before:]
    photos = [m for m in sent if m.photo]
    assert len(photos) == 2  # the trend (three months) and the headline
    assert sent[-1].photo and expected_average in (sent[-1].caption or "")
    for practice in stats.practices:
        assert f"{format_score(practice.average or 0)} " in (sent[-1].caption or "")
    assert "upload_photo" in str(tg.chat_actions)
    uploaded = tg.uploaded_photo_count
    assert uploaded == 2

    before = len(tg.bot_messages(dm))
    tg.send_text(head, dm, "/stats")
    await stats_sent(tg, dm, before)
    again = tg.bot_messages(dm)[before:]
    assert len([m for m in again if m.photo]) == 2
    assert tg.uploaded_photo_count == uploaded
    assert again[-1].photo[-1]["file_id"] == sent[-1].photo[-1]["file_id"]  # type: ignore[index]


async def test_lowdata_sends_text_only(tg: FakeTelegram, bot: BotProcess) -> None:
    head, dm, _code = await school_with_head(tg)
    await import_sample(tg, head, dm)
    before = len(tg.bot_messages(dm))
    tg.send_text(head, dm, "/lowdata on")
    assert "Text only is on" in (await said(tg, dm, before))[0]
    tg.send_text(head, dm, "/lowdata")
    assert "Text only is on" in (await said(tg, dm, before + 1))[0]
    tg.send_text(head, dm, "/stats")
    await stats_sent(tg, dm, before + 2)
    sent = tg.bot_messages(dm)[before + 2 :]
    assert len(sent) == 1 and not sent[0].photo
    assert "School average" in (sent[0].text or "")
    assert tg.uploaded_photo_count == 0


async def test_bad_csv_lists_problems_and_imports_nothing(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head, dm, code = await school_with_head(tg)
    bad = (
        b"observation_id,observed_on,teacher,question,value\n"
        b"A,2026-09-03,Hari,1.1,3\n"
        b"A,2026-13-03,Hari,1.2,2\n"
        b"B,2026-09-04,Sita,9.9,1\n"
    )
    tg.send_text(head, dm, "/import")
    await said(tg, dm, 1)
    tg.send_document(head, dm, "bad.csv", bad)
    reply = "\n".join(await said(tg, dm, 2))
    assert "Nothing was imported: the file has 2 problems" in reply
    assert "Line 3:" in reply and "Line 4:" in reply
    async with bot.db() as session:
        school = await get_school_by_code(session, code)
        assert school is not None
        assert await count_observations(session, school.id) == 0


async def test_teacher_cannot_import(tg: FakeTelegram, bot: BotProcess) -> None:
    _head, _dm, code = await school_with_head(tg)
    teacher = tg.user("Bikash")
    teacher_dm = tg.private_chat(teacher)
    tg.send_text(teacher, teacher_dm, f"/join {code}")
    await said(tg, teacher_dm, 0)
    tg.send_text(teacher, teacher_dm, "/import")
    assert "Only the school's head teacher" in (await said(tg, teacher_dm, 1))[0]
    tg.send_document(teacher, teacher_dm, "obs.csv", SAMPLE.read_bytes(), caption="/import")
    assert "Only the school's head teacher" in (await said(tg, teacher_dm, 2))[0]
    async with bot.db() as session:
        school = await get_school_by_code(session, code)
        assert school is not None
        assert await count_observations(session, school.id) == 0


async def test_rubric_lists_codes_and_switching_is_refused_after_import(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head, dm, code = await school_with_head(tg)
    tg.send_text(head, dm, "/rubric")
    listing = "\n".join(await said(tg, dm, 1))
    nepal = load_builtin("nepal")
    assert len(nepal.practices) == 5
    for p_number, practice in enumerate(nepal.practices, start=1):
        for q_number, question in enumerate(practice.questions, start=1):
            assert f"{p_number}.{q_number} {question.title['en']}" in listing
    assert "(1-3)" in listing

    await import_sample(tg, head, dm)
    before = len(tg.bot_messages(dm))
    tg.send_text(head, dm, "/rubric sierra_leone")
    assert "cannot be changed" in (await said(tg, dm, before))[0]
    async with bot.db() as session:
        school = await get_school_by_code(session, code)
        assert school is not None
        assert (await get_rubric(session, school.rubric_id)).key == "nepal"


async def test_expired_file_id_is_uploaded_again(tg: FakeTelegram, bot: BotProcess) -> None:
    head, dm, _code = await school_with_head(tg)
    await import_sample(tg, head, dm)
    before = len(tg.bot_messages(dm))
    tg.send_text(head, dm, "/stats")
    await stats_sent(tg, dm, before)
    assert tg.uploaded_photo_count == 2
    tg.photo_sets.clear()  # Telegram no longer knows the stored file ids

    before = len(tg.bot_messages(dm))
    tg.send_text(head, dm, "/stats")
    await stats_sent(tg, dm, before)
    assert tg.uploaded_photo_count == 4
    before = len(tg.bot_messages(dm))
    tg.send_text(head, dm, "/stats")
    await stats_sent(tg, dm, before)
    assert tg.uploaded_photo_count == 4
    assert tg.bot_messages(dm)[-1].photo
