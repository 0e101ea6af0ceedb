"""Reading the observation CSV: every problem with its line, nothing accepted when one is wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast

from storage import observation_csv as oc
from storage.models import Rubric
from storage.observation_csv import MAX_BYTES, MAX_ROWS, Problem, parse_observations
from storage.rubric_files import load_builtin
from storage.rubrics import rubric_from_spec

ROOT = Path(__file__).resolve().parents[2]
HEADER = "observation_id,observed_on,teacher,question,value\n"


def transient_rubric(key: str = "nepal") -> Rubric:
    """A shipped rubric as ORM objects, without a database (ids are made up)."""
    rubric = rubric_from_spec(load_builtin(key))
    rubric.id = 7
    return rubric


NEPAL = transient_rubric()


def parse(text: str) -> oc.ParsedObservations:
    return parse_observations(text.encode("utf-8"), NEPAL)


def codes(problems: list[Problem]) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]


def test_a_valid_file_gives_observations_in_rubric_terms() -> None:
    parsed = parse(
        HEADER
        + "A1,2026-09-03,Sita Sharma,1.2,3\n"
        + "A1,2026-09-03,Sita Sharma,4.5,4\n"
        + "B7,2026-09-10,Ram Thapa,2.1,5\n"
    )
    assert parsed.ok
    assert parsed.problems == [] and parsed.warnings == []
    assert parsed.rows == 3
    assert parsed.rubric_id == 7
    first, second = parsed.observations
    assert first.external_id == "A1"
    assert first.observed_on == date(2026, 9, 3)
    assert first.teacher == "Sita Sharma"
    assert first.observer is None and first.subject is None
    assert first.line == 2
    assert [(r.code, r.value) for r in first.ratings] == [("1.2", 3), ("4.5", 4)]
    assert second.external_id == "B7" and [r.code for r in second.ratings] == ["2.1"]


def test_each_row_error_is_reported_with_its_line() -> None:
    parsed = parse(
        HEADER
        + "A1,2026-09-31,Sita,1.1,3\n"  # 2: no 31 September
        + "A1,03/09/2026,Sita,1.2,3\n"  # 3: not ISO
        + "A1,2026-09-03,Sita,9.1,3\n"  # 4: no practice 9
        + "A1,2026-09-03,Sita,1.1,4\n"  # 5: 3-point question
        + "A1,2026-09-03,Sita,2.1,0\n"  # 6: below the scale
        + "A1,2026-09-03,Sita,2.2,four\n"  # 7: not a number
        + "A1,2026-09-03,Sita,2.2,3.5\n"  # 8: not whole
        + ",2026-09-03,Sita,3.1,3\n"  # 9: no observation id
        + "A1,2026-09-03,,3.2,3\n"  # 10: no teacher
        + "A1,2026-09-03,Sita,3.3\n"  # 11: too few cells: no value
        + "A1,2026-09-03,Sita,3.4,3,extra\n"  # 12: a cell too many
        + "A1,2026-09-03,Sita,Nobody asked this,3\n"  # 13: unknown title
    )
    assert not parsed.ok
    assert parsed.observations == []
    assert codes(parsed.problems) == [
        (2, "csv-error-bad-date"),
        (3, "csv-error-bad-date"),
        (4, "csv-error-unknown-question"),
        (5, "csv-error-value-out-of-scale"),
        (6, "csv-error-value-out-of-scale"),
        (7, "csv-error-bad-value"),
        (8, "csv-error-bad-value"),
        (9, "csv-error-missing-value"),
        (10, "csv-error-missing-value"),
        (11, "csv-error-missing-value"),
        (12, "csv-error-too-many-cells"),
        (13, "csv-error-unknown-question"),
    ]
    by_line = {p.line: p for p in parsed.problems}
    assert by_line[2].args == {"value": "2026-09-31"}
    assert by_line[5].args == {"value": "4", "question": "1.1", "scale": 3}
    assert by_line[9].args == {"column": "observation_id"}
    assert by_line[11].args == {"column": "value"}
    assert by_line[12].args == {"expected": 5, "found": 6}
    assert by_line[2].message_args == {"line": 2, "value": "2026-09-31"}


def test_one_bad_row_among_many_stops_everything() -> None:
    good = "".join(f"A{n},2026-09-03,Sita,2.1,4\n" for n in range(100))
    parsed = parse(HEADER + good + "Z,2026-09-03,Sita,2.1,6\n")
    assert codes(parsed.problems) == [(102, "csv-error-value-out-of-scale")]
    assert parsed.observations == []
    assert not parsed.ok


def test_all_problems_are_returned_not_only_the_first_twenty() -> None:
    bad = "".join(f"A{n},2026-09-03,Sita,2.1,9\n" for n in range(30))
    parsed = parse(HEADER + bad)
    assert len(parsed.problems) == 30
    assert [p.line for p in parsed.problems] == list(range(2, 32))


def test_one_observation_must_keep_its_date_and_teacher() -> None:
    parsed = parse(
        HEADER
        + "A1,2026-09-03,Sita Sharma,1.1,3\n"
        + "A1,2026-09-04,Sita Sharma,1.2,3\n"
        + "A1,2026-09-03,Gita Adhikari,1.3,3\n"
        + "A1,2026-09-03,  sita   SHARMA ,2.1,3\n"  # same teacher, written loosely
    )
    assert codes(parsed.problems) == [(3, "csv-error-mixed-date"), (4, "csv-error-mixed-teacher")]
    assert parsed.problems[0].args == {
        "observation": "A1",
        "first_line": 2,
        "value": "2026-09-04",
        "expected": "2026-09-03",
    }
    assert parsed.problems[1].args["value"] == "Gita Adhikari"


def test_the_same_question_twice_in_one_observation_is_an_error() -> None:
    parsed = parse(
        HEADER
        + "A1,2026-09-03,Sita,4.5,3\n"
        + "A1,2026-09-03,Sita,The teacher asks open-ended questions. (Critical Thinking),4\n"
        + "A2,2026-09-03,Sita,4.5,3\n"  # another observation may rate it
    )
    assert codes(parsed.problems) == [(3, "csv-error-duplicate-question")]
    assert parsed.problems[0].args == {"question": "4.5", "observation": "A1", "first_line": 2}


def test_a_question_may_be_named_by_its_title_in_any_language() -> None:
    parsed = parse(
        HEADER
        + "A1,2026-09-03,Sita,the teacher asks open-ended questions. (critical thinking),4\n"
        + "A1,2026-09-03,Sita,The teacher treats all students respectfully,5\n"  # no full stop
        + "A1,2026-09-03,Sita,शिक्षकले विद्यार्थीको सकारात्मक व्यवहारलाई स्वीकार गर्छन्,3\n"
        + "A1,2026-09-03,Sita,Students are engaged on given task — In the 2nd part of the class,2\n"
        + "A1,2026-09-03,Sita,Students are engaged on given task - in the 3rd part of the class,1\n"
    )
    assert parsed.ok, parsed.problems
    assert [(r.code, r.value) for r in parsed.observations[0].ratings] == [
        ("4.5", 4),
        ("3.1", 5),
        ("2.1", 3),
        ("1.2", 2),
        ("1.3", 1),
    ]


def test_a_title_shared_by_several_questions_asks_for_the_code() -> None:
    parsed = parse(HEADER + "A1,2026-09-03,Sita,Students are engaged on given task,3\n")
    assert codes(parsed.problems) == [(2, "csv-error-ambiguous-question")]
    assert parsed.problems[0].args == {
        "value": "Students are engaged on given task",
        "codes": "1.1, 1.2, 1.3",
    }


def test_bom_semicolons_case_and_spaces_in_the_header() -> None:
    text = (
        " Observation_ID ; OBSERVED_ON;Teacher;Question;Value;Observer;Subject\r\n"
        "A1;2026-09-03;Sita Sharma;1.1;2;Shanti Koirala;Nepali\r\n"
        "A1;2026-09-03;Sita Sharma;2.1;4;;\r\n"
    )
    parsed = parse_observations(b"\xef\xbb\xbf" + text.encode("utf-8"), NEPAL)
    assert parsed.ok, parsed.problems
    (observation,) = parsed.observations
    assert observation.observer == "Shanti Koirala"
    assert observation.subject == "Nepali"
    assert [(r.code, r.value) for r in observation.ratings] == [("1.1", 2), ("2.1", 4)]


def test_quoted_cells_may_hold_the_separator() -> None:
    parsed = parse(
        "observation_id,observed_on,teacher,question,value,subject\n"
        '"A,1",2026-09-03,"Thapa, Ram",2.1,4,"Science, Health"\n'
    )
    assert parsed.ok, parsed.problems
    assert parsed.observations[0].external_id == "A,1"
    assert parsed.observations[0].teacher == "Thapa, Ram"
    assert parsed.observations[0].subject == "Science, Health"


def test_unknown_columns_are_ignored_with_a_warning() -> None:
    parsed = parse(
        "observation_id,observed_on,teacher,question,value,Grade,comment\n"
        "A1,2026-09-03,Sita,2.1,4,5,good lesson\n"
    )
    assert parsed.ok
    assert codes(parsed.warnings) == [(1, "csv-warning-unknown-column")] * 2
    assert [w.args["column"] for w in parsed.warnings] == ["Grade", "comment"]


def test_conflicting_observer_is_a_warning_and_the_first_is_kept() -> None:
    parsed = parse(
        "observation_id,observed_on,teacher,question,value,observer\n"
        "A1,2026-09-03,Sita,2.1,4,Shanti\n"
        "A1,2026-09-03,Sita,2.2,4,Binod\n"
    )
    assert parsed.ok
    assert codes(parsed.warnings) == [(3, "csv-warning-conflicting-value")]
    assert parsed.observations[0].observer == "Shanti"


def test_missing_and_duplicate_columns_are_reported_on_the_header_line() -> None:
    parsed = parse("\n\nobservation_id,date,teacher,question,value,Teacher\nA1,x,Sita,2.1,4,\n")
    assert codes(parsed.problems) == [
        (3, "csv-error-duplicate-column"),
        (3, "csv-error-missing-column"),
    ]
    assert parsed.problems[1].args == {"column": "observed_on"}
    assert codes(parsed.warnings) == [(3, "csv-warning-unknown-column")]


def test_blank_lines_are_skipped_and_lines_still_counted() -> None:
    parsed = parse(HEADER + "\nA1,2026-09-03,Sita,2.1,4\n\n,,,,\n\nA1,2026-09-03,Sita,2.2,x\n")
    assert codes(parsed.problems) == [(7, "csv-error-bad-value")]
    assert parsed.rows == 2


def test_a_multiline_quoted_cell_keeps_later_line_numbers_right() -> None:
    parsed = parse(HEADER + 'A1,2026-09-03,"Sita\nSharma",2.1,4\nA1,2026-09-03,Sita Sharma,2.2,0\n')
    assert codes(parsed.problems) == [(4, "csv-error-value-out-of-scale")]


def test_long_user_text_is_cut_in_messages_and_too_long_cells_refused() -> None:
    name = "x" * 300
    parsed = parse(HEADER + f"A1,2026-09-03,{name},2.1,4\nA1,{name},Sita,2.2,4\n")
    assert codes(parsed.problems) == [(2, "csv-error-too-long"), (3, "csv-error-bad-date")]
    assert parsed.problems[0].args == {"column": "teacher", "max": 200}
    assert len(str(parsed.problems[1].args["value"])) == oc.MAX_ARG_CHARS


def test_not_utf8_is_refused_with_the_line_of_the_first_bad_byte() -> None:
    data = (HEADER + "A1,2026-09-03,Sita,2.1,4\nA2,2026-09-03,Ren").encode() + b"\xe9e,2.1,4\n"
    parsed = parse_observations(data, NEPAL)
    assert codes(parsed.problems) == [(3, "csv-error-encoding")]
    assert parsed.observations == []


def test_utf16_is_refused() -> None:
    parsed = parse_observations((HEADER + "A1,2026-09-03,Sita,2.1,4\n").encode("utf-16"), NEPAL)
    assert codes(parsed.problems) == [(1, "csv-error-encoding")]


def test_a_file_over_two_megabytes_is_refused() -> None:
    data = (HEADER + "A1,2026-09-03,Sita,2.1,4\n").encode() + b" " * MAX_BYTES
    parsed = parse_observations(data, NEPAL)
    assert codes(parsed.problems) == [(0, "csv-error-too-big")]
    assert parsed.problems[0].args == {"max_mb": 2}


def test_over_fifty_thousand_rows_is_refused_but_fifty_thousand_pass() -> None:
    row = "1,2026-09-03,S,2.1,4\n"
    rows = [f"{n},2026-09-03,S,2.1,4\n" for n in range(MAX_ROWS)]
    assert len((HEADER + "".join(rows) + row).encode()) < MAX_BYTES
    at_limit = parse(HEADER + "".join(rows))
    assert at_limit.ok and at_limit.rows == MAX_ROWS
    over = parse(HEADER + "".join(rows) + "x" + row)
    assert codes(over.problems) == [(0, "csv-error-too-many-rows")]
    assert over.problems[0].args == {"max_rows": MAX_ROWS}
    assert over.observations == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(0, "csv-error-empty")]),
        ("\n  \n", [(0, "csv-error-empty")]),
        (HEADER, [(0, "csv-error-no-rows")]),
        ("observation_id\tobserved_on\tteacher\tquestion\tvalue\n", [(1, "csv-error-separator")]),
    ],
)
def test_files_without_ratings_are_refused(text: str, expected: list[tuple[int, str]]) -> None:
    assert codes(parse(text).problems) == expected


def test_a_cell_the_csv_reader_cannot_take_is_refused_with_its_line() -> None:
    huge = "x" * 140_000  # over the csv module's field limit
    parsed = parse(HEADER + "A1,2026-09-03,Sita,2.1,4\n" + f"A1,2026-09-03,{huge},2.2,4\n")
    assert codes(parsed.problems) == [(3, "csv-error-malformed")]


def test_sierra_leone_rubric_has_its_own_questions() -> None:
    rubric = transient_rubric("sierra_leone")
    parsed = parse_observations(
        (HEADER + "A1,2026-09-03,Aminata,5.1,4\nA1,2026-09-03,Aminata,4.5,4\n").encode(), rubric
    )
    assert codes(parsed.problems) == [(3, "csv-error-unknown-question")]


def test_the_sample_file_parses_cleanly() -> None:
    parsed = parse_observations((ROOT / "examples" / "observations-sample.csv").read_bytes(), NEPAL)
    assert parsed.ok and parsed.warnings == []
    assert parsed.rows == 720
    assert len(parsed.observations) == 40
    assert all(len(o.ratings) == 18 for o in parsed.observations)
    assert len({o.teacher for o in parsed.observations}) == 12


def test_every_message_id_has_an_english_message() -> None:
    resource = FluentParser().parse(
        (ROOT / "bot" / "locales" / "en" / "observations.ftl").read_text("utf-8")
    )
    assert not [entry for entry in resource.body if isinstance(entry, ast.Junk)]
    ids = {entry.id.name for entry in resource.body if isinstance(entry, ast.Message)}
    missing = set(oc.MESSAGE_IDS) - ids
    assert not missing
    emitted = {value for name, value in vars(oc).items() if name.startswith(("ERROR_", "WARNING_"))}
    assert emitted == set(oc.MESSAGE_IDS)


def test_dates_after_today_are_refused_when_today_is_given() -> None:
    data = (
        HEADER
        + "A1,2026-12-05,Sita,2.1,4\n"  # tomorrow: allowed (time zones)
        + "A2,2083-08-19,Sita,2.1,4\n"  # Bikram Sambat, not AD
    ).encode()
    parsed = parse_observations(data, NEPAL, today=date(2026, 12, 4))
    assert codes(parsed.problems) == [(3, "csv-error-future-date")]
    assert parsed.problems[0].args == {"value": "2083-08-19"}
    assert parse_observations(data, NEPAL).ok


def test_ratings_may_be_written_in_devanagari_digits() -> None:
    parsed = parse(HEADER + "A1,2026-09-03,Sita,2.1,४\nA1,2026-09-03,Sita,2.2,५\n")
    assert parsed.ok, parsed.problems
    assert [r.value for r in parsed.observations[0].ratings] == [4, 5]
