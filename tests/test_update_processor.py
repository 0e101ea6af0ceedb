"""One chat's updates run in order; a slow chat never holds up another."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.update_processor import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "group")
    user = User(1, "Asha", is_bot=False)
    message = Message(update_id, date=None, chat=chat, from_user=user, text="x")  # type: ignore[arg-type]
    return Update(update_id, message=message)


async def test_same_chat_in_order_other_chats_concurrently() -> None:
    processor = PerChatUpdateProcessor()
    await processor.initialize()
    done: list[int] = []
    release_slow = asyncio.Event()

    async def slow() -> None:
        await release_slow.wait()
        done.append(1)

    async def record(update_id: int) -> None:
        done.append(update_id)

    tasks = [
        asyncio.create_task(processor.process_update(_update(1, -10), slow())),
        asyncio.create_task(processor.process_update(_update(2, -10), record(2))),
        asyncio.create_task(processor.process_update(_update(3, -20), record(3))),
    ]
    await asyncio.wait_for(asyncio.shield(tasks[2]), timeout=1)
    assert done == [3], "the other chat went ahead while the first chat was busy"
    release_slow.set()
    await asyncio.gather(*tasks)
    assert done == [3, 1, 2], "the busy chat kept its own order"
    await processor.shutdown()


async def test_redelivered_update_is_dropped() -> None:
    processor = PerChatUpdateProcessor()
    seen: set[int] = set()

    async def is_seen(update_id: int) -> bool:
        return update_id in seen

    async def mark_seen(update_id: int) -> None:
        seen.add(update_id)

    processor.is_seen, processor.mark_seen = is_seen, mark_seen
    runs: list[int] = []

    async def work() -> None:
        runs.append(7)

    await processor.process_update(_update(7, -10), work())
    await processor.process_update(_update(7, -10), work())
    assert runs == [7]
