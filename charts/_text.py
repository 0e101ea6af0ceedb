"""Measured word wrapping, so labels fit the phone-width image in any script."""

import unicodedata

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

from charts._fonts import ensure_fonts

ELLIPSIS = "…"
DESIGN_DPI = 72.0
"""At 72 dpi one point is one pixel, so layouts are written in output pixels."""


class TextMeasure:
    """Measures text widths in design pixels with the Agg renderer (shaping included)."""

    def __init__(self) -> None:
        ensure_fonts()
        self._renderer = RendererAgg(8, 8, DESIGN_DPI)  # type: ignore[no-untyped-call]

    def width(self, text: str, prop: FontProperties) -> float:
        width, _, _ = self._renderer.get_text_width_height_descent(  # type: ignore[no-untyped-call]
            text, prop, ismath=False
        )
        return float(width)

    def wrap(self, text: str, prop: FontProperties, max_width: float, max_lines: int) -> list[str]:
        """Greedy word wrap to max_width; the last line ends in an ellipsis if text is cut."""
        words = text.split()
        lines: list[str] = []
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if current and self.width(candidate, prop) > max_width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        lines = [self._fit(line, prop, max_width, cut=False) for line in lines]
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self._fit(lines[-1], prop, max_width, cut=True)
        return lines or [""]

    def _fit(self, line: str, prop: FontProperties, max_width: float, cut: bool) -> str:
        """Shorten line until it (with an ellipsis when cut) fits in max_width."""
        if not cut and self.width(line, prop) <= max_width:
            return line
        while line and self.width(line + ELLIPSIS, prop) > max_width:
            line = _drop_last_cluster(line)
        return line.rstrip() + ELLIPSIS


def _drop_last_cluster(text: str) -> str:
    """Remove the last character and any combining marks, so no vowel sign dangles."""
    text = text[:-1]
    while text and unicodedata.category(text[-1]).startswith("M"):
        text = text[:-1]
    return text
