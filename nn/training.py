"""Training a classifier on a toy data set: `fit()` and the `autograd-lite train` command.

Two classes: one output logit z, binary cross-entropy from logits, predicted class 1 where z > 0.
More classes: one logit per class, cross-entropy, predicted class = argmax.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from autograd_lite import Value, no_grad
from autograd_lite.nn.datasets import make_circles, make_moons, make_spirals, make_xor
from autograd_lite.nn.layers import ACTIVATIONS, MLP
from autograd_lite.nn.losses import binary_cross_entropy, cross_entropy
from autograd_lite.nn.optim import SGD, Adam, Optimizer

DATASETS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "moons": make_moons,
    "circles": make_circles,
    "xor": make_xor,
    "spirals": make_spirals,
}
DEFAULT_NOISE = {"moons": 0.1, "circles": 0.05, "xor": 0.0, "spirals": 0.0}
DEFAULT_LR = {"adam": 0.05, "sgd": 0.5}  # SGD with momentum 0.9


@dataclass
class History:
    """Per-epoch mean loss and training accuracy (measured on the epoch's own forward passes)."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)


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
    """Train for `epochs` passes over (points, y) in shuffled mini-batches (the full batch by default)."""
    rng = np.random.default_rng(seed)
    size = len(y) if not batch_size else min(batch_size, len(y))
    history = History()
    bar = tqdm(range(epochs), desc="training", unit="epoch", disable=not progress, file=sys.stderr)
    for _ in bar:
        order = rng.permutation(len(y)) if size < len(y) else np.arange(len(y))
        total, right = 0.0, 0
        for start in range(0, len(y), size):
            rows = order[start : start + size]
            loss, correct = loss_and_correct(model, points[rows], y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.data * len(rows)
            right += correct
        history.loss.append(total / len(y))
        history.accuracy.append(right / len(y))
        bar.set_postfix({"loss": f"{history.loss[-1]:.4f}", "acc": f"{history.accuracy[-1]:.1%}"}, refresh=False)
    return history


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `autograd-lite train`."""
    parser.description = "Train an MLP on a toy 2-D data set: progress bar, accuracy, saved model, pictures."
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="moons", help="data set (default moons)")
    parser.add_argument("--samples", type=int, default=100, help="number of points (default 100)")
    parser.add_argument("--noise", type=float, help="noise std (default moons 0.1, circles 0.05, xor/spirals 0)")
    parser.add_argument("--hidden", default="16,16", help="hidden layer sizes, comma-separated (default 16,16)")
    parser.add_argument(
        "--activation", choices=[a for a in ACTIVATIONS if a], default="relu", help="hidden activation (relu)"
    )
    parser.add_argument("--epochs", type=int, default=100, help="passes over the data (default 100)")
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam", help="adam (default) or sgd")
    parser.add_argument("--lr", type=float, help="learning rate (default adam 0.05, sgd 0.5 with momentum 0.9)")
    parser.add_argument("--batch-size", type=int, default=0, help="samples per step (default 0: the full batch)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the data, the weights and the shuffling")
    parser.add_argument("--out", type=Path, help="output folder (default ./trained-DATASET)")


def run(args: argparse.Namespace) -> int:
    """Train, report, save the model and the pictures; 2 with one line on stderr for bad input."""
    try:
        hidden = _layer_sizes(args.hidden)
        for name, value, low in (("--epochs", args.epochs, 1), ("--samples", args.samples, 4)):
            if value < low:
                raise ValueError(f"{name} must be at least {low}, got {value}")
        if args.batch_size < 0:
            raise ValueError(f"--batch-size must be at least 0 (0: the full batch), got {args.batch_size}")
        if args.lr is not None and not args.lr > 0:
            raise ValueError(f"--lr must be positive, got {args.lr}")
        if args.noise is not None and not args.noise >= 0:
            raise ValueError(f"--noise is a standard deviation, at least 0, got {args.noise}")
        out = args.out if args.out is not None else Path(f"trained-{args.dataset}")
        out.mkdir(parents=True, exist_ok=True)
    except (ValueError, OSError) as e:
        print(f"autograd-lite train: error: {e}", file=sys.stderr)
        return 2

    noise = DEFAULT_NOISE[args.dataset] if args.noise is None else args.noise
    points, y = DATASETS[args.dataset](args.samples, noise=noise, seed=args.seed)
    k = n_classes(y)
    model = MLP(2, [*hidden, 1 if k == 2 else k], activation=args.activation, seed=args.seed)
    lr = args.lr if args.lr is not None else DEFAULT_LR[args.optimizer]
    params = model.parameters()
    optimizer = Adam(params, lr=lr) if args.optimizer == "adam" else SGD(params, lr=lr, momentum=0.9)
    print(
        f"{args.dataset}: {len(y)} points, {k} classes; {model!r}, {len(params)} parameters; {args.optimizer} lr={lr}"
    )

    history = fit(model, points, y, optimizer, args.epochs, args.batch_size or None, seed=args.seed)
    final = accuracy(model, points, y)
    print(f"final accuracy: {final:.1%} ({round(final * len(y))}/{len(y)} training points)")
    model.save(out / "model.json")
    print(f"model: {out / 'model.json'}  (load it with autograd_lite.nn.MLP.load)")

    from autograd_lite.nn import plotting

    try:
        shape = "→".join(map(str, [model.nin, *model.nouts]))
        title = f"{args.dataset}: MLP {shape} ({args.activation}), {final:.1%} training accuracy"
        pictures = plotting.save_pictures(model, points, y, history, out, title=title)
    except ImportError as e:
        print(f"pictures skipped: {e}")
        return 0
    for path in pictures:
        print(f"picture: {path}")
    return 0


def _layer_sizes(text: str) -> list[int]:
    """'16,16' → [16, 16]; a ValueError naming the text otherwise."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise ValueError(f"--hidden takes positive layer sizes separated by commas, like 16,16; got {text!r}")
    return sizes
