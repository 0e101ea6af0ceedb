"""A Figure whose drawing coordinates are output pixels, measured from the top left."""

from typing import Final

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from charts._text import DESIGN_DPI

INK: Final = "#1a1a1a"
MUTED: Final = "#595959"
TRACK: Final = "#e8e8e8"
BACKGROUND: Final = "#ffffff"
POSITIVE: Final = "#0072b2"
"""Okabe-Ito blue."""
IMPROVE: Final = "#d55e00"
"""Okabe-Ito vermillion."""
LINE_HEIGHT: Final = 1.4
"""Line height as a multiple of font size; Devanagari needs room above and below."""


class PixelCanvas:
    """Draws text, rectangles and lines at pixel positions on a white figure."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.figure = Figure(figsize=(width / DESIGN_DPI, 1.0), dpi=DESIGN_DPI)
        self.figure.patch.set_facecolor(BACKGROUND)
        self.axes = self.figure.add_axes((0.0, 0.0, 1.0, 1.0), zorder=0)
        self.axes.set_axis_off()
        self.axes.set_xlim(0, width)
        self._boxes: list[tuple[Axes, tuple[float, float, float, float]]] = []

    def plot_axes(self, left: float, top: float, width: float, height: float) -> Axes:
        """A regular Axes that will occupy the given pixel box."""
        axes = self.figure.add_axes((0.0, 0.0, 1.0, 1.0), zorder=1)
        self._boxes.append((axes, (left, top, width, height)))
        return axes

    def finish(self, height: float) -> None:
        """Fix the figure height once everything is drawn and place the plot axes."""
        self.figure.set_size_inches(self.width / DESIGN_DPI, height / DESIGN_DPI)
        self.axes.set_ylim(height, 0)
        for axes, (left, top, width, box_height) in self._boxes:
            bottom = height - top - box_height
            axes.set_position(
                (left / self.width, bottom / height, width / self.width, box_height / height)
            )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        prop: FontProperties,
        *,
        color: str = INK,
        ha: str = "left",
        va: str = "top",
    ) -> None:
        self.axes.text(
            x,
            y,
            text,
            fontproperties=prop,
            color=color,
            ha=ha,
            va=va,
            parse_math=False,
            usetex=False,
        )

    def lines(
        self, x: float, y: float, lines: list[str], prop: FontProperties, color: str = INK
    ) -> float:
        """Draw lines top-down from y; return the y just below the last one."""
        step = float(prop.get_size_in_points()) * LINE_HEIGHT
        for index, line in enumerate(lines):
            self.text(x, y + index * step, line, prop, color=color)
        return y + len(lines) * step

    def lines_centered(
        self, x: float, y: float, lines: list[str], prop: FontProperties, color: str = INK
    ) -> None:
        step = float(prop.get_size_in_points()) * LINE_HEIGHT
        for index, line in enumerate(lines):
            self.text(x, y + index * step, line, prop, color=color, ha="center")

    def rect(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        color: str,
        *,
        hatch: str | None = None,
    ) -> None:
        patch = Rectangle(
            (x, y), width, height, facecolor=color, edgecolor="none", linewidth=0, hatch=hatch
        )
        if hatch:
            patch.set_hatchcolor(BACKGROUND)
            patch.set_hatch_linewidth(2.5)
        self.axes.add_patch(patch)

    def line(
        self,
        xs: tuple[float, float],
        ys: tuple[float, float],
        color: str,
        width: float,
    ) -> None:
        self.axes.add_line(Line2D(xs, ys, color=color, linewidth=width, solid_capstyle="butt"))


def block_height(lines: int, prop: FontProperties) -> float:
    """Height of a block of text lines drawn with PixelCanvas.lines."""
    return lines * float(prop.get_size_in_points()) * LINE_HEIGHT
