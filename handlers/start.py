"""/start, /help and commands the bot does not know."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.commands import COMMANDS, Command, Where, Who
from bot.context import CopContext
from handlers.common import Speaker, answer, identify, is_private, translator_for
from handlers.schools import join_school

JOIN_PAYLOAD_PREFIX = "join_"


async def on_start(update: Update, context: CopContext) -> None:
    """Welcome a person, or join them to a school from a `join_<code>` deep link."""
    if context.args and context.args[0].startswith(JOIN_PAYLOAD_PREFIX):
        await join_school(update, context, context.args[0][len(JOIN_PAYLOAD_PREFIX) :])
        return
    async with context.db.begin() as session:
        speaker = await identify(session, update)
        t = await translator_for(session, context, update)
    if speaker.school is None:
        await answer(update, t("start-welcome-new", name=speaker.person.display_name))
    else:
        await answer(
            update,
            t(
                "start-welcome-member",
                name=speaker.person.display_name,
                school=speaker.school.name,
                role=t(f"role-{speaker.role}"),
            ),
        )


async def on_help(update: Update, context: CopContext) -> None:
    """List the commands this person can use in this chat."""
    async with context.db.begin() as session:
        speaker = await identify(session, update)
        t = await translator_for(session, context, update)
    lines: list[str] = [t("help-title")]
    lines += [
        f"/{cmd.name} - {t(f'cmd-{cmd.name}')}"
        for cmd in usable_commands(speaker, private=is_private(update.effective_chat))
    ]
    lines.append(t("help-footer"))
    await answer(update, "\n".join(lines))


def usable_commands(speaker: Speaker, *, private: bool) -> list[Command]:
    """The commands a person may use in a private chat or a group."""
    where = Where.PRIVATE if private else Where.GROUP
    allowed = {Who.ANYONE}
    if speaker.member is not None:
        allowed.add(Who.MEMBER)
        if speaker.can_facilitate:
            allowed.add(Who.FACILITATOR)
        if speaker.is_head_teacher:
            allowed.add(Who.HEAD_TEACHER)
    elif not private:
        allowed.add(Who.HEAD_TEACHER)
    return [cmd for cmd in COMMANDS if where & cmd.where and cmd.who in allowed and cmd.in_menu]


async def on_unknown_command(update: Update, context: CopContext) -> None:
    """Point a mistyped or unknown command to /help."""
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
    await answer(update, t("unknown-command"))


async def on_stale_button(update: Update, context: CopContext) -> None:
    """A button no handler knows (forged data or a message from an old version)."""
    query = update.callback_query
    if query is None:
        return
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
    await query.answer(t("button-invalid"), show_alert=True)


async def on_private_chatter(update: Update, context: CopContext) -> None:
    """A private message that is not a command and not a note: say what the bot can do."""
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
    await answer(update, t("private-chatter"))


async def on_command_in_wrong_chat(update: Update, context: CopContext) -> None:
    """A command used where it does not work gets one line saying where it does."""
    message = update.effective_message
    if message is None or not message.text or not message.text.startswith("/"):
        return
    name, _, target = message.text[1:].split(maxsplit=1)[0].partition("@")
    if target and target.lower() != (context.bot.username or "").lower():
        return
    found = next((cmd for cmd in COMMANDS if cmd.name == name.lower()), None)
    private = is_private(update.effective_chat)
    if found is None or found.where & (Where.PRIVATE if private else Where.GROUP):
        return
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
    await answer(update, t("only-in-group") if private else t("only-in-private"))
    raise ApplicationHandlerStop
