"""Pictures of a training run (matplotlib, the optional extra `autograd-lite[plot]`): decision boundary, loss curve."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from autograd_lite.files import write_atomically
from autograd_lite.nn.layers import MLP
from autograd_lite.nn.training import History, classify, logits, n_classes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

INSTALL_HINT = "pip install 'autograd-lite[plot]'"
GRID = 80  # points per side of the decision-boundary grid: 6400 forward passes, well under a second


def new_figure(**kwargs: Any) -> Figure:
    """A matplotlib Figure that draws off-screen (no pyplot, no GUI), or an ImportError saying how to install it."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise ImportError(f"matplotlib is not installed; for the pictures: {INSTALL_HINT}") from None
    return Figure(**kwargs)


def save_pictures(model: MLP, points: np.ndarray, y: np.ndarray, history: History, out: Path, title: str) -> list[Path]:
    """decision_boundary.png and loss.png in `out`; their paths."""
    boundary, curve = out / "decision_boundary.png", out / "loss.png"
    for path, fig in ((boundary, decision_boundary_figure(model, points, y, title)), (curve, loss_figure(history))):
        write_atomically(path, lambda f, fig=fig: fig.savefig(f, format="png", dpi=110))  # as every save: see files.py
    return [boundary, curve]


def decision_boundary_figure(model: MLP, points: np.ndarray, y: np.ndarray, title: str) -> Figure:
    """The model's prediction over the plane (P(class 1) for one logit, else the class) and the data on top."""
    fig = new_figure(figsize=(5.5, 4.8), layout="constrained")
    ax = fig.add_subplot()
    low, high = points.min(axis=0) - 0.5, points.max(axis=0) + 0.5
    gx, gy = np.meshgrid(np.linspace(low[0], high[0], GRID), np.linspace(low[1], high[1], GRID))
    z = logits(model, np.c_[gx.ravel(), gy.ravel()])
    if z.ndim == 1:
        with np.errstate(over="ignore"):
            p = (1.0 / (1.0 + np.exp(-z))).reshape(gx.shape)
        filled = ax.contourf(gx, gy, p, levels=np.linspace(0.0, 1.0, 11), cmap="RdBu", alpha=0.75)
        ax.contour(gx, gy, p, levels=[0.5], colors="black", linewidths=1.5)
        fig.colorbar(filled, ax=ax, label="P(class 1)")
    else:
        k = z.shape[1]
        regions = [f"C{c}" for c in range(k)]  # the same colours as the points of each class
        ax.contourf(gx, gy, classify(z).reshape(gx.shape), levels=np.arange(k + 1) - 0.5, colors=regions, alpha=0.3)
    classes = n_classes(y)
    colours = ["#b2182b", "#2166ac"] if classes == 2 else [f"C{i}" for i in range(classes)]
    for c in range(classes):
        mine = y == c
        ax.scatter(
            points[mine, 0], points[mine, 1], s=22, c=colours[c], edgecolors="black", linewidths=0.6, label=f"class {c}"
        )
    ax.set(title=title, xlabel="x₀", ylabel="x₁", xlim=(low[0], high[0]), ylim=(low[1], high[1]))
    ax.legend(loc="upper right", fontsize=8)
    return fig


def loss_figure(history: History) -> Figure:
    """Training loss (log scale) and accuracy per epoch."""
    fig = new_figure(figsize=(8.0, 3.4), layout="constrained")
    loss_ax, acc_ax = fig.subplots(1, 2)
    epochs = np.arange(1, len(history.loss) + 1)
    loss_ax.plot(epochs, history.loss, color="C0")
    loss_ax.set(title="training loss", xlabel="epoch", ylabel="mean loss", yscale="log")
    acc_ax.plot(epochs, 100 * np.asarray(history.accuracy), color="C2")
    acc_ax.set(title="training accuracy", xlabel="epoch", ylabel="% correct", ylim=(0, 102))
    for ax in (loss_ax, acc_ax):
        ax.grid(alpha=0.3)
    return fig
