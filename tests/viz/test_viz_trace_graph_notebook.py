"""micrograd's trace_graph.ipynb in a real kernel (nbclient), with autograd-lite's draw_dot in place of its own."""

import nbformat
import pytest
from nbclient import NotebookClient

CELLS = [
    "from autograd_lite.viz import draw_dot  # in place of the notebook's own trace() and draw_dot()",
    "from micrograd.engine import Value",
    "# a very simple example\nx = Value(1.0)\ny = (x * 2 + 1).relu()\ny.backward()\ndraw_dot(y)",
    "# a simple 2D neuron\nimport random\nfrom micrograd import nn\n\nrandom.seed(1337)\nn = nn.Neuron(2)\n"
    "x = [Value(1.0), Value(-2.0)]\ny = n(x)\ny.backward()\n\ndot = draw_dot(y)\ndot",
    "dot.render('gout')",
    "draw_dot(y, format='svg', rankdir='TB')",
]


@pytest.mark.timeout(180)
def test_trace_graph_cells_in_a_kernel(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    where = {"metadata": {"path": str(tmp_path)}}  # the kernel's working directory: gout.svg lands here
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources=where).execute()
    outputs = [cell.outputs for cell in notebook.cells]
    for k in (2, 3, 5):  # the diagrams show themselves as SVG in the cell
        svg = outputs[k][0]["data"]["image/svg+xml"]
        assert "<svg" in svg
        assert "relu" in svg
    assert outputs[4][0]["data"]["text/plain"] == "'gout.svg'"  # render returns the path it wrote
    assert (tmp_path / "gout.svg").read_text(encoding="utf-8").count("<svg") == 1
    assert "grad 0.2355" in outputs[3][0]["data"]["image/svg+xml"]  # ∂y/∂x[0] = w[0]: micrograd's own numbers, drawn
