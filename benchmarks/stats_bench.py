"""Time to read, import and compute the stats of a school with 50,000 ratings, on SQLite.

Run: python benchmarks/stats_bench.py
Each figure is the median of 5 runs. "import" stores new observations in a fresh database;
"re-import" sends the same file again, so every observation is replaced; "stats" is
`school_stats` (the ratings query and the arithmetic).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.database import create_engine, create_sessionmaker
from storage.migrations import upgrade
from storage.models import School
from storage.observation_csv import MAX_ROWS, ParsedObservations, parse_observations
from storage.observations import import_observations
from storage.rubrics import get_rubric
from storage.schools import PersonInfo, create_school, upsert_person
from storage.stats import baseline_date, school_stats

RUNS: Final = 5
RATINGS: Final = MAX_ROWS
NEPAL_QUESTIONS: Final = ((1, 3), (2, 2), (3, 5), (4, 5), (5, 3))
"""(practice, how many questions) of the Nepal rubric: 18 questions."""


def sample_csv() -> bytes:
    """50,000 ratings: 18 a lesson, 60 teachers, one school year of lessons."""
    rng = random.Random(50_000)
    lines = ["observation_id,observed_on,teacher,question,value"]
    observation = 0
    while len(lines) <= RATINGS:
        observation += 1
        day = date(2026, 1, 5) + timedelta(days=observation % 330)
        teacher = f"T{observation % 60}"
        for practice, questions in NEPAL_QUESTIONS:
            for question in range(1, questions + 1):
                value = rng.randint(1, 3) if practice == 1 else rng.randint(1, 5)
                lines.append(f"{observation},{day},{teacher},{practice}.{question},{value}")
    return ("\n".join(lines[: RATINGS + 1]) + "\n").encode()


async def new_school(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker.begin() as session:
        head = await upsert_person(session, PersonInfo(1, "Head teacher", "en"))
        return (await create_school(session, name="Bench School", head_teacher=head)).id


async def parse(
    sessionmaker: async_sessionmaker[AsyncSession], school_id: int, data: bytes
) -> ParsedObservations:
    async with sessionmaker() as session:
        school = await session.get(School, school_id)
        assert school is not None
        return parse_observations(data, await get_rubric(session, school.rubric_id))


async def timed(action: Callable[[], Awaitable[object]]) -> float:
    started = time.perf_counter()
    await action()
    return time.perf_counter() - started


async def one_run(data: bytes, times: dict[str, list[float]]) -> None:
    """Parse, import, re-import and compute the stats once, in a fresh database."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        try:
            await upgrade(engine)
            sessionmaker = create_sessionmaker(engine)
            school_id = await new_school(sessionmaker)

            started = time.perf_counter()
            parsed = await parse(sessionmaker, school_id, data)
            times["parse"].append(time.perf_counter() - started)
            assert parsed.ok, parsed.problems[:3]

            async def import_once() -> None:
                async with sessionmaker.begin() as session:
                    await import_observations(session, school_id, parsed)

            async def stats_once() -> None:
                async with sessionmaker() as session:
                    baseline = await baseline_date(session, school_id)
                    stats = await school_stats(session, school_id, baseline=baseline)
                    assert stats.observations == len(parsed.observations)

            times["import"].append(await timed(import_once))
            times["re-import"].append(await timed(import_once))
            times["stats"].append(await timed(stats_once))
        finally:
            await engine.dispose()


async def run() -> dict[str, list[float]]:
    data = sample_csv()
    print(f"file: {len(data):,} bytes, {RATINGS:,} ratings")
    times: dict[str, list[float]] = {"parse": [], "import": [], "re-import": [], "stats": []}
    for _ in range(RUNS):
        await one_run(data, times)
    return times


def main() -> None:
    times = asyncio.run(run())
    for name, values in times.items():
        print(f"{name:>10}: {statistics.median(values) * 1000:7.0f} ms (median of {RUNS})")


if __name__ == "__main__":
    main()
