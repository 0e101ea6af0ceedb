"""The stats trend: one line per series (school average first) across periods."""

import math
from collections.abc import Sequence
from typing import Final, Literal

from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D

from charts import _fonts
from charts._canvas import INK, MUTED, TRACK, PixelCanvas, block_height
from charts._png import encode
from charts._text import TextMeasure
from charts.model import TrendChart, TrendSeries

WIDTH: Final = 720
PAD: Final = 28
PLOT_HEIGHT: Final = 360
Y_AXIS_SPACE: Final = 30
Y_LIMITS: Final = (0.8, 5.2)
Y_TICKS: Final = (1, 2, 3, 4, 5)
LEGEND_SAMPLE: Final = 64
VALUE_SPACE: Final = 60
PERIOD_GAP: Final = 12
MARKER_SIZE: Final = 12

MAX_TREND_SERIES: Final = 8
"""More lines than this on a phone-sized plot cannot be told apart."""

_Dash = Literal["-", "--", ":", "-."]
_Style = tuple[str, str, _Dash, float]
_SCHOOL_STYLE: Final[_Style] = ("#000000", "o", "-", 4.5)
_PRACTICE_STYLES: Final[tuple[_Style, ...]] = (
    ("#0072b2", "s", "--", 3.0),
    ("#d55e00", "^", ":", 3.0),
    ("#009e73", "D", "-.", 3.0),
    ("#cc79a7", "v", "--", 3.0),
    ("#e69f00", "P", ":", 3.0),
    ("#56b4e9", "X", "-.", 3.0),
    ("#7f7f7f", "*", "--", 3.0),
)
"""Okabe-Ito colours, each with its own marker and dash so colour is never the only cue."""


def render_trend(chart: TrendChart) -> bytes:
    """Render the trend chart as a small PNG for a phone screen."""
    _check(chart)
    title_font = _fonts.emphasis(chart.title, 34)
    tick_font = _fonts.regular(22)
    legend_font = _fonts.regular(24)
    value_font = _fonts.emphasis("0123456789.", 26)
    measure = TextMeasure()
    canvas = PixelCanvas(WIDTH)
    styles = (_SCHOOL_STYLE, *_PRACTICE_STYLES)

    title = measure.wrap(chart.title, title_font, WIDTH - 2 * PAD, 2)
    plot_top = canvas.lines(PAD, PAD, title, title_font) + 20
    plot_left = PAD + Y_AXIS_SPACE
    plot_width = WIDTH - plot_left - PAD
    axes = canvas.plot_axes(plot_left, plot_top, plot_width, PLOT_HEIGHT)
    _draw_plot(axes, chart, styles)

    for tick in Y_TICKS:
        share = (Y_LIMITS[1] - tick) / (Y_LIMITS[1] - Y_LIMITS[0])
        tick_y = plot_top + PLOT_HEIGHT * share
        canvas.text(
            plot_left - 8, tick_y, str(tick), tick_font, color=MUTED, ha="right", va="center"
        )

    y = _draw_periods(
        canvas, measure, chart.periods, plot_left, plot_width, plot_top + PLOT_HEIGHT + 8, tick_font
    )
    y += 20

    label_width = WIDTH - 2 * PAD - LEGEND_SAMPLE - 12 - VALUE_SPACE
    for series, style in zip(chart.series, styles, strict=False):
        lines = measure.wrap(series.label, legend_font, label_width, 2)
        mid = y + block_height(1, legend_font) / 2
        _legend_sample(canvas, PAD, mid, style)
        canvas.lines(PAD + LEGEND_SAMPLE + 12, y, lines, legend_font)
        latest = _latest(series)
        if latest is not None:
            canvas.text(WIDTH - PAD, mid, f"{latest:.1f}", value_font, ha="right", va="center")
        y += max(block_height(len(lines), legend_font), MARKER_SIZE * 2) + 6

    canvas.finish(y + PAD)
    return encode(canvas.figure, [color for color, _, _, _ in styles[: len(chart.series)]])


def _check(chart: TrendChart) -> None:
    if not chart.periods:
        raise ValueError("a trend needs at least one period")
    if not chart.series:
        raise ValueError("a trend needs at least one series")
    if len(chart.series) > MAX_TREND_SERIES:
        raise ValueError(f"{len(chart.series)} series; at most {MAX_TREND_SERIES} fit a trend")
    for series in chart.series:
        if len(series.values) != len(chart.periods):
            raise ValueError(f"series {series.label!r} needs one value per period")


def _draw_plot(axes: Axes, chart: TrendChart, styles: Sequence[_Style]) -> None:
    """Grid, threshold and lines; all text around the plot is drawn by the caller."""
    count = len(chart.periods)
    axes.set_xlim(-0.4, count - 0.6)
    axes.set_ylim(*Y_LIMITS)
    axes.set_axis_off()
    for tick in Y_TICKS:
        axes.axhline(tick, color=TRACK, linewidth=1.5, zorder=0)
    axes.axhline(chart.threshold, color=INK, linewidth=2.5, linestyle=(0, (6, 4)), zorder=1)
    xs = range(count)
    # Series are drawn last-first so the school average sits on top.
    for order, (series, (color, marker, dash, width)) in reversed(
        list(enumerate(zip(chart.series, styles, strict=False)))
    ):
        ys = [math.nan if value is None else value for value in series.values]
        axes.plot(
            xs,
            ys,
            color=color,
            linewidth=width,
            linestyle=dash,
            marker=marker,
            markersize=MARKER_SIZE,
            markeredgecolor="white",
            markeredgewidth=1.5,
            zorder=10 - order,
            clip_on=False,
        )


def _draw_periods(
    canvas: PixelCanvas,
    measure: TextMeasure,
    periods: Sequence[str],
    left: float,
    width: float,
    top: float,
    font: FontProperties,
) -> float:
    """Period labels under the plot, wrapped to two lines and thinned until they fit."""
    count = len(periods)
    slot = width / (count - 0.2) if count > 1 else width
    wrapped = [measure.wrap(period, font, width, 2) for period in periods]
    widest = max(measure.width(line, font) for lines in wrapped for line in lines)
    step = max(1, math.ceil((widest + PERIOD_GAP) / slot))
    shown = set(range(count - 1, -1, -step))
    lines_used = 1
    for index in sorted(shown):
        centre = left + slot * (index + 0.4)
        centre = min(max(centre, left + widest / 2 - 20), left + width - widest / 2 + 20)
        canvas.lines_centered(centre, top, wrapped[index], font, color=MUTED)
        lines_used = max(lines_used, len(wrapped[index]))
    return top + block_height(lines_used, font)


def _legend_sample(canvas: PixelCanvas, x: float, mid: float, style: _Style) -> None:
    color, marker, dash, width = style
    canvas.axes.add_line(
        Line2D(
            (x, x + LEGEND_SAMPLE / 2, x + LEGEND_SAMPLE),
            (mid, mid, mid),
            color=color,
            linewidth=width,
            linestyle=dash,
            marker=marker,
            markevery=[1],
            markersize=MARKER_SIZE,
            markeredgecolor="white",
            markeredgewidth=1.5,
        )
    )


def _latest(series: TrendSeries) -> float | None:
    """The most recent value of the series, which the legend prints beside its label."""
    for value in reversed(series.values):
        if value is not None:
            return value
    return None
