"""`autograd-lite train`: an MLP on a toy 2-D data set — progress bar, accuracy, saved model, pictures."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from autograd_lite.cli.common import os_error_line
from autograd_lite.nn import SGD, Adam, plotting
from autograd_lite.nn.layers import ACTIVATIONS, MLP
from autograd_lite.nn.serialization import MAX_PARAMETERS
from autograd_lite.nn.training import (
    DATASETS,
    DEFAULT_LR,
    DEFAULT_NOISE,
    DivergenceError,
    TrainingInterrupted,
    accuracy,
    fit,
    n_classes,
)

NAME = "train"
SUMMARY = "train a small MLP on a toy dataset"
EXAMPLE = "train --dataset moons --hidden 16,16 --epochs 100"
EXPRESSION = False
MAX_SAMPLES = 100_000
MAX_STEP_NUMBERS = 10_000_000  # a step's graph of batch × (parameters + 3 × neurons) numbers: about 1 GB


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
        if args.lr is not None and not 0 < args.lr < math.inf:
            raise ValueError(f"--lr must be a positive number, got {args.lr}")
        if args.noise is not None and not 0 <= args.noise < math.inf:
            raise ValueError(f"--noise is a standard deviation, a number at least 0, got {args.noise}")
        if args.samples > MAX_SAMPLES:
            raise ValueError(f"--samples must be at most {MAX_SAMPLES:,}, got {args.samples:,}")
        noise = DEFAULT_NOISE[args.dataset] if args.noise is None else args.noise
        points, y = DATASETS[args.dataset](args.samples, noise=noise, seed=args.seed)
        k = n_classes(y)
        nouts = [*hidden, 1 if k == 2 else k]
        _check_size(nouts, min(args.batch_size or len(y), len(y)))
        out = args.out if args.out is not None else Path(f"trained-{args.dataset}")
        out.mkdir(parents=True, exist_ok=True)
    except (ValueError, OSError) as e:
        print(f"autograd-lite train: error: {os_error_line(e) if isinstance(e, OSError) else e}", file=sys.stderr)
        return 2

    model = MLP(2, nouts, activation=args.activation, seed=args.seed)
    lr = args.lr if args.lr is not None else DEFAULT_LR[args.optimizer]
    params = model.parameters()
    optimizer = Adam(params, lr=lr) if args.optimizer == "adam" else SGD(params, lr=lr, momentum=0.9)
    print(
        f"{args.dataset}: {len(y)} points, {k} classes; {model!r}, {len(params)} parameters; {args.optimizer} lr={lr}"
    )

    try:
        history, stopped = fit(model, points, y, optimizer, args.epochs, args.batch_size or None, seed=args.seed), ""
    except TrainingInterrupted as e:  # Ctrl-C: keep what was learned
        history, stopped = e.history, f"\nstopped by Ctrl-C after {len(e.history.loss)} of {args.epochs} epochs"
        print(f"interrupted (Ctrl-C) after {len(history.loss)} of {args.epochs} epochs: saving what it learned so far")
    except DivergenceError as e:
        reason = f"training diverged: {e.reason}; try a smaller --lr than {lr}"
        print(f"autograd-lite train: error: {reason}", file=sys.stderr)
        return 1
    final = accuracy(model, points, y)
    print(f"final accuracy: {final:.1%} ({round(final * len(y))}/{len(y)} training points)")
    model.save(out / "model.json")
    print(f"model: {out / 'model.json'}  (load it with autograd_lite.nn.MLP.load)")
    code = 130 if stopped else 0  # 130: the shell's code for a run stopped by Ctrl-C

    try:
        shape = "→".join(map(str, [model.nin, *model.nouts]))
        title = f"{args.dataset}: MLP {shape} ({args.activation}), {final:.1%} training accuracy{stopped}"
        pictures = plotting.save_pictures(model, points, y, history, out, title=title)
    except ImportError as e:
        print(f"pictures skipped: {e}")
        return code
    for path in pictures:
        print(f"picture: {path}")
    return code


def _check_size(nouts: list[int], batch: int) -> None:
    """Refuse, before anything is built, a network too large to save or a step too large for memory."""
    parameters = MLP._count_parameters({"nin": 2, "nouts": nouts})
    if parameters > MAX_PARAMETERS:
        raise ValueError(
            f"--hidden {','.join(map(str, nouts[:-1]))} makes {parameters:,} parameters, more than the "
            f"{MAX_PARAMETERS:,} a model file holds"
        )
    numbers = batch * (parameters + 3 * sum(nouts))  # per sample: a weight per input of a dot, 3 nodes a neuron
    if numbers > MAX_STEP_NUMBERS:
        most = max(MAX_STEP_NUMBERS // (parameters + 3 * sum(nouts)), 1)
        raise ValueError(
            f"one step would hold {numbers:,} numbers in its graph (the batch of {batch:,} times this network), more "
            f"than {MAX_STEP_NUMBERS:,}; use --batch-size {most:,} or less, or a smaller --hidden"
        )


def _layer_sizes(text: str) -> list[int]:
    """'16,16' → [16, 16]; a ValueError naming the text otherwise."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise ValueError(f"--hidden takes positive layer sizes separated by commas, like 16,16; got {text!r}")
    return sizes
