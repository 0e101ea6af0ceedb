"""Class observations and the rubric in chat: /import with a CSV file, /rubric, /lowdata."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Final

from telegram import Document, Update
from telegram.error import TelegramError

from bot.context import CopContext
from bot.i18n import Html, Translator
from handlers.common import Speaker, answer, identify, is_group, is_private, translator_for
from handlers.delivery import reliably
from handlers.stats import practice_title, split_text
from storage.models import Rubric
from storage.observation_csv import MAX_BYTES, Problem, parse_observations
from storage.observations import ImportSummary, ObservationImportError, import_observations
from storage.rubric_files import BUILTIN_RUBRICS, RubricFileError
from storage.rubrics import get_rubric
from storage.school_rubric import (
    MAX_RUBRIC_BYTES,
    RubricInUseError,
    set_builtin_rubric,
    set_own_rubric,
)
from storage.schools import get_low_data, set_low_data

WAITING_FOR_IMPORT: Final = "import_waiting_until"
"""user_data key: until when (monotonic seconds) the person's next document is an import."""
IMPORT_WAIT_SECONDS: Final = 600.0
MAX_SHOWN_PROBLEMS: Final = 20
CSV_MIME_TYPES: Final = frozenset(
    {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "text/x-csv"}
)
ON_WORDS: Final = frozenset({"on", "yes", "1", "true"})
OFF_WORDS: Final = frozenset({"off", "no", "0", "false"})


# --- /import --------------------------------------------------------------------------------


async def _head_teacher_here(
    update: Update, context: CopContext
) -> tuple[Translator, Speaker | None]:
    """The speaker when they may import here (private chat, head teacher); else replies why."""
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
    if not is_private(update.effective_chat):
        await answer(update, t("only-in-private"))
        return t, None
    if speaker.school is None:
        await answer(update, t("import-no-school"))
        return t, None
    if not speaker.is_head_teacher:
        await answer(update, t("import-head-teacher-only"))
        return t, None
    return t, speaker


async def on_import(update: Update, context: CopContext) -> None:
    """/import: wait ten minutes for the head teacher's CSV file and explain its format."""
    t, speaker = await _head_teacher_here(update, context)
    if speaker is None:
        return
    if context.user_data is not None:
        context.user_data[WAITING_FOR_IMPORT] = time.monotonic() + IMPORT_WAIT_SECONDS
    await answer(update, Html(f"{t('import-send-file')}\n\n{t('observations-format-help')}"))


def _waiting_for_import(context: CopContext) -> bool:
    until = (context.user_data or {}).get(WAITING_FOR_IMPORT)
    return isinstance(until, float) and until > time.monotonic()


def _caption_command(update: Update) -> str | None:
    """The command a document's caption starts with ("import", "rubric"), if any."""
    message = update.effective_message
    caption = (message.caption or "").strip() if message else ""
    if not caption.startswith("/"):
        return None
    return caption[1:].split(maxsplit=1)[0].partition("@")[0].lower()


async def on_document(update: Update, context: CopContext) -> None:
    """A file in a private chat: observations for /import, or a rubric captioned /rubric."""
    command = _caption_command(update)
    if command == "rubric":
        await _on_rubric_file(update, context)
    elif command == "import" or (command is None and _waiting_for_import(context)):
        await _on_observations_file(update, context)
    else:
        async with context.db.begin() as session:
            t = await translator_for(session, context, update)
        await answer(update, t("import-unexpected-document"))


def _is_csv(document: Document) -> bool:
    name = (document.file_name or "").lower()
    return name.endswith((".csv", ".txt")) or (
        not name and (document.mime_type or "") in CSV_MIME_TYPES
    )


async def _download(context: CopContext, document: Document) -> bytes | None:
    try:
        file = await reliably(lambda: context.bot.get_file(document.file_id), "get file")
        return bytes(await reliably(file.download_as_bytearray, "download file"))
    except TelegramError:
        return None


async def _on_observations_file(update: Update, context: CopContext) -> None:
    """Check the whole file and import it in one unit of work, or list its problems."""
    t, speaker = await _head_teacher_here(update, context)
    message = update.effective_message
    if speaker is None or speaker.school is None or message is None or message.document is None:
        return
    if context.user_data is not None:
        context.user_data.pop(WAITING_FOR_IMPORT, None)
    document = message.document
    if not _is_csv(document):
        await answer(update, t("import-not-csv"))
        return
    if document.file_size is not None and document.file_size > MAX_BYTES:
        await answer(update, t("csv-error-too-big", max_mb=MAX_BYTES // 1_000_000))
        return
    data = await _download(context, document)
    if data is None:
        await answer(update, t("import-download-failed"))
        return
    school_id = speaker.school.id
    summary: ImportSummary | None = None
    problems: list[Problem] = []
    warnings: list[Problem] = []
    try:
        async with context.db.begin() as session:
            rubric = await get_rubric(session, speaker.school.rubric_id)
            parsed = await asyncio.to_thread(parse_observations, data, rubric)
            problems, warnings = parsed.problems, parsed.warnings
            if parsed.ok:
                summary = await import_observations(session, school_id, parsed)
    except ObservationImportError:
        await answer(update, t("import-failed"))
        return
    if summary is None:
        lines: list[str] = [t("observations-import-refused", count=len(problems))]
        lines += _problem_lines(t, problems, "observations-import-more-problems")
        await _answer_lines(update, lines)
        return
    lines = [
        t(
            "observations-import-summary",
            observations=summary.observations,
            new=summary.new,
            replaced=summary.replaced,
            ratings=summary.ratings,
            teachers=summary.teachers,
            first=str(summary.first_date),
            last=str(summary.last_date),
        )
    ]
    if warnings:
        lines.append(t("import-warnings"))
        lines += _problem_lines(t, warnings, "observations-import-more-warnings")
    await _answer_lines(update, lines)


def _problem_lines(t: Translator, problems: list[Problem], more_key: str) -> list[str]:
    """The first problems, translated with their line numbers, and how many more there are."""
    lines: list[str] = [t(p.code, **p.message_args) for p in problems[:MAX_SHOWN_PROBLEMS]]
    rest = len(problems) - MAX_SHOWN_PROBLEMS
    if rest > 0:
        lines.append(t(more_key, count=rest))
    return lines


async def _answer_lines(update: Update, lines: Sequence[str]) -> None:
    for text in split_text(lines):
        await answer(update, text)


# --- /rubric ----------------------------------------------------------------------------------


def rubric_lines(t: Translator, rubric: Rubric) -> list[str]:
    """The rubric as chat lines: practices, then each question's code, title and scale."""
    lang = t.language
    lines: list[str] = [t("rubric-title", name=rubric.name)]
    for practice in rubric.practices:
        lines.append("")
        lines.append(
            t("rubric-practice", number=practice.number, title=practice_title(practice.title, lang))
        )
        for question in practice.questions:
            lines.append(
                t(
                    "rubric-question",
                    code=f"{practice.number}.{question.number}",
                    title=_with_detail(
                        practice_title(question.title, lang),
                        practice_title(question.detail, lang) if question.detail else "",
                    ),
                    scale=question.scale,
                )
            )
    return lines


def _with_detail(title: str, detail: str) -> str:
    return f"{title} \u2014 {detail}" if detail else title


async def on_rubric(update: Update, context: CopContext) -> None:
    """/rubric: show the school's rubric; `/rubric nepal|sierra_leone` switches (head teacher)."""
    args = [a.lower() for a in context.args or []]
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
    if speaker.school is None or speaker.member is None:
        chat = update.effective_chat
        await answer(update, t("cop-group-not-linked" if is_group(chat) else "not-a-member"))
        return
    if args:
        await _switch_rubric(update, context, t, speaker, args[0])
        return
    async with context.db.begin() as session:
        rubric = await get_rubric(session, speaker.school.rubric_id)
        lines = rubric_lines(t, rubric)
    if speaker.is_head_teacher:
        lines += ["", t("rubric-how-to-switch")]
    await _answer_lines(update, lines)


async def _switch_rubric(
    update: Update, context: CopContext, t: Translator, speaker: Speaker, key: str
) -> None:
    if not speaker.is_head_teacher:
        await answer(update, t("rubric-head-teacher-only"))
        return
    if not is_private(update.effective_chat):
        await answer(update, t("only-in-private"))
        return
    if key not in BUILTIN_RUBRICS or speaker.school is None:
        await answer(update, t("rubric-usage"))
        return
    try:
        async with context.db.begin() as session:
            rubric = await set_builtin_rubric(session, speaker.school.id, key)
            name = rubric.name
    except RubricInUseError as error:
        await answer(update, t("observations-rubric-in-use", count=error.observations))
        return
    await answer(update, t("rubric-switched", name=name))


async def _on_rubric_file(update: Update, context: CopContext) -> None:
    """A rubric JSON captioned /rubric: the school's own rubric (head teacher, before imports)."""
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
    message = update.effective_message
    if speaker.school is None or message is None or message.document is None:
        await answer(update, t("not-a-member"))
        return
    if not speaker.is_head_teacher:
        await answer(update, t("rubric-head-teacher-only"))
        return
    document = message.document
    if not (document.file_name or "").lower().endswith(".json"):
        await answer(update, t("rubric-not-json"))
        return
    if document.file_size is not None and document.file_size > MAX_RUBRIC_BYTES:
        await answer(update, t("rubric-file-error", reason=f"over {MAX_RUBRIC_BYTES // 1000} kB"))
        return
    data = await _download(context, document)
    if data is None:
        await answer(update, t("import-download-failed"))
        return
    try:
        async with context.db.begin() as session:
            rubric = await set_own_rubric(session, speaker.school.id, data)
            name = rubric.name
    except RubricInUseError as error:
        await answer(update, t("observations-rubric-in-use", count=error.observations))
        return
    except RubricFileError as error:
        await answer(update, t("rubric-file-error", reason=str(error)))
        return
    await answer(update, t("rubric-switched", name=name))


# --- /lowdata ---------------------------------------------------------------------------------


async def on_lowdata(update: Update, context: CopContext) -> None:
    """/lowdata on|off: stats as text only in this chat; /lowdata alone shows the state."""
    chat = update.effective_chat
    if chat is None:
        return
    args = [a.lower() for a in context.args or []]
    async with context.db.begin() as session:
        t = await translator_for(session, context, update)
        speaker = await identify(session, update)
        if not args:
            enabled = await get_low_data(session, chat.id)
            reply = t("lowdata-on" if enabled else "lowdata-off")
        elif args[0] not in ON_WORDS | OFF_WORDS:
            reply = t("lowdata-usage")
        elif is_group(chat) and not speaker.can_facilitate:
            reply = t("lowdata-facilitators-only")
        else:
            enabled = args[0] in ON_WORDS
            await set_low_data(session, chat.id, enabled)
            reply = t("lowdata-on" if enabled else "lowdata-off")
    await answer(update, reply)
