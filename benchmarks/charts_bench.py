"""Render time and size of the stats charts for a realistic 5-practice school.

Run: python benchmarks/charts_bench.py
Cold is the first render in a fresh process (font registration and caches included);
warm is the median of 10 renders after that.
"""

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from charts import (
    HeadlineChart,
    PracticeBar,
    TrendChart,
    TrendSeries,
    render_headline,
    render_trend,
)

WARM_RUNS: Final = 10
PRACTICES: Final = (
    ("Creating High Expectations and Inclusive Learning Environment", 4.3),
    ("Lesson Planning and Delivery", 3.2),
    ("Checking for Understanding", 3.6),
    ("Classroom Management", 4.1),
    ("Use of Teaching and Learning Materials", 2.8),
)


def headline_chart() -> HeadlineChart:
    return HeadlineChart(
        title="Shree Janata Secondary School - stats",
        school_average_label="School average",
        school_average=3.6,
        practices=[PracticeBar(label, average) for label, average in PRACTICES],
        positive_label="Positive (4.0+)",
        improve_label="Needs improvement",
        no_data_label="No data",
    )


def trend_chart() -> TrendChart:
    periods = ["Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026"]
    series = [TrendSeries("School average", [3.1, 3.3, None, 3.6])]
    series += [
        TrendSeries(label, [round(average - 0.6 + 0.2 * p, 1) for p in range(len(periods))])
        for label, average in PRACTICES
    ]
    return TrendChart(title="Shree Janata Secondary School - trend", periods=periods, series=series)


RENDERERS: Final[dict[str, Callable[[], bytes]]] = {
    "headline": lambda: render_headline(headline_chart()),
    "trend": lambda: render_trend(trend_chart()),
}


def cold_seconds(name: str) -> float:
    """First render of the chart in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, __file__, "--cold", name], check=True, capture_output=True, text=True
    )
    return float(result.stdout.strip())


def warm_seconds(name: str) -> float:
    """Median of WARM_RUNS renders once the process is warm."""
    render = RENDERERS[name]
    render()
    times = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def png_bytes(name: str) -> int:
    return len(RENDERERS[name]())


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--cold":
        start = time.perf_counter()
        RENDERERS[sys.argv[2]]()
        print(time.perf_counter() - start)
        return
    print(f"{'image':<10} {'cold ms':>9} {'warm ms':>9} {'bytes':>8}")
    for name in RENDERERS:
        cold = cold_seconds(name) * 1000
        warm = warm_seconds(name) * 1000
        print(f"{name:<10} {cold:>9.0f} {warm:>9.0f} {png_bytes(name):>8}")


if __name__ == "__main__":
    main()
