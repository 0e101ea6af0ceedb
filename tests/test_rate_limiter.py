"""The bot's rate limiter: calls that post nothing never wait for a group's message budget."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.rate_limiter import NO_WAIT, CopRateLimiter


async def _answer(*_args: Any, **_kwargs: Any) -> bool:
    return True


async def _call(limiter: CopRateLimiter, endpoint: str, rate_limit_args: int | None = None) -> Any:
    data = {"chat_id": -100123}
    return await limiter.process_request(_answer, (), {}, endpoint, data, rate_limit_args)


async def test_reactions_skip_an_exhausted_group_budget() -> None:
    limiter = CopRateLimiter(group_max_rate=1, group_time_period=60, max_retries=0)
    await limiter.initialize()
    try:
        assert await _call(limiter, "sendMessage")
        for endpoint in sorted(CopRateLimiter.UNTHROTTLED):
            assert await asyncio.wait_for(_call(limiter, endpoint), timeout=1)
        assert await asyncio.wait_for(_call(limiter, "editMessageText", NO_WAIT), timeout=1)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(_call(limiter, "editMessageText"), timeout=0.5)
    finally:
        await limiter.shutdown()
