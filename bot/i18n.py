"""The translation catalog: Fluent files under `bot/locales/<language>/`."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

_LOGGER = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
LONG_ARGUMENT = 1000


class Html(str):
    """Text already safe for Telegram's HTML parse mode; the translator does not escape it."""

    __slots__ = ()


def escape(text: str) -> Html:
    """User text made safe for Telegram's HTML parse mode."""
    return Html(html.escape(text, quote=False))


_TAG = re.compile(r"<[^>]+>")


def plain(text: str, limit: int | None = None) -> str:
    """Catalog HTML made plain for places Telegram shows as is (button labels, alerts):
    tags dropped, entities decoded, then shortened to `limit` characters with "…"."""
    shown = html.unescape(_TAG.sub("", text))
    if limit is None or len(shown) <= limit:
        return shown
    return shown[: limit - 1] + "…"


def visible_length(text: str) -> int:
    """The length Telegram counts for HTML text: tags dropped, entities decoded, UTF-16 units."""
    return len(plain(text).encode("utf-16-le")) // 2


class Translator:
    """Formats catalog messages in one language; string arguments are HTML-escaped."""

    def __init__(self, language: str, bundles: list[FluentBundle]) -> None:
        self.language = language
        self._bundles = bundles

    def __call__(self, key: str, **args: Any) -> Html:
        safe = {name: _safe_argument(value) for name, value in args.items()}
        # Fluent refuses a placeable over 2,500 characters (it prints "{???}"), and a teacher's
        # note may be longer: such values go in after formatting, through a private-use marker.
        long_values: dict[str, str] = {}
        for name, value in safe.items():
            if isinstance(value, str) and len(value) > LONG_ARGUMENT:
                marker = f"\ue000{len(long_values)}\ue001"
                long_values[marker] = value
                safe[name] = marker
        for bundle in self._bundles:
            if bundle.has_message(key):
                message = bundle.get_message(key)
                if message.value is None:
                    break
                text, errors = bundle.format_pattern(message.value, safe)
                for error in errors:
                    _LOGGER.warning("catalog message %s (%s): %s", key, self.language, error)
                formatted = str(text)
                for marker, value in long_values.items():
                    formatted = formatted.replace(marker, value)
                return Html(formatted)
        _LOGGER.error("catalog has no message %s", key)
        return Html(html.escape(key))

    def has(self, key: str) -> bool:
        """Whether the catalog holds this message in any language of this translator."""
        return any(bundle.has_message(key) for bundle in self._bundles)


def _safe_argument(value: Any) -> Any:
    if isinstance(value, Html | int | float):
        return value
    return html.escape(str(value), quote=False)


class Catalog:
    """All languages found on disk; adding a language is adding a folder of `.ftl` files."""

    def __init__(self, directory: Path | None = None, default_language: str = SOURCE_LANGUAGE):
        root = directory or Path(str(resources.files("bot").joinpath("locales")))
        self._bundles: dict[str, FluentBundle] = {}
        self.message_ids: dict[str, set[str]] = {}
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            bundle = FluentBundle([folder.name], use_isolating=False)
            ids: set[str] = set()
            for path in sorted(folder.glob("*.ftl")):
                resource = FluentResource(path.read_text("utf-8"))
                bundle.add_resource(resource)
                ids.update(
                    entry.id.name for entry in resource.body if isinstance(entry, ast.Message)
                )
            self._bundles[folder.name] = bundle
            self.message_ids[folder.name] = ids
        if SOURCE_LANGUAGE not in self._bundles:
            raise RuntimeError(f"the catalog in {root} has no {SOURCE_LANGUAGE} folder")
        self.default_language = (
            default_language if default_language in self._bundles else SOURCE_LANGUAGE
        )

    @property
    def languages(self) -> tuple[str, ...]:
        """Language codes with a catalog, source language first."""
        return (SOURCE_LANGUAGE, *sorted(lang for lang in self._bundles if lang != SOURCE_LANGUAGE))

    def supports(self, language: str | None) -> bool:
        """Whether a language code has a catalog."""
        return language is not None and language in self._bundles

    def resolve(self, *candidates: str | None) -> str:
        """The first supported language of the candidates (IETF tags allowed), else the default."""
        for candidate in candidates:
            if candidate:
                base = candidate.split("-")[0].split("_")[0].lower()
                if base in self._bundles:
                    return base
        return self.default_language

    def translator(self, language: str) -> Translator:
        """A translator for the language, falling back to the default and then English."""
        order = [language, self.default_language, SOURCE_LANGUAGE]
        chain = [self._bundles[lang] for lang in dict.fromkeys(order) if lang in self._bundles]
        resolved = language if language in self._bundles else self.default_language
        return Translator(resolved, chain)

    def language_names(self) -> Mapping[str, str]:
        """Each language's own name, from its catalog's `language-name` message."""
        return {lang: self.translator(lang)("language-name") for lang in self.languages}
