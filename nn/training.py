"""Training a classifier on a toy data set: `fit()` (the `train` command that uses it is in autograd_lite.cli).

Two classes: one output logit z, binary cross-entropy from logits, predicted class 1 where z > 0.
More classes: one logit per class, cross-entropy, predicted class = argmax.

Ctrl-C never lands inside an optimizer step: `fit` raises `TrainingInterrupted` (a KeyboardInterrupt) between
two steps, with the finished epochs' history, and the model keeps every finished step. A loss that is not
finite or grows past EXPLODED times its first value (or past EXPLODED, if that was below 1) stops `fit` with
`DivergenceError`, before the step that loss would drive.
"""

from __future__ import annotations

import math
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from tqdm import tqdm

from autograd_lite import Value, no_grad
from autograd_lite.nn.datasets import make_circles, make_moons, make_spirals, make_xor
from autograd_lite.nn.layers import MLP
from autograd_lite.nn.losses import binary_cross_entropy, cross_entropy
from autograd_lite.nn.optim import Optimizer

DATASETS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "moons": make_moons,
    "circles": make_circles,
    "xor": make_xor,
    "spirals": make_spirals,
}
DEFAULT_NOISE = {"moons": 0.1, "circles": 0.05, "xor": 0.0, "spirals": 0.0}
DEFAULT_LR = {"adam": 0.05, "sgd": 0.5}  # SGD with momentum 0.9
# Measured on the four data sets, adam and sgd, full and 16-sample batches: learning rates up to 4× the defaults
# peak below 140× the first loss, and 1000× the defaults pass 10^9× within 20 epochs.
EXPLODED = 10_000


@dataclass
class History:
    """Per-epoch mean loss and training accuracy (measured on the epoch's own forward passes)."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)


class TrainingInterrupted(KeyboardInterrupt):
    """Ctrl-C during `fit`, raised between two optimizer steps: the model holds every finished step."""

    def __init__(self, history: History, epochs: int) -> None:
        super().__init__(f"training interrupted after {len(history.loss)} of {epochs} epochs")
        self.history, self.epochs = history, epochs


class DivergenceError(FloatingPointError):
    """The loss became non-finite or exploded: `reason` says when; the learning rate is likely too large."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}; try a smaller learning rate")
        self.reason = reason


def n_classes(y: np.ndarray) -> int:
    """The number of classes of labels 0, 1, …, k−1."""
    return int(np.max(y)) + 1


def loss_and_correct(model: MLP, points: np.ndarray, y: np.ndarray) -> tuple[Value, int]:
    """The mean loss over the batch (points, y) as a Value, and how many samples the model classifies right."""
    outputs = [model(x) for x in points]
    labels = y.tolist()
    if isinstance(outputs[0], Value):  # one logit: two classes
        correct = sum((z.data > 0.0) == (t == 1) for z, t in zip(outputs, labels))
        return binary_cross_entropy(outputs, labels), correct
    correct = sum(int(np.argmax([v.data for v in z])) == t for z, t in zip(outputs, labels))
    return cross_entropy(outputs, labels), correct


def logits(model: MLP, points: np.ndarray) -> np.ndarray:
    """The model's outputs for each row of `points` (no graph recorded): shape (n,) for one logit, else (n, k)."""
    with no_grad():
        outputs = [model(x) for x in points]
    if isinstance(outputs[0], Value):
        return np.array([z.data for z in outputs])
    return np.array([[v.data for v in z] for z in outputs])


def classify(z: np.ndarray) -> np.ndarray:
    """Predicted classes from logits: 1 where z > 0 for one logit, else the argmax of each row."""
    return (z > 0.0).astype(np.int64) if z.ndim == 1 else np.argmax(z, axis=1)


def accuracy(model: MLP, points: np.ndarray, y: np.ndarray) -> float:
    """The fraction of rows of `points` the model classifies as y."""
    return float(np.mean(classify(logits(model, points)) == y))


def fit(
    model: MLP,
    points: np.ndarray,
    y: np.ndarray,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int | None = None,
    seed: int | None = 0,
    progress: bool = True,
) -> History:
    """Train for `epochs` passes over (points, y) in shuffled mini-batches (the full batch by default).

    Ctrl-C raises `TrainingInterrupted` (its `.history`: the finished epochs) between two steps; a non-finite
    or exploding loss raises `DivergenceError` before its step is taken.
    """
    rng = np.random.default_rng(seed)
    size = len(y) if not batch_size else min(batch_size, len(y))
    history = History()
    first: float | None = None
    bar = tqdm(range(epochs), desc="training", unit="epoch", disable=not progress, file=sys.stderr)
    try:
        for epoch in bar:
            order = rng.permutation(len(y)) if size < len(y) else np.arange(len(y))
            total, right = 0.0, 0
            for start in range(0, len(y), size):
                rows = order[start : start + size]
                loss, correct = loss_and_correct(model, points[rows], y[rows])
                first = loss.data if first is None else first
                _check_loss(loss.data, first, epoch + 1, start // size + 1)
                optimizer.zero_grad()
                loss.backward()
                with _interrupts_wait():
                    optimizer.step()
                total += loss.data * len(rows)
                right += correct
            history.loss.append(total / len(y))
            history.accuracy.append(right / len(y))
            bar.set_postfix({"loss": f"{history.loss[-1]:.4f}", "acc": f"{history.accuracy[-1]:.1%}"}, refresh=False)
    except KeyboardInterrupt:
        raise TrainingInterrupted(history, epochs) from None
    finally:
        bar.close()
    return history


def _check_loss(loss: float, first: float, epoch: int, step: int) -> None:
    where = f"at epoch {epoch}, step {step}" + ("" if (epoch, step) == (1, 1) else f" (it started at {first:.4g})")
    if not math.isfinite(loss):
        raise DivergenceError(f"the loss became {loss} {where}")
    if loss > EXPLODED * max(first, 1.0):
        raise DivergenceError(f"the loss exploded to {loss:.4g} {where}")


@contextmanager
def _interrupts_wait() -> Iterator[None]:
    """Hold Ctrl-C until the block ends (then raise it), so that no optimizer step is left half done.

    Only in the main thread and with Python's own SIGINT handler in place; anything else is left alone.
    """
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    pending: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if pending:
        raise KeyboardInterrupt
