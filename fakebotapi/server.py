"""The tornado HTTP server and the FakeTelegram facade used by tests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from fakebotapi.errors import ApiError
from fakebotapi.methods import METHODS, Params
from fakebotapi.models import Call
from fakebotapi.world import World

CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
HOLD_SECONDS = 30.0
_TEXT_FIELDS = {"text", "caption", "callback_query_id", "file_id", "action", "language_code"}


@dataclass
class Fault:
    """An injected failure for a method (or "*" for all)."""

    method: str
    status: int
    until: float | None
    count: int | None
    timeout: bool

    def active(self, now: float) -> bool:
        """Whether the fault still applies."""
        if self.until is not None and now >= self.until:
            return False
        return not (self.count is not None and self.count <= 0)


def _decode_params(raw: dict[str, str]) -> dict[str, Any]:
    """Params for Call records: JSON values decoded, text fields kept as strings."""
    decoded: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _TEXT_FIELDS:
            decoded[key] = value
            continue
        try:
            decoded[key] = json.loads(value)
        except ValueError:
            decoded[key] = value
    return decoded


class FakeTelegram(World):
    """A local fake of Telegram's Bot API server plus the simulated users and chats."""

    def __init__(
        self,
        token: str = "123456:TEST-token",
        bot_username: str = "coach_cop_bot",
        bot_name: str = "Coach CoP",
    ) -> None:
        """Create the world; call `await start()` to listen."""
        super().__init__(token, bot_username, bot_name)
        self.port = 0
        self.faults: list[Fault] = []
        self._server: HTTPServer | None = None
        self._stopping: asyncio.Future[None] | None = None
        self._inflight = 0
        self._last_activity = self.now()
        self._polling: asyncio.Future[None] | None = None

    @property
    def api_url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:PORT."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self, port: int = 0) -> None:
        """Listen on 127.0.0.1 (a free port unless given) in the running loop."""
        sockets = bind_sockets(port, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        app = tornado.web.Application(
            [
                (r"/bot([^/]+)/([A-Za-z_]+)/?", BotApiHandler, {"tg": self}),
                (r"/file/bot([^/]+)/(.+)", FileHandler, {"tg": self}),
            ],
            log_function=_no_log,
        )
        self._stopping = asyncio.get_running_loop().create_future()
        self._server = HTTPServer(app, max_body_size=60 * 1024 * 1024)
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        """Stop listening, release held requests and close connections."""
        if self._stopping is not None and not self._stopping.done():
            self._stopping.set_result(None)
        self._wake()
        if self._server is not None:
            self._server.stop()
            await asyncio.sleep(0)
            await self._server.close_all_connections()
            self._server = None

    async def __aenter__(self) -> FakeTelegram:
        """Start on entering an async with block."""
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Stop on leaving an async with block."""
        await self.stop()

    # ----- faults ------------------------------------------------------------
    def fail(
        self,
        method: str,
        status: int = 500,
        seconds: float | None = None,
        count: int | None = None,
        timeout: bool = False,
    ) -> Fault:
        """Make the next calls of `method` ("*" = any) fail for `seconds` or `count` calls."""
        if seconds is None and count is None:
            count = 1
        until = self.now() + seconds if seconds is not None else None
        fault = Fault(method.lower(), status, until, count, timeout)
        self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Remove all injected failures."""
        self.faults.clear()

    def _take_fault(self, method: str) -> Fault | None:
        """The active fault matching this method, consuming one count."""
        now = self.now()
        self.faults = [f for f in self.faults if f.active(now)]
        for fault in self.faults:
            if fault.method in (method.lower(), "*"):
                if fault.count is not None:
                    fault.count -= 1
                return fault
        return None

    # ----- waiting -------------------------------------------------------------
    def describe_calls(self, last: int = 10) -> str:
        """Human-readable summary of the bot's last calls."""
        lines = [
            f"  {c.method} {c.params} -> {c.status} {str(c.result_or_error)[:200]}"
            for c in self.calls[-last:]
        ]
        return "last bot calls:\n" + ("\n".join(lines) if lines else "  (none)")

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Poll until predicate() is true, else raise AssertionError."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if loop.time() >= deadline:
                raise AssertionError(
                    f"condition not met within {timeout}s; {self.describe_calls()}"
                )
            await asyncio.sleep(0.02)

    def is_quiet(self, quiet: float) -> bool:
        """All updates fetched, nothing in flight, and no activity for `quiet` seconds."""
        return (
            self.all_fetched() and self._inflight == 0 and self.now() - self._last_activity >= quiet
        )

    async def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot fetched every update and has been quiet for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.is_quiet(quiet):
            if loop.time() >= deadline:
                state = (
                    f"pending={[u.update_id for u in self.pending if not u.delivered]} "
                    f"inflight={self._inflight}"
                )
                raise AssertionError(
                    f"bot did not settle in {timeout}s ({state}); {self.describe_calls()}"
                )
            await asyncio.sleep(0.02)

    # ----- request handling ------------------------------------------------------
    async def handle(
        self, token: str, method: str, params: Params, closed: asyncio.Future[None]
    ) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API request: (HTTP status, JSON body)."""
        call = Call(method, _decode_params(params.raw), self.now())
        if params.files:
            call.params.update(
                {k: f"<file {v[0]} {len(v[1])} bytes>" for k, v in params.files.items()}
            )
        self.calls.append(call)
        is_poll = method.lower() == "getupdates"
        if not is_poll:
            self._inflight += 1
        try:
            status, body = await self._answer(token, method, params, closed)
        finally:
            if not is_poll:
                self._inflight -= 1
                self._last_activity = self.now()
        call.status = status
        call.result_or_error = body.get("result") if body.get("ok") else body.get("description")
        return status, body

    async def _answer(
        self, token: str, method: str, params: Params, closed: asyncio.Future[None]
    ) -> tuple[int, dict[str, Any]]:
        """Check token and faults, then run the method."""
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            fault = self._take_fault(method)
            if fault is not None:
                if fault.timeout:
                    await self._hold(fault, closed)
                    raise ApiError(504, "Gateway Timeout")
                if fault.status == 429:
                    raise ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
                raise ApiError(fault.status, _reason(fault.status))
            if method.lower() == "getupdates":
                return 200, {"ok": True, "result": await self._get_updates(params, closed)}
            func = METHODS.get(method.lower())
            if func is None:
                raise ApiError(404, "Not Found")
            return 200, {"ok": True, "result": func(self, params)}
        except ApiError as error:
            return error.status, error.to_json()

    async def _hold(self, fault: Fault, closed: asyncio.Future[None]) -> None:
        """Hold a request like a dead network: until the fault ends, 30 s, or disconnect."""
        limit = HOLD_SECONDS
        if fault.until is not None:
            limit = max(0.0, min(limit, fault.until - self.now()))
        waits: list[asyncio.Future[None]] = [closed]
        if self._stopping is not None:
            waits.append(self._stopping)
        await asyncio.wait(waits, timeout=limit, return_when=asyncio.FIRST_COMPLETED)

    async def _get_updates(self, p: Params, closed: asyncio.Future[None]) -> list[Any]:
        """Long polling getUpdates with offset, limit, timeout and allowed_updates."""
        if self._polling is not None and not self._polling.done():
            raise ApiError(409, CONFLICT)
        offset = p.get_int("offset")
        if offset is not None:
            self.confirm(offset)
        allowed = p.obj("allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = [str(a) for a in allowed]
        limit = max(1, min(100, p.get_int("limit") or 100))
        timeout = float(p.get("timeout") or 0)
        updates = self.take(limit)
        if not updates and timeout > 0:
            self._polling = closed
            wake = self.waiter()
            try:
                waits: list[asyncio.Future[None]] = [wake, closed]
                if self._stopping is not None:
                    waits.append(self._stopping)
                await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            finally:
                self._polling = None
                self.drop_waiter(wake)
            updates = self.take(limit)
        if updates:
            self._last_activity = self.now()
        return [u.to_dict() for u in updates]

    async def download(self, token: str, path: str) -> tuple[int, bytes]:
        """File download: (HTTP status, bytes)."""
        self._last_activity = self.now()
        if token != self.token:
            return 401, b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
        stored = self.files.by_path.get(path)
        if stored is None:
            return 404, b'{"ok":false,"error_code":404,"description":"Not Found"}'
        return 200, stored.data


def _no_log(handler: tornado.web.RequestHandler) -> None:
    """Do not write tornado access logs."""


def _reason(status: int) -> str:
    """Telegram-like description for an injected HTTP status."""
    return {
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
        400: "Bad Request",
        403: "Forbidden",
    }.get(status, f"Error {status}")


class BotApiHandler(tornado.web.RequestHandler):
    """Handles /bot<token>/<method>."""

    def initialize(self, tg: FakeTelegram) -> None:
        """Remember the fake."""
        self.tg = tg
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_connection_close(self) -> None:
        """The client went away (e.g. a cancelled long poll)."""
        if not self.closed.done():
            self.closed.set_result(None)

    def _params(self) -> Params:
        """Form fields (query, urlencoded, multipart or JSON body) and uploaded files."""
        raw = {k: v[-1].decode("utf-8") for k, v in self.request.arguments.items()}
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            body = json.loads(self.request.body)
            for key, value in body.items():
                raw[key] = value if isinstance(value, str) else json.dumps(value)
        files = {
            name: (f.filename, f.body, f.content_type)
            for name, items in self.request.files.items()
            for f in items[-1:]
        }
        return Params(raw, files)

    async def post(self, token: str, method: str) -> None:
        """Answer a Bot API call."""
        status, body = await self.tg.handle(token, method, self._params(), self.closed)
        if self.closed.done():
            return
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    async def get(self, token: str, method: str) -> None:
        """GET works like POST."""
        await self.post(token, method)


class FileHandler(tornado.web.RequestHandler):
    """Handles /file/bot<token>/<file_path>."""

    def initialize(self, tg: FakeTelegram) -> None:
        """Remember the fake."""
        self.tg = tg

    async def get(self, token: str, path: str) -> None:
        """Send the file's bytes."""
        status, data = await self.tg.download(token, path)
        self.set_status(status)
        self.set_header(
            "Content-Type", "application/octet-stream" if status == 200 else "application/json"
        )
        self.finish(data)
