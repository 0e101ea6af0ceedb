"""Unit tests of the HTML parser and flood windows."""

from __future__ import annotations

import pytest

from fakebotapi import ApiError, Limits
from fakebotapi.limits import FloodControl, parse_html, utf16_len


def test_parse_html_entities_and_offsets() -> None:
    text, entities = parse_html('<b>bo<i>th</i></b> 😀<a href="https://x.org/?a=1&amp;b=2">l</a>')
    assert text == "both 😀l"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 2, "length": 2},
        {"type": "text_link", "url": "https://x.org/?a=1&b=2", "offset": 7, "length": 1},
    ]
    assert utf16_len("😀") == 2
    text, entities = parse_html('<pre><code class="language-python">x &lt; 1</code></pre>&#8364;')
    assert text == "x < 1€"
    assert entities == [{"type": "pre", "language": "python", "offset": 0, "length": 5}]


@pytest.mark.parametrize("html", ["<b>x", "a <x> b", "<b><i>x</b></i>", "x </b>", "1 < 2"])
def test_parse_html_errors(html: str) -> None:
    with pytest.raises(ApiError, match="can't parse entities") as info:
        parse_html(html)
    assert info.value.status == 400


def test_flood_windows() -> None:
    flood = FloodControl(Limits(group_per_minute=3, chat_burst=10))
    assert flood.check(-1, True, 2, 100.0) is None
    assert flood.check(-1, True, 1, 110.0) is None
    assert flood.check(-1, True, 1, 120.0) == (40, "group")
    assert flood.check(-1, True, 1, 160.5) is None
    private = FloodControl(Limits())
    for _ in range(3):
        assert private.check(5, False, 1, 0.0) is None
    assert private.check(5, False, 1, 0.0) == (1, "chat")
    assert private.check(5, False, 1, 1.0) is None
