"""Fixtures: a started FakeTelegram and a real PTB Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from fakebotapi import FakeTelegram

TOKEN = "123456:TEST-token"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    """A running fake Telegram."""
    fake = FakeTelegram(token=TOKEN, bot_username="coach_cop_bot", bot_name="Coach CoP")
    await fake.start()
    yield fake
    await fake.stop()


def make_bot(tg: FakeTelegram, read_timeout: float = 5.0) -> Bot:
    """A real PTB Bot talking to the fake."""
    return Bot(
        TOKEN,
        base_url=f"{tg.api_url}/bot",
        base_file_url=f"{tg.api_url}/file/bot",
        request=HTTPXRequest(read_timeout=read_timeout),
        get_updates_request=HTTPXRequest(read_timeout=read_timeout),
    )


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    """An initialized PTB Bot."""
    real = make_bot(tg)
    async with real:
        yield real
