"""Losses as Values. Each takes one sample or a batch and returns the mean over the batch, like torch.

- one sample: a prediction Value (or, for `cross_entropy`, one list of logits) and its target;
- a batch: a list of predictions and a list (or 1-D NumPy array) of targets of the same length.
`mse_loss` also takes a batch of output lists (multi-output regression) and averages over every entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from autograd_lite import Value, dot, logsumexp
from autograd_lite import sum as vsum
from autograd_lite.numeric import as_real

Scalar = Value | float


def mse_loss(predictions: Scalar | Sequence, targets: float | Sequence) -> Value:
    """mean (ŷ − y)²; ∂/∂ŷ = 2(ŷ − y)/n."""
    ps, ts = _flat_pairs(predictions, targets, "mse_loss")
    return _mean([(p - t) ** 2 for p, t in zip(ps, ts)])


def binary_cross_entropy(logits: Scalar | Sequence, targets: float | Sequence) -> Value:
    """mean −[y ln σ(z) + (1−y) ln(1−σ(z))] from logits z = log(1 + eᶻ) − y·z, stable; ∂/∂z = σ(z) − y."""
    zs, ts = _flat_pairs(logits, targets, "binary_cross_entropy")
    for t in ts:
        if not 0.0 <= t <= 1.0:
            raise ValueError(f"binary_cross_entropy targets are probabilities in [0, 1], got {t!r}")
    # log(1 + eᶻ) = logsumexp(0, z): one node, stable for z = ±1000, with ∂/∂z = σ(z) exactly (also at z = 0).
    return _mean([logsumexp([0.0, z]) - z * t if t else logsumexp([0.0, z]) for z, t in zip(zs, ts)])


def cross_entropy(logits: Sequence, targets: int | Sequence[int]) -> Value:
    """mean −log softmax(z)_y = logsumexp(z) − z_y, stable; ∂/∂z = softmax(z) − onehot(y).

    One sample: `cross_entropy([z0, z1, z2], 2)`; a batch: `cross_entropy([[z0, z1, z2], ...], [2, ...])`.
    """
    if isinstance(targets, np.ndarray):
        targets = targets.tolist()
    if isinstance(targets, int | np.integer) and not isinstance(targets, bool):
        batch, labels = [logits], [int(targets)]
    elif isinstance(targets, Sequence) and not isinstance(targets, str):
        batch, labels = list(logits), list(targets)
        if len(batch) != len(labels):
            raise ValueError(f"cross_entropy got {len(batch)} rows of logits and {len(labels)} targets")
    else:
        raise TypeError(f"cross_entropy targets are class indices (an int or a list of ints), got {targets!r}")
    terms = []
    for z, y in zip(batch, labels):
        if isinstance(z, Value) or not isinstance(z, Sequence) or not z:
            raise TypeError(f"cross_entropy takes a list of logits per sample, got {z!r}")
        if isinstance(y, bool) or not isinstance(y, int | np.integer) or not 0 <= y < len(z):
            raise ValueError(f"cross_entropy target {y!r} is not a class index 0..{len(z) - 1} for {len(z)} logits")
        terms.append(logsumexp(z) - z[int(y)])
    return _mean(terms)


def hinge_loss(scores: Scalar | Sequence, targets: float | Sequence) -> Value:
    """mean max(0, 1 − y·s) for labels y = ±1 (the SVM max-margin loss); ∂/∂s = −y where y·s < 1."""
    ss, ts = _flat_pairs(scores, targets, "hinge_loss")
    for t in ts:
        if t not in (-1.0, 1.0):
            raise ValueError(f"hinge_loss targets are -1 or +1, got {t!r}; for 0/1 labels pass 2*y - 1")
    return _mean([(1.0 - t * s).relu() for s, t in zip(ss, ts)])


def l2_penalty(params: Iterable[Value], lam: float) -> Value:
    """λ·Σ p² as one `dot` node (p·p) times λ; ∂/∂p = 2λp."""
    ps = list(params)
    if not ps:
        raise ValueError("l2_penalty() needs at least one parameter, got none")
    return dot(ps, ps) * as_real(lam, "l2_penalty() lam")


def _flat_pairs(predictions: object, targets: object, who: str) -> tuple[list[Scalar], list[float]]:
    """Predictions and float targets as two equally long flat lists (a batch of lists is flattened)."""
    if isinstance(targets, np.ndarray):
        targets = targets.tolist()
    if not isinstance(predictions, Sequence) or isinstance(predictions, str):
        predictions, targets = [predictions], [targets]
    elif not isinstance(targets, Sequence) or isinstance(targets, str):
        raise TypeError(f"{who} got {len(predictions)} predictions but one target {targets!r}; pass a list of targets")
    if len(predictions) != len(targets):
        raise ValueError(f"{who} got {len(predictions)} predictions and {len(targets)} targets")
    ps: list[Scalar] = []
    ts: list[float] = []
    for p, t in zip(predictions, targets):
        if isinstance(p, Sequence) and not isinstance(p, str):  # one sample's outputs: a row of a batch
            row = t.tolist() if isinstance(t, np.ndarray) else t
            if not isinstance(row, Sequence) or len(row) != len(p):
                raise ValueError(f"{who}: a prediction row has {len(p)} outputs but its target is {t!r}")
            ps.extend(p)
            ts.extend(as_real(v, f"{who} target") for v in row)
        else:
            ps.append(p)
            ts.append(as_real(t, f"{who} target"))
    if not ps:
        raise ValueError(f"{who} got an empty batch")
    return ps, ts


def _mean(terms: list[Value]) -> Value:
    """Σ terms / n as one `sum` node times 1/n (the one term itself for a single sample)."""
    if len(terms) == 1:
        return terms[0]
    return vsum(terms) * (1.0 / len(terms))
