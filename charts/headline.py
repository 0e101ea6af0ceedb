"""The "Check stats" headline: school average and each practice as horizontal bars."""

from dataclasses import dataclass
from typing import Final

from charts import _fonts
from charts._canvas import (
    IMPROVE,
    INK,
    MUTED,
    POSITIVE,
    TRACK,
    PixelCanvas,
    block_height,
)
from charts._png import encode
from charts._text import TextMeasure
from charts.model import HeadlineChart

WIDTH: Final = 720
PAD: Final = 28
SCALE_MAX: Final = 5.0
BAR_HEIGHT: Final = 40
LABEL_GAP: Final = 6
ROW_GAP: Final = 22
VALUE_SPACE: Final = 70
SWATCH: Final = (44, 28)
IMPROVE_HATCH: Final = "//"
MAX_LABEL_LINES: Final = 2


@dataclass(frozen=True)
class _Row:
    lines: list[str]
    average: float | None
    is_school_average: bool


def render_headline(chart: HeadlineChart) -> bytes:
    """Render the headline chart as a small PNG for a phone screen."""
    title_font = _fonts.emphasis(chart.title, 34)
    label_font = _fonts.regular(26)
    average_font = _fonts.emphasis(chart.school_average_label, 27)
    value_font = _fonts.emphasis("0123456789.", 27)
    legend_font = _fonts.regular(24)
    scale_font = _fonts.regular(22)

    measure = TextMeasure()
    text_width = WIDTH - 2 * PAD
    title = measure.wrap(chart.title, title_font, text_width, 2)
    legend_items = [
        (chart.positive_label, POSITIVE, None),
        (chart.improve_label, IMPROVE, IMPROVE_HATCH),
    ]
    legend_text_width = text_width - SWATCH[0] - 12
    legend = [
        (measure.wrap(label, legend_font, legend_text_width, 2), color, hatch)
        for label, color, hatch in legend_items
    ]
    rows = [
        _Row(
            measure.wrap(chart.school_average_label, average_font, text_width, 2),
            chart.school_average,
            True,
        )
    ]
    rows += [
        _Row(measure.wrap(p.label, label_font, text_width, MAX_LABEL_LINES), p.average, False)
        for p in chart.practices
    ]

    canvas = PixelCanvas(WIDTH)
    y = canvas.lines(PAD, PAD, title, title_font) + 10

    for lines, color, hatch in legend:
        canvas.rect(PAD, y + 4, SWATCH[0], SWATCH[1], color, hatch=hatch)
        bottom = canvas.lines(PAD + SWATCH[0] + 12, y, lines, legend_font)
        y = max(bottom, y + SWATCH[1]) + 8
    y += 18

    track_x = PAD
    track_w = WIDTH - 2 * PAD - VALUE_SPACE

    def x_of(score: float) -> float:
        return track_x + track_w * min(max(score, 0.0), SCALE_MAX) / SCALE_MAX

    for index, row in enumerate(rows):
        font = average_font if row.is_school_average else label_font
        y = canvas.lines(PAD, y, row.lines, font) + LABEL_GAP
        canvas.rect(track_x, y, track_w, BAR_HEIGHT, TRACK)
        if row.average is None:
            canvas.text(
                track_x + 12,
                y + BAR_HEIGHT / 2,
                chart.no_data_label,
                label_font,
                color=MUTED,
                va="center",
            )
        else:
            positive = row.average >= chart.threshold
            color = POSITIVE if positive else IMPROVE
            hatch = None if positive else IMPROVE_HATCH
            end = x_of(row.average)
            canvas.rect(track_x, y, end - track_x, BAR_HEIGHT, color, hatch=hatch)
            canvas.text(
                WIDTH - PAD,
                y + BAR_HEIGHT / 2,
                f"{row.average:.1f}",
                value_font,
                ha="right",
                va="center_baseline",
            )
        mark = x_of(chart.threshold)
        canvas.line((mark, mark), (y - 6, y + BAR_HEIGHT + 6), INK, 3)
        y += BAR_HEIGHT + ROW_GAP
        if index == 0 and len(rows) > 1:
            canvas.line((PAD, WIDTH - PAD), (y - ROW_GAP / 2 + 4, y - ROW_GAP / 2 + 4), MUTED, 1.5)
            y += 8

    y += ROW_GAP - 8
    for tick in range(int(SCALE_MAX) + 1):
        canvas.text(x_of(tick), y, str(tick), scale_font, color=MUTED, ha="center")
    canvas.finish(y + block_height(1, scale_font) + PAD)
    return encode(canvas.figure, (POSITIVE, IMPROVE))
