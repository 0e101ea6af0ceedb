"""The bot's rate limiter: Telegram's flood limits, with room for the calls that post nothing."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Final

from telegram._utils.types import JSONDict
from telegram.ext import AIORateLimiter

NO_WAIT: Final = -1
"""`rate_limit_args` for a call that must neither wait for the budget nor retry a 429 (the
caller handles `RetryAfter` itself, e.g. a board edit that is simply made later)."""


class CopRateLimiter(AIORateLimiter):
    """AIORateLimiter, but calls that post nothing to the chat skip the group's 20-a-minute budget.

    Reactions, callback answers and chat actions would otherwise queue behind the step messages
    and board edits of a busy group; a refused reaction is harmless (see `quietly`).
    """

    UNTHROTTLED: frozenset[str] = frozenset(
        {"setMessageReaction", "answerCallbackQuery", "sendChatAction"}
    )

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint in self.UNTHROTTLED or rate_limit_args == NO_WAIT:
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
