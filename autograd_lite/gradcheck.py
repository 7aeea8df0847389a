"""`gradcheck(f, inputs)`: backward() against central finite differences, input by input, with the cost of each.

Seed 000 §2.4: finite differences need forward passes per input (here two, f(x+ε) and f(x−ε)),
backpropagation one forward and one backward pass for every gradient at once. The check is
the slow way used to trust the fast one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from autograd_lite.grad_mode import no_grad
from autograd_lite.numeric import as_real
from autograd_lite.value import Value


@dataclass(frozen=True)
class GradcheckRow:
    """One input: its value, ∂f/∂input from backward (analytic) and from central differences (numeric)."""

    name: str
    value: float
    analytic: float
    numeric: float
    abs_err: float
    rel_err: float
    ok: bool


class GradcheckReport:
    """The result of `gradcheck`: truthy when every gradient agrees; `str()` is a per-input table."""

    def __init__(self, name: str, output: float, rows: list[GradcheckRow], eps: float, atol: float, rtol: float):
        self.name, self.output, self.rows = name, output, rows
        self.eps, self.atol, self.rtol = eps, atol, rtol
        self.forward_passes = 2 * len(rows)  # the finite differences; backprop needed 1 forward + 1 backward

    @property
    def ok(self) -> bool:
        """True when every input's analytic and numeric gradients agree within atol + rtol·|numeric|."""
        return all(row.ok for row in self.rows)

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        n = len(self.rows)
        args = ", ".join(row.name for row in self.rows)
        at = ", ".join(f"{row.name}={row.value:.6g}" for row in self.rows)
        lines = [f"gradcheck of {self.name}({args}) at {at}: {self.name} = {self.output:.6g}"]
        width = max(5, *(len(row.name) for row in self.rows))
        lines.append(f"{'input':<{width}} {'analytic':>13} {'numeric':>13} {'abs err':>9} {'rel err':>9}  ok")
        for row in self.rows:
            lines.append(
                f"{row.name:<{width}} {row.analytic:>13.7g} {row.numeric:>13.7g} {row.abs_err:>9.1e}"
                f" {row.rel_err:>9.1e}  {'yes' if row.ok else 'NO'}"
            )
        rule = f"|analytic − numeric| ≤ atol + rtol·|numeric| with atol={self.atol:g}, rtol={self.rtol:g}"
        bad = [row.name for row in self.rows if not row.ok]
        grads = "1 gradient" if n == 1 else f"{n} gradients"
        if bad:
            lines.append(f"{len(bad)} of {grads} DISAGREE ({', '.join(bad)}): not {rule}")
            lines.append(
                "(at a kink such as relu(0) or abs(0) the difference quotient sees both sides: check off kinks)"
            )
        else:
            lines.append(f"{'the' if n == 1 else 'all'} {grads} {'agrees' if n == 1 else 'agree'}: {rule}")
        lines.append(
            f"cost: central differences took {self.forward_passes} forward passes (2 per input, eps={self.eps:g});\n"
            f"      backprop took 1 forward + 1 backward pass for {'the' if n == 1 else 'all'} {grads}"
        )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Jupyter: the per-input table as an HTML table, with the verdict and the cost under it."""
        from autograd_lite.rich import lines_html, table

        headline, _, *rest = str(self).splitlines()
        rows = [
            (r.name, f"{r.value:.6g}", f"{r.analytic:.7g}", f"{r.numeric:.7g}", f"{r.abs_err:.1e}", f"{r.rel_err:.1e}",
             "yes" if r.ok else "NO")
            for r in self.rows
        ]
        headers = ("input", "value", "analytic", "numeric", "abs err", "rel err", "ok")
        verdict = rest[len(self.rows) :]
        return table(headers, rows, headline, "autograd-lite-gradcheck") + lines_html(verdict, "verdict")


def gradcheck(
    f: Callable[..., Any],
    inputs: float | Sequence[float | Value],
    eps: float = 1e-6,
    atol: float = 1e-6,
    rtol: float = 1e-4,
) -> GradcheckReport:
    """Compare ∂f/∂xᵢ from backward with (f(x + ε·eᵢ) − f(x − ε·eᵢ)) / 2ε for each input xᵢ.

    `f` takes one Value per input as positional arguments and returns a Value (a plain number
    means a constant: every gradient is 0). `inputs` is a number or a sequence of numbers
    (a Value counts as its data and keeps its label; its grad is not touched). Rows are named
    by f's parameter names when it has them.
    """
    xs, labels = _numbers(inputs)
    eps, atol, rtol = (as_real(t, f"gradcheck() {n}") for t, n in ((eps, "eps"), (atol, "atol"), (rtol, "rtol")))
    if not (0.0 < eps < 1.0):
        raise ValueError(f"gradcheck() eps must be a small positive step such as 1e-6, got {eps!r}")
    if not (atol >= 0.0 and rtol >= 0.0):
        raise ValueError(f"gradcheck() tolerances must be ≥ 0, got atol={atol!r}, rtol={rtol!r}")
    fname = getattr(f, "__name__", "f")
    fname = "f" if fname == "<lambda>" else fname
    names = [label or param for label, param in zip(labels, _parameter_names(f, len(xs)))]
    leaves = [Value(x, label=name) for x, name in zip(xs, names)]
    out = f(*leaves)
    if type(out) is Value:
        out.backward()
    output = _number(out, fname)
    rows = []
    for i, (x, name, leaf) in enumerate(zip(xs, names, leaves)):
        numeric = (_shifted(f, fname, xs, i, eps) - _shifted(f, fname, xs, i, -eps)) / (2.0 * eps)
        analytic = leaf.grad if type(out) is Value else 0.0
        rows.append(_row(name, x, analytic, numeric, atol, rtol))
    return GradcheckReport(fname, output, rows, eps, atol, rtol)


def _numbers(inputs: object) -> tuple[list[float], list[str]]:
    """The input numbers and their labels ("" when a plain number)."""
    items = [inputs] if isinstance(inputs, int | float | Value) else inputs
    try:
        items = list(items)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(
            f"gradcheck() inputs must be a number or a sequence of numbers, got {type(inputs).__name__}: {inputs!r}"
        ) from None
    if not items:
        raise ValueError("gradcheck() needs at least one input, got an empty sequence")
    xs = [x.data if type(x) is Value else as_real(x, f"gradcheck() input {i}") for i, x in enumerate(items)]
    return xs, [x.label if type(x) is Value else "" for x in items]


def _parameter_names(f: Callable[..., Any], n: int) -> list[str]:
    """f's positional parameter names for n arguments, else x0, x1, …"""
    try:
        params = list(inspect.signature(f).parameters.values())
    except (TypeError, ValueError):
        params = []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    names = [p.name for p in params if p.kind in kinds]
    return names[:n] if len(names) >= n else [f"x{i}" for i in range(n)]


def _shifted(f: Callable[..., Any], fname: str, xs: list[float], i: int, h: float) -> float:
    """f with input i moved by h: a forward pass recording no graph."""
    with no_grad():
        return _number(f(*(Value(x + h if j == i else x) for j, x in enumerate(xs))), fname)


def _number(out: object, fname: str) -> float:
    if type(out) is Value:
        return out.data
    return as_real(out, f"the result of {fname}()")


def _row(name: str, x: float, analytic: float, numeric: float, atol: float, rtol: float) -> GradcheckRow:
    if analytic == numeric:  # also equal infinities, whose difference would be nan
        return GradcheckRow(name, x, analytic, numeric, 0.0, 0.0, True)
    abs_err = abs(analytic - numeric)
    rel_err = abs_err / max(abs(analytic), abs(numeric))
    ok = abs_err <= atol + rtol * abs(numeric)  # False for nan
    return GradcheckRow(name, x, analytic, numeric, abs_err, rel_err, ok)
