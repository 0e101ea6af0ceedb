"""Turn a Figure into a small, deterministic palette PNG within the byte budget."""

import io
from collections.abc import Sequence
from typing import Final

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from PIL import Image

from charts._text import DESIGN_DPI

MAX_BYTES: Final = 40_000
MAX_WIDTH: Final = 1280

_GREYS: Final = (
    (0, 26, 64, 89, 128, 160, 192, 232, 255),
    (0, 26, 89, 160, 232, 255),
    (0, 26, 89, 232, 255),
)
"""Each tier keeps the charts' own greys (ink, muted text, bar track) exact."""
_BLENDS: Final = ((1 / 3, 2 / 3), (1 / 2,), ())
"""Palette tiers: fewer anti-aliasing shades per colour buy fewer bytes."""
_SCALES: Final = (1.0, 0.95, 0.9, 0.85)


class ChartTooLargeError(ValueError):
    """Even the smallest palette and scale give a PNG over MAX_BYTES."""


def encode(figure: Figure, colours: Sequence[str]) -> bytes:
    """Render figure with Agg and map it onto a fixed palette of its colours.

    A fixed palette (the chart's own colours, their blends with white and a grey ramp) keeps
    every colour exact and the bytes deterministic; smaller tiers and scales are tried in turn.
    """
    smallest: int | None = None
    for scale in _SCALES:
        image = _rasterize(figure, DESIGN_DPI * scale)
        for greys, blends in zip(_GREYS, _BLENDS, strict=True):
            data = _to_png(image, _palette(colours, greys, blends))
            if len(data) <= MAX_BYTES:
                return data
            smallest = len(data) if smallest is None else min(smallest, len(data))
    raise ChartTooLargeError(f"chart PNG is {smallest} bytes, over the {MAX_BYTES} budget")


def _palette(
    colours: Sequence[str], greys: Sequence[int], blends: Sequence[float]
) -> list[tuple[int, int, int]]:
    entries: list[tuple[int, int, int]] = [(g, g, g) for g in greys]
    for colour in colours:
        rgb = to_rgb(colour)
        for share in (1.0, *blends):
            entry = tuple(round(255 * (share * c + (1 - share))) for c in rgb)
            entries.append((entry[0], entry[1], entry[2]))
    return list(dict.fromkeys(entries))


def _rasterize(figure: Figure, dpi: float) -> Image.Image:
    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    width, height = canvas.get_width_height()
    if width > MAX_WIDTH:
        raise ValueError(f"chart is {width} px wide, over MAX_WIDTH={MAX_WIDTH}")
    buffer = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    rgba = Image.frombuffer("RGBA", (width, height), buffer, "raw", "RGBA", 0, 1)
    return rgba.convert("RGB")


def _to_png(image: Image.Image, palette: list[tuple[int, int, int]]) -> bytes:
    target = Image.new("P", (1, 1))
    target.putpalette([channel for entry in palette for channel in entry])
    indexed = image.quantize(palette=target, dither=Image.Dither.NONE)
    out = io.BytesIO()
    indexed.save(out, format="PNG", optimize=True)
    return out.getvalue()
