"""SIGTERM: the bot finishes what it handles, confirms the polling offset and exits 0."""

from __future__ import annotations

from pathlib import Path

from fakebotapi import FakeTelegram
from tests.chat.helpers import texts
from tests.e2e.process import BotSubprocess


async def test_sigterm_is_a_clean_shutdown(tg: FakeTelegram, tmp_path: Path) -> None:
    asha = tg.user("Asha")
    dm = tg.private_chat(asha)
    bot = BotSubprocess(tg, tmp_path)
    await bot.start()
    try:
        tg.send_text(asha, dm, "/newschool Shree School")
        await tg.wait_for(lambda: any("is registered" in t for t in texts(tg, dm)), timeout=20)
        process = bot.process
        assert process is not None
        await bot.stop()
        assert process.returncode == 0, bot.log()
        assert "Traceback" not in bot.log()
        newest = max(_delivered_update_ids(tg))
        assert tg.confirmed_update_id >= newest, "the last update was not confirmed"

        # Started again, nothing is handled twice.
        await bot.start()
        tg.send_text(asha, dm, "/help")
        await tg.wait_for(lambda: len(texts(tg, dm)) == 2, timeout=20)
        await tg.settle()
        assert sum("is registered" in t for t in texts(tg, dm)) == 1
    finally:
        await bot.stop()


def _delivered_update_ids(tg: FakeTelegram) -> list[int]:
    ids: list[int] = []
    for call in tg.calls:
        if call.method == "getUpdates" and isinstance(call.result_or_error, list):
            ids += [update["update_id"] for update in call.result_or_error]
    return ids
