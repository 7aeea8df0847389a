"""Numbers and text as the diagrams print them."""

from __future__ import annotations

import html
import math


def number(x: float) -> str:
    """`x` with 4 significant digits (:.4g) and a true minus sign: 1e-7 → "1e−7", -10.0 → "−10", -0.0 → "0"."""
    if x == 0.0:
        return "0"  # also -0.0: a sign on zero only confuses a reader
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"  # 1e-07 → 1e-7, 1.5e+20 → 1.5e20
    return text.replace("-", "−")


def markup(text: str) -> str:
    """`text` escaped for a Graphviz HTML-like label."""
    return html.escape(text, quote=True)
