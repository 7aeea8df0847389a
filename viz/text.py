"""Numbers and text as the diagrams print them."""

from __future__ import annotations

import html
import re

from autograd_lite.text import MINUS
from autograd_lite.text import number as engine_number


def number(x: float, digits: int = 4) -> str:
    """The engine's `text.number(x, digits)` (1e-7 → "1e-7", never 0.0000) with a true minus sign: "−10", "1e−7"."""
    return engine_number(x, digits, minus=MINUS)


def markup(text: str) -> str:
    """`text` escaped for a Graphviz HTML-like label."""
    return html.escape(text, quote=True)


# The names autograd_lite.nn gives parameters, and what a teacher writes for them on the board.
_PARAMETER = re.compile(r"(?:layers\.(\d+)\.)?(?:neurons\.(\d+)\.)?(w\.(\d+)|b)")


def short_name(name: str) -> str:
    """A parameter's name as a teacher writes it: layers.0.neurons.1.w.2 → W1[1,2], layers.1.neurons.3.b → b2[3].

    Layers count from 1 as in the lecture notes (W¹ is the first layer's matrix); a neuron's row and a weight's
    column count from 0, as `Layer.weight_matrix()` indexes them. Any other name is returned as it is.
    """
    match = _PARAMETER.fullmatch(name)
    if not match:
        return name
    layer, neuron, weight, column = match.groups()
    index = [i for i in (neuron, column) if i is not None]
    letter = "W" if weight.startswith("w") else "b"
    if neuron is None and letter == "W":
        letter = "w"  # a lone Neuron's weight vector
    return f"{letter}{int(layer) + 1 if layer else ''}" + (f"[{','.join(index)}]" if index else "")
