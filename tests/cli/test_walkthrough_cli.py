"""`autograd-lite walkthrough` (page, GIF, frames folder) and `draw --theme`: what they write, and bad arguments."""

import re

import pytest

from autograd_lite import cli
from autograd_lite.viz.theme import palette

SEED = ["e = (d := a + b) * c", "a=-12", "b=14", "c=-10"]


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_page_with_a_title_and_a_theme(capsys, tmp_path):
    page = tmp_path / "page.html"
    code, out, err = run(capsys, "walkthrough", *SEED, "-o", str(page), "--theme", "dark", "--title", "Figure 6")
    assert (code, out, err) == (0, f"wrote {page}\n", "")
    text = page.read_text(encoding="utf-8")
    assert "<h1>Figure 6</h1>" in text
    assert 'data-theme="dark"' in text
    assert "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in text
    assert f'fill="{palette("dark")["background"]}"' in text


def test_a_gif(capsys, tmp_path):
    image = pytest.importorskip("PIL.Image", reason="GIFs are written with Pillow, the [slides] extra")
    code, _, _ = run(capsys, "walkthrough", *SEED, "-o", str(tmp_path / "pass.gif"))
    assert code == 0
    assert image.open(tmp_path / "pass.gif").n_frames == 3


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_a_frames_folder(capsys, tmp_path, fmt):
    folder = tmp_path / "frames"
    code, out, _ = run(capsys, "walkthrough", *SEED, "-o", f"{folder}/", "--format", fmt)
    assert code == 0
    assert out == f"wrote 3 frames to {folder}/: step-00.{fmt} … step-02.{fmt}\n"
    assert sorted(p.name for p in folder.iterdir()) == [f"step-0{k}.{fmt}" for k in range(3)]
    code, _, _ = run(capsys, "walkthrough", *SEED, "-o", str(folder))  # an existing folder needs no slash
    assert code == 0
    assert (folder / "step-02.svg").exists()


def test_draw_takes_a_theme(capsys, tmp_path):
    code, _, _ = run(capsys, "draw", *SEED, "-o", str(tmp_path / "g.svg"), "--theme", "dark")
    assert code == 0
    assert f'fill="{palette("dark")["background"]}"' in (tmp_path / "g.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["walkthrough", *SEED, "-o", "page.html", "--theme", "blue"], "argument --theme: invalid choice: 'blue'"),
        (["draw", *SEED, "-o", "g.svg", "--theme", "blue"], "argument --theme: invalid choice: 'blue'"),
        (["walkthrough", *SEED, "-o", "page.xyz"], "-o must end in .html (a page), .gif (an animation) or / (a folder"),
        (["draw", *SEED, "-o", "g.xyz"], "cannot save a diagram as 'g.xyz': the suffix must be one of .svg, .png"),
        (["walkthrough", *SEED, "-o", "/proc/no/page.html"], "/proc/no/page.html: No such file"),
        (["walkthrough", *SEED, "-o", "/proc/no/frames/"], "/proc/no: No such file"),
        (["draw", *SEED, "-o", "/proc/no/g.svg"], "/proc/no/g.svg: No such file"),
        (["walkthrough", *SEED, "-o", "page.html", "--format", "png"], "--format is for a folder of frames"),
        (["walkthrough", *SEED, "-o", "f/", "--format", "jpg"], "argument --format: invalid choice: 'jpg'"),
        (["walkthrough", *SEED], "the following arguments are required: -o/--output"),
        (["walkthrough", "-o", "page.html"], "give an expression and a value for each variable"),
        (["walkthrough", "a+", "a=1", "-o", "page.html"], "invalid syntax"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_code_2(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("autograd-lite: error: ")
    assert message in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_file_where_the_frames_folder_should_be_is_refused(capsys, tmp_path):
    (tmp_path / "frames").write_text("notes")
    code, _, err = run(capsys, "walkthrough", *SEED, "-o", f"{tmp_path / 'frames'}/", "--format", "png")
    assert code == 2
    assert re.search(r"save_frames\(\) writes into a folder, and '.*frames' is a file", err)
    assert (tmp_path / "frames").read_text() == "notes"


def test_help_names_the_outputs(capsys):
    code, out, _ = run(capsys, "walkthrough", "--help")
    assert code == 0
    for word in ("page.html", "pass.gif", "frames/", "--theme", "--title", "--format"):
        assert word in out
