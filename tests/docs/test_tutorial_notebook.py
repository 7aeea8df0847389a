"""examples/notebooks/backprop_tour.ipynb: stored clean, runs top to bottom in a real kernel, every output what it
should be; its stepping view, exported by nbconvert, steps in headless Chromium as the Stepper does."""

import shutil

import nbformat
import pytest
from notebooks import ROOT, Chromium, active_node, click, counter, errors, execute, mime_types, shown_text, to_html

TOUR = ROOT / "examples" / "notebooks" / "backprop_tour.ipynb"

# The rich output each code cell must show, by the cell's first line (None: prints or shows nothing).
EXPECTED = {
    "import math": None,
    "a, b, c = Value(-12.0), Value(14.0), Value(-10.0)": "text/html",  # the Value table of e
    "stepper = Stepper(e)": "text/html",  # the stepping view
    "stepper.step()": "text/html",  # the Step
    "stepper": "text/html",  # the view again, at step 1
    "stepper.run()": None,
    "r, θ = Value(2.0), Value(math.pi / 6)": "text/latex",  # explain
    "explain(f, r)": "text/latex",
    "draw_graph(f)": "image/svg+xml",
    "def softplus(x: Value) -> Value:": "text/html",  # the gradcheck report
    "u = Value(0.5)": "text/html",
    "model = MLP(2, [8, 1], seed=0)": "image/svg+xml",  # draw_mlp
    "points, labels = make_moons(n_samples=40, noise=0.1, seed=0)": None,
    "import matplotlib.pyplot as plt": "image/png",
    "draw_mlp(model)": "image/svg+xml",
}


def code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_the_tutorial_is_stored_clean():
    notebook = nbformat.read(TOUR, as_version=4)
    nbformat.validate(notebook)
    assert [cell.source.splitlines()[0] for cell in code_cells(notebook)] == list(EXPECTED)
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code_cells(notebook))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tour")
    return execute(nbformat.read(TOUR, as_version=4), folder, timeout=60)  # 60 s a cell; it takes ~3 s in all


@pytest.mark.timeout(300)
def test_the_tutorial_runs_and_shows_what_each_cell_should(executed):
    assert errors(executed) == []
    for cell, (first_line, kind) in zip(code_cells(executed), EXPECTED.items()):
        shown = mime_types(cell.outputs)
        if kind is None:
            assert shown == set(), first_line
        else:
            assert kind in shown, first_line
    printed = [o.text for cell in code_cells(executed) for o in cell.outputs if o.output_type == "stream"]
    assert printed[0] == "-10.0 -10.0 2.0\n"  # seed 004's gradients
    assert printed[1].startswith("loss 0.618 → ")
    assert "∂f/∂θ" not in str(code_cells(executed)[6].outputs[0].data["text/latex"])  # typeset, not text
    assert r"\frac{\partial \text{f}}{\partial \text{θ}}" in code_cells(executed)[6].outputs[0].data["text/latex"]
    assert "text/plain" in mime_types(code_cells(executed)[6].outputs)
    assert "all 2 gradients agree" in code_cells(executed)[9].outputs[0].data["text/html"]


@pytest.mark.timeout(300)
def test_the_exported_tutorial_steps_in_chromium(executed, tmp_path):
    program = shutil.which("chromium") or shutil.which("chromium-browser")
    if program is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    page = tmp_path / "tour.html"
    page.write_text(to_html(executed), encoding="utf-8")
    browser = Chromium(program, tmp_path / "profile")
    try:
        browser.open(page.as_uri())
        assert [counter(browser, k) for k in range(3)] == ["Step 0 of 2", "Step 1 of 2", "Step 0 of 2"]
        click(browser, 0, "next")
        assert counter(browser, 0) == "Step 1 of 2"
        assert "∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10" in shown_text(browser, 0)
        assert active_node(browser, 0) == "n4"  # e, the output: last in topological order
        browser.key("ArrowRight", 39)
        assert "∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in shown_text(browser, 0)
        assert active_node(browser, 0) == "n3"  # d
        assert counter(browser, 1) == "Step 1 of 2"  # the second view of the same Stepper did not move
    finally:
        browser.close()
