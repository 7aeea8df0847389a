"""Numbers as a person reads them: the one formatter behind every printed, drawn and explained number."""

from __future__ import annotations

import math

MINUS = "−"  # U+2212, the true minus sign of diagrams


def number(x: float, digits: int | None = 4, minus: str = "-") -> str:
    """`x` in at most `digits` significant digits, compactly: -10.0 → "-10", 1e-07 → "1e-7", -0.0 → "0".

    `digits=None` writes the shortest text that reads back as the same float (the command line's exact
    results: 0.1, -20, 1e-07 → "1e-7"). `minus="−"` puts the true minus sign of typeset math in its place.
    """
    if x == 0.0:
        text = "0"  # also -0.0: a sign on zero only confuses a reader
    elif not math.isfinite(x):
        text = str(x)  # inf, -inf, nan
    else:
        text = repr(float(x)) if digits is None else f"{x:.{digits}g}"
        if text.endswith(".0"):
            text = text[:-2]
        if "e" in text:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}e{int(exponent)}"  # 1e-07 → 1e-7, 1.5e+20 → 1.5e20
    return text.replace("-", minus) if minus != "-" else text


def factor(x: float) -> str:
    """`x` as a factor after `·` or `+`: negative numbers in parentheses, `1 · (-10)`."""
    text = number(x)
    return f"({text})" if text.startswith("-") else text


def product(numbers: list[float] | tuple[float, ...]) -> str:
    """`a · b · c` with every factor after the first parenthesised when negative: `-10 · (-2)`."""
    return " · ".join(number(x) if i == 0 else factor(x) for i, x in enumerate(numbers))
