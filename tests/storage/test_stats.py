"""The school's figures, checked against arithmetic done by hand."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import CopSession, CopStatus, School
from storage.observation_csv import parse_observations
from storage.observations import import_observations
from storage.rubrics import get_rubric
from storage.stats import (
    PracticeInfo,
    PracticeStat,
    RatingRow,
    baseline_date,
    compute_stats,
    data_version,
    format_change,
    format_score,
    round_score,
    school_stats,
)

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "observations-sample.csv"
Sessions = async_sessionmaker[AsyncSession]

TIME = PracticeInfo(1, 1, {"en": "Time on learning", "ne": "सिक्ने समय"})  # 3-point questions
EXPECT = PracticeInfo(2, 2, {"en": "Positive expectations"})  # 5-point questions
ASSESS = PracticeInfo(3, 3, {"en": "Assessing learning"})  # never rated
PRACTICES = (TIME, EXPECT, ASSESS)

SEP_5, SEP_20, OCT_2 = date(2026, 9, 5), date(2026, 9, 20), date(2026, 10, 2)
RATINGS = [
    # observation 10, Sita, 5 Sept: time 3,2,1 -> 5,4,1 -> 10/3; expectations 4,5 -> 4.5
    RatingRow(10, SEP_5, "Sita", 1, 3, 3),
    RatingRow(10, SEP_5, "Sita", 1, 3, 2),
    RatingRow(10, SEP_5, "Sita", 1, 3, 1),
    RatingRow(10, SEP_5, "Sita", 2, 5, 4),
    RatingRow(10, SEP_5, "Sita", 2, 5, 5),
    # observation 11, Ram, 20 Sept: time 3,3 -> 5,5 -> 5.0; expectations 3 -> 3.0
    RatingRow(11, SEP_20, "Ram", 1, 3, 3),
    RatingRow(11, SEP_20, "Ram", 1, 3, 3),
    RatingRow(11, SEP_20, "Ram", 2, 5, 3),
    # observation 12, "sita" (the same teacher), 2 Oct: expectations 5,4 -> 4.5; no time rated
    RatingRow(12, OCT_2, "sita", 2, 5, 5),
    RatingRow(12, OCT_2, "sita", 2, 5, 4),
]


def by_number(stats_practices: tuple[PracticeStat, ...]) -> dict[int, PracticeStat]:
    return {p.number: p for p in stats_practices}


def test_figures_follow_the_coach_definition() -> None:
    stats = compute_stats(PRACTICES, RATINGS)
    time_, expect, assess = stats.practices
    # time: mean of per-observation means (10/3 + 5) / 2 = 4.1667 -- not the mean of all five
    # converted answers (5+4+1+5+5)/5 = 4.0
    assert time_.average == pytest.approx((10 / 3 + 5) / 2)
    assert time_.observations == 2
    # expectations: (4.5 + 3.0 + 4.5) / 3 = 4.0
    assert expect.average == pytest.approx(4.0)
    assert expect.observations == 3
    assert assess.average is None and assess.observations == 0 and assess.score is None
    # school: (4.1667 + 4.0) / 2 = 4.0833, practices without data left out
    assert stats.school_average == pytest.approx((25 / 6 + 4.0) / 2)
    assert format_score(stats.school_average or 0) == "4.1"
    assert (time_.score, expect.score) == (round_score(4.2), round_score(4.0))
    assert time_.title == {"en": "Time on learning", "ne": "सिक्ने समय"}
    assert stats.observations == 3
    assert stats.teachers == 2  # Sita and sita are one teacher
    assert (stats.first_date, stats.last_date) == (SEP_5, OCT_2)
    assert [p.number for p in stats.positives] == [1, 2]  # 4.17 then 4.0
    assert stats.needs_improvement == ()
    assert stats.focus is expect
    assert stats.has_data


def test_monthly_trend_uses_each_months_observations_only() -> None:
    stats = compute_stats(PRACTICES, RATINGS)
    september, october = stats.trend
    assert (september.month, september.observations) == (date(2026, 9, 1), 2)
    assert september.practices[1] == pytest.approx(25 / 6)  # (10/3 + 5) / 2
    assert september.practices[2] == pytest.approx(3.75)  # (4.5 + 3) / 2
    assert september.practices[3] is None
    assert september.school_average == pytest.approx((25 / 6 + 3.75) / 2)  # 3.9583
    assert (october.month, october.observations) == (date(2026, 10, 1), 1)
    assert october.practices == {1: None, 2: pytest.approx(4.5), 3: None}
    assert october.school_average == pytest.approx(4.5)


def test_change_since_the_baseline_compares_displayed_scores() -> None:
    stats = compute_stats(PRACTICES, RATINGS, baseline=date(2026, 10, 1))
    time_, expect, assess = stats.practices
    # before 1 Oct: time (10/3 + 5) / 2 = 4.1667 -> 4.2; now 4.2: no change
    assert time_.baseline_average == pytest.approx(25 / 6)
    assert time_.change == pytest.approx(0.0)
    # expectations before: (4.5 + 3) / 2 = 3.75 -> 3.8; now 4.0: +0.2
    assert expect.baseline_average == pytest.approx(3.75)
    assert expect.change == pytest.approx(0.2)
    assert format_change(expect.change or 0) == "+0.2"
    assert assess.change is None
    # school before: (4.1667 + 3.75) / 2 = 3.9583 -> 4.0; now 4.1: +0.1
    assert stats.school_baseline_average == pytest.approx((25 / 6 + 3.75) / 2)
    assert stats.school_change == pytest.approx(0.1)
    assert stats.baseline == date(2026, 10, 1)


def test_without_baseline_or_before_any_data_there_is_no_change() -> None:
    assert all(p.change is None for p in compute_stats(PRACTICES, RATINGS).practices)
    early = compute_stats(PRACTICES, RATINGS, baseline=date(2026, 1, 1))
    assert all(p.baseline_average is None and p.change is None for p in early.practices)
    assert early.school_change is None


def test_a_school_without_observations_has_no_figures() -> None:
    stats = compute_stats(PRACTICES, [], baseline=date(2026, 10, 1))
    assert stats.school_average is None and stats.school_score is None
    assert [p.average for p in stats.practices] == [None, None, None]
    assert stats.positives == () and stats.needs_improvement == ()
    assert stats.focus is None and stats.trend == ()
    assert (stats.observations, stats.teachers) == (0, 0)
    assert stats.first_date is None and stats.last_date is None
    assert stats.school_change is None and not stats.has_data


def test_ratings_outside_the_rubric_or_scale_are_left_out() -> None:
    stats = compute_stats(
        (EXPECT,),
        [
            RatingRow(1, SEP_5, "Sita", 2, 5, 4),
            RatingRow(1, SEP_5, "Sita", 2, 5, 9),  # not on the scale
            RatingRow(1, SEP_5, "Sita", 99, 5, 1),  # another rubric's practice
            RatingRow(2, SEP_5, "Ram", 99, 5, 1),  # an observation with nothing of this rubric
        ],
    )
    assert stats.practices[0].average == 4.0
    assert stats.observations == 1


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (3.95, "4.0"),
        (3.9499999999999997, "4.0"),  # (3.9 + 4.0) / 2 in floating point
        (3.9449, "3.9"),
        (4.05, "4.1"),
        (2.25, "2.3"),  # half up, not half even
        (1, "1.0"),
        (5.0, "5.0"),
        (10 / 3, "3.3"),
    ],
)
def test_scores_are_shown_to_one_decimal_rounded_half_up(value: float, shown: str) -> None:
    assert format_score(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(0.2, "+0.2"), (-0.3, "-0.3"), (0.04, "0.0")])
def test_changes_carry_their_sign(value: float, shown: str) -> None:
    assert format_change(value) == shown


def test_a_practice_shown_as_4_0_is_a_positive() -> None:
    # 10 answers 4,4,4,4,4,4,4,4,4,3 -> 3.9; another observation 4 -> 4.0; (3.9 + 4.0) / 2 = 3.95
    rows = [RatingRow(1, SEP_5, "Sita", 2, 5, 4) for _ in range(9)]
    rows.append(RatingRow(1, SEP_5, "Sita", 2, 5, 3))
    rows.append(RatingRow(2, SEP_5, "Ram", 2, 5, 4))
    stats = compute_stats((EXPECT,), rows)
    (expect,) = stats.practices
    assert expect.average == pytest.approx(3.95)
    assert format_score(expect.average or 0) == "4.0"
    assert expect.is_positive
    assert stats.positives == (expect,) and stats.needs_improvement == ()

    just_below = PracticeStat(2, 2, {}, 3.9449, 1, None)
    assert not just_below.is_positive and format_score(3.9449) == "3.9"


def test_positives_highest_first_and_needs_improvement_lowest_first() -> None:
    practices = [PracticeInfo(n, n, {"en": f"P{n}"}) for n in range(1, 7)]
    values = {1: 4, 2: 3, 3: 5, 4: 2, 5: 3, 6: None}  # practice 6 is never rated
    rows = [RatingRow(1, SEP_5, "Sita", p, 5, v) for p, v in values.items() if v is not None]
    rows += [RatingRow(2, SEP_5, "Ram", 1, 5, 5), RatingRow(2, SEP_5, "Ram", 5, 5, 4)]
    stats = compute_stats(practices, rows)
    # averages: 1 -> (4+5)/2 = 4.5, 2 -> 3, 3 -> 5, 4 -> 2, 5 -> (3+4)/2 = 3.5, 6 -> none
    assert [p.number for p in stats.positives] == [3, 1]
    assert [p.number for p in stats.needs_improvement] == [4, 2, 5]
    assert stats.focus is not None and stats.focus.number == 4
    # school: (4.5 + 3 + 5 + 2 + 3.5) / 5 = 3.6
    assert stats.school_average == pytest.approx(3.6)


def test_fifty_thousand_ratings_take_well_under_a_second() -> None:
    practices = [PracticeInfo(n, n, {"en": f"P{n}"}) for n in range(1, 6)]
    rows = [
        RatingRow(n // 18, date(2026, 1 + (n // 18) % 12, 1), f"T{n % 40}", 1 + n % 5, 5, 1 + n % 5)
        for n in range(50_000)
    ]
    started = time.perf_counter()
    stats = compute_stats(practices, rows, baseline=date(2026, 6, 1))
    assert time.perf_counter() - started < 0.5
    assert stats.observations == 2778 and len(stats.trend) == 12


async def import_sample(sessionmaker: Sessions, school_id: int) -> None:
    async with sessionmaker.begin() as session:
        school = await session.get(School, school_id)
        assert school is not None
        rubric = await get_rubric(session, school.rubric_id)
        parsed = parse_observations(SAMPLE.read_bytes(), rubric)
        await import_observations(session, school_id, parsed)


async def test_school_stats_from_the_database(sessionmaker: Sessions, school_id: int) -> None:
    await import_sample(sessionmaker, school_id)
    async with sessionmaker() as session:
        stats = await school_stats(session, school_id, baseline=date(2026, 11, 1))
    assert [p.title["en"] for p in stats.practices][:2] == [
        "Time on learning",
        "Positive expectations",
    ]
    assert [format_score(p.average or 0) for p in stats.practices] == [
        "4.5",
        "4.3",
        "3.8",
        "3.3",
        "2.9",
    ]
    assert format_score(stats.school_average or 0) == "3.7"
    assert [p.number for p in stats.positives] == [1, 2]
    assert [p.number for p in stats.needs_improvement] == [5, 4, 3]
    assert stats.focus is not None and stats.focus.number == 5
    assert (stats.observations, stats.teachers) == (40, 12)
    assert (stats.first_date, stats.last_date) == (date(2026, 9, 3), date(2026, 11, 27))
    assert [(m.month.month, m.observations) for m in stats.trend] == [(9, 10), (10, 14), (11, 16)]
    assert all(p.observations == 40 for p in stats.practices)
    assert [format_change(p.change or 0) for p in stats.practices] == [
        "0.0",
        "+0.1",
        "0.0",
        "+0.1",
        "+0.1",
    ]
    assert len(stats.data_version) == 16


async def test_school_stats_without_observations(sessionmaker: Sessions, school_id: int) -> None:
    async with sessionmaker() as session:
        stats = await school_stats(
            session, school_id, baseline=await baseline_date(session, school_id)
        )
    assert stats.school_average is None and stats.baseline is None
    assert len(stats.practices) == 5 and all(p.average is None for p in stats.practices)


async def test_school_stats_of_an_unknown_school(sessionmaker: Sessions) -> None:
    async with sessionmaker() as session:
        with pytest.raises(LookupError):
            await school_stats(session, 404)


async def test_baseline_is_the_month_of_the_latest_observation_before_any_cop(
    sessionmaker: Sessions, school_id: int
) -> None:
    async with sessionmaker() as session:
        assert await baseline_date(session, school_id) is None
    await import_sample(sessionmaker, school_id)
    async with sessionmaker() as session:
        assert await baseline_date(session, school_id) == date(2026, 11, 1)


async def test_baseline_is_the_start_of_the_last_completed_cop(
    sessionmaker: Sessions, school_id: int
) -> None:
    await import_sample(sessionmaker, school_id)

    def cop(status: CopStatus, started: datetime) -> CopSession:
        return CopSession(
            school_id=school_id,
            chat_id=-100,
            facilitator_id=1001,
            step="check_stats",
            status=status,
            started_at=started,
            step_started_at=started,
            last_activity_at=started,
        )

    async with sessionmaker.begin() as session:
        session.add_all(
            [
                cop(CopStatus.COMPLETED, datetime(2026, 9, 28, 10, tzinfo=UTC)),
                cop(CopStatus.COMPLETED, datetime(2026, 10, 26, 9, tzinfo=UTC)),
                cop(CopStatus.CANCELLED, datetime(2026, 11, 20, 9, tzinfo=UTC)),
                cop(CopStatus.IN_PROGRESS, datetime(2026, 11, 30, 9, tzinfo=UTC)),
            ]
        )
    async with sessionmaker() as session:
        assert await baseline_date(session, school_id) == date(2026, 10, 26)


async def test_data_version_changes_whenever_observations_change(
    sessionmaker: Sessions, school_id: int
) -> None:
    async with sessionmaker() as session:
        empty = await data_version(session, school_id)
        assert await data_version(session, school_id) == empty
    await import_sample(sessionmaker, school_id)
    async with sessionmaker() as session:
        first = await data_version(session, school_id)
        assert (await school_stats(session, school_id)).data_version == first
    await import_sample(sessionmaker, school_id)  # the same file again: replaced, imported anew
    async with sessionmaker() as session:
        second = await data_version(session, school_id)
    assert len({empty, first, second}) == 3
