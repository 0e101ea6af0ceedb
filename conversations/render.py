"""Texts of the CoP: step messages, live boards and the summary, within Telegram's limits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.i18n import Html, Translator, visible_length
from conversations.steps import (
    ACTION_PLAN_STEP,
    COLLECTING_STEPS,
    STEPS,
    StepSpec,
    number_of,
    spec_of,
)
from storage.models import Note, NoteKind

MESSAGE_LIMIT = 4096
SAFE_LIMIT = 4000
BOARD_LATEST = 5
BOARD_NOTE_CHARS = 80
SUMMARY_NOTE_CHARS = 3000
LAST_STEP_NUMBER = len(STEPS) - 1


def shorten(text: str, limit: int) -> str:
    """Cut text to a length as Telegram counts it (UTF-16 units), ending with "…" when cut."""
    text = " ".join(text.split())
    if _utf16_length(text) <= limit:
        return text
    kept, used = [], 0
    for character in text:
        used += _utf16_length(character)
        if used > limit - 1:
            break
        kept.append(character)
    return "".join(kept).rstrip() + "…"


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def note_line(t: Translator, note: Note, limit: int) -> Html:
    """One note as a line: author and text, or a photo marker with its caption."""
    author = note.author.display_name
    if note.kind == NoteKind.PHOTO:
        if not note.text.strip():
            return t("note-line-photo", author=author)
        return t("note-line-photo-caption", author=author, caption=shorten(note.text, limit))
    return t("note-line-text", author=author, text=shorten(note.text, limit))


def step_heading(t: Translator, spec: StepSpec) -> Html:
    """ "Step 2 of 6 · Reflection: insights (10-20 min)"."""
    title = t(spec.title_key)
    number = number_of(spec.step)
    if spec.minutes is None:
        return t("step-heading", number=number, total=LAST_STEP_NUMBER, title=title)
    low, high = spec.minutes
    guide = (
        t("time-guide-fixed", minutes=low)
        if low == high
        else t("time-guide-range", low=low, high=high)
    )
    return t("step-heading-timed", number=number, total=LAST_STEP_NUMBER, title=title, guide=guide)


def overview_text(t: Translator, school: str) -> Html:
    """The steps and their time guide, shown before starting."""
    lines = [t("overview-title", school=school)]
    for spec in STEPS[1:]:
        lines.append(step_heading(t, spec))
    lines.append(t("overview-footer"))
    return Html("\n".join(lines))


def prompt_text(t: Translator, spec: StepSpec, *, group: bool) -> Html:
    """What a collecting step asks for, with the app's example."""
    how = t("prompt-how-group") if group else t("prompt-how-private")
    return Html(
        "\n".join(
            [
                f"<b>{step_heading(t, spec)}</b>",
                t(spec.prompt_key),
                t("prompt-example", example=t(spec.example_key)),
                how,
            ]
        )
    )


def board_text(t: Translator, spec: StepSpec, notes: Sequence[Note]) -> Html:
    """The live board: the count and the latest notes of a step."""
    lines = [t("board-title", title=t(spec.title_key), count=len(notes))]
    latest = notes[-BOARD_LATEST:]
    if len(notes) > len(latest):
        lines.append(t("board-earlier", count=len(notes) - len(latest)))
    lines += [note_line(t, note, BOARD_NOTE_CHARS) for note in latest]
    if not notes:
        lines.append(t("board-empty"))
    return Html("\n".join(lines))


@dataclass(frozen=True)
class SummaryFacts:
    """What the summary reports besides the notes."""

    school: str
    facilitator: str
    started_at: datetime
    participants: int
    finished: bool


def summary_blocks(t: Translator, facts: SummaryFacts, notes: Sequence[Note]) -> list[Html]:
    """The summary as self-contained HTML blocks, each far below the message limit."""
    blocks = [
        t(
            "summary-title" if facts.finished else "summary-title-unfinished",
            school=facts.school,
            date=facts.started_at.strftime("%Y-%m-%d"),
        ),
        t(
            "summary-facts",
            facilitator=facts.facilitator,
            participants=facts.participants,
            notes=len(notes),
        ),
    ]
    by_step = {step: [n for n in notes if n.step == step] for step in COLLECTING_STEPS}
    for step in COLLECTING_STEPS:
        if step == ACTION_PLAN_STEP:
            continue
        blocks.extend(_step_blocks(t, step, by_step[step]))
    blocks.append(t("summary-action-plan"))
    plan = by_step[ACTION_PLAN_STEP]
    if plan:
        blocks.extend(note_line(t, note, SUMMARY_NOTE_CHARS) for note in plan)
    else:
        blocks.append(t("summary-no-notes"))
    photos = sum(1 for note in notes if note.kind == NoteKind.PHOTO)
    if photos:
        blocks.append(t("summary-photos", count=photos))
    return blocks


def _step_blocks(t: Translator, step: str, notes: Sequence[Note]) -> Iterable[Html]:
    yield t("summary-step", title=t(spec_of(step).title_key), count=len(notes))
    if not notes:
        yield t("summary-no-notes")
    for note in notes:
        yield note_line(t, note, SUMMARY_NOTE_CHARS)


def pack_messages(blocks: Iterable[str], limit: int = SAFE_LIMIT) -> list[Html]:
    """Join blocks with newlines into as few messages as fit, never splitting a block.

    Telegram counts a text's length after parsing its HTML, so that is what is measured;
    each block must already be shorter than the limit (notes are shortened to make sure).
    """
    messages: list[str] = []
    current, current_length = "", 0
    for block in blocks:
        length = visible_length(block)
        if current and current_length + 1 + length > limit:
            messages.append(current)
            current, current_length = "", 0
        current = f"{current}\n{block}" if current else block
        current_length += length + (1 if current_length else 0)
    if current:
        messages.append(current)
    return [Html(message) for message in messages]
