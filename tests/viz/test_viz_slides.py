"""walkthrough(root): the object, its GIF (read back with Pillow) and its frames folder; themes of every picture."""

import io
import re
import shutil
import sys

import pytest
from seed_graph import seed_example

from autograd_lite import Stepper, Value
from autograd_lite.nn import MLP, mse_loss
from autograd_lite.viz import RendererNotFoundError, Walkthrough, draw_graph, draw_mlp, walkthrough
from autograd_lite.viz import diagram as diagram_module
from autograd_lite.viz.slides import FRAME_SECONDS, gif_frame
from autograd_lite.viz.theme import THEMES, palette

Image = pytest.importorskip("PIL.Image", reason="GIFs are written with Pillow, the [slides] extra")


def seed() -> Value:
    return seed_example()[-1]


def size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def test_the_object_holds_every_frame_once():
    walk = walkthrough(seed(), title="Figure 6, backwards")
    assert isinstance(walk, Walkthrough)
    assert walk.steps == 2
    assert walk.title == "Figure 6, backwards"
    assert walkthrough(seed()).title == "Backward pass of e"
    assert [f.title for f in walk.frames] == [
        "Start: e = d * c; the output's gradient is 1",
        "Step 1 of 2: e = d * c",
        "Step 2 of 2: d = a + b",
    ]
    assert walk.frames[2].lines == (
        "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10",
        "∂e/∂b += ∂e/∂d · ∂(a + b)/∂b = -10 · 1 = -10",
    )
    assert walk.svgs is walk.svgs  # rendered once, then kept
    assert len(walk.svgs) == len(walk.patches) + 1 == len(walk.slides) == 3
    assert "Walkthrough of e: 2 steps" in repr(walk)


def test_each_frame_shows_the_grads_of_its_own_moment():
    e = seed()
    walk = walkthrough(e)
    stepper = Stepper(e)
    for frame in walk.frames:
        assert re.findall(r"grad [^<]+", frame.source) == re.findall(
            r"grad [^<]+", draw_graph(e, highlight=stepper).source
        )
        if not stepper.done:
            stepper.step()


def test_a_slide_carries_its_title_and_chain_rule_and_all_slides_have_one_size():
    walk = walkthrough(seed())
    svg = walk.slides[1].svg()
    assert "Step 1 of 2: e = d * c" in svg
    assert "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10" in svg.replace("&#45;", "-")
    assert len({size(d.png()) for d in walk.slides}) == 1


def test_the_gif_has_one_frame_per_step_each_the_frame_picture(tmp_path):
    walk = walkthrough(seed())
    path = walk.save(tmp_path / "backprop.gif")
    frames = walk.save_frames(tmp_path / "frames", format="png")
    gif = Image.open(path)
    assert gif.format == "GIF"
    assert gif.n_frames == 3  # the start and two steps
    assert gif.info["duration"] == FRAME_SECONDS * 1000
    assert gif.info["loop"] == 0
    background = palette("light")["background"]
    for k, png in enumerate(frames):
        gif.seek(k)
        shown = gif.convert("RGB")
        picture = png.read_bytes()
        assert shown.size == size(picture)
        assert shown.tobytes() == gif_frame(picture, shown.size, background).convert("RGB").tobytes(), k
        # ... and that is the picture itself, give or take the 256 colours a GIF has
        original = Image.open(io.BytesIO(picture)).convert("RGB")
        error = sum(abs(a - b) for a, b in zip(shown.tobytes(), original.tobytes())) / len(original.tobytes())
        assert error < 2, k


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_frames_folder_has_one_numbered_file_per_step(tmp_path, fmt):
    if fmt == "pdf" and diagram_module.find_renderer().endswith("graphviz-pure"):
        pytest.skip("PDF needs Graphviz's dot")
    walk = walkthrough(seed(), theme="dark")
    paths = walk.save_frames(tmp_path / "slides", format=fmt)
    assert [p.name for p in paths] == [f"step-00.{fmt}", f"step-01.{fmt}", f"step-02.{fmt}"]
    assert sorted(p.name for p in (tmp_path / "slides").iterdir()) == [p.name for p in paths]  # nothing else
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}[fmt]
    assert all(p.read_bytes().startswith(magic) for p in paths)
    if fmt == "svg":
        assert "Step 2 of 2: d = a + b" in paths[2].read_text(encoding="utf-8")
        assert f'fill="{palette("dark")["background"]}"' in paths[0].read_text(encoding="utf-8")


def test_a_network_walkthrough_numbers_frames_to_sort(tmp_path):
    model = MLP(2, [4, 1], seed=0)
    loss = mse_loss(model([0.5, -1.0]), 1.0)
    walk = walkthrough(loss)
    assert walk.steps == 16
    paths = walk.save_frames(tmp_path, format="svg")
    assert [paths[0].name, paths[-1].name] == ["step-00.svg", "step-16.svg"]
    # the teacher's names for parameters, in the text as in the pictures: W1[0,1], not layers.0.neurons.0.w.1
    text = "\n".join(line for frame in walk.frames for line in (frame.title, *frame.lines))
    assert "∂out/∂W1[0,1] += " in text  # mse_loss labels its result "out"
    assert "layers." not in text
    shown = [t for svg in walk.svgs for t in re.findall(r">([^<>]+)</text>", svg)]
    assert "W1[0,1]" in shown
    assert not any("layers." in t for t in shown)  # the full name is in the tooltip only
    assert 'xlink:title="layers.0.neurons.0.w.1"' in walk.svgs[0]


def test_without_pillow_a_gif_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)  # import PIL now raises ImportError
    with pytest.raises(ImportError, match=r"saving a GIF needs Pillow.*pip install 'autograd-lite\[slides\]'"):
        walkthrough(seed()).save(tmp_path / "w.gif")
    assert list(tmp_path.iterdir()) == []


def test_pdf_with_graphviz_pure_is_a_clear_error(tmp_path, monkeypatch):
    pure = shutil.which("graphviz-pure") or diagram_module.find_renderer()
    monkeypatch.setattr(diagram_module, "find_renderer", lambda: pure if "graphviz-pure" in pure else "graphviz-pure")
    with pytest.raises(RendererNotFoundError, match=r"PDF needs Graphviz's dot .*graphviz-pure.* writes svg and png"):
        walkthrough(seed()).save_frames(tmp_path / "f", format="pdf")
    assert not (tmp_path / "f").exists()


def test_bad_arguments_are_clear_errors(tmp_path):
    walk = walkthrough(seed())
    with pytest.raises(ValueError, match=r"cannot save a walkthrough as '.*w\.xyz': give a path ending in \.html"):
        walk.save(tmp_path / "w.xyz")
    with pytest.raises(ValueError, match="format must be one of svg, png, pdf, got 'jpg'"):
        walk.save_frames(tmp_path / "f", format="jpg")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match=r"writes into a folder, and '.*file' is a file"):
        walk.save_frames(tmp_path / "file")
    with pytest.raises(ValueError, match="theme must be one of light, dark, got 'blue'"):
        walkthrough(seed(), theme="blue")
    with pytest.raises(TypeError, match="title must be a str, got int"):
        walkthrough(seed(), title=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.parametrize("theme", THEMES)
def test_every_picture_has_a_solid_background_of_its_theme(theme):
    e = seed()
    e.backward()
    background = palette(theme)["background"]
    model = MLP(2, [3, 1], seed=0)
    for diagram in (draw_graph(e, theme=theme), draw_mlp(model, theme=theme), walkthrough(e, theme=theme).slides[0]):
        assert f'bgcolor="{background}"' in diagram.source
        picture = Image.open(io.BytesIO(diagram.png())).convert("RGBA")
        corner = picture.getpixel((0, 0))
        assert corner[3] == 255  # opaque: a PNG that reads on any slide
        assert "#{:02x}{:02x}{:02x}".format(*corner[:3]) == background
    with pytest.raises(ValueError, match="theme must be one of light, dark"):
        draw_graph(e, theme="solarized")
    with pytest.raises(ValueError, match="theme must be one of light, dark"):
        draw_mlp(model, theme="solarized")
