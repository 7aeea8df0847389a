"""The stepping view in a real notebook: executed with nbclient, exported with nbconvert, clicked in headless Chromium.

The page's steps are compared with the Stepper's own: the counter, the chain-rule text and the node drawn
as active (the orange one) after every click and key press.
"""

import re
import shutil

import nbformat
import pytest
from notebooks import Chromium, active_node, click, counter, errors, execute, mime_types, outputs, shown_text, to_html
from seed_graph import seed_example

from autograd_lite import Stepper, topological_order

SETUP = """\
from autograd_lite import Stepper, Value, explain, gradcheck, name_nodes
from autograd_lite.viz import draw_graph

a, b, c = Value(-12.0), Value(14.0), Value(-10.0)
d = a + b
e = d * c
name_nodes(locals())
"""
CELLS = {
    "first": "first = Stepper(e)\nfirst",
    "second": "x = Value(0.5, label='x')\nz = (x * x + x).tanh() * 2\nsecond = Stepper(z)\nsecond.step()\nsecond",
    "step": "first.step()",
    "diagram": "draw_graph(e)",
    "explain": "explain(e, a)",
    "gradcheck": "gradcheck(lambda a, b: a * b + b.tanh(), [1.0, 2.0])",
    "value": "a",
    "leaf": "Stepper(Value(2.0, label='leaf'))",
    "huge": "y = x\nfor _ in range(2500):\n    y = y * 1.0001 + x\nStepper(y)",
    "hostile": "h = Value(3.0, label='h</script><b>&\"\\'')\nStepper(h * h)",
}
EXPECTED = {
    "first": "text/html",
    "second": "text/html",
    "step": "text/html",
    "diagram": "image/svg+xml",
    "explain": "text/latex",
    "gradcheck": "text/html",
    "value": "text/html",
    "leaf": "text/html",
    "huge": "text/html",
    "hostile": "text/html",
}


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    cells = [nbformat.v4.new_code_cell(SETUP)] + [nbformat.v4.new_code_cell(source) for source in CELLS.values()]
    return execute(nbformat.v4.new_notebook(cells=cells), tmp_path_factory.mktemp("run"))


@pytest.fixture(scope="module")
def page(executed, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "cells.html"
    path.write_text(to_html(executed), encoding="utf-8")
    return path


@pytest.mark.timeout(300)
def test_every_cell_shows_its_rich_output_and_none_is_an_error(executed):
    assert errors(executed) == []
    cells = dict(zip(["setup", *CELLS], outputs(executed)))
    for name, kind in EXPECTED.items():
        assert kind in mime_types(cells[name]), name
        assert "text/plain" in mime_types(cells[name]), name  # a terminal front end still has the text
    view = cells["first"][0].data["text/html"]
    assert "Step 0 of 2" in view
    assert 'class="autograd-lite-view"' in view
    assert "No stepping view: graph has 5001 nodes" in cells["huge"][0].data["text/html"]
    assert "Step 0 of 0" in cells["leaf"][0].data["text/html"]


@pytest.mark.timeout(300)
def test_the_saved_notebook_keeps_the_view(executed, tmp_path):
    saved = tmp_path / "saved.ipynb"
    nbformat.write(executed, saved)
    reopened = nbformat.read(saved, as_version=4)
    view = outputs(reopened)[1][0].data["text/html"]
    assert view == outputs(executed)[1][0].data["text/html"]
    assert "<script>" in view
    assert "view-data" in view


def expected_frames(root) -> list[tuple[str, str, str | None]]:
    """(counter, first chain-rule line, the active node's DOT name) for every frame, from the Stepper itself."""
    order = topological_order(root)
    stepper = Stepper(root)
    frames = [(f"Step 0 of {len(stepper)}", None, None)]
    for step in stepper:
        frames.append((f"Step {step.index + 1} of {len(stepper)}", step.lines()[0], f"n{order.index(step.node)}"))
    return frames


def assert_at(browser, k: int, frame: tuple[str, str | None, str | None]) -> None:
    count, line, node = frame
    assert counter(browser, k) == count
    if line:
        assert line in shown_text(browser, k)
    assert active_node(browser, k) == node


@pytest.fixture
def browser(tmp_path):
    program = shutil.which("chromium") or shutil.which("chromium-browser")
    if program is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    driver = Chromium(program, tmp_path / "profile")
    yield driver
    driver.close()


@pytest.mark.timeout(300)
def test_clicking_and_keys_step_the_view_as_the_stepper_steps(browser, page):
    browser.open(page.as_uri())
    *_, e = seed_example()
    first = expected_frames(e)
    assert browser.evaluate("document.querySelectorAll('.autograd-lite-view').length") == 5
    assert_at(browser, 0, first[0])
    click(browser, 0, "next")
    assert_at(browser, 0, first[1])
    assert "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10" in shown_text(browser, 0)
    browser.key("ArrowRight", 39)  # the view has the focus (its button was clicked)
    assert_at(browser, 0, first[2])
    assert browser.evaluate("document.querySelector('.autograd-lite-view .next').disabled") is True
    browser.key("ArrowRight", 39)  # past the end: stays
    assert_at(browser, 0, first[2])
    click(browser, 0, "prev")
    assert_at(browser, 0, first[1])
    browser.key("ArrowLeft", 37)
    assert_at(browser, 0, first[0])
    assert browser.evaluate("document.querySelector('.autograd-lite-view .prev').disabled") is True


@pytest.mark.timeout(300)
def test_two_views_step_independently_and_start_where_their_stepper_was(browser, page):
    from autograd_lite import Value

    browser.open(page.as_uri())
    x = Value(0.5, label="x")
    second = expected_frames((x * x + x).tanh() * 2)
    assert_at(browser, 1, second[1])  # its Stepper had done one step when it was displayed
    click(browser, 1, "next")
    assert_at(browser, 1, second[2])
    assert counter(browser, 0) == "Step 0 of 2"  # the first view did not move
    browser.key("ArrowRight", 39)
    assert_at(browser, 1, second[3])
    assert counter(browser, 0) == "Step 0 of 2"
    browser.key("End", 35)
    assert_at(browser, 1, second[-1])
    browser.key("Home", 36)
    assert_at(browser, 1, second[0])
    assert counter(browser, 0) == "Step 0 of 2"


@pytest.mark.timeout(300)
def test_keys_reach_no_view_without_focus_or_pointer(browser, page):
    browser.open(page.as_uri())
    browser.evaluate("document.activeElement && document.activeElement.blur()")
    browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=1, y=1)
    browser.evaluate("window.scrollTo(0, 0)")
    before = [counter(browser, k) for k in range(4)]
    browser.key("ArrowRight", 39)
    assert [counter(browser, k) for k in range(4)] == before


@pytest.mark.timeout(300)
def test_hostile_labels_stay_text_and_the_leaf_view_has_no_steps(browser, page):
    browser.open(page.as_uri())
    assert browser.evaluate("document.querySelectorAll('b').length") == 0  # the label's <b> made no element
    hostile = browser.evaluate("document.querySelectorAll('.autograd-lite-view')[4].innerText")
    assert "h</script><b>&\"'" in hostile
    leaf = browser.evaluate("document.querySelectorAll('.autograd-lite-view')[2].innerText")
    assert "Step 0 of 0" in leaf
    assert browser.evaluate("document.querySelectorAll('.autograd-lite-view')[2].querySelector('.next').disabled")
    refused = browser.evaluate("document.querySelector('.autograd-lite-view.refused').innerText")
    assert re.match(r"No stepping view: graph has 5001 nodes", refused)
