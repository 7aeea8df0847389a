"""Shared test set-up. Tests import `autograd_lite` as it is installed, or from the clone's root."""

import pytest


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the outside oracle; the tests that take this fixture skip with a reason where it is missing."""
    return pytest.importorskip("torch", reason="PyTorch float64 is the oracle here; CI installs torch==2.13.0")
