"""The real `python -m bot run` as a child process, polling an in-test FakeTelegram."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from fakebotapi import FakeTelegram
from storage.database import create_engine, create_sessionmaker
from storage.models import Note
from tests.conftest import TOKEN

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent.parent
STOP_SECONDS = 15.0
LIFETIME_SECONDS = 120.0


class BotSubprocess:
    """`python -m bot run` on a SQLite file in the test's directory; killed if it lingers."""

    def __init__(self, tg: FakeTelegram, workdir: Path, env: dict[str, str] | None = None) -> None:
        self.tg = tg
        self.workdir = workdir
        self.extra_env = dict(env or {})
        self.database_url = f"sqlite+aiosqlite:///{workdir / 'copbot.db'}"
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0
        self._watchdog: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start a new process and wait until it polls for updates."""
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": self.tg.api_url,
            "DATABASE_URL": self.database_url,
            "POLL_TIMEOUT_SECONDS": "1",
            "BOARD_EDIT_SECONDS": "0.3",
            "LOG_LEVEL": "INFO",
            "PTB_TIMEDELTA": "1",
            **self.extra_env,
        }
        self.starts += 1
        log = (self.workdir / f"bot-{self.starts}.log").open("wb")
        polls = sum(1 for c in self.tg.calls if c.method == "getUpdates")
        try:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=self.workdir,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )
        finally:
            log.close()
        self._watchdog = asyncio.create_task(self._kill_after(self.process, LIFETIME_SECONDS))
        await self.tg.wait_for(
            lambda: sum(1 for c in self.tg.calls if c.method == "getUpdates") > polls,
            timeout=30.0,
        )

    async def _kill_after(self, process: asyncio.subprocess.Process, seconds: float) -> None:
        await asyncio.sleep(seconds)
        if process.returncode is None:
            process.kill()

    async def kill(self) -> None:
        """SIGKILL: no shutdown, no goodbye."""
        await self._end(signal.SIGKILL)

    async def stop(self) -> None:
        """SIGTERM as a service manager does, then SIGKILL if it does not exit in time."""
        await self._end(signal.SIGTERM)

    async def _end(self, how: signal.Signals) -> None:
        process, self.process = self.process, None
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        if process is None or process.returncode is not None:
            return
        process.send_signal(how)
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()

    def log(self) -> str:
        """Everything the processes logged, for failure messages."""
        parts = sorted(self.workdir.glob("bot-*.log"))
        return "\n".join(p.read_text(errors="replace")[-4000:] for p in parts)


@asynccontextmanager
async def running_bot(
    tg: FakeTelegram, workdir: Path, env: dict[str, str] | None = None
) -> AsyncIterator[BotSubprocess]:
    """The bot process for the duration of a test; always ended, even when the test fails.

    `env` adds or overrides the process's environment (settings such as BOARD_EDIT_SECONDS).
    """
    bot = BotSubprocess(tg, workdir, env)
    try:
        await bot.start()
        yield bot
    finally:
        await bot.stop()


async def stored_notes(database_url: str) -> list[Note]:
    """The notes in the bot's database, oldest first."""
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            return await _notes(session)
    finally:
        await engine.dispose()


async def _notes(session: AsyncSession) -> list[Note]:
    return list(await session.scalars(select(Note).order_by(Note.id)))


async def stored(database_url: str, model: type[T], *where: Any) -> Sequence[T]:
    """Every row of a model (optionally filtered) in the bot's database, by primary key."""
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            statement = select(model).where(*where).order_by(*inspect(model).primary_key)
            return list(await session.scalars(statement))
    finally:
        await engine.dispose()
