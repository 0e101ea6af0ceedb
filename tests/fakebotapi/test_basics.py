"""Basic Bot API behaviour checked through python-telegram-bot."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReactionTypeEmoji
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken

from fakebotapi import FakeTelegram


async def test_get_me(tg: FakeTelegram, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.username == "coach_cop_bot"
    assert me.id == 123456
    assert me.can_read_all_group_messages is False
    assert tg.calls[0].method == "getMe"


async def test_wrong_token(tg: FakeTelegram) -> None:
    wrong = Bot("999:nope", base_url=f"{tg.api_url}/bot")
    with pytest.raises(InvalidToken):
        async with wrong:
            pass


async def test_send_edit_delete_html(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    tg.send_text(asha, dm, "/start")
    msg = await bot.send_message(dm.id, "<b>Hello</b> &amp; welcome", parse_mode=ParseMode.HTML)
    assert msg.text == "Hello & welcome"
    assert msg.entities[0].type == "bold"
    stored = tg.bot_messages(dm)[0]
    assert stored.text == "Hello & welcome"
    assert stored.html == "<b>Hello</b> &amp; welcome"
    assert stored.from_user.is_bot
    edited = await bot.edit_message_text("Bye", chat_id=dm.id, message_id=msg.message_id)
    assert isinstance(edited, object)
    assert tg.bot_messages(dm)[0].text == "Bye"
    assert tg.bot_messages(dm)[0].edit_count == 1
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Bye", chat_id=dm.id, message_id=msg.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=dm.id, message_id=999)
    assert await bot.delete_message(dm.id, msg.message_id)
    assert tg.bot_messages(dm) == []
    assert [m.text for m in tg.chat_messages(dm)] == ["/start"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("<foo>x</foo>", "can't parse entities"),
        ("<b>x", "can't parse entities"),
        ("<b>x</i>", "can't parse entities"),
        ("", "message text is empty"),
        ("x" * 4097, "message is too long"),
    ],
)
async def test_text_errors(tg: FakeTelegram, bot: Bot, text: str, phrase: str) -> None:
    asha = tg.user("Asha")
    tg.send_text(asha, tg.private_chat(asha), "hi")
    with pytest.raises(BadRequest, match=r"(?i)" + phrase):
        await bot.send_message(asha.id, text, parse_mode=ParseMode.HTML)


async def test_length_counted_after_parsing(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    tg.send_text(asha, tg.private_chat(asha), "hi")
    await bot.send_message(asha.id, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(asha.id, "😀" * 2049)
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_photo(asha.id, b"notreally", caption="c" * 1025)


async def test_button_data_and_edit_markup(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    tg.send_text(asha, tg.private_chat(asha), "hi")
    bad = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(asha.id, "pick", reply_markup=bad)
    good = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    msg = await bot.send_message(asha.id, "pick", reply_markup=good)
    stored = tg.bot_messages(tg.private_chat(asha))[0]
    assert stored.reply_markup == good.to_dict()
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_reply_markup(asha.id, msg.message_id, reply_markup=good)
    await bot.edit_message_reply_markup(asha.id, msg.message_id, reply_markup=None)
    assert stored.reply_markup is None


async def test_chat_errors(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    ravi = tg.user("Ravi")
    tg.private_chat(ravi)
    with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
        await bot.send_message(ravi.id, "hello")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(-42, "hello")
    grp = tg.group("Shree School", members=[asha, ravi])
    tg.send_text(asha, grp, "/start")
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(grp.id, "x", reply_to_message_id=77)
    await bot.send_message(grp.id, "x", reply_to_message_id=77, allow_sending_without_reply=True)
    reply = await bot.send_message(grp.id, "ok", reply_to_message_id=1)
    assert reply.reply_to_message is not None
    assert tg.bot_messages(grp)[-1].reply_to_message_id == 1
    tg.remove_bot_from_group(grp, by=asha)
    with pytest.raises(Forbidden, match=r"(?i)kicked"):
        await bot.send_message(grp.id, "x")


async def test_migration(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    grp = tg.group("Shree School", members=[asha])
    new = tg.migrate_to_supergroup(grp)
    assert str(new.id).startswith("-100")
    with pytest.raises(ChatMigrated) as info:
        await bot.send_message(grp.id, "x")
    assert info.value.new_chat_id == new.id
    await bot.send_message(new.id, "hello supergroup")
    updates = await bot.get_updates()
    kinds = [
        u.message.migrate_to_chat_id or u.message.migrate_from_chat_id for u in updates if u.message
    ]
    assert kinds == [new.id, grp.id]


async def test_reactions_pins_members(tg: FakeTelegram, bot: Bot) -> None:
    asha = tg.user("Asha")
    ravi = tg.user("Ravi")
    grp = tg.group("Shree School", members=[asha, ravi])
    note = tg.send_text(asha, grp, "/note hello")
    await bot.set_message_reaction(grp.id, note.message_id, ReactionTypeEmoji("👍"))
    assert tg.reactions[(grp.id, note.message_id)] == ["👍"]
    with pytest.raises(BadRequest, match=r"(?i)REACTION_INVALID"):
        await bot.set_message_reaction(grp.id, note.message_id, "🦖")
    tg.set_available_reactions(grp, ["❤"])
    with pytest.raises(BadRequest, match=r"(?i)REACTION_INVALID"):
        await bot.set_message_reaction(grp.id, note.message_id, "👍")
    with pytest.raises(BadRequest, match=r"(?i)not enough rights"):
        await bot.pin_chat_message(grp.id, note.message_id)
    tg.send_text(asha, tg.private_chat(asha), "hi")
    sent = await bot.send_message(asha.id, "pin me")
    assert await bot.pin_chat_message(asha.id, sent.message_id)
    assert tg.bot_messages(tg.private_chat(asha))[0].pinned
    member = await bot.get_chat_member(grp.id, asha.id)
    assert member.status == "creator"
    assert (await bot.get_chat_member(grp.id, ravi.id)).status == "member"
    tg.leave(ravi, grp)
    assert (await bot.get_chat_member(grp.id, ravi.id)).status == "left"
    chat = await bot.get_chat(grp.id)
    assert chat.title == "Shree School"


async def test_commands_and_actions(tg: FakeTelegram, bot: Bot) -> None:
    from telegram import BotCommand, BotCommandScopeAllPrivateChats

    await bot.set_my_commands([BotCommand("start", "Start")])
    await bot.set_my_commands(
        [BotCommand("help", "Hilfe")], scope=BotCommandScopeAllPrivateChats(), language_code="de"
    )
    assert tg.commands[("default", "")] == [{"command": "start", "description": "Start"}]
    assert ("all_private_chats", "de") in tg.commands
    got = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="de")
    assert got[0].command == "help"
    await bot.delete_my_commands()
    assert ("default", "") not in tg.commands
    asha = tg.user("Asha")
    tg.send_text(asha, tg.private_chat(asha), "hi")
    await bot.send_chat_action(asha.id, "typing")
    assert tg.chat_actions == [(asha.id, "typing")]
    await bot.set_my_description("desc")
    await bot.set_my_short_description("short")


async def test_unknown_method(tg: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(Exception, match=r"(?i)Not Found|not found"):
        await bot.do_api_request("noSuchMethod")
