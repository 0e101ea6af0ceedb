"""Updates, media, callbacks, flood limits and faults through python-telegram-bot."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta

import pytest
from PIL import Image
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.error import BadRequest, Conflict, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from fakebotapi import FakeTelegram
from tests.fakebotapi.conftest import TOKEN, make_bot


async def test_long_poll_returns_update_sent_while_waiting(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)

    async def later() -> None:
        await asyncio.sleep(0.2)
        tg.send_text(asha, dm, "hello")

    task = asyncio.create_task(later())
    updates = await bot.get_updates(timeout=3)
    await task
    assert [u.message.text for u in updates if u.message] == ["hello"]
    # not confirmed yet: same update again
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [updates[0].update_id]
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()
    assert tg.confirmed_update_id == updates[0].update_id


async def test_second_concurrent_get_updates_conflicts(tg: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=1))
    await asyncio.sleep(0.1)
    with pytest.raises(Conflict):
        await bot.get_updates(timeout=1)
    assert await first == ()


async def test_privacy_mode(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    grp = tg.group("Shree School", members=[asha])
    tg.send_text(asha, grp, "just chatting")
    tg.send_text(asha, grp, "/help")
    tg.send_text(asha, grp, "/help@other_bot")
    tg.send_text(asha, grp, "/help@coach_cop_bot")
    tg.send_text(asha, grp, "hey @coach_cop_bot look")
    sent = await bot.send_message(grp.id, "question?")
    bot_msg = tg.bot_messages(grp)[0]
    tg.send_text(asha, grp, "my answer", reply_to=bot_msg)
    tg.join(tg.user("Ravi"), grp)
    updates = await bot.get_updates(timeout=0)
    texts = [u.message.text for u in updates]
    assert texts == ["/help", "/help@coach_cop_bot", "hey @coach_cop_bot look", "my answer", None]
    assert updates[3].message.reply_to_message.message_id == sent.message_id
    assert updates[0].message.entities[0].type == "bot_command"
    assert updates[4].message.new_chat_members[0].first_name == "Ravi"
    assert len(tg.chat_messages(grp)) == 8
    tg.privacy_mode = False
    tg.send_text(asha, grp, "now visible")
    more = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in more] == ["now visible"]


async def test_allowed_updates_chat_member(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    grp = tg.group("G", members=[asha])
    tg.join(tg.user("Ravi"), grp)
    ups = await bot.get_updates(timeout=0)
    assert [u.chat_member for u in ups] == [None]
    await bot.get_updates(offset=ups[-1].update_id + 1, allowed_updates=["message", "chat_member"])
    tg.join(tg.user("Mina"), grp)
    ups = await bot.get_updates(timeout=0)
    assert ups[-1].chat_member is not None
    assert ups[-1].chat_member.new_chat_member.status == "member"


async def test_add_bot_and_edits(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    grp = tg.group("G", members=[asha], bot_member=False)
    tg.add_bot_to_group(grp, by=asha)
    cmd = tg.send_text(asha, grp, "/start")
    tg.edit_text(asha, cmd, "/start again")
    ups = await bot.get_updates(timeout=0)
    assert ups[0].my_chat_member is not None
    assert ups[0].my_chat_member.new_chat_member.status == "member"
    assert ups[1].message.new_chat_members[0].is_bot
    assert ups[3].edited_message.text == "/start again"
    assert ups[3].edited_message.edit_date is not None


async def test_photo_upload_reuse_and_download(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    tg.send_text(asha, dm, "hi")
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "red").save(buffer, format="PNG")
    msg = await bot.send_photo(
        asha.id, buffer.getvalue(), caption="<i>chart</i>", parse_mode="HTML"
    )
    assert msg.caption == "chart"
    assert msg.photo[-1].width == 200
    assert tg.uploaded_photo_count == 1
    again = await bot.send_photo(asha.id, msg.photo[-1].file_id)
    assert again.photo[-1].file_id == msg.photo[-1].file_id
    assert tg.uploaded_photo_count == 1
    with pytest.raises(BadRequest):
        await bot.send_photo(asha.id, "no-such-file-id")
    file = await bot.get_file(msg.photo[-1].file_id)
    assert file.file_path is not None
    data = await file.download_as_bytearray()
    assert bytes(data) == buffer.getvalue()


async def test_user_photo_album_and_document(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    album = tg.send_album(asha, dm, count=3, caption="visit")
    doc = tg.send_document(asha, dm, "marks.csv", b"a,b\n1,2\n")
    big = tg.send_document(asha, dm, "huge.zip", b"x", file_size=25 * 1024 * 1024)
    ups = await bot.get_updates(timeout=0)
    photos = [u.message for u in ups[:3]]
    assert len({m.media_group_id for m in photos}) == 1
    assert [m.caption for m in photos] == ["visit", None, None]
    assert [p.width for p in photos[0].photo] == [90, 320, 1280]
    image = await (await bot.get_file(photos[0].photo[-1].file_id)).download_as_bytearray()
    assert Image.open(io.BytesIO(bytes(image))).size == (1280, 960)
    csv = await (await bot.get_file(ups[3].message.document.file_id)).download_as_bytearray()
    assert bytes(csv) == b"a,b\n1,2\n"
    assert doc.document is not None
    assert album[0].photo is not None
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bot.get_file(big.document["file_id"] if big.document else "")


async def test_bot_media_group(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    tg.send_text(asha, tg.private_chat(asha), "hi")
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), "blue").save(buffer, format="JPEG")
    first = await bot.send_photo(asha.id, buffer.getvalue())
    media = [
        InputMediaPhoto(first.photo[-1].file_id, caption="one"),
        InputMediaPhoto(buffer.getvalue()),
    ]
    msgs = await bot.send_media_group(asha.id, media)
    assert len({m.media_group_id for m in msgs}) == 1
    assert tg.uploaded_photo_count == 2
    stored = tg.bot_messages(tg.private_chat(asha))
    assert stored[-1].media_group_id == stored[-2].media_group_id
    assert stored[-2].caption == "one"


async def test_callback_query(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    tg.send_text(asha, dm, "hi")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="vote:yes")]])
    await bot.send_message(asha.id, "Vote?", reply_markup=markup)
    qid = tg.press_button(asha, tg.bot_messages(dm)[0], "vote:yes")
    assert tg.callback_answers[qid] is None
    ups = await bot.get_updates(timeout=0)
    query = ups[-1].callback_query
    assert query is not None and query.data == "vote:yes" and query.id == qid
    assert query.message is not None and query.message.reply_markup is not None

    await bot.answer_callback_query(qid, text="Thanks", show_alert=True)
    assert tg.callback_answers[qid] == {"text": "Thanks", "show_alert": True}
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(qid)
    old = tg.press_button(asha, tg.bot_messages(dm)[0], "forged")
    tg.advance_time(16 * 60)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(old)


async def test_flood_limits(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    tg.send_text(asha, tg.private_chat(asha), "hi")
    for _ in range(3):
        await bot.send_message(asha.id, "burst")
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(asha.id, "too many")
    assert info.value.retry_after in (1, timedelta(seconds=1))
    assert tg.flood_refusals[-1].reason == "chat"
    assert tg.flood_refusals[-1].retry_after == 1
    tg.advance_time(2)
    await bot.send_message(asha.id, "ok again")
    grp = tg.group("G", members=[asha])
    tg.limits.group_per_minute = 5
    tg.limits.chat_burst = 100
    for _ in range(5):
        await bot.send_message(grp.id, "x")
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(grp.id, "x")
    assert 50 <= tg.flood_refusals[-1].retry_after <= 60
    expected = tg.flood_refusals[-1].retry_after
    assert info.value.retry_after in (expected, timedelta(seconds=expected))
    assert tg.calls[-1].status == 429
    tg.advance_time(61)
    await bot.send_message(grp.id, "x")


async def test_redeliver(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    tg.send_text(asha, tg.private_chat(asha), "once")
    ups = await bot.get_updates(timeout=0)
    uid = ups[0].update_id
    await bot.get_updates(offset=uid + 1, timeout=0)
    tg.redeliver(uid)
    again = await bot.get_updates(offset=uid + 1, timeout=0)
    assert [u.update_id for u in again] == [uid]
    assert again[0].message.text == "once"
    assert await bot.get_updates(offset=uid + 1, timeout=0) == ()


async def test_faults(tg: FakeTelegram) -> None:
    fast = make_bot(tg, read_timeout=0.3)
    async with fast:
        tg.fail("getMe", status=500, count=1)
        with pytest.raises(NetworkError):
            await fast.get_me()
        assert (await fast.get_me()).username == "coach_cop_bot"
        tg.fail("getMe", timeout=True, seconds=1)
        with pytest.raises(TimedOut):
            await fast.get_me()
        tg.clear_faults()
        assert (await fast.get_me()).is_bot


async def test_wait_for_and_settle(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    tg.send_text(asha, dm, "hi")

    async def fake_bot_loop() -> None:
        ups = await bot.get_updates(timeout=0)
        await asyncio.sleep(0.05)
        await bot.send_message(asha.id, f"echo {ups[0].message.text}")

    task = asyncio.create_task(fake_bot_loop())
    await tg.wait_for(lambda: len(tg.bot_messages(dm)) == 1, timeout=2)
    await tg.settle(quiet=0.1, timeout=2)
    await task
    with pytest.raises(AssertionError, match="last bot calls"):
        await tg.wait_for(lambda: False, timeout=0.1)
    tg.send_text(asha, dm, "unfetched")
    with pytest.raises(AssertionError, match="did not settle"):
        await tg.settle(quiet=0.05, timeout=0.2)


async def test_application_polling_echo(tg: FakeTelegram) -> None:
    app: Application = (  # type: ignore[type-arg]
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{tg.api_url}/bot")
        .base_file_url(f"{tg.api_url}/file/bot")
        .build()
    )

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"echo: {update.effective_message.text}")

    app.add_handler(MessageHandler(filters.TEXT, echo))
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(timeout=1, poll_interval=0)
    try:
        tg.send_text(asha, dm, "hello there")
        await tg.wait_for(lambda: len(tg.bot_messages(dm)) == 1, timeout=5)
        await tg.settle(quiet=0.2)
        reply = tg.bot_messages(dm)[0]
        assert reply.text == "echo: hello there"
        assert reply.reply_to_message_id is None or reply.reply_to_message_id == 1
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert tg.confirmed_update_id >= 1
    assert not tg.pending


async def test_stop_releases_waiting_poll() -> None:
    fake = FakeTelegram(token=TOKEN)
    await fake.start()
    real = make_bot(fake)
    async with real:
        poll = asyncio.create_task(real.get_updates(timeout=5))
        await asyncio.sleep(0.1)
        fake.fail("getMe", timeout=True, count=1)
        held = asyncio.create_task(real.get_me())
        await asyncio.sleep(0.1)
        started = asyncio.get_running_loop().time()
        await fake.stop()
        results = await asyncio.gather(poll, held, return_exceptions=True)
        assert asyncio.get_running_loop().time() - started < 2
        assert len(results) == 2


async def test_server_errors_through_raw_http(tg: FakeTelegram) -> None:
    import httpx

    async with httpx.AsyncClient() as client:
        res = await client.post(f"{tg.api_url}/bot{TOKEN}/noSuchMethod")
        assert res.status_code == 404
        assert res.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        res = await client.post(f"{tg.api_url}/bot1:wrong/getMe")
        assert res.status_code == 401
        assert res.json()["description"] == "Unauthorized"
        grp = tg.group("G", members=[tg.user("Asha")])
        tg.migrate_to_supergroup(grp)
        res = await client.post(
            f"{tg.api_url}/bot{TOKEN}/sendMessage", data={"chat_id": str(grp.id), "text": "x"}
        )
        body = res.json()
        assert res.status_code == 400
        assert body["description"] == "Bad Request: group chat was upgraded to a supergroup chat"
        assert body["parameters"]["migrate_to_chat_id"] < -1000000000000
        res = await client.post(
            f"{tg.api_url}/bot{TOKEN}/sendMessage", json={"chat_id": grp.id, "text": "x"}
        )
        assert res.status_code == 400
