"""`copbot import-observations` and `copbot rubric` on a temporary SQLite database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from storage.database import create_engine, create_sessionmaker
from storage.migrations import upgrade
from storage.observations import count_observations
from storage.rubric_files import load_builtin
from storage.schools import PersonInfo, create_school, upsert_person

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "observations-sample.csv"


def make_school(url: str) -> tuple[str, int]:
    """A school on the Nepal rubric; returns its join code and id."""

    async def create() -> tuple[str, int]:
        engine = create_engine(url)
        try:
            await upgrade(engine)
            async with create_sessionmaker(engine).begin() as session:
                head = await upsert_person(
                    session, PersonInfo(id=1001, display_name="Asha", telegram_language="en")
                )
                school = await create_school(session, name="Shree Janata", head_teacher=head)
                return school.join_code, school.id
        finally:
            await engine.dispose()

    return asyncio.run(create())


def observations_in(url: str, school_id: int) -> int:
    async def count() -> int:
        engine = create_engine(url)
        try:
            async with create_sessionmaker(engine)() as session:
                return await count_observations(session, school_id)
        finally:
            await engine.dispose()

    return asyncio.run(count())


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    value = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", value)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    monkeypatch.chdir(tmp_path)  # no .env file
    return value


def test_import_prints_counts(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, school_id = make_school(url)
    assert main(["import-observations", str(SAMPLE), "--school", code.lower()]) == 0
    out = capsys.readouterr().out
    assert "Imported 40 observations (40 new, 0 replaced), 720 ratings" in out
    assert "2026-09-03 to" in out
    assert observations_in(url, school_id) == 40


def test_import_problems_exit_1_and_import_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, school_id = make_school(url)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "observation_id,observed_on,teacher,question,value\n"
        "A,2026-09-03,Hari & Co,1.1,3\n"
        "A,2026-09-03,Hari & Co,1.2,7\n"
    )
    assert main(["import-observations", str(bad), "--school", code]) == 1
    out = capsys.readouterr().out
    assert "Line 3: the rating 7 is outside question 1.2's scale" in out
    assert observations_in(url, school_id) == 0


def test_missing_file_and_unknown_school_exit_2(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _school_id = make_school(url)
    assert main(["import-observations", str(tmp_path / "none.csv"), "--school", code]) == 2
    assert main(["import-observations", str(SAMPLE), "--school", "NOPE99"]) == 2
    assert main(["rubric", "--school", "NOPE99"]) == 2
    err = capsys.readouterr().err
    assert "none.csv" in err and "NOPE99" in err


def test_rubric_prints_codes_scales_and_titles(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    nepal = load_builtin("nepal")
    assert main(["rubric"]) == 0
    default = capsys.readouterr().out
    code, _school_id = make_school(url)
    assert main(["rubric", "--school", code]) == 0
    of_school = capsys.readouterr().out
    for out in (default, of_school):
        for p_number, practice in enumerate(nepal.practices, start=1):
            assert f"{p_number}. {practice.title['en']}" in out
            for q_number, question in enumerate(practice.questions, start=1):
                assert f"{p_number}.{q_number}  {question.title['en']}" in out
        assert "(1-3)" in out
    assert "Shree Janata" in of_school


def test_bad_database_url_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    with pytest.raises(SystemExit) as exit_info:
        main(["rubric"])
    assert exit_info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
