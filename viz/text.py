"""Numbers and text as the diagrams print them."""

from __future__ import annotations

import html

from autograd_lite.naming import fmt


def number(x: float) -> str:
    """`naming.fmt(x)` (:.4g, 1e-7 → "1e-7", never 0.0000) with a true minus sign, as in print: "−10", "1e−7"."""
    return fmt(x).replace("-", "−")


def markup(text: str) -> str:
    """`text` escaped for a Graphviz HTML-like label."""
    return html.escape(text, quote=True)
