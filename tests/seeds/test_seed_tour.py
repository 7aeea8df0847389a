"""The tour: every lesson listed and runnable, `demo` by name, unknown names, the whole tour."""

import subprocess
import sys
from pathlib import Path

import pytest

from autograd_lite.cli import main
from autograd_lite.examples import moons, tour

EXAMPLES = Path(tour.__file__).resolve().parent
LESSON_FILES = sorted(p.stem for p in EXAMPLES.glob("*.py") if not p.stem.startswith("_") and p.stem != "tour")


def test_every_lesson_file_is_in_the_tour_and_back():
    assert sorted(lesson.name for lesson in tour.LESSONS) == LESSON_FILES
    assert len(tour.LESSONS) >= 10


def test_list_prints_one_numbered_line_per_lesson(capsys):
    assert main(["demo", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(tour.LESSONS)
    for number, (line, lesson) in enumerate(zip(lines, tour.LESSONS), start=1):
        assert line.split()[:2] == [str(number), lesson.name]
        assert lesson.seeds in line


def test_unknown_name_is_one_line_on_stderr_and_exit_2(capsys):
    assert main(["demo", "no_such_lesson"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "no_such_lesson" in captured.err
    assert "chain_rule" in captured.err


@pytest.mark.parametrize("name", ["polar", "3"])
def test_one_lesson_by_name_or_number(name, tmp_path, capsys):
    assert main(["demo", name, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lesson = tour.find(name)
    assert f"{lesson.title}  ({lesson.seeds})" in out
    assert (tmp_path / f"{lesson.name}.svg").exists()
    assert f"{lesson.name}.svg" in out.splitlines()[-1]


def test_the_whole_tour_runs_and_names_its_folder(tmp_path, capsys, monkeypatch, moons_trained):
    monkeypatch.setattr(moons, "train", lambda: moons_trained)  # the lesson's train(), trained once (conftest.py)
    out_dir = tmp_path / "demo"
    assert main(["demo", "--out", str(out_dir)]) == 0
    out = capsys.readouterr().out
    for number, lesson in enumerate(tour.LESSONS, start=1):
        assert f"{number}/{len(tour.LESSONS)}  {lesson.title}" in out
    written = {p.name for p in out_dir.iterdir()}
    assert {"chain_rule.svg", "chain_rule.html", "polar.svg", "small_network.svg", "four_equations.svg"} <= written
    assert f"Diagrams written to {out_dir}/" in out.splitlines()[-1]


@pytest.mark.parametrize("name", [n for n in LESSON_FILES if n != "moons"])  # moons runs in the whole tour
def test_each_lesson_runs_as_a_script(name):
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py")], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "----" in done.stdout  # a section heading was printed


def autograd_lite_command(*args: str) -> subprocess.CompletedProcess:
    """Run the installed `autograd-lite` console script."""
    script = Path(sys.executable).with_name("autograd-lite")
    return subprocess.run([str(script), *args], capture_output=True, text=True, timeout=120, check=False)


def test_cli_demo_list():
    done = autograd_lite_command("demo", "--list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(tour.LESSONS)
    assert "chain_rule" in lines[0]
    assert "seed 004 §2 Figure 6" in lines[0]


def test_cli_demo_one_lesson_by_name(tmp_path):
    done = autograd_lite_command("demo", "chain_rule", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in done.stdout
    assert (tmp_path / "out" / "chain_rule.svg").exists()


def test_cli_demo_unknown_name_exits_2_with_one_line(tmp_path):
    done = autograd_lite_command("demo", "no_such_lesson", "--out", str(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_out_folder_that_cannot_be_made_is_one_line_and_exit_2(tmp_path, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["demo", "polar", "--out", str(blocker / "demo")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "--out" in captured.err
