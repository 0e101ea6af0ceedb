"""Telegram's limits: text lengths, HTML entity parsing, button data and flood control."""

from __future__ import annotations

import math
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from fakebotapi.errors import ApiError

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_ATTR_RE = re.compile(r"""([A-Za-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_ENTITY_RE = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);")


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def _bad_html(message: str) -> ApiError:
    """An ApiError for an HTML parse failure."""
    return ApiError(400, f"Bad Request: can't parse entities: {message}")


def _decode_entities(raw: str, start_byte: int) -> str:
    """Decode &lt; &gt; &amp; &quot; and numeric entities; leave a bare & alone."""

    def repl(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        if name in _NAMED_ENTITIES:
            return _NAMED_ENTITIES[name]
        offset = start_byte + len(raw[: match.start()].encode("utf-8"))
        raise _bad_html(f'Unsupported HTML entity "&{name};" at byte offset {offset}')

    return _ENTITY_RE.sub(repl, raw)


def parse_html(html: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-flavoured HTML into (plain text, entities) or raise ApiError 400."""
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, int, dict[str, Any]]] = []
    pos = 0
    length16 = 0
    while pos < len(html):
        lt = html.find("<", pos)
        chunk_end = len(html) if lt == -1 else lt
        if chunk_end > pos:
            start_byte = len(html[:pos].encode("utf-8"))
            piece = _decode_entities(html[pos:chunk_end], start_byte)
            out.append(piece)
            length16 += utf16_len(piece)
        if lt == -1:
            break
        byte_offset = len(html[:lt].encode("utf-8"))
        match = _TAG_RE.match(html, lt)
        if match is None:
            raise _bad_html(f"Unclosed start tag at byte offset {byte_offset}")
        closing, name, attrs_raw = match.group(1) == "/", match.group(2).lower(), match.group(3)
        if closing:
            if not stack:
                raise _bad_html(f"Unexpected end tag at byte offset {byte_offset}")
            open_name, open_at, entity = stack.pop()
            if open_name != name:
                raise _bad_html(
                    f'Unmatched end tag at byte offset {byte_offset}, expected "</{open_name}>", '
                    f'found "</{name}>"'
                )
            if length16 > open_at and entity["type"] != "_inside_pre":
                entity.update(offset=open_at, length=length16 - open_at)
                entities.append(entity)
        else:
            if name not in _ENTITY_TYPES:
                raise _bad_html(f'Unsupported start tag "{name}" at byte offset {byte_offset}')
            attrs = {
                m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "")
                for m in _ATTR_RE.finditer(attrs_raw or "")
            }
            new_entity: dict[str, Any] = {"type": _ENTITY_TYPES[name]}
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise _bad_html(f'Unsupported start tag "span" at byte offset {byte_offset}')
            if name == "a":
                href = attrs.get("href", "")
                if not href:
                    raise _bad_html(f'Empty href in "a" tag at byte offset {byte_offset}')
                new_entity["url"] = _decode_entities(href, byte_offset)
            if name == "blockquote" and "expandable" in attrs:
                new_entity["type"] = "expandable_blockquote"
            if name == "tg-emoji":
                new_entity["custom_emoji_id"] = attrs.get("emoji-id", "")
            if name == "code" and stack and stack[-1][0] == "pre":
                lang = attrs.get("class", "")
                if lang.startswith("language-"):
                    stack[-1][2]["language"] = lang[len("language-") :]
                new_entity["type"] = "_inside_pre"
            stack.append((name, length16, new_entity))
        pos = match.end()
    if stack:
        raise _bad_html(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def format_text(
    text: str, parse_mode: str | None, caption: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """Parse text per parse_mode and check its length; return (plain, entities)."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        plain, entities = parse_html(text)
    elif mode in ("", "none"):
        plain, entities = text, []
    else:
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r} in this fake")
    if caption:
        if utf16_len(plain) > MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
    else:
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(plain) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
    return plain, entities


def check_reply_markup(markup: Any) -> None:
    """Validate an inline keyboard / reply keyboard like Telegram does."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    keyboard = markup.get("inline_keyboard")
    if keyboard is None:
        return
    if not isinstance(keyboard, list):
        raise ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array')
    for row in keyboard:
        if not isinstance(row, list):
            raise ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array of Array')
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise ApiError(400, 'Bad Request: can\'t find field "text"')
            if "callback_data" in button:
                data = button["callback_data"]
                size = len(str(data).encode("utf-8"))
                if not 1 <= size <= MAX_CALLBACK_DATA:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            elif not any(
                k in button
                for k in (
                    "url",
                    "switch_inline_query",
                    "web_app",
                    "copy_text",
                    "switch_inline_query_current_chat",
                    "pay",
                    "login_url",
                    "callback_game",
                    "switch_inline_query_chosen_chat",
                )
            ):
                raise ApiError(400, "Bad Request: BUTTON_TYPE_INVALID")


@dataclass
class Limits:
    """Flood-control settings; tests may tighten or relax them."""

    enabled: bool = True
    group_per_minute: int = 20
    group_window: float = 60.0
    chat_per_second: float = 1.0
    chat_burst: int = 3
    global_per_second: int = 30


@dataclass
class FloodRefusal:
    """One 429 answer given by the fake."""

    method: str
    chat_id: int
    retry_after: int
    reason: str
    at: float


@dataclass
class FloodControl:
    """Sliding windows and token buckets counting message sends per chat and overall."""

    limits: Limits
    group_sends: dict[int, deque[float]] = field(default_factory=dict)
    chat_tokens: dict[int, tuple[float, float]] = field(default_factory=dict)
    global_sends: deque[float] = field(default_factory=deque)

    def check(self, chat_id: int, is_group: bool, count: int, now: float) -> tuple[int, str] | None:
        """Return (retry_after, reason) if sending count messages now is refused, else record."""
        lim = self.limits
        if not lim.enabled:
            return None
        while self.global_sends and self.global_sends[0] <= now - 1.0:
            self.global_sends.popleft()
        if len(self.global_sends) + count > lim.global_per_second:
            return 1, "global"
        tokens, last = self.chat_tokens.get(chat_id, (float(lim.chat_burst), now))
        tokens = min(float(lim.chat_burst), tokens + (now - last) * lim.chat_per_second)
        if tokens < count and count <= lim.chat_burst:
            wait = (count - tokens) / lim.chat_per_second
            return max(1, math.ceil(wait)), "chat"
        if count > lim.chat_burst and tokens < lim.chat_burst:
            return max(1, math.ceil((lim.chat_burst - tokens) / lim.chat_per_second)), "chat"
        sends = self.group_sends.setdefault(chat_id, deque())
        if is_group:
            while sends and sends[0] <= now - lim.group_window:
                sends.popleft()
            if len(sends) + count > lim.group_per_minute:
                index = len(sends) + count - lim.group_per_minute - 1
                free_at = sends[min(index, len(sends) - 1)] + lim.group_window if sends else now
                return max(1, math.ceil(free_at - now)), "group"
        self.chat_tokens[chat_id] = (max(0.0, tokens - count), now)
        for _ in range(count):
            self.global_sends.append(now)
            if is_group:
                sends.append(now)
        return None
