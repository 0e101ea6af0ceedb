"""Shared fixtures: a fresh database per test, the fake Bot API, and the real bot on top."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_application, polling
from bot.context import CopApplication
from bot.settings import Settings
from fakebotapi import FakeTelegram
from storage.database import create_engine, create_sessionmaker

# Opt in to python-telegram-bot's future `RetryAfter.retry_after` type, as `copbot` does.
os.environ["PTB_TIMEDELTA"] = "1"

TOKEN = "123456789:TEST-token-abcdefghijklmnopqrstuvwxyz"
BOT_USERNAME = "coach_cop_bot"
POSTGRES_ENV = "COPBOT_TEST_POSTGRES_URL"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests that use a database run on SQLite, and on PostgreSQL too when CI provides one."""
    if "database_url" in metafunc.fixturenames:
        backends = ["sqlite"] + (["postgresql"] if os.environ.get(POSTGRES_ENV) else [])
        metafunc.parametrize("backend", backends, scope="function")


@pytest.fixture
async def database_url(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a new, empty database that lives as long as the test."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'copbot.db'}"
        return
    import asyncpg

    admin_url = make_url(os.environ[POSTGRES_ENV])
    name = f"copbot_test_{uuid.uuid4().hex[:12]}"
    dsn = admin_url.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    yield admin_url.set(database=name).render_as_string(hide_password=False)
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    """The fake Telegram Bot API server, on a free port of 127.0.0.1."""
    async with FakeTelegram(token=TOKEN, bot_username=BOT_USERNAME, bot_name="Coach CoP") as fake:
        # Telegram tolerates short bursts in one chat; tests of flood limits tighten this again.
        fake.limits.chat_burst = 30
        yield fake


class BotProcess:
    """The real Application, polling the fake server; can be stopped and started again."""

    def __init__(self, tg: FakeTelegram, database_url: str, **settings: Any) -> None:
        self.tg = tg
        self.settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=TOKEN,  # type: ignore[arg-type]
            telegram_api_url=tg.api_url,
            database_url=database_url,
            board_edit_seconds=settings.pop("board_edit_seconds", 0.3),
            poll_timeout_seconds=1,
            **settings,
        )
        self.app: CopApplication | None = None
        self._running: AsyncExitStack | None = None

    async def start(self) -> None:
        """Build a new Application and start polling."""
        self.app = build_application(self.settings)
        self._running = AsyncExitStack()
        await self._running.enter_async_context(polling(self.app, poll_timeout=1))

    async def stop(self) -> None:
        """Stop polling and shut down, as on Ctrl-C."""
        if self._running is None:
            return
        running, self._running, self.app = self._running, None, None
        await running.aclose()

    async def restart(self) -> None:
        """A new process on the same database."""
        await self.stop()
        await self.start()

    @property
    def db(self) -> async_sessionmaker[AsyncSession]:
        """The running bot's session factory, for checking what is stored."""
        assert self.app is not None and self.app.bot_data.sessionmaker is not None
        return self.app.bot_data.sessionmaker


@pytest.fixture
async def bot(tg: FakeTelegram, database_url: str) -> AsyncIterator[BotProcess]:
    """The bot running against the fake server and a fresh database."""
    process = BotProcess(tg, database_url)
    await process.start()
    try:
        yield process
    finally:
        await process.stop()


@pytest.fixture
async def sessionmaker_for(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory on the test's database (migrated by the bot or by the test)."""
    engine = create_engine(database_url)
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()
