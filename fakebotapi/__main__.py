"""Run the fake standalone: python -m fakebotapi --port N."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from fakebotapi.server import FakeTelegram


async def _serve(port: int, token: str, username: str) -> None:
    """Start the fake and run until cancelled."""
    tg = FakeTelegram(token=token, bot_username=username)
    await tg.start(port)
    print(f"fake Bot API listening on {tg.api_url} (token {token})", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await tg.stop()


def main() -> None:
    """Parse arguments and serve forever."""
    parser = argparse.ArgumentParser(prog="python -m fakebotapi")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default="123456:TEST-token")
    parser.add_argument("--bot-username", default="coach_cop_bot")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.token, args.bot_username))


if __name__ == "__main__":
    main()
