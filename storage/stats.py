"""The school's class-observation figures that the CoP's "Check stats" step shows.

The computation follows coach-facts.md:

- a 3-point answer is first put on the 5-point scale: 1 -> 1, 2 -> 4, 3 -> 5;
- per observation, a practice's score is the mean of its converted answers in that observation;
- a practice's average is the mean of those per-observation scores over the observations that
  rated it;
- the school average is the mean of the practice averages, practices without data left out.

Averages are kept unrounded; people read them to one decimal, rounded half up (`format_score`).
A practice is a positive when its *displayed* score is 4.0 or more (3.95 shows as "4.0" and is a
positive), so the number a teacher reads always matches the group it is listed in. Changes since
the baseline are likewise the difference of the two displayed scores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import partial
from typing import Final, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    CopSession,
    CopStatus,
    Observation,
    Rating,
    RubricQuestion,
    School,
    TeachingPractice,
)

POSITIVE_THRESHOLD: Final = Decimal("4.0")
"""A practice whose displayed score reaches this is a positive; below it, it needs improvement."""
THREE_POINT_TO_FIVE: Final[Mapping[int, int]] = {1: 1, 2: 4, 3: 5}

_ONE_DECIMAL: Final = Decimal("0.1")
_NOISE: Final = Decimal("1e-9")


@dataclass(frozen=True)
class PracticeInfo:
    """A teaching practice of the school's rubric: its id, number and titles by language."""

    id: int
    number: int
    title: Mapping[str, str]


RatingTuple = tuple[int, date, str, int, int, int]
"""(observation id, observed on, teacher, practice id, question scale, value)."""


class RatingRow(NamedTuple):
    """One answer with what the figures need of its observation and question."""

    observation_id: int
    observed_on: date
    teacher: str
    practice_id: int
    scale: int
    value: int


def round_score(value: float) -> Decimal:
    """The score as people read it: one decimal, half up (3.95 -> 4.0), float noise ignored."""
    return (
        Decimal(value)
        .quantize(_NOISE, rounding=ROUND_HALF_EVEN)
        .quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)
    )


def format_score(value: float) -> str:
    """A score to one decimal, rounded half up: 3.95 -> "4.0"."""
    return str(round_score(value))


def format_change(value: float) -> str:
    """A change of score with its sign: "+0.3", "-0.2", "0.0"."""
    rounded = round_score(value)
    if rounded == 0:
        return "0.0"
    return f"+{rounded}" if rounded > 0 else str(rounded)


def _change(now: float | None, before: float | None) -> float | None:
    if now is None or before is None:
        return None
    return float(round_score(now) - round_score(before))


@dataclass(frozen=True)
class PracticeStat:
    """One teaching practice's figures."""

    practice_id: int
    number: int
    title: Mapping[str, str]
    average: float | None
    """Unrounded, over all the school's observations that rated it; None without data."""
    observations: int
    baseline_average: float | None
    """The same average over the observations before the baseline date only."""

    @property
    def score(self) -> Decimal | None:
        """The average as displayed (one decimal)."""
        return None if self.average is None else round_score(self.average)

    @property
    def is_positive(self) -> bool:
        """Whether the displayed score is 4.0 or more."""
        return self.average is not None and round_score(self.average) >= POSITIVE_THRESHOLD

    @property
    def change(self) -> float | None:
        """Displayed score now minus displayed score at the baseline; None if either is missing."""
        return _change(self.average, self.baseline_average)


@dataclass(frozen=True)
class TrendMonth:
    """One calendar month's figures, from that month's observations only."""

    month: date
    """The first day of the month."""
    observations: int
    school_average: float | None
    practices: Mapping[int, float | None]
    """Practice id -> that month's average (None when no observation that month rated it)."""


@dataclass(frozen=True)
class SchoolStats:
    """Everything the "Check stats" step shows; practices are in rubric order."""

    practices: tuple[PracticeStat, ...]
    school_average: float | None
    observations: int
    teachers: int
    first_date: date | None
    last_date: date | None
    baseline: date | None
    school_baseline_average: float | None
    trend: tuple[TrendMonth, ...]
    data_version: str = ""

    @property
    def has_data(self) -> bool:
        """Whether any observation was rated."""
        return self.observations > 0

    @property
    def school_score(self) -> Decimal | None:
        """The school average as displayed."""
        return None if self.school_average is None else round_score(self.school_average)

    @property
    def school_change(self) -> float | None:
        """The displayed school average now minus at the baseline."""
        return _change(self.school_average, self.school_baseline_average)

    @property
    def positives(self) -> tuple[PracticeStat, ...]:
        """Practices displayed at 4.0 or above, highest first."""
        chosen = [p for p in self.practices if p.average is not None and p.is_positive]
        return tuple(sorted(chosen, key=lambda p: (-_avg(p), p.number)))

    @property
    def needs_improvement(self) -> tuple[PracticeStat, ...]:
        """Practices displayed below 4.0, lowest first."""
        chosen = [p for p in self.practices if p.average is not None and not p.is_positive]
        return tuple(sorted(chosen, key=lambda p: (_avg(p), p.number)))

    @property
    def focus(self) -> PracticeStat | None:
        """The suggested focus: the practice with the lowest average."""
        rated = [p for p in self.practices if p.average is not None]
        return min(rated, key=lambda p: (_avg(p), p.number), default=None)


def _avg(practice: PracticeStat) -> float:
    assert practice.average is not None
    return practice.average


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def compute_stats(
    practices: Sequence[PracticeInfo],
    ratings: Iterable[RatingTuple],
    *,
    baseline: date | None = None,
    data_version: str = "",
) -> SchoolStats:
    """The school's figures from its rubric's practices and every rating (pure, one pass)."""
    known = {p.id for p in practices}
    cells: dict[tuple[int, int], list[int]] = {}
    observed: dict[int, tuple[date, str]] = {}
    convert = THREE_POINT_TO_FIVE
    for observation_id, observed_on, teacher, practice_id, scale, value in ratings:
        if practice_id not in known or not 1 <= value <= scale:
            continue
        score = value if scale == 5 else convert[value]
        cell = cells.get((practice_id, observation_id))
        if cell is None:
            cells[(practice_id, observation_id)] = [score, 1]
            if observation_id not in observed:
                observed[observation_id] = (observed_on, teacher)
        else:
            cell[0] += score
            cell[1] += 1

    per_practice: dict[int, list[float]] = {p.id: [] for p in practices}
    before: dict[int, list[float]] = {p.id: [] for p in practices}
    per_month: dict[date, dict[int, list[float]]] = {}
    for (practice_id, observation_id), (total, count) in cells.items():
        observation_score = total / count
        observed_on = observed[observation_id][0]
        per_practice[practice_id].append(observation_score)
        if baseline is not None and observed_on < baseline:
            before[practice_id].append(observation_score)
        month = observed_on.replace(day=1)
        per_month.setdefault(month, {}).setdefault(practice_id, []).append(observation_score)

    practice_stats = tuple(
        PracticeStat(
            practice_id=p.id,
            number=p.number,
            title=p.title,
            average=_mean(per_practice[p.id]),
            observations=len(per_practice[p.id]),
            baseline_average=_mean(before[p.id]) if baseline is not None else None,
        )
        for p in practices
    )
    school_average = _mean([p.average for p in practice_stats if p.average is not None])
    school_baseline = _mean(
        [p.baseline_average for p in practice_stats if p.baseline_average is not None]
    )

    month_observations: dict[date, int] = {}
    for observed_on, _teacher in observed.values():
        month = observed_on.replace(day=1)
        month_observations[month] = month_observations.get(month, 0) + 1
    trend = []
    for month in sorted(per_month):
        averages = {p.id: _mean(per_month[month].get(p.id, [])) for p in practices}
        trend.append(
            TrendMonth(
                month=month,
                observations=month_observations[month],
                school_average=_mean([a for a in averages.values() if a is not None]),
                practices=averages,
            )
        )

    dates = [observed_on for observed_on, _teacher in observed.values()]
    return SchoolStats(
        practices=practice_stats,
        school_average=school_average,
        observations=len(observed),
        teachers=len({teacher.casefold() for _date, teacher in observed.values()}),
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        baseline=baseline,
        school_baseline_average=school_baseline,
        trend=tuple(trend),
        data_version=data_version,
    )


async def school_practices(session: AsyncSession, rubric_id: int) -> list[PracticeInfo]:
    """The rubric's teaching practices in order."""
    rows = await session.execute(
        select(TeachingPractice.id, TeachingPractice.number, TeachingPractice.title)
        .where(TeachingPractice.rubric_id == rubric_id)
        .order_by(TeachingPractice.number)
    )
    return [PracticeInfo(id=i, number=n, title=dict(title)) for i, n, title in rows]


async def stats_computation(
    session: AsyncSession, school_id: int, *, baseline: date | None = None
) -> Callable[[], SchoolStats]:
    """The school's figures in two halves: the rows are read here, in the session (one query
    for the ratings); the returned call does the arithmetic, so a caller on the event loop can
    run it in a worker thread after the session is closed."""
    school = await session.get(School, school_id)
    if school is None:
        raise LookupError(f"school {school_id} does not exist")
    practices = await school_practices(session, school.rubric_id)
    result = await session.execute(
        select(
            Rating.observation_id,
            Observation.observed_on,
            Observation.teacher_name,
            RubricQuestion.practice_id,
            RubricQuestion.scale,
            Rating.value,
        )
        .join(Observation, Observation.id == Rating.observation_id)
        .join(RubricQuestion, RubricQuestion.id == Rating.question_id)
        .where(Observation.school_id == school_id)
    )
    ratings: list[RatingTuple] = list(result.all())
    version = await data_version(session, school_id)
    return partial(compute_stats, practices, ratings, baseline=baseline, data_version=version)


async def school_stats(
    session: AsyncSession, school_id: int, *, baseline: date | None = None
) -> SchoolStats:
    """The school's figures, changes measured against `baseline` (see `baseline_date`)."""
    return (await stats_computation(session, school_id, baseline=baseline))()


async def baseline_date(session: AsyncSession, school_id: int) -> date | None:
    """What changes are measured from: the (UTC) day the last completed CoP started or, before
    any CoP, the first day of the month of the latest observation; None without observations."""
    started = await session.scalar(
        select(CopSession.started_at)
        .where(CopSession.school_id == school_id, CopSession.status == CopStatus.COMPLETED)
        .order_by(CopSession.started_at.desc())
        .limit(1)
    )
    if started is not None:
        return started.date()
    latest = await session.scalar(
        select(func.max(Observation.observed_on)).where(Observation.school_id == school_id)
    )
    return None if latest is None else latest.replace(day=1)


async def data_version(session: AsyncSession, school_id: int) -> str:
    """A short key that changes whenever the school's observations or rubric change."""
    observations = (
        await session.execute(
            select(
                func.count(Observation.id),
                func.max(Observation.id),
                func.max(Observation.imported_at),
            ).where(Observation.school_id == school_id)
        )
    ).one()
    ratings = (
        await session.execute(
            select(func.count(Rating.id), func.max(Rating.id), func.sum(Rating.value))
            .join(Observation, Observation.id == Rating.observation_id)
            .where(Observation.school_id == school_id)
        )
    ).one()
    rubric_id = await session.scalar(select(School.rubric_id).where(School.id == school_id))
    raw = "|".join(str(part) for part in (rubric_id, *observations, *ratings))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]
