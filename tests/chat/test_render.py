"""The CoP's texts stay within Telegram's limits as Telegram measures them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.i18n import Catalog, Translator, visible_length
from conversations.render import (
    BOARD_LATEST,
    MESSAGE_LIMIT,
    SummaryFacts,
    board_text,
    pack_messages,
    shorten,
    summary_blocks,
)
from conversations.steps import Step, spec_of
from fakebotapi.limits import parse_html, utf16_len
from storage.models import Note, NoteKind, Person


@pytest.fixture(scope="module")
def t() -> Translator:
    return Catalog(default_language="en").translator("en")


def make_note(
    text: str, *, step: str = "insights", author: str = "Asha", photo: bool = False
) -> Note:
    return Note(
        step=step,
        author=Person(id=1, display_name=author),
        kind=NoteKind.PHOTO if photo else NoteKind.TEXT,
        text=text,
    )


def telegram_length(html_text: str) -> int:
    """The length Telegram checks: UTF-16 units of the text after parsing its HTML."""
    plain, _entities = parse_html(html_text)
    return utf16_len(plain)


FACTS = SummaryFacts(
    school="Shree <School> & Co",
    facilitator="Asha",
    started_at=datetime(2025, 3, 1, tzinfo=UTC),
    participants=5,
    finished=True,
)


# --- shorten -------------------------------------------------------------------------------------


def test_shorten_keeps_short_text_and_joins_whitespace() -> None:
    assert shorten("  two\n\nlines \t here ", 80) == "two lines here"
    assert shorten("exactly10!", 10) == "exactly10!"


def test_shorten_cuts_with_an_ellipsis_within_the_limit() -> None:
    cut = shorten("word " * 50, 20)
    assert cut.endswith("…") and len(cut) <= 20
    assert not cut[:-1].endswith(" ")


def test_shorten_counts_as_telegram_does() -> None:
    """Emoji outside the BMP count twice in Telegram's UTF-16 limits."""
    cut = shorten("🎉" * 100, 21)
    assert utf16_len(cut) <= 21
    assert cut.endswith("…")
    assert "\ud83c" not in cut


# --- pack_messages -------------------------------------------------------------------------------


def test_pack_messages_never_splits_a_block_and_keeps_order() -> None:
    blocks = [f"<b>block {n}</b> " + "x" * 900 for n in range(20)]
    messages = pack_messages(blocks)
    assert len(messages) > 1
    assert "\n".join(messages) == "\n".join(blocks)
    for message in messages:
        assert telegram_length(message) <= MESSAGE_LIMIT


def test_pack_messages_measures_after_html_parsing() -> None:
    """Escaped characters count once: 1000 `&lt;` are 1000 characters, not 4000."""
    block = "&lt;" * 1000
    assert visible_length(block) == 1000
    assert len(pack_messages([block, block, block])) == 1
    assert len(pack_messages([block] * 5)) == 2


def test_pack_messages_of_an_empty_list() -> None:
    assert pack_messages([]) == []


def test_a_huge_summary_fits_in_messages(t: Translator) -> None:
    notes = [
        make_note(f"<{n}> & 🎉👩🏽‍🏫 " + "lorem ipsum " * 75, step=step, author=f"Teacher {n}")
        for n, step in enumerate(["insights", "positives", "improvements", "next_steps"] * 8)
    ]
    notes.append(make_note("a photo caption", photo=True))
    messages = pack_messages(summary_blocks(t, FACTS, notes))
    assert len(messages) >= 7
    for message in messages:
        assert telegram_length(message) <= MESSAGE_LIMIT
        assert visible_length(message) == telegram_length(message)
    joined = "\n".join(messages)
    for n in range(32):
        assert joined.count(f"&lt;{n}&gt; &amp;") == 1


@pytest.mark.parametrize("character", ["🎉", "x", "&", "<", "नमस्ते"])
def test_one_note_at_telegram_s_own_limit_still_fits(t: Translator, character: str) -> None:
    """A note can be as long as a Telegram message; its summary line must still be sendable."""
    text = character * (4096 // utf16_len(character))
    messages = pack_messages(summary_blocks(t, FACTS, [make_note(text)]))
    for message in messages:
        assert telegram_length(message) <= MESSAGE_LIMIT


# --- board_text ----------------------------------------------------------------------------------


def test_board_shows_the_count_and_the_latest_notes(t: Translator) -> None:
    notes = [make_note(f"note number {n}", author=f"T{n}") for n in range(8)]
    text = board_text(t, spec_of(Step.INSIGHTS), notes)
    assert "Reflection: insights</b>: 8 notes" in text
    assert "… 3 earlier" in text
    shown = [n for n in range(8) if f"note number {n}" in text]
    assert shown == list(range(8 - BOARD_LATEST, 8))
    assert text.index("note number 3") < text.index("note number 7")


def test_board_of_few_and_no_notes(t: Translator) -> None:
    empty = board_text(t, spec_of(Step.POSITIVES), [])
    assert ": 0 notes" in empty and "No notes yet." in empty
    one = board_text(t, spec_of(Step.POSITIVES), [make_note("only <one> & more")])
    assert ": 1 note" in one and "earlier" not in one
    assert "only &lt;one&gt; &amp; more" in one
    photo = board_text(t, spec_of(Step.POSITIVES), [make_note("", photo=True)])
    assert "📷 photo" in photo


def test_board_shortens_long_notes(t: Translator) -> None:
    notes = [make_note("long " * 500) for _ in range(BOARD_LATEST)]
    text = board_text(t, spec_of(Step.INSIGHTS), notes)
    assert telegram_length(text) < 1000
    assert text.count("…") == BOARD_LATEST
