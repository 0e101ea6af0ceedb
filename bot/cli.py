"""`copbot`: run the bot, migrate the database, import observations, show the rubric."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import TypeVar

from pydantic import ValidationError

from bot.settings import HINTS, Settings, StorageSettings

S = TypeVar("S", bound=StorageSettings)

EXIT_CONFIG = 2


def package_version() -> str:
    """The installed version of the project."""
    try:
        return version("coach-cop-bot")
    except PackageNotFoundError:
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per job."""
    parser = argparse.ArgumentParser(
        prog="copbot",
        description="Telegram bot that runs the Coach programme's Community of Practice.",
    )
    parser.add_argument("--version", action="version", version=f"copbot {package_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="run the bot with long polling until Ctrl-C or SIGTERM")
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION")
    db_commands.add_parser("upgrade", help="apply migrations up to the newest schema")
    importer = commands.add_parser(
        "import-observations", help="check a CSV of class observations and import it"
    )
    importer.add_argument("file", metavar="FILE", help="the observations CSV file")
    importer.add_argument("--school", required=True, metavar="CODE", help="the school's join code")
    commands.add_parser("demo", help="play a whole CoP against a built-in fake Telegram, offline")
    rubric = commands.add_parser("rubric", help="print a school's rubric with its question codes")
    rubric.add_argument("--school", metavar="CODE", help="the school's join code (default: Nepal)")
    return parser


def load_settings(kind: type[S]) -> S:
    """Settings from the environment, or one clear line and exit status 2."""
    try:
        return kind()
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        hint = HINTS.get(field, f"Check the setting {field.upper()}: {first['msg']}.")
        missing = first["type"] == "missing"
        prefix = f"{field.upper()} is not set." if missing else f"{field.upper()} is not valid."
        print(f"copbot: {prefix} {hint}", file=sys.stderr)
        raise SystemExit(EXIT_CONFIG) from None


def configure_logging(level: str) -> None:
    """Plain log lines; HTTP client chatter (which would show the token in URLs) is kept quiet."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `copbot` console script and `python -m bot`."""
    # python-telegram-bot 22 warns unless it may give RetryAfter.retry_after as a timedelta.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "run":
        return run()
    if args.command == "demo":
        from bot.demo import demo_command

        return demo_command()
    if args.command == "db" and args.db_command == "upgrade":
        return db_upgrade()
    if args.command in ("import-observations", "rubric"):
        return observations_command(args)
    parser.print_help()
    return 0 if args.command is None else EXIT_CONFIG


def run() -> int:
    """Long polling until interrupted; migrations first."""
    from telegram import Update

    from bot.app import build_application

    settings = load_settings(Settings)
    configure_logging(settings.log_level)
    application = build_application(settings)
    application.run_polling(
        allowed_updates=Update.ALL_TYPES,
        timeout=settings.poll_timeout_seconds,
        drop_pending_updates=False,
        close_loop=True,
    )
    return 0


def observations_command(args: argparse.Namespace) -> int:
    """`import-observations` and `rubric`, implemented in bot.cli_observations."""
    from pathlib import Path

    from bot.cli_observations import import_observations_file, show_rubric

    settings = load_settings(StorageSettings)
    configure_logging(settings.log_level)
    if args.command == "import-observations":
        return import_observations_file(settings, Path(args.file), args.school)
    return show_rubric(settings, args.school)


def db_upgrade() -> int:
    """Apply migrations and report the revision."""
    from storage.database import create_engine
    from storage.migrations import current_revision, upgrade

    settings = load_settings(StorageSettings)
    configure_logging(settings.log_level)

    async def _upgrade() -> str | None:
        engine = create_engine(settings.database_url)
        try:
            await upgrade(engine)
            return await current_revision(engine)
        finally:
            await engine.dispose()

    print(f"database at revision {asyncio.run(_upgrade())}")
    return 0
