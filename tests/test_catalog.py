"""The translation catalog holds every text the code asks for."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.commands import COMMANDS
from bot.i18n import Catalog, Html
from conversations.steps import STEPS
from storage.models import CopStatus, Role

ROOT = Path(__file__).resolve().parent.parent
KEY = re.compile(r"\bt\(\s*\"([a-z0-9-]+)\"")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("bot", "handlers", "conversations"):
        for path in (ROOT / folder).rglob("*.py"):
            keys.update(KEY.findall(path.read_text("utf-8")))
    keys.update(f"cmd-{command.name}" for command in COMMANDS)
    keys.update(f"role-{role.value}" for role in Role)
    keys.update(f"cop-status-{status.value}" for status in CopStatus)
    for spec in STEPS:
        keys.add(spec.title_key)
        if spec.collects_notes:
            keys.update({spec.prompt_key, spec.example_key, spec.placeholder_key})
    return keys


def test_every_key_the_code_uses_is_in_english() -> None:
    catalog = Catalog()
    missing = sorted(used_keys() - catalog.message_ids["en"])
    assert not missing


def test_arguments_are_escaped_unless_marked_safe() -> None:
    t = Catalog().translator("en")
    assert "&lt;b&gt;" in t("join-welcome", school="<b>")
    assert "<b>bold</b>" in t("members-line", name=Html("<b>bold</b>"), role="x")


def test_language_resolution() -> None:
    catalog = Catalog()
    assert catalog.resolve(None, "en-GB") == "en"
    assert catalog.resolve("xx", None) == catalog.default_language
    assert catalog.translator("xx").language == "en"


def _variables(language: str) -> dict[str, set[str]]:
    from fluent.syntax import FluentParser, ast, visitor

    class Collect(visitor.Visitor):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.names: set[str] = set()

        def visit_VariableReference(self, node: ast.VariableReference) -> None:
            self.names.add(node.id.name)

    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "bot" / "locales" / language).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text("utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
        assert not junk, f"{path.name}: {junk[0].content[:80]!r} does not parse"
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                collect = Collect()
                collect.visit(entry)
                found[entry.id.name] = collect.names
    return found


def test_translations_use_only_the_english_arguments() -> None:
    english = _variables("en")
    for language in Catalog().languages:
        for key, names in _variables(language).items():
            assert key in english, f"{language}: {key} is not an English message"
            assert names <= english[key], f"{language}: {key} uses {names - english[key]}"


def test_every_message_formats_in_every_language(caplog: pytest.LogCaptureFixture) -> None:
    catalog = Catalog()
    english = _variables("en")
    for language in catalog.languages:
        t = catalog.translator(language)
        for key, names in english.items():
            text = t(key, **{name: 1 for name in names})
            assert text and key not in text, f"{language}: {key}"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


def test_long_arguments_are_kept_whole(caplog: pytest.LogCaptureFixture) -> None:
    """Fluent refuses placeables over 2,500 characters; a teacher's long note must still show."""
    t = Catalog().translator("en")
    note = "word & " * 600  # 4,200 characters
    text = t("note-line-text", author="Asha", text=note)
    assert "word &amp; " * 600 in text
    assert "{???}" not in text
    assert not caplog.records
