"""Turn a Figure into a small, deterministic palette PNG within the byte budget."""

import io
from typing import Final

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from charts._text import DESIGN_DPI

MAX_BYTES: Final = 40_000
MAX_WIDTH: Final = 1280

_PALETTE_SIZES: Final = (32, 16, 8)
_SCALES: Final = (1.0, 0.9, 0.8)


class ChartTooLargeError(ValueError):
    """Even the smallest palette and scale give a PNG over MAX_BYTES."""


def encode(figure: Figure) -> bytes:
    """Render figure with Agg and encode it, trading colours then scale for bytes."""
    smallest = 0
    for scale in _SCALES:
        image = _rasterize(figure, DESIGN_DPI * scale)
        for colours in _PALETTE_SIZES:
            data = _to_png(image, colours)
            if len(data) <= MAX_BYTES:
                return data
            smallest = len(data) if not smallest else min(smallest, len(data))
    raise ChartTooLargeError(f"chart PNG is {smallest} bytes, over the {MAX_BYTES} budget")


def _rasterize(figure: Figure, dpi: float) -> Image.Image:
    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    width, height = canvas.get_width_height()
    if width > MAX_WIDTH:
        raise ValueError(f"chart is {width} px wide, over MAX_WIDTH={MAX_WIDTH}")
    rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    return rgba.convert("RGB")


def _to_png(image: Image.Image, colours: int) -> bytes:
    palette = image.quantize(
        colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()
