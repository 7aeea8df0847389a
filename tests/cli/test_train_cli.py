"""`autograd-lite train`: registered, trains, saves, draws; bad input is one line and exit 2."""

import signal
import subprocess
import sys

import pytest

from autograd_lite.cli import main
from autograd_lite.nn import MLP

PNG = b"\x89PNG\r\n\x1a\n"


def test_train_is_registered_on_the_command_line(tmp_path):
    help_text = subprocess.run(["autograd-lite", "train", "--help"], capture_output=True, text=True, check=True).stdout
    for option in ("--dataset", "--hidden", "--epochs", "--lr", "--optimizer", "--seed", "--out", "--batch-size"):
        assert option in help_text
    done = subprocess.run(
        ["autograd-lite", "train", "--hidden", "4", "--epochs", "2", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "final accuracy" in done.stdout
    assert (tmp_path / "model.json").exists()


def run_train(argv):
    return main(["train", *argv])


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
        (["--lr", "inf"], "--lr must be a positive number, got inf"),
        (["--noise", "inf"], "--noise is a standard deviation, a number at least 0, got inf"),
        (["--samples", "1000000000"], "--samples must be at most 100,000, got 1,000,000,000"),  # 16 GB of points
        (["--hidden", "2000,2000"], "--hidden 2000,2000 makes 4,010,001 parameters, more than the 1,000,000"),
        (["--hidden", "1" + "0" * 30], "parameters, more than the 1,000,000 a model file holds"),
        (  # a full batch of 100,000 points: a 4 GB graph each step
            ["--samples", "100000"],
            "one step would hold 43,600,000 numbers in its graph (the batch of 100,000 times this network), more "
            "than 10,000,000; use --batch-size 22,935 or less",
        ),
    ],
)
def test_train_command_bad_input_is_one_line_and_exit_2(argv, message, tmp_path, capsys):
    assert run_train([*argv, "--out", str(tmp_path / "out")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert not (tmp_path / "out").exists()


@pytest.mark.timeout(120)  # a hang guard
def test_ctrl_c_during_train_saves_the_model_and_pictures_reached_so_far(tmp_path):
    """The real command in a child process, sent a real SIGINT once its progress bar shows a few epochs done."""
    pytest.importorskip("matplotlib", reason="the pictures need the plot extra")
    child = subprocess.Popen(
        [sys.executable, "-m", "autograd_lite", "train", "--epochs", "100000", "--out", str(tmp_path / "run")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    progress = ""
    while "loss=" not in progress:  # the bar shows the loss once an epoch is done
        character = child.stderr.read(1)
        assert character, f"train ended before training: {progress}"
        progress += character
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=100)
    assert child.returncode == 130
    assert "Traceback" not in err
    lines = out.splitlines()
    stopped = next(line for line in lines if line.startswith("interrupted"))
    epochs = int(stopped.split("after ")[1].split(" of")[0])
    assert stopped == f"interrupted (Ctrl-C) after {epochs} of 100000 epochs: saving what it learned so far"
    assert 1 <= epochs < 100000
    assert any(line.startswith("final accuracy: ") for line in lines)
    model = MLP.load(tmp_path / "run" / "model.json")
    assert model.nouts == [16, 16, 1]
    assert model.state_dict() != MLP(2, [16, 16, 1], activation="relu", seed=0).state_dict()  # it learned
    for name in ("decision_boundary.png", "loss.png"):
        assert (tmp_path / "run" / name).read_bytes()[:8] == PNG
        assert f"picture: {tmp_path / 'run' / name}" in out


def test_a_diverging_run_stops_with_one_line_suggesting_a_smaller_lr(tmp_path, capsys):
    code = run_train(["--hidden", "8", "--epochs", "50", "--lr", "500", "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    [line] = [line for line in err.splitlines() if "error" in line]
    assert line.startswith("autograd-lite train: error: training diverged: the loss exploded to ")
    assert line.endswith("; try a smaller --lr than 500.0")
    assert "final accuracy" not in out
    assert list(tmp_path.iterdir()) == []  # no model of a diverged run is saved
