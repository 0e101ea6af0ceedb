"""Schools, joining, group setup and members, driven through the real Application."""

from __future__ import annotations

import re

from fakebotapi import FakeTelegram
from tests.conftest import BotProcess


def last_text(tg: FakeTelegram, chat: object) -> str:
    messages = tg.bot_messages(chat)  # type: ignore[arg-type]
    assert messages, "the bot sent nothing"
    return messages[-1].text or messages[-1].caption or ""


async def test_start_welcomes_and_points_to_next_step(tg: FakeTelegram, bot: BotProcess) -> None:
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    tg.send_text(asha, dm, "/start")
    await tg.wait_for(lambda: bool(tg.bot_messages(dm)))
    text = last_text(tg, dm)
    assert "Hello Asha" in text
    assert "/newschool" in text and "/join" in text


async def test_new_school_join_and_setup(tg: FakeTelegram, bot: BotProcess) -> None:
    head = tg.user("Asha")
    teacher = tg.user("Bikash")
    head_dm, teacher_dm = tg.private_chat(head), tg.private_chat(teacher)
    tg.send_text(head, head_dm, "/newschool Shree <Primary> School")
    await tg.wait_for(lambda: bool(tg.bot_messages(head_dm)))
    text = last_text(tg, head_dm)
    assert "Shree <Primary> School" in text
    code = re.search(r"code ([A-Z0-9]{6})", text)
    assert code, text
    assert f"https://t.me/coach_cop_bot?start=join_{code.group(1)}" in text

    tg.send_text(teacher, teacher_dm, "/join WRONG1")
    await tg.wait_for(lambda: bool(tg.bot_messages(teacher_dm)))
    assert "does not match" in last_text(tg, teacher_dm)
    tg.send_text(teacher, teacher_dm, f"/start join_{code.group(1).lower()}")
    await tg.wait_for(lambda: "Welcome to" in last_text(tg, teacher_dm))

    group = tg.group("Shree teachers", members=[head, teacher])
    tg.send_text(teacher, group, "/setup")
    await tg.wait_for(lambda: bool(tg.bot_messages(group)))
    assert "Only a head teacher" in last_text(tg, group)
    tg.send_text(head, group, "/setup")
    await tg.wait_for(lambda: "now linked" in last_text(tg, group))


async def test_wrong_codes_are_limited(tg: FakeTelegram, bot: BotProcess) -> None:
    guesser = tg.user("Guesser")
    dm = tg.private_chat(guesser)
    for attempt in range(6):
        tg.send_text(guesser, dm, f"/join ZZZZZ{attempt}")
        await tg.wait_for(lambda n=attempt: len(tg.bot_messages(dm)) == n + 1)
    texts = [m.text for m in tg.bot_messages(dm)]
    assert texts.count(texts[0]) == 5
    assert "Too many wrong codes" in (texts[-1] or "")


async def test_language_from_telegram_and_from_lang(tg: FakeTelegram, bot: BotProcess) -> None:
    sita = tg.user("Sita", language_code="ne")
    dm = tg.private_chat(sita)
    tg.send_text(sita, dm, "/start")
    await tg.wait_for(lambda: bool(tg.bot_messages(dm)))
    assert "नमस्ते Sita" in last_text(tg, dm)

    tg.send_text(sita, dm, "/lang")
    await tg.wait_for(lambda: len(tg.bot_messages(dm)) == 2)
    menu = tg.bot_messages(dm)[-1]
    buttons = [b for row in menu.reply_markup["inline_keyboard"] for b in row]
    assert {b["text"] for b in buttons} == {"English", "नेपाली"}
    english = next(b for b in buttons if b["text"] == "English")
    query = tg.press_button(sita, menu, english["callback_data"])
    await tg.wait_for(lambda: tg.callback_answers.get(query) is not None)
    tg.send_text(sita, dm, "/start")
    await tg.wait_for(lambda: len(tg.bot_messages(dm)) == 3)
    assert "Hello Sita" in last_text(tg, dm)


async def test_commands_in_the_wrong_kind_of_chat_say_where(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    asha = tg.user("Asha")
    group = tg.group("Teachers", members=[asha])
    tg.send_text(asha, group, "/newschool Shree")
    await tg.wait_for(lambda: bool(tg.bot_messages(group)))
    assert "private chat" in last_text(tg, group)
    dm = tg.private_chat(asha)
    tg.send_text(asha, dm, "/setup")
    await tg.wait_for(lambda: bool(tg.bot_messages(dm)))
    assert "group chat" in last_text(tg, dm)


async def test_someone_in_two_schools_chooses_which_one(tg: FakeTelegram, bot: BotProcess) -> None:
    from tests.chat.helpers import new_school, press, say

    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    await new_school(tg, asha, "First School")
    await new_school(tg, asha, "Second School")
    await say(tg, asha, dm, "/members")
    assert "Members (1)" in last_text(tg, dm)
    await say(tg, asha, dm, "/school")
    assert "This chat is about Second School" in last_text(tg, dm)
    await press(tg, asha, dm, "First School")
    assert "now about First School" in last_text(tg, dm)
    await say(tg, asha, dm, "/cop")
    assert "Community of Practice · First School" in last_text(tg, dm)
