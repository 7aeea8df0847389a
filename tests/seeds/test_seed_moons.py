"""micrograd's classic: an MLP(2, [16, 16, 1]) learns two moons with the hinge loss (seed 002, Algorithm 2)."""

import pytest

from autograd_lite.examples import moons


def test_training_reaches_full_accuracy_and_the_loss_falls(moons_trained):
    _, log = moons_trained
    steps, losses, accuracies = zip(*log)
    assert steps[0] == 0
    assert steps[-1] == moons.STEPS
    assert accuracies[-1] == 1.0
    assert accuracies[0] < 0.9
    assert losses[-1] < losses[0] / 10


def test_text_map_shows_both_regions_and_every_point(moons_trained):
    model, _ = moons_trained
    points, labels = moons.data()
    text = moons.text_map(model, points, labels)
    assert "·" in text
    assert " " in text
    assert text.count("o") + text.count("x") > 80  # points may share a character cell
    assert len(text.splitlines()) == 15


def test_picture_is_a_png(moons_trained, tmp_path):
    pytest.importorskip("matplotlib", reason="the decision-boundary picture needs the plot extra")
    model, _ = moons_trained
    points, labels = moons.data()
    path = tmp_path / "moons.png"
    assert moons.save_picture(model, points, labels, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
