"""Numbers and text as the diagrams print them."""

from __future__ import annotations

import html

from autograd_lite.text import MINUS
from autograd_lite.text import number as engine_number


def number(x: float, digits: int = 4) -> str:
    """The engine's `text.number(x, digits)` (1e-7 → "1e-7", never 0.0000) with a true minus sign: "−10", "1e−7"."""
    return engine_number(x, digits, minus=MINUS)


def markup(text: str) -> str:
    """`text` escaped for a Graphviz HTML-like label."""
    return html.escape(text, quote=True)
