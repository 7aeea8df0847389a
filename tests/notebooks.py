"""The tests' Jupyter: notebooks run in a real kernel (nbclient), exported as nbconvert does, read in Chromium."""

import json
import os
import sys
from pathlib import Path

import pytest

from autograd_lite.viz.graph import STYLE
from autograd_lite.viz.progress import ACTIVE

ROOT = Path(__file__).resolve().parents[1]

try:
    from chromium import Chromium
except ImportError:  # until then it lives in the walkthrough's tests
    sys.path.insert(0, str(ROOT / "tests" / "viz"))
    from test_viz_walkthrough import Chromium  # noqa: F401


def execute(notebook, folder: Path, timeout: int = 120):
    """`notebook` (an nbformat node) run top to bottom in a python3 kernel of this interpreter, with this checkout
    first on its path; the cells run in `folder`. Returns the executed notebook; a failing cell raises."""
    nbclient = pytest.importorskip("nbclient", reason="the notebook tests need nbclient and ipykernel: [test] extra")
    pytest.importorskip("ipykernel", reason="the notebook tests need ipykernel: the [test] extra")
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    client = nbclient.NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute(env=env)
    return notebook


def to_html(notebook) -> str:
    """The page `jupyter nbconvert --to html` writes for `notebook`."""
    nbconvert = pytest.importorskip("nbconvert", reason="the notebook tests need nbconvert: the [test] extra")
    body, _ = nbconvert.HTMLExporter().from_notebook_node(notebook)
    return body


def outputs(notebook) -> list[list[dict]]:
    """Each code cell's outputs, in order."""
    return [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]


def errors(notebook) -> list[str]:
    """Every error output, as 'ename: evalue'."""
    return [f"{o.ename}: {o.evalue}" for cell in outputs(notebook) for o in cell if o.output_type == "error"]


def mime_types(cell_outputs: list[dict]) -> set[str]:
    """The MIME types of a cell's rich outputs (display_data and execute_result)."""
    return {kind for o in cell_outputs if o.output_type in ("display_data", "execute_result") for kind in o.data}


# The stepping views of a page open in Chromium, by their position k among the page's views.


def counter(browser, k: int) -> str:
    return browser.evaluate(f"document.querySelectorAll('.autograd-lite-view .counter')[{k}].textContent")


def shown_text(browser, k: int) -> str:
    view = f"document.querySelectorAll('.autograd-lite-view')[{k}]"
    return browser.evaluate(f"{view}.querySelector('.frame.current').innerText")


def active_node(browser, k: int) -> str | None:
    """The DOT name (n0, n1, ...) of the value record the view draws as the active one, or None."""
    orange = json.dumps(STYLE[ACTIVE]["border"])
    return browser.evaluate(
        f"(() => {{ const v = document.querySelectorAll('.autograd-lite-view')[{k}];"
        f" for (const g of v.querySelectorAll('.diagram g.node')) {{"
        "  if (g.querySelector('title').textContent.endsWith('_op')) continue;"  # the op node is orange too
        f"  if (g.querySelector('[stroke={orange}]')) return g.querySelector('title').textContent; }}"
        " return null; })()"
    )


def click(browser, k: int, button: str) -> None:
    """A real mouse click on view k's `button` ("next" or "prev"), scrolled into sight first."""
    view = f"document.querySelectorAll('.autograd-lite-view')[{k}]"
    box = browser.evaluate(
        f"(() => {{ const b = {view}.querySelector('button.{button}'); b.scrollIntoView({{block: 'center'}});"
        " const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)
