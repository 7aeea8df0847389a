"""save_walkthrough: one self-contained HTML page, checked as text and clicked through in headless Chromium."""

import json
import os
import re
from pathlib import Path

import pytest
from seed_graph import seed_example

from autograd_lite import Stepper, Value, topological_order
from autograd_lite.nn import MLP, mse_loss
from autograd_lite.viz import draw_graph, save_walkthrough
from autograd_lite.viz.graph import STYLE
from autograd_lite.viz.walkthrough import GROUP

SCREENSHOTS = os.environ.get("VIZ_SCREENSHOTS")  # a folder to keep the browser's screenshots in, to look at them


def seed_graph() -> tuple[Value, list[Value]]:
    *leaves_and_d, e = seed_example()
    return e, leaves_and_d


def frames(page: str) -> list[str]:
    return re.findall(r'<section class="frame".*?</section>', page, flags=re.DOTALL)


def diagrams(page: str) -> list[str]:
    """Each frame's SVG, made as the page's script makes it: the first one patched forward step by step."""
    svg = re.search(r'<div class="diagram" id="diagram">(.*?)</div>\n</main>', page, flags=re.DOTALL)[1]
    patches = json.loads(re.search(r'<script type="application/json" id="patches">(.*?)</script>', page)[1])
    shown = [svg]
    for patch in patches:
        if "svg" in patch:
            svg = patch["svg"][0]
        else:
            groups = GROUP.findall(svg)
            for i, now, was in patch["groups"]:
                assert groups[i] == was
                groups[i] = now
            pieces = GROUP.split(svg)
            svg = "".join(piece + (groups[i] if i < len(groups) else "") for i, piece in enumerate(pieces))
        shown.append(svg)
    return shown


def test_one_frame_per_step_with_its_chain_rule(tmp_path):
    e, _ = seed_graph()
    page = save_walkthrough(e, tmp_path / "walk.html").read_text(encoding="utf-8")
    sections = frames(page)
    assert len(sections) == 3  # the start and the two steps
    assert "∂e/∂e = 1" in sections[0]
    assert "Step 1 of 2: e = d * c" in sections[1]
    assert "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10" in sections[1]
    assert "∂e/∂c += ∂e/∂e · ∂(d * c)/∂c = 1 · d = 1 · 2 = 2" in sections[1]
    assert "Step 2 of 2: d = a + b" in sections[2]
    assert "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in sections[2]
    shown = diagrams(page)
    assert [svg.count("<svg") for svg in shown] == [1, 1, 1]
    assert "grad −10" not in shown[0]  # at the start nothing has flowed yet
    assert shown[1].count("grad −10") == 1  # d
    assert shown[2].count("grad −10") == 3  # d, a, b
    assert page.count("<svg") == 1  # one diagram, patched from step to step


def test_each_frame_is_the_highlighted_diagram_of_its_step(tmp_path):
    x = Value(0.5, label="x")
    y = x * x
    z = (y + x).tanh() * 2 + y
    shown = diagrams(save_walkthrough(z, tmp_path / "walk.html").read_text(encoding="utf-8"))
    stepper = Stepper(z)
    for k, svg in enumerate(shown):
        direct = draw_graph(z, highlight=stepper).svg()
        texts = re.findall(r">([^<>]+)</text>", svg)
        assert texts == re.findall(r">([^<>]+)</text>", direct), k  # the same names and numbers, in order
        orange = STYLE["carrying"]["color"]
        assert svg.count(orange) == direct.count(orange), k  # the same node and edges highlighted
        assert (svg.count(orange) > 0) == (k > 0)
        if not stepper.done:
            stepper.step()


def test_the_page_is_self_contained(tmp_path):
    e, _ = seed_graph()
    page = save_walkthrough(e, tmp_path / "walk.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page)
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"\b(src|href)=\"(?!#)", page)
    assert not re.search(r"url\(", page)
    # the only URLs are the SVG namespaces, which are names, never fetched
    assert set(re.findall(r"https?://[^\"' )]+", page)) <= {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    }
    assert "<?xml" not in page
    assert len(set(re.findall(r' id="([^"]+)"', page))) == len(re.findall(r' id="([^"]+)"', page))  # ids unique


def test_every_frame_has_the_same_layout_so_a_step_patches_a_few_groups(tmp_path):
    x = Value(0.5, label="x")
    y = x * x
    z = (y + x).tanh() * 2 + y
    page = save_walkthrough(z, tmp_path / "walk.html").read_text(encoding="utf-8")
    patches = json.loads(re.search(r'<script type="application/json" id="patches">(.*?)</script>', page)[1])
    assert len(patches) == 5
    assert all(list(patch) == ["groups"] for patch in patches)  # never the whole diagram
    assert all(0 < len(patch["groups"]) <= 12 for patch in patches)
    assert len({re.search(r'<svg width="[^"]+" height="[^"]+"', svg)[0] for svg in diagrams(page)}) == 1


def test_a_network_walkthrough_stays_small(tmp_path):
    model = MLP(2, [8, 8, 1], seed=0)
    loss = mse_loss(model([0.5, -1.0]), 1.0)
    assert len(topological_order(loss)) == 157
    page = save_walkthrough(loss, tmp_path / "walk.html")
    assert len(frames(page.read_text(encoding="utf-8"))) == 53  # the start and 52 steps
    assert page.stat().st_size < 3_000_000  # 53 full diagrams: 20 MB


def test_grads_of_the_graph_are_left_as_they_were(tmp_path):
    e, (a, b, c, d) = seed_graph()
    e.backward()
    before = [v.grad for v in (a, b, c, d, e)]
    page = save_walkthrough(e, tmp_path / "walk.html").read_text(encoding="utf-8")
    assert [v.grad for v in (a, b, c, d, e)] == before == [-10.0, -10.0, 2.0, -10.0, 1.0]
    assert "grad −20" not in page  # the frames show a fresh pass, not one added to the earlier backward()


def test_a_leaf_has_a_single_frame(tmp_path):
    x = Value(2.0, label="x")
    page = save_walkthrough(x, tmp_path / "walk.html").read_text(encoding="utf-8")
    assert len(frames(page)) == 1
    assert "Step 0 of 0" in page


def test_bad_arguments_are_clear_errors(tmp_path):
    e, _ = seed_graph()
    with pytest.raises(TypeError, match=r"walkthrough\(\) takes a Value, got int: 3"):
        save_walkthrough(3, tmp_path / "w.html")
    with pytest.raises(ValueError, match=r"cannot save a walkthrough as '.*w\.svg': give a path ending in \.html"):
        save_walkthrough(e, tmp_path / "w.svg")
    with pytest.raises(ValueError, match=r"graph has 5 nodes, more than max_nodes=4 .*walk through a sub-expression"):
        save_walkthrough(e, tmp_path / "w.html", max_nodes=4)
    for bad in ("x", True, 0):
        with pytest.raises(ValueError, match="max_nodes must be a positive int"):
            save_walkthrough(e, tmp_path / "w.html", max_nodes=bad)
    assert list(tmp_path.iterdir()) == []


def test_write_is_atomic_and_replaces_an_old_file(tmp_path):
    e, _ = seed_graph()
    target = tmp_path / "walk.html"
    target.write_text("old")
    save_walkthrough(e, target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["walk.html"]


# ---- in a real browser: headless Chromium (tests/chromium.py, the `browser` fixture of tests/conftest.py) ----


def visible_text(browser) -> str:
    return browser.evaluate("document.querySelector('.frame.current').innerText")


def keep(name: str, png: bytes) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        (Path(SCREENSHOTS) / name).write_bytes(png)


def test_clicking_through_the_walkthrough_in_chromium(browser, tmp_path):
    e, _ = seed_graph()
    page = save_walkthrough(e, tmp_path / "walk.html")
    browser.open(page.as_uri())

    assert browser.evaluate("document.getElementById('counter').textContent") == "Step 0 of 2"
    assert browser.evaluate("document.querySelectorAll('.frame.current').length") == 1
    start = browser.evaluate("document.getElementById('diagram').textContent")
    assert "grad −10" not in start
    assert browser.evaluate("document.getElementById('prev').disabled") is True
    assert "∂e/∂e = 1" in visible_text(browser)
    keep("walkthrough-start.png", browser.screenshot())

    browser.click("#next")
    assert browser.evaluate("document.getElementById('counter').textContent") == "Step 1 of 2"
    text = visible_text(browser)
    assert "Step 1 of 2: e = d * c" in text
    assert "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10" in text
    assert "∂e/∂a" not in text  # step 2's line is not shown
    assert browser.evaluate("document.querySelector('#diagram svg').getBoundingClientRect().height") > 100
    assert "grad −10" in browser.evaluate("document.getElementById('diagram').textContent")  # d got ∂e/∂d

    browser.key("ArrowRight", 39)
    assert browser.evaluate("document.getElementById('counter').textContent") == "Step 2 of 2"
    assert "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in visible_text(browser)
    assert browser.evaluate("document.getElementById('diagram').textContent").count("grad −10") == 3  # d, a, b
    assert browser.evaluate("document.getElementById('next').disabled") is True
    png = browser.screenshot()
    assert png.startswith(b"\x89PNG")
    assert len(png) > 20_000  # a picture with a diagram in it, not a blank page
    keep("walkthrough-step2.png", png)

    browser.key("ArrowRight", 39)  # past the end: stays on the last step
    assert browser.evaluate("document.getElementById('counter').textContent") == "Step 2 of 2"
    browser.key("ArrowLeft", 37)
    browser.click("#prev")
    assert browser.evaluate("document.getElementById('counter').textContent") == "Step 0 of 2"
    assert browser.evaluate("document.getElementById('diagram').textContent") == start  # patched back exactly
    browser.key("End", 35)
    assert browser.evaluate("document.getElementById('counter').textContent") == "Step 2 of 2"

    assert all(url.startswith("file://") for url in browser.requested_urls()), browser.requested_urls()


def test_zooming_into_a_large_graph_follows_the_step(browser, tmp_path):
    model = MLP(2, [4, 1], seed=0)
    loss = mse_loss(model([0.5, -1.0]), 1.0)
    page = save_walkthrough(loss, tmp_path / "walk.html")
    browser.open(page.as_uri())
    fitted = browser.evaluate("document.querySelector('#diagram svg').getBoundingClientRect().width")
    browser.click("#diagram")
    assert browser.evaluate("document.getElementById('diagram').classList.contains('zoomed')") is True
    zoomed = browser.evaluate("document.querySelector('#diagram svg').getBoundingClientRect().width")
    assert zoomed > fitted
    assert zoomed > browser.evaluate("document.getElementById('diagram').clientWidth")  # now it scrolls
    browser.key("End", 35)
    carrying = STYLE["carrying"]["color"]
    inside = browser.evaluate(
        "(() => { const d = document.getElementById('diagram').getBoundingClientRect();"
        f" const a = document.querySelector('#diagram [stroke=\"{carrying}\"]').getBoundingClientRect();"
        " return a.left >= d.left && a.right <= d.right && a.top >= d.top && a.bottom <= d.bottom; })()"
    )
    assert inside is True  # the last step's node was scrolled into view
    keep("walkthrough-zoomed.png", browser.screenshot())
