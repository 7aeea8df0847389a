"""Shared test set-up."""

import pytest


@pytest.fixture(autouse=True)
def _run_outside_the_source_tree(tmp_path, monkeypatch):
    """Every test (and every subprocess it starts) runs in a temporary folder: from the repository root,
    `python -c`/`-m` would import the source folder `autograd_lite/` instead of the installed package,
    which has no `autograd_lite.nn` or `autograd_lite.viz` there (they live in nn/ and viz/)."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the outside oracle; the tests that take this fixture skip with a reason where it is missing."""
    return pytest.importorskip("torch", reason="PyTorch float64 is the oracle here; CI installs torch==2.13.0")
