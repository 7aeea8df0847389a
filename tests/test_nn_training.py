"""Training: the moons proof, fit() with mini-batches and many classes, and the `train` command."""

import argparse
import sys
import time

import numpy as np
import pytest

from autograd_lite.nn import MLP, SGD, Adam, make_moons, training
from autograd_lite.nn.training import accuracy, fit

PNG = b"\x89PNG\r\n\x1a\n"


def test_mlp_reaches_97_percent_on_two_moons_in_seconds():
    X, y = make_moons(100, noise=0.1, seed=0)  # noqa: N806
    model = MLP(2, [16, 16, 1], activation="relu", seed=0)
    start = time.perf_counter()
    history = fit(model, X, y, Adam(model.parameters(), lr=0.05), epochs=40, progress=False)
    seconds = time.perf_counter() - start
    assert accuracy(model, X, y) >= 0.97
    assert history.accuracy[0] < 0.9
    assert history.loss[-1] < history.loss[0] / 5
    assert seconds < 20  # about 1 s on a laptop; generous for a loaded CI machine


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


def run_train(argv):
    parser = argparse.ArgumentParser(prog="autograd-lite train")
    training.add_arguments(parser)
    return training.run(parser.parse_args(argv))


def test_train_command_trains_saves_and_draws(tmp_path, capsys):
    pytest.importorskip("matplotlib", reason="the pictures need the plot extra")
    code = run_train(["--dataset", "moons", "--hidden", "8,8", "--epochs", "30", "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "training: 100%" in err
    assert "loss=" in err
    assert "acc=" in err
    assert "final accuracy: " in out
    final = float(out.split("final accuracy: ")[1].split("%")[0])
    assert final >= 90.0
    model = MLP.load(tmp_path / "model.json")
    assert (model.nin, model.nouts, model.activation) == (2, [8, 8, 1], "relu")
    for name in ("decision_boundary.png", "loss.png"):
        assert (tmp_path / name).read_bytes()[:8] == PNG
        assert f"picture: {tmp_path / name}" in out


def test_train_command_without_matplotlib_says_how_to_get_the_pictures(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    code = run_train(
        ["--dataset", "xor", "--hidden", "4", "--epochs", "3", "--optimizer", "sgd", "--out", str(tmp_path)]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    assert "pip install 'autograd-lite[plot]'" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--hidden", "16,x"], "--hidden takes positive layer sizes separated by commas, like 16,16; got '16,x'"),
        (["--hidden", "0"], "got '0'"),
        (["--epochs", "0"], "--epochs must be at least 1, got 0"),
        (["--lr", "-1"], "--lr"),
    ],
)
def test_train_command_bad_input_is_one_line_and_exit_2(argv, message, tmp_path, capsys):
    assert run_train([*argv, "--out", str(tmp_path / "out")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert not (tmp_path / "out").exists()


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
