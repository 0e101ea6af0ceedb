"""Builds the one `Application`: request settings, handlers, jobs and resources."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.commands import COMMAND_NAMES, COMMANDS, Where
from bot.context import CopApplication, CopContext, Services
from bot.i18n import Catalog
from bot.rate_limiter import CopRateLimiter
from bot.settings import Settings
from bot.update_processor import PerChatUpdateProcessor
from conversations import cop, records
from conversations.cop import build_cop_conversation
from conversations.jobs import close_idle_cops, prune, resend_unsent_summaries
from conversations.keyboards import CALLBACK
from conversations.summary import PHOTOS_CALLBACK
from handlers import errors, language, members, observations, schools, start, stats
from storage.database import create_engine, create_sessionmaker
from storage.migrations import upgrade
from storage.updates import mark_processed, was_processed

_LOGGER = logging.getLogger(__name__)

IDLE_CHECK_SECONDS = 300
RESEND_CHECK_SECONDS = 300
PRUNE_SECONDS = 6 * 3600


def build_application(settings: Settings, *, migrate: bool = True) -> CopApplication:
    """The bot, wired from settings; resources open in post_init and close in post_shutdown."""
    processor = PerChatUpdateProcessor()
    api = settings.telegram_api_url
    poll_read_timeout = settings.poll_timeout_seconds + 10
    application: CopApplication = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .context_types(ContextTypes(context=CopContext, bot_data=Services))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                # A reply to a command someone already deleted still gets through.
                allow_sending_without_reply=True,
            )
        )
        .rate_limiter(
            CopRateLimiter(group_max_rate=settings.group_messages_per_minute, max_retries=5)
        )
        .concurrent_updates(processor)
        .connect_timeout(10)
        .read_timeout(20)
        .write_timeout(30)
        .get_updates_read_timeout(poll_read_timeout)
        .post_init(_open_resources(settings, processor, migrate=migrate))
        .post_shutdown(_close_resources)
        .build()
    )
    register_handlers(application)
    return application


def register_handlers(application: CopApplication) -> None:
    """Every handler, in the order that decides who answers an update."""
    # Before anything: who is writing, whether the command works here, group membership and
    # supergroup upgrades.
    application.add_handler(
        MessageHandler(
            filters.SenderChat.ALL & filters.ChatType.GROUPS, schools.on_anonymous_admin
        ),
        group=-3,
    )
    application.add_handler(
        MessageHandler(
            filters.COMMAND & filters.UpdateType.MESSAGE, start.on_command_in_wrong_chat
        ),
        group=-2,
    )
    application.add_handler(
        MessageHandler(filters.StatusUpdate.MIGRATE, schools.on_chat_migrated), group=-1
    )
    application.add_handler(
        MessageHandler(filters.ChatType.GROUPS, schools.on_group_activity, block=True), group=-1
    )
    # The CoP state machine.
    application.add_handler(build_cop_conversation(), group=0)
    # Everything else.
    commands: list[tuple[str, Any]] = [
        ("start", start.on_start),
        ("help", start.on_help),
        ("newschool", schools.on_new_school),
        ("join", schools.on_join),
        ("setup", schools.on_setup),
        ("members", members.on_members),
        ("lang", language.on_lang),
        ("school", schools.on_school),
        ("status", records.on_status),
        ("history", records.on_history),
        ("actions", records.on_actions),
        ("stats", stats.on_stats),
        ("import", observations.on_import),
        ("rubric", observations.on_rubric),
        ("lowdata", observations.on_lowdata),
    ]
    for name, callback in commands:
        # An edited command must not run again (a corrected /newschool made a second school).
        command = CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE)
        application.add_handler(command, group=1)
    application.add_handler(
        CallbackQueryHandler(schools.on_setup_choice, pattern=rf"^{schools.SETUP_CALLBACK}:"),
        group=1,
    )
    application.add_handler(
        CallbackQueryHandler(members.on_members_button, pattern=rf"^{members.CALLBACK}:"), group=1
    )
    application.add_handler(
        CallbackQueryHandler(schools.on_school_choice, pattern=rf"^{schools.SCHOOL_CALLBACK}:"),
        group=1,
    )
    application.add_handler(
        CallbackQueryHandler(language.on_lang_choice, pattern=rf"^{language.CALLBACK}:"), group=1
    )
    application.add_handler(
        CallbackQueryHandler(records.on_history_choice, pattern=rf"^{records.HISTORY_CALLBACK}:"),
        group=1,
    )
    application.add_handler(
        CallbackQueryHandler(records.on_photos_button, pattern=rf"^{PHOTOS_CALLBACK}:"), group=1
    )
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.Document.ALL, observations.on_document),
        group=1,
    )
    application.add_handler(
        MessageHandler(filters.COMMAND & UnknownCommand(), start.on_unknown_command), group=1
    )
    known = "|".join(
        (
            CALLBACK,
            schools.SETUP_CALLBACK,
            schools.SCHOOL_CALLBACK,
            members.CALLBACK,
            language.CALLBACK,
            records.HISTORY_CALLBACK,
            PHOTOS_CALLBACK,
        )
    )
    application.add_handler(
        CallbackQueryHandler(start.on_stale_button, pattern=rf"^(?!({known}):)"), group=1
    )
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ~filters.COMMAND,
            start.on_private_chatter,
        ),
        group=1,
    )
    application.add_handler(
        MessageHandler(filters.StatusUpdate.MIGRATE, cop.on_group_moved), group=2
    )
    application.add_error_handler(errors.on_error)


class UnknownCommand(filters.MessageFilter):
    """A command this bot does not have, addressed to it (or sent in a private chat)."""

    def __init__(self) -> None:
        super().__init__(name="UnknownCommand")

    def filter(self, message: Any) -> bool:
        text: str = message.text or ""
        if not text.startswith("/"):
            return False
        name, _, target = text[1:].split(maxsplit=1)[0].partition("@")
        if name.lower() in COMMAND_NAMES:
            return False
        if message.chat.type == "private":
            return True
        return bool(target) and target.lower() == (message.get_bot().username or "").lower()


def _open_resources(
    settings: Settings, processor: PerChatUpdateProcessor, *, migrate: bool
) -> Callable[[CopApplication], Coroutine[Any, Any, None]]:
    """The post_init hook: database, catalog, command menus and background jobs."""

    async def post_init(application: CopApplication) -> None:
        services = application.bot_data
        services.settings = settings
        services.catalog = Catalog(default_language=settings.default_language)
        services.engine = create_engine(settings.database_url)
        if migrate:
            await upgrade(services.engine)
        services.sessionmaker = create_sessionmaker(services.engine)
        sessionmaker = services.sessionmaker

        async def is_seen(update_id: int) -> bool:
            async with sessionmaker() as session:
                return await was_processed(session, update_id)

        async def mark_seen(update_id: int) -> None:
            async with sessionmaker.begin() as session:
                await mark_processed(session, update_id)

        processor.is_seen = is_seen
        processor.mark_seen = mark_seen
        await _register_commands(application, services.catalog)
        job_queue = application.job_queue
        if job_queue is None:
            raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
        idle_check = max(1.0, min(IDLE_CHECK_SECONDS, settings.cop_idle_hours * 3600 / 4))
        job_queue.run_repeating(close_idle_cops, interval=idle_check, first=idle_check)
        job_queue.run_repeating(resend_unsent_summaries, interval=RESEND_CHECK_SECONDS, first=1)
        job_queue.run_repeating(prune, interval=PRUNE_SECONDS, first=PRUNE_SECONDS)
        _LOGGER.info("bot @%s ready", application.bot.username)

    return post_init


async def _close_resources(application: CopApplication) -> None:
    engine = application.bot_data.engine
    if engine is not None:
        await engine.dispose()


async def _register_commands(application: CopApplication, catalog: Catalog) -> None:
    """The command menus, per kind of chat and per catalog language."""
    for language_code in catalog.languages:
        t = catalog.translator(language_code)
        for scope, where in (
            (BotCommandScopeAllPrivateChats(), Where.PRIVATE),
            (BotCommandScopeAllGroupChats(), Where.GROUP),
        ):
            menu = [
                BotCommand(cmd.name, t(f"cmd-{cmd.name}")[:256])
                for cmd in COMMANDS
                if cmd.in_menu and where & cmd.where
            ]
            code = None if language_code == catalog.default_language else language_code
            await application.bot.set_my_commands(menu, scope=scope, language_code=code)


__all__ = ["Application", "TypeHandler", "Update", "build_application"]


@asynccontextmanager
async def polling(application: CopApplication, *, poll_timeout: int) -> AsyncIterator[None]:
    """Run the bot inside an event loop that someone else owns, as `run_polling` would.

    `copbot run` uses `run_polling` itself; the demo and the tests share a loop with the fake
    Bot API server, so they start and stop the same way through this.
    """
    from telegram import Update

    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
        )
        yield
    finally:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
