"""`Op`: the record of one operation — its name, how it prints, its symbol, its derivative rules as formulas.

The records themselves are in `ops.py`, beside the functions that compute each op's value and local
derivatives; every node points to its record (`naming.describe`, diagrams and the command line read it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from autograd_lite.text import factor, number

T = TypeVar("T")
MAX_ARGS = 8  # an n-ary op (a neuron's dot) can have hundreds of inputs: `write` shows the first and last


@dataclass(frozen=True)
class Op:
    """One operation: `name` is `Value.op`; `form` writes the node with its inputs' names ({0}, {1}: the inputs,
    {c}: the folded constant, {*}: all inputs); `symbol` is drawn in a diagram's op node; `rules` are the
    local derivatives ∂out/∂input as formulas in the same placeholders (one per input; one for all of an
    n-ary op); `function` is the name an expression calls it by (`tanh(x)`), "" for operators."""

    name: str
    form: str
    symbol: str
    rules: tuple[str, ...]
    function: str = ""

    def write(self, inputs: Sequence[str], constant: float | None = None) -> str:
        """The node as a formula of its inputs' names: `d * c`, `x ** 2`, `tanh(n2)`, `sum(a, b, … 9 more, z)`."""
        return _fill(self.form, inputs, constant)

    def rule(self, i: int, inputs: Sequence[str], constant: float | None = None) -> str:
        """∂out/∂(input i) as a formula of the inputs' names: for `d * c`, rule(0) is `c`."""
        return _fill(self.rules[min(i, len(self.rules) - 1)], inputs, constant)


def _fill(form: str, inputs: Sequence[str], c: float | None) -> str:
    """`form` with {0}, {1} the first inputs' names, {*} all of them (elided past MAX_ARGS), {c} the constant."""
    if "{*}" in form:
        shown = written(inputs)
        if len(inputs) > MAX_ARGS:
            shown.insert(-1, f"… {len(inputs) - MAX_ARGS + 1} more")
        form = form.replace("{*}", ", ".join(shown))
    if c is not None:  # first in the formula it needs no parentheses: `3 - x`, but `x - (-3)`
        form = form.replace("{c}", number(c) if form.startswith("{c}") else factor(c))
    for k, name in enumerate(inputs[:2]):
        form = form.replace(f"{{{k}}}", name)
    return form


def written(inputs: Sequence[T]) -> list[T]:
    """The inputs a formula writes out: all of them, or past MAX_ARGS the first MAX_ARGS - 2 and the last."""
    return list(inputs) if len(inputs) <= MAX_ARGS else [*inputs[: MAX_ARGS - 2], inputs[-1]]


LEAF = Op("", "", "", ())  # the record of a leaf: made by no operation
