"""A CoP survives what Telegram and real chats do: redelivery, restarts, odd input, long notes."""

from __future__ import annotations

from sqlalchemy import select

from fakebotapi import FakeTelegram
from fakebotapi.models import Chat, Message, User
from storage.models import CopSession, CopStatus, Note
from tests.chat.group import reacted, school_with_group
from tests.chat.helpers import button_message, last_text, new_school, press, say, shows, texts
from tests.chat.test_cop_group import fast_group_bot
from tests.conftest import BotProcess


async def cop_at_insights(tg: FakeTelegram, head: User) -> Chat:
    """A head teacher's school, and its CoP in their private chat at the insights step."""
    dm = tg.private_chat(head)
    await new_school(tg, head)
    await say(tg, head, dm, "/cop")
    await press(tg, head, dm, "Start")
    await shows(tg, dm, "No observations yet")
    await press(tg, head, dm, "Next")
    await shows(tg, dm, "No notes yet")
    return dm


async def add_note(tg: FakeTelegram, user: User, chat: Chat, text: str) -> Message:
    """Share a note and wait for the bot's reaction to it."""
    message = tg.send_text(user, chat, text)
    await tg.wait_for(lambda: reacted(tg, message))
    return message


def update_id_of(tg: FakeTelegram, message: Message) -> int:
    """The update that brought a user's message to the bot."""
    return max(
        update_id
        for update_id, update in tg.history.items()
        if update.kind == "message"
        and update.payload["message_id"] == message.message_id
        and update.payload["chat"]["id"] == message.chat.id
    )


async def redelivered(tg: FakeTelegram, update_id: int) -> None:
    """Deliver an update again and wait until the bot fetched and confirmed it."""
    tg.redeliver(update_id)
    await tg.wait_for(lambda: tg.all_fetched() and not tg.pending)
    await tg.settle()


async def notes_of(bot: BotProcess) -> list[Note]:
    async with bot.db() as session:
        return list(await session.scalars(select(Note).order_by(Note.id)))


async def the_cop(bot: BotProcess) -> CopSession:
    async with bot.db() as session:
        return (await session.scalars(select(CopSession))).one()


# --- duplicate delivery --------------------------------------------------------------------------


async def test_a_redelivered_note_is_stored_once(tg: FakeTelegram, bot: BotProcess) -> None:
    head = tg.user("Asha")
    dm = await cop_at_insights(tg, head)
    message = await add_note(tg, head, dm, "Only once")
    await shows(tg, dm, "1 note")
    sent = len(tg.bot_messages(dm))
    update_id = update_id_of(tg, message)

    await redelivered(tg, update_id)
    await bot.restart()
    await redelivered(tg, update_id)

    assert [n.text for n in await notes_of(bot)] == ["Only once"]
    assert len(tg.bot_messages(dm)) == sent
    assert "1 note" in last_text(tg, dm)


async def test_a_redelivered_cop_command_sends_nothing_more(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head = tg.user("Asha")
    dm = tg.private_chat(head)
    await new_school(tg, head)
    command = await say(tg, head, dm, "/cop")
    await shows(tg, dm, "The steps")
    sent = len(tg.bot_messages(dm))

    await redelivered(tg, update_id_of(tg, command))

    assert len(tg.bot_messages(dm)) <= sent + 1
    async with bot.db() as session:
        assert len(list(await session.scalars(select(CopSession)))) == 1


# --- restart -----------------------------------------------------------------------------------


async def test_a_restart_in_a_collecting_step_loses_nothing(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    head = tg.user("Asha")
    dm = await cop_at_insights(tg, head)
    await add_note(tg, head, dm, "Before the restart 1")
    await add_note(tg, head, dm, "Before the restart 2")
    await shows(tg, dm, "2 notes")
    board, next_data = button_message(tg, dm, "Next")

    await bot.restart()

    await add_note(tg, head, dm, "After the restart")
    await shows(tg, dm, "3 notes")
    assert "After the restart" in (board.text or "")
    assert tg.bot_messages(dm)[-1] is board
    query = tg.press_button(head, board, next_data)
    await tg.wait_for(lambda: tg.callback_answers.get(query) is not None)
    await shows(tg, dm, "No notes yet")
    assert "Sharing positives" in texts(tg, dm)[-2]
    cop = await the_cop(bot)
    assert cop.step == "positives" and cop.status == CopStatus.IN_PROGRESS
    assert [n.text for n in await notes_of(bot)] == [
        "Before the restart 1",
        "Before the restart 2",
        "After the restart",
    ]


# --- input that is not a note ------------------------------------------------------------------


async def test_non_notes_get_a_hint_once_a_minute_and_store_nothing(
    tg: FakeTelegram, database_url: str
) -> None:
    tg.privacy_mode = False
    bot = fast_group_bot(tg, database_url)
    await bot.start()
    try:
        await _non_notes(tg, bot)
    finally:
        await bot.stop()


async def _non_notes(tg: FakeTelegram, bot: BotProcess) -> None:
    school = await school_with_group(tg)
    group = school.group
    await say(tg, school.head, group, "/cop")
    await press(tg, school.head, group, "Start")
    await shows(tg, group, "No observations yet")
    await press(tg, school.head, group, "Next")
    await shows(tg, group, "No notes yet")
    kinds = ["sticker", "voice", "video", "location", "contact", "poll", "dice", "document"]
    people = [tg.user(f"Teacher{index}") for index in range(len(kinds))]

    def send(user: User, kind: str) -> Message:
        if kind == "document":
            return tg.send_document(user, group, "notes.csv", b"a,b\n1,2\n")
        sent: Message = getattr(tg, f"send_{kind}")(user, group)
        return sent

    hint = "I keep text and photos as notes"
    for index, (person, kind) in enumerate(zip(people, kinds, strict=True)):
        send(person, kind)
        await tg.wait_for(lambda n=index: sum(hint in t for t in texts(tg, group)) == n + 1)
    assert sum(hint in text for text in texts(tg, group)) == len(kinds)

    # A second odd message within the minute gets no second hint.
    sent = len(tg.bot_messages(group))
    for person, kind in zip(people, reversed(kinds), strict=True):
        send(person, kind)
    last = tg.send_text(people[0], group, "a real note")
    await tg.wait_for(lambda: reacted(tg, last))
    await tg.settle()
    assert len(tg.bot_messages(group)) == sent
    assert [n.text for n in await notes_of(bot)] == ["a real note"]


async def test_hints_are_per_bot_process(tg: FakeTelegram, bot: BotProcess) -> None:
    """The once-a-minute memory belongs to the running bot, not to the Python module."""
    head = tg.user("Asha")
    dm = await cop_at_insights(tg, head)
    hint = "I keep text and photos as notes"
    tg.send_sticker(head, dm)
    await shows(tg, dm, hint)
    await bot.restart()
    tg.send_sticker(head, dm)
    await tg.wait_for(lambda: sum(hint in text for text in texts(tg, dm)) == 2)


# --- a long summary ----------------------------------------------------------------------------


def long_note(step: str, index: int) -> str:
    """About 900 characters that need escaping and count double in UTF-16."""
    head = f"[{step} {index:02d}] <b>not bold</b> & 5 < 6 🎉👩🏽‍🏫 "
    body = " ".join(f"word{index}-{n}" for n in range(200))
    return (head + body)[:880].rstrip() + f" END{step}{index:02d}"


async def test_a_long_summary_is_split_between_notes(tg: FakeTelegram, bot: BotProcess) -> None:
    head = tg.user("Asha")
    dm = await cop_at_insights(tg, head)
    written: list[str] = []
    for step, count, button in (
        ("insights", 10, "Next"),
        ("positives", 8, "Next"),
        ("improvements", 7, "Next"),
        ("next_steps", 5, "Finish"),
    ):
        for index in range(count):
            text = long_note(step, index)
            written.append(text)
            await add_note(tg, head, dm, text)
        await shows(tg, dm, f"{count} notes")
        await press(tg, head, dm, button)
        if button == "Next":
            await shows(tg, dm, "No notes yet")

    await shows(tg, dm, "Action plan", last=3)
    await tg.wait_for(lambda: any(written[-1] in t for t in texts(tg, dm)[-3:]), timeout=15)
    messages = tg.bot_messages(dm)
    first = max(i for i, m in enumerate(messages) if "✅ CoP complete" in (m.text or ""))
    summary = [m.text or "" for m in messages[first:]]
    assert len(summary) >= 7  # ~27 000 characters
    assert all(len(text.encode("utf-16-le")) // 2 <= 4096 for text in summary)
    # Telegram refused none of them (a 429 only delays a message: the rate limiter retries it).
    assert not [c for c in tg.calls if c.method == "sendMessage" and c.status not in (200, 429)]
    for text in written:
        found = [part for part in summary if text in part]
        assert len(found) == 1, text[:30]
        assert sum(part.count(text) for part in summary) == 1
    joined = "\n".join(summary)
    assert joined.index("Action plan") < joined.index("[next_steps 00]")
    assert joined.index("[improvements 06]") < joined.index("Action plan")


# --- status, history, actions, cancel -------------------------------------------------------


async def test_status_history_actions_and_cancel(tg: FakeTelegram, bot: BotProcess) -> None:
    head = tg.user("Asha")
    dm = await cop_at_insights(tg, head)
    await add_note(tg, head, dm, "An insight")
    await add_note(tg, head, dm, "Another insight")
    await shows(tg, dm, "2 notes")

    await say(tg, head, dm, "/status")
    status = last_text(tg, dm)
    assert "Now: Reflection: insights" in status
    assert "Time guide: 20 min" in status
    assert "• Reflection: insights: 2" in status
    assert "• Sharing positives: 0" in status

    await press(tg, head, dm, "Next")
    await press(tg, head, dm, "Next")
    await shows(tg, dm, "No notes yet")
    await press(tg, head, dm, "Next")
    await shows(tg, dm, "No notes yet")
    await add_note(tg, head, dm, "Ask three open questions")
    await shows(tg, dm, "1 note")

    await say(tg, head, dm, "/actions")
    actions = last_text(tg, dm)
    assert "Action plan of" in actions and "(CoP unfinished)" in actions
    assert "Ask three open questions" in actions

    await say(tg, head, dm, "/history")
    assert "Past CoPs" in last_text(tg, dm)
    message, data = button_message(tg, dm, "in progress")
    assert "3 notes" in message.reply_markup["inline_keyboard"][0][0]["text"]  # type: ignore[index]
    query = tg.press_button(head, message, data)
    await tg.wait_for(lambda: tg.callback_answers.get(query) is not None)
    resent = await shows(tg, dm, "CoP (unfinished)")
    assert "An insight" in resent and "Ask three open questions" in resent

    await say(tg, head, dm, "/cancel")
    assert "End this CoP now?" in last_text(tg, dm)
    query = await press(tg, head, dm, "No, go on")
    answer = tg.callback_answers[query]
    assert answer is not None and "The CoP goes on" in answer["text"]
    assert (await the_cop(bot)).status == CopStatus.IN_PROGRESS
    assert not any("End this CoP now?" in text for text in texts(tg, dm))

    await say(tg, head, dm, "/cancel")
    await press(tg, head, dm, "Yes, end it")
    await shows(tg, dm, "ended unfinished", last=2)
    cop = await the_cop(bot)
    assert cop.status == CopStatus.CANCELLED
    assert len(await notes_of(bot)) == 3
    await say(tg, head, dm, "/status")
    assert "No CoP is in progress" in last_text(tg, dm)
    await say(tg, head, dm, "/history")
    message, _ = button_message(tg, dm, "cancelled")
    assert "3 notes" in message.reply_markup["inline_keyboard"][0][0]["text"]  # type: ignore[index]


# --- idle expiry ---------------------------------------------------------------------------------


async def test_an_idle_cop_is_closed_and_its_notes_kept(
    tg: FakeTelegram, database_url: str
) -> None:
    bot = BotProcess(tg, database_url, cop_idle_hours=0.0003)  # about a second
    await bot.start()
    try:
        head = tg.user("Asha")
        dm = await cop_at_insights(tg, head)
        await add_note(tg, head, dm, "A note before the silence")
        await shows(tg, dm, "had no activity", last=1)
        cop = await the_cop(bot)
        assert cop.status == CopStatus.EXPIRED
        assert not any(
            m.reply_markup and m.reply_markup.get("inline_keyboard")
            for m in tg.bot_messages(dm)
            if "Reflection: insights" in (m.text or "")
        )
        await say(tg, head, dm, "/history")
        message, data = button_message(tg, dm, "unfinished")
        assert "1 notes" in message.reply_markup["inline_keyboard"][0][0]["text"]  # type: ignore[index]
        query = tg.press_button(head, message, data)
        await tg.wait_for(lambda: tg.callback_answers.get(query) is not None)
        resent = await shows(tg, dm, "CoP (unfinished)")
        assert "A note before the silence" in resent
    finally:
        await bot.stop()
