"""micrograd's demo.ipynb (karpathy/micrograd@c911406, cells 3 to 7) as it is, for any `Value` and model class.

The data come from `sklearn.datasets.make_moons(n_samples=100, noise=0.1)` after `np.random.seed(1337)`;
`moons_as_sklearn` makes the same points with NumPy alone (scikit-learn is not a dependency), and the
demo's first loss, 0.8958441028683222, proves they are the same. tests/data/micrograd_demo_losses.txt
holds the losses and accuracies the notebook printed (its saved output, 100 steps).
"""
# ruff: noqa: N803, N806, UP034  (the notebook as written: its names Value, X, Xb and its sum((...)))

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

LOSSES_FILE = Path(__file__).parent / "data" / "micrograd_demo_losses.txt"


def moons_as_sklearn(n_samples: int = 100, noise: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's make_moons with random_state=None: NumPy's global generator shuffles, then adds noise."""
    n_out, n_in = n_samples // 2, n_samples - n_samples // 2
    outer = np.linspace(0, np.pi, n_out)
    inner = np.linspace(0, np.pi, n_in)
    X = np.vstack([np.append(np.cos(outer), 1 - np.cos(inner)), np.append(np.sin(outer), 1 - np.sin(inner) - 0.5)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    order = np.arange(n_samples)
    np.random.shuffle(order)
    X, y = X[order], y[order]
    X += np.random.normal(scale=noise, size=X.shape)
    return X, y


def notebook_losses() -> list[tuple[float, float]]:
    """(loss, accuracy in %) of each of the 100 steps, as the demo notebook printed them."""
    rows = [line.split() for line in LOSSES_FILE.read_text(encoding="utf-8").splitlines()]
    return [(float(loss), float(accuracy)) for _, loss, accuracy in rows]


def demo(Value: type, make_model: Callable[[], object], steps: int = 100) -> Iterator[tuple[float, float]]:
    """The notebook's cells, yielding (loss, accuracy in %) after each optimization step.

    `make_model()` is cell 5's `MLP(2, [16, 16, 1])`; the one other change is cell 7's print, a yield here.
    """
    # cell 3
    np.random.seed(1337)
    random.seed(1337)
    # cell 4
    X, y = moons_as_sklearn(n_samples=100, noise=0.1)
    y = y * 2 - 1  # make y be -1 or 1
    # cell 5
    model = make_model()

    # cell 6
    # loss function
    def loss(batch_size=None):
        # inline DataLoader :)
        if batch_size is None:
            Xb, yb = X, y
        else:
            ri = np.random.permutation(X.shape[0])[:batch_size]
            Xb, yb = X[ri], y[ri]
        inputs = [list(map(Value, xrow)) for xrow in Xb]

        # forward the model to get scores
        scores = list(map(model, inputs))

        # svm "max-margin" loss
        losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(yb, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        # L2 regularization
        alpha = 1e-4
        reg_loss = alpha * sum((p * p for p in model.parameters()))
        total_loss = data_loss + reg_loss

        # also get accuracy
        accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(yb, scores)]
        return total_loss, sum(accuracy) / len(accuracy)

    # cell 7
    # optimization
    for k in range(steps):
        # forward
        total_loss, acc = loss()

        # backward
        model.zero_grad()
        total_loss.backward()

        # update (sgd)
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad

        yield float(total_loss.data), float(acc * 100)
