"""Handles each chat's updates in order while different chats run concurrently."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor

_LOGGER = logging.getLogger(__name__)

SeenCheck = Callable[[int], Awaitable[bool]]
SeenMark = Callable[[int], Awaitable[None]]


def ordering_key(update: object) -> object:
    """Updates sharing this key are handled one after another, in arrival order."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        return ("update", update.update_id)
    return ("other", id(update))


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Serializes updates per chat (as ConversationHandler expects) and drops redeliveries."""

    def __init__(self, max_concurrent_updates: int = 1024) -> None:
        # PTB takes a slot before the chat's turn, and an update waiting for its chat keeps its
        # slot: the limit is set far above what chats in flight need, so a backlog in one chat
        # cannot starve the others.
        super().__init__(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._waiting: dict[object, int] = {}
        self.is_seen: SeenCheck | None = None
        self.mark_seen: SeenMark | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        async with self.serialized(ordering_key(update)):
            if isinstance(update, Update) and await self._already_handled(update.update_id):
                _LOGGER.info("update %s was delivered again; ignored", update.update_id)
                _close(coroutine)
                return
            await coroutine
            if isinstance(update, Update) and self.mark_seen is not None:
                await self.mark_seen(update.update_id)

    @asynccontextmanager
    async def serialized(self, key: object) -> AsyncIterator[None]:
        """Hold the lock of one chat, so background work never interleaves with its updates."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                del self._locks[key]

    async def _already_handled(self, update_id: int) -> bool:
        return self.is_seen is not None and await self.is_seen(update_id)

    async def initialize(self) -> None:
        """Nothing to set up: locks are made per chat on demand."""

    async def shutdown(self) -> None:
        """Nothing to release: a lock lives only while its chat has updates waiting."""


def _close(coroutine: Awaitable[Any]) -> None:
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()


@asynccontextmanager
async def serialized_chat(
    application: Application[Any, Any, Any, Any, Any, Any], chat_id: int
) -> AsyncIterator[None]:
    """Run a block in the chat's turn when the application serializes per chat."""
    processor = application.update_processor
    if isinstance(processor, PerChatUpdateProcessor):
        async with processor.serialized(("chat", chat_id)):
            yield
    else:
        yield
