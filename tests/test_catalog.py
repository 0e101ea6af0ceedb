"""The translation catalog holds every text the code asks for."""

from __future__ import annotations

import re
from pathlib import Path

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
