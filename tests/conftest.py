"""Shared test set-up. Tests import `autograd_lite` as it is installed, or from the clone's root."""

import importlib

import chromium
import pytest


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the outside oracle; the tests that take this fixture skip with a reason where it is missing."""
    return pytest.importorskip("torch", reason="PyTorch float64 is the oracle here; CI installs torch==2.13.0")


@pytest.fixture(scope="session")
def moons_trained():
    """examples/moons.py's train() with its defaults (seconds of training): done once, for the moons tests and the
    whole tour, which runs the lesson with the same call."""
    from autograd_lite.examples import moons

    return moons.train()


@pytest.fixture
def browser(tmp_path):
    """A headless Chromium (tests/chromium.py), closed after the test; skips where Chromium is not installed."""
    program = chromium.executable()
    if program is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    driver = chromium.Chromium(program, tmp_path / "profile")
    yield driver
    driver.close()


@pytest.fixture
def listed(monkeypatch):
    """Counts the Path objects explain builds: the work of listing paths one by one (a bound without a clock)."""
    explain_module = importlib.import_module("autograd_lite.explain")  # the package's `explain` is the function
    made = []

    class CountedPath(explain_module.Path):
        def __init__(self, *args, **kwargs):
            made.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(explain_module, "Path", CountedPath)
    return made
