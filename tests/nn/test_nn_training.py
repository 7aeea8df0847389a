"""Training: the moons proof, fit() with mini-batches and many classes, the pictures."""

import numpy as np
import pytest

from autograd_lite.nn import MLP, SGD, Adam, make_moons
from autograd_lite.nn.training import accuracy, fit

PNG = b"\x89PNG\r\n\x1a\n"


def test_mlp_reaches_97_percent_on_two_moons():
    X, y = make_moons(100, noise=0.1, seed=0)  # noqa: N806
    model = MLP(2, [16, 16, 1], activation="relu", seed=0)
    history = fit(model, X, y, Adam(model.parameters(), lr=0.05), epochs=40, progress=False)
    assert accuracy(model, X, y) >= 0.97
    assert history.accuracy[0] < 0.9
    assert history.loss[-1] < history.loss[0] / 5


def test_fit_with_mini_batches_and_momentum():
    X, y = make_moons(60, noise=0.1, seed=1)  # noqa: N806
    model = MLP(2, [8, 1], activation="tanh", seed=1)
    history = fit(model, X, y, SGD(model.parameters(), lr=0.2, momentum=0.9), epochs=15, batch_size=16, progress=False)
    assert len(history.loss) == len(history.accuracy) == 15
    assert history.loss[-1] < history.loss[0]
    assert accuracy(model, X, y) > 0.8


def test_fit_with_three_classes_uses_cross_entropy():
    rng = np.random.default_rng(2)
    y = np.arange(60) % 3
    X = np.array([[-1.0, 0.0], [1.0, 0.0], [0.0, 1.5]])[y] + rng.normal(0, 0.3, size=(60, 2))  # noqa: N806
    model = MLP(2, [8, 3], activation="tanh", seed=2)
    history = fit(model, X, y, Adam(model.parameters(), lr=0.05), epochs=20, progress=False)
    assert history.loss[0] == pytest.approx(np.log(3), rel=0.3)  # cross-entropy of a near-uniform guess
    assert history.loss[-1] < 0.3 * history.loss[0]
    assert accuracy(model, X, y) > 0.9


def test_pictures_of_a_three_class_model(tmp_path):
    pytest.importorskip("matplotlib", reason="the pictures need the plot extra")
    from autograd_lite.nn import plotting

    rng = np.random.default_rng(0)
    y = np.arange(30) % 3
    X = np.array([[-1.0, 0.0], [1.0, 0.0], [0.0, 1.5]])[y] + rng.normal(0, 0.3, size=(30, 2))  # noqa: N806
    model = MLP(2, [4, 3], seed=0)
    history = fit(model, X, y, Adam(model.parameters(), lr=0.05), epochs=2, progress=False)
    paths = plotting.save_pictures(model, X, y, history, tmp_path, title="three blobs")
    assert [p.name for p in paths] == ["decision_boundary.png", "loss.png"]
    assert all(p.read_bytes()[:8] == PNG for p in paths)
