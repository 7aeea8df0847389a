"""`autograd-lite train` through the command line's registry of subcommands (autograd_lite/cli.py)."""

import subprocess


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
