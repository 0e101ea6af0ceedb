"""Reading a school's class-observation CSV and checking every row against its rubric.

Pure: bytes and a loaded rubric in, parsed observations and every problem found out. The
format is the long one, one rating a row::

    observation_id,observed_on,teacher,question,value[,observer][,subject]

Problems and warnings carry the Fluent message id that explains them and the line they are on
(line 0 means the file as a whole). Nothing may be imported while `problems` is not empty.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from storage.models import Rubric

if TYPE_CHECKING:
    import _csv

MAX_BYTES: Final = 2_000_000
MAX_ROWS: Final = 50_000
MAX_TEXT: Final = 200
"""Longest observation id, teacher, observer or subject (the columns' size)."""
MAX_ARG_CHARS: Final = 60
"""User text quoted back in a message is cut to this many characters."""

REQUIRED_COLUMNS: Final = ("observation_id", "observed_on", "teacher", "question", "value")
OPTIONAL_COLUMNS: Final = ("observer", "subject")
_TEXT_COLUMNS: Final = ("observation_id", "teacher", "observer", "subject")

ERROR_TOO_BIG: Final = "csv-error-too-big"
ERROR_TOO_MANY_ROWS: Final = "csv-error-too-many-rows"
ERROR_EMPTY: Final = "csv-error-empty"
ERROR_NO_ROWS: Final = "csv-error-no-rows"
ERROR_ENCODING: Final = "csv-error-encoding"
ERROR_MALFORMED: Final = "csv-error-malformed"
ERROR_SEPARATOR: Final = "csv-error-separator"
ERROR_MISSING_COLUMN: Final = "csv-error-missing-column"
ERROR_DUPLICATE_COLUMN: Final = "csv-error-duplicate-column"
ERROR_TOO_MANY_CELLS: Final = "csv-error-too-many-cells"
ERROR_MISSING_VALUE: Final = "csv-error-missing-value"
ERROR_TOO_LONG: Final = "csv-error-too-long"
ERROR_BAD_DATE: Final = "csv-error-bad-date"
ERROR_FUTURE_DATE: Final = "csv-error-future-date"
ERROR_UNKNOWN_QUESTION: Final = "csv-error-unknown-question"
ERROR_AMBIGUOUS_QUESTION: Final = "csv-error-ambiguous-question"
ERROR_BAD_VALUE: Final = "csv-error-bad-value"
ERROR_VALUE_OUT_OF_SCALE: Final = "csv-error-value-out-of-scale"
ERROR_MIXED_DATE: Final = "csv-error-mixed-date"
ERROR_MIXED_TEACHER: Final = "csv-error-mixed-teacher"
ERROR_DUPLICATE_QUESTION: Final = "csv-error-duplicate-question"
WARNING_UNKNOWN_COLUMN: Final = "csv-warning-unknown-column"
WARNING_CONFLICTING_VALUE: Final = "csv-warning-conflicting-value"

MESSAGE_IDS: Final = (
    ERROR_TOO_BIG,
    ERROR_TOO_MANY_ROWS,
    ERROR_EMPTY,
    ERROR_NO_ROWS,
    ERROR_ENCODING,
    ERROR_MALFORMED,
    ERROR_SEPARATOR,
    ERROR_MISSING_COLUMN,
    ERROR_DUPLICATE_COLUMN,
    ERROR_TOO_MANY_CELLS,
    ERROR_MISSING_VALUE,
    ERROR_TOO_LONG,
    ERROR_BAD_DATE,
    ERROR_FUTURE_DATE,
    ERROR_UNKNOWN_QUESTION,
    ERROR_AMBIGUOUS_QUESTION,
    ERROR_BAD_VALUE,
    ERROR_VALUE_OUT_OF_SCALE,
    ERROR_MIXED_DATE,
    ERROR_MIXED_TEACHER,
    ERROR_DUPLICATE_QUESTION,
    WARNING_UNKNOWN_COLUMN,
    WARNING_CONFLICTING_VALUE,
)
"""Every message id a Problem can carry; each has a message in observations.ftl."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CODE = re.compile(r"([0-9]+)\.([0-9]+)")
_DETAIL_SEPARATORS = ("\u2014", "\u2013", "-", ":")
"""How "title — detail" may be joined: em dash, en dash, hyphen or colon."""


@dataclass(frozen=True)
class Problem:
    """Something wrong (or worth a warning) in the file, on a line; line 0 is the whole file."""

    line: int
    code: str
    args: Mapping[str, str | int] = field(default_factory=dict)

    @property
    def message_args(self) -> dict[str, str | int]:
        """The Fluent arguments, the line included."""
        return {"line": self.line, **self.args}


@dataclass(frozen=True)
class ParsedRating:
    """One answer: the question by its place in the rubric, the value on its own scale."""

    practice: int
    question: int
    value: int

    @property
    def code(self) -> str:
        """The question's code, e.g. "1.2"."""
        return f"{self.practice}.{self.question}"


@dataclass(frozen=True)
class ParsedObservation:
    """One lesson watched: the rows that share an observation_id."""

    external_id: str
    observed_on: date
    teacher: str
    observer: str | None
    subject: str | None
    line: int
    ratings: tuple[ParsedRating, ...]


@dataclass(frozen=True)
class ParsedObservations:
    """The result of reading a file: observations, or the problems that stop the import."""

    observations: list[ParsedObservation]
    problems: list[Problem]
    warnings: list[Problem]
    rubric_id: int | None = None
    rows: int = 0

    @property
    def ok(self) -> bool:
        """Whether the file can be imported."""
        return not self.problems


@dataclass(frozen=True)
class _QuestionRef:
    practice: int
    question: int
    scale: int

    @property
    def code(self) -> str:
        return f"{self.practice}.{self.question}"


@dataclass
class _Building:
    external_id: str
    observed_on: date
    teacher: str
    teacher_key: str
    observer: str | None
    subject: str | None
    line: int
    ratings: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """(practice, question) -> (value, line)."""


def parse_observations(
    data: bytes, rubric: Rubric, *, today: date | None = None
) -> ParsedObservations:
    """Read and check a whole CSV file against a rubric loaded with its practices and questions.

    With `today`, a date more than a day after it is refused: it is most likely a Bikram Sambat
    date (2083 BS is 2026 AD) or a typing slip.
    """
    latest = None if today is None else today + timedelta(days=1)
    return _Parser(rubric, latest).parse(data)


def _normalize(text: str) -> str:
    """Titles match ignoring case, runs of spaces and a final full stop or danda."""
    return " ".join(text.split()).casefold().rstrip(".।").rstrip()


def _clean(text: str) -> str:
    return " ".join(text.split())


def _quote(text: str) -> str:
    text = _clean(text)
    return text if len(text) <= MAX_ARG_CHARS else text[: MAX_ARG_CHARS - 1] + "…"


class _Lookup:
    """The rubric's questions by code and by title (alone, or "title — detail")."""

    def __init__(self, rubric: Rubric) -> None:
        self.by_code: dict[tuple[int, int], _QuestionRef] = {}
        self.by_title: dict[str, list[_QuestionRef]] = {}
        for practice in rubric.practices:
            for question in practice.questions:
                ref = _QuestionRef(practice.number, question.number, question.scale)
                self.by_code[(practice.number, question.number)] = ref
                for title in set(question.title.values()):
                    self._add(_normalize(str(title)), ref)
                for language, detail in question.detail.items():
                    title = question.title.get(language)
                    if title is None:
                        continue
                    for separator in _DETAIL_SEPARATORS:
                        self._add(_normalize(f"{title} {separator} {detail}"), ref)
                        self._add(_normalize(f"{title.rstrip('.।')} {separator} {detail}"), ref)

    def _add(self, key: str, ref: _QuestionRef) -> None:
        refs = self.by_title.setdefault(key, [])
        if ref not in refs:
            refs.append(ref)

    def find(self, text: str) -> _QuestionRef | list[_QuestionRef] | None:
        """The question named, the candidates when the name is ambiguous, or None."""
        match = _CODE.fullmatch(text)
        if match:
            return self.by_code.get((int(match[1]), int(match[2])))
        refs = self.by_title.get(_normalize(text))
        if not refs:
            return None
        return refs[0] if len(refs) == 1 else refs


class _Parser:
    def __init__(self, rubric: Rubric, latest: date | None) -> None:
        self.rubric_id: int | None = rubric.id
        self.latest = latest
        self.lookup = _Lookup(rubric)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.observations: dict[str, _Building] = {}

    def _result(self, rows: int = 0) -> ParsedObservations:
        problems = sorted(self.problems, key=lambda p: p.line)
        warnings = sorted(self.warnings, key=lambda p: p.line)
        observations = [] if problems else [_finish(b) for b in self.observations.values()]
        return ParsedObservations(observations, problems, warnings, self.rubric_id, rows)

    def _refuse(self, line: int, code: str, **args: str | int) -> ParsedObservations:
        self.problems = [Problem(line, code, args)]
        self.warnings = []
        self.observations = {}
        return self._result()

    def error(self, line: int, code: str, **args: str | int) -> None:
        self.problems.append(Problem(line, code, args))

    def warn(self, line: int, code: str, **args: str | int) -> None:
        self.warnings.append(Problem(line, code, args))

    def parse(self, data: bytes) -> ParsedObservations:
        if len(data) > MAX_BYTES:
            return self._refuse(0, ERROR_TOO_BIG, max_mb=MAX_BYTES // 1_000_000)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return self._refuse(data[: exc.start].count(b"\n") + 1, ERROR_ENCODING)
        if not text.strip():
            return self._refuse(0, ERROR_EMPTY)

        header_line, header_text = _first_content_line(text)
        delimiter = ";" if header_text.count(";") > header_text.count(",") else ","
        if "," not in header_text and ";" not in header_text:
            return self._refuse(header_line, ERROR_SEPARATOR)

        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = 0
        columns: dict[str, int] | None = None
        width = 0
        try:
            for line, row in _rows(reader):
                if columns is None:
                    columns = self._header(line, row)
                    if columns is None:
                        return self._result()
                    width = len(row)
                    continue
                rows += 1
                if rows > MAX_ROWS:
                    return self._refuse(0, ERROR_TOO_MANY_ROWS, max_rows=MAX_ROWS)
                self._row(line, row, columns, width)
        except csv.Error:
            return self._refuse(reader.line_num, ERROR_MALFORMED)
        if rows == 0:
            self.error(0, ERROR_NO_ROWS)
        return self._result(rows)

    def _header(self, line: int, row: list[str]) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        for index, cell in enumerate(row):
            name = cell.strip().casefold()
            if not name:
                continue
            if name in columns:
                self.error(line, ERROR_DUPLICATE_COLUMN, column=_quote(cell))
            elif name in REQUIRED_COLUMNS or name in OPTIONAL_COLUMNS:
                columns[name] = index
            else:
                self.warn(line, WARNING_UNKNOWN_COLUMN, column=_quote(cell))
        for name in REQUIRED_COLUMNS:
            if name not in columns:
                self.error(line, ERROR_MISSING_COLUMN, column=name)
        return None if self.problems else columns

    def _row(self, line: int, row: list[str], columns: dict[str, int], width: int) -> None:
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            self.error(line, ERROR_TOO_MANY_CELLS, expected=width, found=len(row))
            return

        size = len(row)
        cells = {name: row[i].strip() if i < size else "" for name, i in columns.items()}
        texts = {name: _clean(cells.get(name, "")) for name in _TEXT_COLUMNS}
        ok = True
        for name, text in texts.items():
            if len(text) > MAX_TEXT:
                self.error(line, ERROR_TOO_LONG, column=name, max=MAX_TEXT)
                ok = False
        for name in REQUIRED_COLUMNS:
            if not cells[name]:
                self.error(line, ERROR_MISSING_VALUE, column=name)
                ok = False

        observed_on = self._date(line, cells["observed_on"])
        question = self._question(line, cells["question"])
        value = self._value(line, cells["value"], question)
        if not ok or observed_on is None or question is None or value is None:
            return

        external_id = texts["observation_id"]
        building = self.observations.get(external_id)
        if building is None:
            self.observations[external_id] = _Building(
                external_id=external_id,
                observed_on=observed_on,
                teacher=texts["teacher"],
                teacher_key=texts["teacher"].casefold(),
                observer=texts["observer"] or None,
                subject=texts["subject"] or None,
                line=line,
                ratings={(question.practice, question.question): (value, line)},
            )
            return
        self._same_observation(line, building, observed_on, texts, question, value)

    def _same_observation(
        self,
        line: int,
        building: _Building,
        observed_on: date,
        texts: dict[str, str],
        question: _QuestionRef,
        value: int,
    ) -> None:
        about: dict[str, str | int] = {
            "observation": _quote(building.external_id),
            "first_line": building.line,
        }
        if observed_on != building.observed_on:
            self.error(
                line,
                ERROR_MIXED_DATE,
                value=observed_on.isoformat(),
                expected=building.observed_on.isoformat(),
                **about,
            )
        if texts["teacher"].casefold() != building.teacher_key:
            self.error(
                line,
                ERROR_MIXED_TEACHER,
                value=_quote(texts["teacher"]),
                expected=_quote(building.teacher),
                **about,
            )
        for name in ("observer", "subject"):
            kept = getattr(building, name)
            given = texts[name]
            if not given:
                continue
            if kept is None:
                setattr(building, name, given)
            elif given.casefold() != kept.casefold():
                self.warn(
                    line,
                    WARNING_CONFLICTING_VALUE,
                    column=name,
                    value=_quote(given),
                    kept=_quote(kept),
                    **about,
                )
        key = (question.practice, question.question)
        if key in building.ratings:
            self.error(
                line,
                ERROR_DUPLICATE_QUESTION,
                question=question.code,
                observation=_quote(building.external_id),
                first_line=building.ratings[key][1],
            )
            return
        building.ratings[key] = (value, line)

    def _date(self, line: int, text: str) -> date | None:
        if not text:
            return None
        if _DATE.fullmatch(text):
            try:
                observed_on = date.fromisoformat(text)
            except ValueError:
                pass
            else:
                if self.latest is None or observed_on <= self.latest:
                    return observed_on
                self.error(line, ERROR_FUTURE_DATE, value=_quote(text))
                return None
        self.error(line, ERROR_BAD_DATE, value=_quote(text))
        return None

    def _question(self, line: int, text: str) -> _QuestionRef | None:
        if not text:
            return None
        found = self.lookup.find(text)
        if found is None:
            self.error(line, ERROR_UNKNOWN_QUESTION, value=_quote(text))
            return None
        if isinstance(found, list):
            codes = ", ".join(ref.code for ref in found)
            self.error(line, ERROR_AMBIGUOUS_QUESTION, value=_quote(text), codes=codes)
            return None
        return found

    def _value(self, line: int, text: str, question: _QuestionRef | None) -> int | None:
        if not text:
            return None
        if not text.isdecimal():  # also Devanagari digits: int("४") == 4
            self.error(line, ERROR_BAD_VALUE, value=_quote(text))
            return None
        value = int(text)
        if question is None:
            return value
        if not 1 <= value <= question.scale:
            self.error(
                line,
                ERROR_VALUE_OUT_OF_SCALE,
                value=_quote(text),
                question=question.code,
                scale=question.scale,
            )
            return None
        return value


def _first_content_line(text: str) -> tuple[int, str]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            return number, line
    return 1, ""


def _rows(reader: _csv.Reader) -> Iterator[tuple[int, list[str]]]:
    """Rows with the line each starts on; blank lines (and rows of empty cells) skipped."""
    line_num = 0
    for row in reader:
        start = line_num + 1
        line_num = reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row


def _finish(building: _Building) -> ParsedObservation:
    return ParsedObservation(
        external_id=building.external_id,
        observed_on=building.observed_on,
        teacher=building.teacher,
        observer=building.observer,
        subject=building.subject,
        line=building.line,
        ratings=tuple(
            ParsedRating(practice, question, value)
            for (practice, question), (value, _line) in building.ratings.items()
        ),
    )
