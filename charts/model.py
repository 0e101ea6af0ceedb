"""What the charts show: numbers and already-translated labels, nothing else."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PracticeBar:
    """One teaching practice's average (1.0-5.0), or None when no observation rated it."""

    label: str
    average: float | None


@dataclass(frozen=True)
class HeadlineChart:
    """The school average and each practice's average, split at the positive threshold."""

    title: str
    school_average_label: str
    school_average: float | None
    practices: Sequence[PracticeBar]
    positive_label: str
    improve_label: str
    no_data_label: str
    threshold: float = 4.0


@dataclass(frozen=True)
class TrendSeries:
    """One line of the trend: a label and one value (or None) per period."""

    label: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class TrendChart:
    """Averages over periods; the first series is the school average, then each practice."""

    title: str
    periods: Sequence[str]
    series: Sequence[TrendSeries]
    threshold: float = 4.0
