"""The charts as a teacher's phone receives them: valid, small, legible PNGs."""

import io
import struct
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image

import charts
from charts import HeadlineChart, TrendChart, TrendSeries, render_headline, render_trend
from tests.charts import samples

Case = tuple[str, Callable[[], bytes]]

CASES: list[Case] = [
    ("headline 5 practices", lambda: render_headline(samples.english_headline())),
    ("headline 10 long labels", lambda: render_headline(samples.long_headline())),
    ("headline nepali", lambda: render_headline(samples.nepali_headline())),
    ("headline no data", lambda: render_headline(samples.empty_headline())),
    ("trend 3 periods", lambda: render_trend(samples.trend(3))),
    ("trend 12 periods", lambda: render_trend(samples.trend(12))),
    ("trend 12 periods nepali", lambda: render_trend(samples.trend(12, nepali=True))),
]


def _chunk_types(png: bytes) -> list[bytes]:
    types = []
    offset = 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        types.append(png[offset + 4 : offset + 8])
        offset += 12 + length
    return types


@pytest.mark.parametrize(("name", "render"), CASES, ids=[name for name, _ in CASES])
def test_png_fits_a_phone_and_the_data_budget(name: str, render: Callable[[], bytes]) -> None:
    png = render()
    with Image.open(io.BytesIO(png)) as image:
        image.verify()
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert 600 <= image.width <= charts.MAX_WIDTH
        assert image.height < 3 * image.width
    assert len(png) <= charts.MAX_BYTES


@pytest.mark.parametrize(("name", "render"), CASES, ids=[name for name, _ in CASES])
def test_same_input_gives_identical_bytes_without_metadata(
    name: str, render: Callable[[], bytes]
) -> None:
    first = render()
    assert render() == first
    assert set(_chunk_types(first)) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}


def test_concurrent_renders_match_sequential_ones() -> None:
    jobs: list[Callable[[], bytes]] = [
        lambda: render_headline(samples.english_headline()),
        lambda: render_headline(samples.nepali_headline()),
        lambda: render_trend(samples.trend(12)),
        lambda: render_trend(samples.trend(3, nepali=True)),
    ]
    sequential = [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            concurrent = list(pool.map(lambda job: job(), jobs))
            assert concurrent == sequential


def test_labels_with_dollar_signs_are_not_read_as_maths() -> None:
    chart = samples.english_headline()
    odd = HeadlineChart(
        title="Costs $5 and $10 - stats",
        school_average_label=chart.school_average_label,
        school_average=chart.school_average,
        practices=chart.practices,
        positive_label="$\\frac{a}{b}$ positive",
        improve_label=chart.improve_label,
        no_data_label=chart.no_data_label,
    )
    assert len(render_headline(odd)) <= charts.MAX_BYTES


def test_too_many_trend_series_is_refused() -> None:
    series = [TrendSeries(f"s{n}", [3.0]) for n in range(charts.MAX_TREND_SERIES + 1)]
    with pytest.raises(ValueError, match="series"):
        render_trend(TrendChart(title="t", periods=["Sep 2026"], series=series))


def test_series_must_match_the_periods() -> None:
    chart = TrendChart(title="t", periods=["Sep", "Oct"], series=[TrendSeries("a", [3.0])])
    with pytest.raises(ValueError, match="one value per period"):
        render_trend(chart)
