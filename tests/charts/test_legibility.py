"""What a teacher must be able to read: Devanagari text, and status without colour."""

import io
import itertools
from collections.abc import Iterator

import pytest
from matplotlib import font_manager
from matplotlib._text_helpers import layout
from matplotlib.font_manager import get_font
from PIL import Image

import charts
from charts import _fonts, render_headline, render_trend
from charts._canvas import IMPROVE, POSITIVE
from charts.headline import PAD, WIDTH
from tests.charts import samples

NOTO_FILE = "NotoSansDevanagari"


def test_devanagari_glyphs_come_from_the_noto_file_and_are_shaped() -> None:
    prop = _fonts.regular(26)
    font = get_font(font_manager.fontManager._find_fonts_by_props(prop))
    word = "क्षेत्र"  # conjuncts: shaping joins consonant + virama + consonant into one glyph
    items = list(layout(word, font))
    assert items
    assert all(NOTO_FILE in item.ft_object.fname for item in items)
    assert all(item.glyph_index != 0 for item in items)
    assert len(items) < len(word)


def test_nepali_charts_render_without_missing_glyphs() -> None:
    # pyproject's filterwarnings=error turns matplotlib's "Glyph ... missing" into a failure.
    render_headline(samples.nepali_headline())
    render_trend(samples.trend(4, nepali=True))


def test_without_the_noto_font_the_nepali_chart_would_show_missing_glyphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_fonts, "DEVANAGARI_FAMILY", _fonts.LATIN_FAMILY)
    with pytest.warns(UserWarning, match="missing from font"):
        render_headline(samples.nepali_headline())


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = int(hex_colour.lstrip("#"), 16)
    return (value >> 16, (value >> 8) & 0xFF, value & 0xFF)


def _bar_runs(image: Image.Image) -> Iterator[tuple[str, int, int]]:
    """Vertical runs of pixel rows crossing a bar (wider than a legend swatch), by status."""
    colours = {_rgb(IMPROVE): "improve", _rgb(POSITIVE): "positive"}
    run: tuple[str, int] | None = None
    for y in range(image.height):
        strip = [image.getpixel((x, y)) for x in range(PAD, PAD + 100)]
        found = {colours[p] for p in strip if p in colours}
        status = found.pop() if len(found) == 1 and sum(p in colours for p in strip) > 50 else None
        if run and status != run[0]:
            yield run[0], run[1], y
            run = None
        if status and not run:
            run = (status, y)


def test_needs_improvement_bars_are_hatched_and_every_bar_shows_its_value() -> None:
    png = render_headline(samples.english_headline())
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == WIDTH
    runs = list(_bar_runs(image))
    # school average 3.5, then 4.3, 3.2, (no data), 4.0, 2.6
    assert [status for status, _, _ in runs] == [
        "improve",
        "positive",
        "improve",
        "positive",
        "improve",
    ]
    white = (255, 255, 255)
    for status, top, bottom in runs:
        middle = (top + bottom) // 2
        strip = [image.getpixel((x, middle)) for x in range(PAD, PAD + 100)]
        changes = sum(a != b for a, b in itertools.pairwise(strip))
        if status == "improve":
            assert white in strip and changes >= 6, "hatching tells improve bars apart"
        else:
            assert white not in strip and changes == 0
        value_box = image.crop((WIDTH - PAD - 60, top, WIDTH - PAD, bottom)).convert("L")
        darkest = value_box.getextrema()[0]
        assert isinstance(darkest, int) and darkest < 80, "the value is printed beside the bar"


def _bars(png: bytes) -> list[tuple[str, int, int]]:
    return list(_bar_runs(Image.open(io.BytesIO(png)).convert("RGB")))


def test_no_data_practice_has_no_bar_but_says_so() -> None:
    with_data = render_headline(samples.english_headline(averages=(4.3,) * 5))
    without = render_headline(samples.english_headline(averages=(4.3, 4.3, None, 4.3, 4.3)))
    assert len(_bars(with_data)) == 6
    assert len(_bars(without)) == 5


def test_max_constants_are_the_documented_budget() -> None:
    assert charts.MAX_BYTES == 40_000
    assert charts.MAX_WIDTH == 1280
