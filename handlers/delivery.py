"""Sending that survives a flaky network: retries on network errors and timeouts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

_LOGGER = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_DELAYS: tuple[float, ...] = (1, 2, 4, 8, 15, 30)


async def reliably(send: Callable[[], Awaitable[T]], what: str) -> T:
    """Run a Bot API call, retrying network failures; 400/403 are final and raised."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return await send()
        except (BadRequest, Forbidden):
            raise
        except RetryAfter as error:
            if delay is None:
                raise
            wait = retry_after_seconds(error)
            _LOGGER.info("%s: flood limit, retrying in %.0f s", what, wait)
            await asyncio.sleep(wait)
        except (TimedOut, NetworkError) as error:
            if delay is None:
                raise
            _LOGGER.warning("%s failed (%s); retrying in %.0f s", what, type(error).__name__, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


def retry_after_seconds(error: RetryAfter) -> float:
    """How long Telegram asks to wait (an int, or a timedelta with PTB_TIMEDELTA set)."""
    value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def quietly(call: Awaitable[object], what: str) -> bool:
    """Run a call whose failure harms nobody (a reaction, a pin); returns whether it worked."""
    try:
        await call
    except TelegramError as error:
        _LOGGER.info("%s did not work: %s", what, error)
        return False
    return True
