"""Font registration and the font properties every text element uses."""

import threading
from functools import lru_cache
from typing import Final

import fontpkg
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties, get_font

DEVANAGARI_FAMILY: Final = "Noto Sans Devanagari"
LATIN_FAMILY: Final = "DejaVu Sans"

_lock = threading.Lock()
_registered = False


def ensure_fonts() -> None:
    """Register the Noto Sans Devanagari file with matplotlib once per process."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        path = str(fontpkg.path(DEVANAGARI_FAMILY))
        known = {entry.fname for entry in font_manager.fontManager.ttflist}
        if path not in known:
            font_manager.fontManager.addfont(path)
        _registered = True


def regular(size: float) -> FontProperties:
    """Noto Sans Devanagari covers Latin, digits and Devanagari; DejaVu Sans catches the rest."""
    ensure_fonts()
    return FontProperties(family=[DEVANAGARI_FAMILY, LATIN_FAMILY], size=size)


def emphasis(text: str, size: float) -> FontProperties:
    """DejaVu Sans Bold when it has every glyph of text, else the regular fallback list.

    The packaged Noto Sans Devanagari file is variable and matplotlib only uses its regular
    instance, so Devanagari text cannot be bold.
    """
    prop = FontProperties(family=[LATIN_FAMILY], weight="bold", size=size)
    if all(ord(char) in _bold_latin_charmap() for char in text if not char.isspace()):
        return prop
    return regular(size)


@lru_cache(maxsize=1)
def _bold_latin_charmap() -> frozenset[int]:
    prop = FontProperties(family=[LATIN_FAMILY], weight="bold")
    return frozenset(get_font(font_manager.findfont(prop)).get_charmap())
