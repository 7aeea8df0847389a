"""A clone runs from its root: `python -m autograd_lite ...`, the import names and an editable install.

nn/, viz/ and examples/ sit at the root; autograd_lite/nn, autograd_lite/viz and autograd_lite/examples are
symlinks to them (see CONTRIBUTING.md), so Python finds the import names in the checkout itself.
"""

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A fresh clone of this checkout's committed state (or a copy of the tree where there is no git)."""
    target = tmp_path_factory.mktemp("clone") / "autograd-lite"
    if (ROOT / ".git").exists() and shutil.which("git"):
        subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True, timeout=120)
        # the working tree's files, committed or not, over the clone: the test checks this tree
        for folder in ("autograd_lite", "nn", "viz", "examples", "tests"):
            shutil.rmtree(target / folder, ignore_errors=True)
            shutil.copytree(ROOT / folder, target / folder, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    else:
        shutil.copytree(ROOT, target, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", ".git"))
    return target


def run_in(folder, *argv, timeout=300):
    return subprocess.run([sys.executable, *argv], cwd=folder, capture_output=True, text=True, timeout=timeout)


def test_the_import_names_come_from_the_clone(clone):
    done = run_in(
        clone, "-c", "import autograd_lite.nn, autograd_lite.viz, autograd_lite.cli; print(autograd_lite.nn.__file__)"
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_relative_to(clone)


@pytest.mark.parametrize(
    "argv",
    [
        ["grad", "(a+b)*c", "a=-12", "b=14", "c=-10"],
        ["demo", "polar", "--out", "demo-out"],
        ["draw", "(a+b)*c", "a=-12", "b=14", "c=-10", "-o", "graph.dot"],
        ["train", "--hidden", "4", "--epochs", "2", "--out", "trained"],
    ],
)
def test_python_dash_m_runs_every_kind_of_command_from_the_root(clone, argv):
    done = run_in(clone, "-m", "autograd_lite", *argv)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_pytest_runs_from_the_root(clone):
    done = run_in(clone, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_layers.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout


def test_an_editable_install_sees_edits_in_nn_at_once(clone, tmp_path):
    prefix = tmp_path / "prefix"
    # --ignore-installed: install beside, never uninstall, the autograd-lite the tests are running
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--ignore-installed"]
    install = subprocess.run(
        [*pip, "--prefix", str(prefix), "-e", str(clone)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    site = next(prefix.glob("lib/python*/site-packages"))
    # -I -S: no cwd, no PYTHONPATH, no site: this venv's packages without its own autograd-lite install (.pth files
    # unread) after the prefix as a site folder, whose .pth is the editable install's
    # only the engine's one dependency from this venv, not its own autograd-lite (installed or editable)
    libraries = tmp_path / "libraries"
    libraries.mkdir()
    purelib = Path(sysconfig.get_paths()["purelib"])
    for name in ("numpy", "numpy.libs"):
        if (purelib / name).exists():
            (libraries / name).symlink_to(purelib / name)
    probe = (
        f"import sys, site; site.addsitedir({str(site)!r}); sys.path.append({str(libraries)!r});"
        " import autograd_lite.nn as nn; print(nn.EDITED)"
    )
    (clone / "nn" / "__init__.py").write_text(
        (clone / "nn" / "__init__.py").read_text(encoding="utf-8") + "\nEDITED = 'yes'\n", encoding="utf-8"
    )
    done = run_in(tmp_path, "-I", "-S", "-c", probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "yes"
    still = subprocess.run([sys.executable, "-m", "pip", "show", "autograd-lite"], capture_output=True, text=True)
    assert still.returncode == 0, "the editable install in a prefix must leave the tested install in place"
