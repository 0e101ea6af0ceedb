"""`copbot import-observations` and `copbot rubric`: observations and rubrics without Telegram."""

from __future__ import annotations

import asyncio
import html
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from bot.i18n import SOURCE_LANGUAGE, Catalog
from bot.settings import StorageSettings
from storage.database import create_engine, create_sessionmaker
from storage.migrations import upgrade
from storage.observation_csv import MAX_BYTES, Problem, parse_observations
from storage.observations import ImportSummary, import_observations
from storage.rubric_files import DEFAULT_RUBRIC, load_builtin
from storage.rubrics import get_rubric
from storage.schools import get_school_by_code

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
_TAG = re.compile(r"<[^>]*>")


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def _title(texts: Mapping[str, str]) -> str:
    return texts.get(SOURCE_LANGUAGE) or next(iter(texts.values()), "")


def problem_lines(problems: list[Problem]) -> list[str]:
    """Each problem as the bot says it in English, with its line number."""
    t = Catalog().translator(SOURCE_LANGUAGE)
    return [_plain(t(p.code, **p.message_args)) for p in problems]


def import_observations_file(settings: StorageSettings, path: Path, school_code: str) -> int:
    """Check and import a CSV file into the school with that join code; print what happened."""
    if not path.is_file():
        print(f"copbot: {path} is not a file.", file=sys.stderr)
        return EXIT_USAGE
    data = path.read_bytes()
    result = asyncio.run(_import(settings, data, school_code))
    if isinstance(result, str):
        print(f"copbot: {result}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(result, list):
        print(f"Nothing was imported: {len(result)} problem(s) in {path}.")
        for line in problem_lines(result):
            print(line)
        return EXIT_PROBLEMS
    print(
        f"Imported {result.observations} observations ({result.new} new, "
        f"{result.replaced} replaced), {result.ratings} ratings, {result.teachers} teachers, "
        f"{result.first_date} to {result.last_date}."
    )
    return 0


async def _import(
    settings: StorageSettings, data: bytes, school_code: str
) -> ImportSummary | list[Problem] | str:
    """The summary, the problems, or why the import could not start."""
    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
        async with create_sessionmaker(engine).begin() as session:
            school = await get_school_by_code(session, school_code)
            if school is None:
                return f"no school has the join code {school_code!r}."
            if len(data) > MAX_BYTES:
                return f"the file is over {MAX_BYTES // 1_000_000} MB; split it."
            rubric = await get_rubric(session, school.rubric_id)
            parsed = await asyncio.to_thread(parse_observations, data, rubric)
            if not parsed.ok:
                return parsed.problems
            return await import_observations(session, school.id, parsed)
    finally:
        await engine.dispose()


def show_rubric(settings: StorageSettings, school_code: str | None) -> int:
    """Print the school's rubric (or the default one): practices, question codes, scales."""
    result = asyncio.run(_rubric_lines(settings, school_code))
    if isinstance(result, str):
        print(f"copbot: {result}", file=sys.stderr)
        return EXIT_USAGE
    print("\n".join(result))
    return 0


async def _rubric_lines(settings: StorageSettings, school_code: str | None) -> list[str] | str:
    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
        if school_code is None:
            spec = load_builtin(DEFAULT_RUBRIC)
            practices = [
                (
                    _title(p.title),
                    [(_title(q.title), _title(q.detail), q.scale) for q in p.questions],
                )
                for p in spec.practices
            ]
            return _format(spec.name, practices)
        async with create_sessionmaker(engine).begin() as session:
            school = await get_school_by_code(session, school_code)
            if school is None:
                return f"no school has the join code {school_code!r}."
            rubric = await get_rubric(session, school.rubric_id)
            practices = [
                (
                    _title(p.title),
                    [(_title(q.title), _title(q.detail), q.scale) for q in p.questions],
                )
                for p in rubric.practices
            ]
            return _format(f"{rubric.name} ({school.name})", practices)
    finally:
        await engine.dispose()


def _format(name: str, practices: list[tuple[str, list[tuple[str, str, int]]]]) -> list[str]:
    lines = [f"Rubric: {name}"]
    for p_number, (title, questions) in enumerate(practices, start=1):
        lines += ["", f"{p_number}. {title}"]
        for q_number, (question, detail, scale) in enumerate(questions, start=1):
            text = f"{question} \u2014 {detail}" if detail else question
            lines.append(f"  {p_number}.{q_number}  {text}  (1-{scale})")
    return lines
