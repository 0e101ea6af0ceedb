"""Stats charts as small PNGs: numbers and translated labels in, image bytes out."""

from charts._png import MAX_BYTES, MAX_WIDTH, ChartTooLargeError
from charts.headline import render_headline
from charts.model import HeadlineChart, PracticeBar, TrendChart, TrendSeries
from charts.trend import MAX_TREND_SERIES, render_trend

__all__ = [
    "MAX_BYTES",
    "MAX_TREND_SERIES",
    "MAX_WIDTH",
    "ChartTooLargeError",
    "HeadlineChart",
    "PracticeBar",
    "TrendChart",
    "TrendSeries",
    "render_headline",
    "render_trend",
]
