"""Toy 2-D classification data sets, made with NumPy from a seed (no downloads).

Each returns (X, y): X is an (n_samples, 2) float array, y an (n_samples,) int array of class labels
0, 1, … (use `2 * y - 1` for ±1 labels). The samples are shuffled; `noise` is the standard deviation
of Gaussian noise added to every coordinate.

The same call returns the same data: `seed` defaults to 0 (an int or a NumPy Generator picks another
stream; `seed=None` explicitly asks for fresh randomness from the operating system on every call).
"""

from __future__ import annotations

import numpy as np

Seed = int | np.random.Generator | None


def make_moons(n_samples: int = 100, noise: float = 0.0, seed: Seed = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: class 0 on (cos t, sin t), class 1 on (1 − cos t, ½ − sin t), t ∈ [0, π]."""
    rng, n0, n1 = _start(n_samples, noise, seed, 2)
    t0, t1 = np.linspace(0.0, np.pi, n0), np.linspace(0.0, np.pi, n1)
    points = np.concatenate([np.c_[np.cos(t0), np.sin(t0)], np.c_[1.0 - np.cos(t1), 0.5 - np.sin(t1)]])
    return _finish(rng, points, [n0, n1], noise)


def make_circles(
    n_samples: int = 100, noise: float = 0.0, seed: Seed = 0, factor: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 of radius 1, class 1 of radius `factor` (0 < factor < 1)."""
    if not 0.0 < factor < 1.0:
        raise ValueError(f"make_circles() factor is the inner radius, between 0 and 1, got {factor!r}")
    rng, n0, n1 = _start(n_samples, noise, seed, 2)
    t0 = np.linspace(0.0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0.0, 2 * np.pi, n1, endpoint=False)
    points = np.concatenate([np.c_[np.cos(t0), np.sin(t0)], factor * np.c_[np.cos(t1), np.sin(t1)]])
    return _finish(rng, points, [n0, n1], noise)


def make_xor(n_samples: int = 100, noise: float = 0.0, seed: Seed = 0) -> tuple[np.ndarray, np.ndarray]:
    """Points uniform in [−1, 1]²; class 1 where x₀ and x₁ have opposite signs (the XOR of x₀ > 0, x₁ > 0)."""
    rng, _ = _start(n_samples, noise, seed, 1)
    points = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    y = ((points[:, 0] > 0) != (points[:, 1] > 0)).astype(np.int64)
    return points + rng.normal(0.0, noise, size=points.shape) if noise else points, y


def make_spirals(
    n_samples: int = 100, noise: float = 0.0, seed: Seed = 0, n_classes: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """`n_classes` interleaved spiral arms of radius r ∈ [0, 1], each turning once (CS231n's spiral data)."""
    if isinstance(n_classes, bool) or not isinstance(n_classes, int) or n_classes < 2:
        raise ValueError(f"make_spirals() n_classes must be an integer ≥ 2, got {n_classes!r}")
    rng, *counts = _start(n_samples, noise, seed, n_classes)
    arms = []
    for k, n in enumerate(counts):
        r = np.linspace(0.0, 1.0, n)
        t = 2 * np.pi * (r + k / n_classes)
        arms.append(np.c_[r * np.sin(t), r * np.cos(t)])
    return _finish(rng, np.concatenate(arms), counts, noise)


def _start(n_samples: int, noise: float, seed: Seed, n_classes: int) -> tuple:
    """The generator and the class sizes (as equal as possible, the first classes one larger)."""
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer) or n_samples < n_classes:
        raise ValueError(f"n_samples must be an integer ≥ {n_classes} (one per class), got {n_samples!r}")
    if isinstance(noise, bool) or not isinstance(noise, int | float) or not noise >= 0.0:
        raise ValueError(f"noise is a standard deviation ≥ 0, got {noise!r}")
    base, extra = divmod(int(n_samples), n_classes)
    return (np.random.default_rng(seed), *(base + (k < extra) for k in range(n_classes)))


def _finish(
    rng: np.random.Generator, points: np.ndarray, counts: list[int], noise: float
) -> tuple[np.ndarray, np.ndarray]:
    """Labels, a shuffle, then the noise (so the same seed with and without noise gives the same order)."""
    y = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    order = rng.permutation(len(y))
    points, y = points[order], y[order]
    if noise:
        points = points + rng.normal(0.0, noise, size=points.shape)
    return points, y
