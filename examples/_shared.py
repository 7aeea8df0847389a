"""What the lessons share: NumPy arrays of Values, headings, aligned tables, saving diagrams."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from autograd_lite import Value
from autograd_lite.text import number


def leaves(array: Any, name: str) -> list[Any]:
    """A nested list of leaf Values with the numbers of `array`, labelled name[i] or name[i,j]."""
    array = np.asarray(array, dtype=float)
    if array.ndim == 1:
        return [Value(float(v), label=f"{name}[{i}]") for i, v in enumerate(array)]
    if array.ndim == 2:
        return [[Value(float(v), label=f"{name}[{i},{j}]") for j, v in enumerate(row)] for i, row in enumerate(array)]
    raise ValueError(f"leaves() takes a 1-D or 2-D array, got {array.ndim}-D for {name!r}")


def data(values: Any) -> np.ndarray:
    """The forward values of a (nested) list of Values, as a NumPy array."""
    return np.vectorize(lambda v: v.data, otypes=[float])(np.array(values, dtype=object))


def grads(values: Any) -> np.ndarray:
    """The gradients of a (nested) list of Values, as a NumPy array."""
    return np.vectorize(lambda v: v.grad, otypes=[float])(np.array(values, dtype=object))


def heading(title: str) -> None:
    """Print a lesson's section title, underlined."""
    print(f"\n{title}\n{'-' * len(title)}")


def num(x: float) -> str:
    """A number as the lessons print it: the engine's formatter with 6 significant digits (-0 shown as 0)."""
    return number(x, 6)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], indent: str = "  ") -> None:
    """Print rows as aligned columns; floats with 6 significant digits."""
    cells = [[num(c) if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in [list(headers), *cells]) for i in range(len(headers))]
    for row in [list(headers), *cells]:
        print(indent + "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def max_abs_diff(a: Any, b: Any) -> float:
    """max |a − b| over all entries."""
    return float(np.max(np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float))))


def output_path(out_dir: Path | None, filename: str) -> Path | None:
    """out_dir/filename (creating out_dir), or None when the lesson was asked for no files."""
    if out_dir is None:
        return None
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return out_dir / filename
