"""draw_dot and Diagram.render the micrograd way; draw_graph on micrograd 0.1.0's and the lecture's graphs."""

import random
import re

import lecture
import pytest
from micrograd import nn as micrograd_nn
from micrograd.engine import Value as MicrogradValue

from autograd_lite import Value
from autograd_lite.viz import Diagram, draw_dot, draw_graph


def trace_graph_neuron():
    """micrograd's trace_graph.ipynb, cell 4: a 2D neuron of micrograd.nn, seeded."""
    random.seed(1337)
    n = micrograd_nn.Neuron(2)
    x = [MicrogradValue(1.0), MicrogradValue(-2.0)]
    y = n(x)
    y.backward()
    return n, y


def test_trace_graph_cells_render_the_micrograd_way(tmp_path, monkeypatch):
    """trace_graph.ipynb: `dot = draw_dot(y); dot.render('gout')` writes gout.svg and returns its path."""
    monkeypatch.chdir(tmp_path)
    _, y = trace_graph_neuron()
    dot = draw_dot(y)
    assert isinstance(dot, Diagram)
    assert dot.format == "svg"
    assert dot.render("gout") == "gout.svg"
    svg = (tmp_path / "gout.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") or svg.lstrip().startswith("<svg")
    assert "relu" in svg
    assert [p.name for p in tmp_path.iterdir()] == ["gout.svg"]  # no DOT source file beside it


def test_format_and_rankdir_as_micrograd_passes_them(tmp_path):
    x = Value(1.0, label="x")
    y = (x * 2 + 1).relu()
    y.backward()
    dot = draw_dot(y, format="png", rankdir="TB")
    assert "rankdir=TB" in dot.source
    path = dot.render(tmp_path / "y")
    assert path == str(tmp_path / "y.png")
    assert (tmp_path / "y.png").read_bytes().startswith(b"\x89PNG")
    assert dot.render(tmp_path / "y", format="dot") == str(tmp_path / "y.dot")
    assert (tmp_path / "y.dot").read_text(encoding="utf-8") == dot.source
    with pytest.raises(ValueError, match="renders as 'svg', 'png' or 'dot', got format='pdf'"):
        dot.render(tmp_path / "y", format="pdf")
    with pytest.raises(ValueError, match="got format='jpg'"):
        draw_dot(y, format="jpg")
    assert not (tmp_path / "y.pdf").exists()


def test_draw_graph_reads_a_micrograd_graph_without_changing_it():
    neuron, y = trace_graph_neuron()
    before = [(p.data, p.grad) for p in neuron.parameters()]
    diagram = draw_graph(y, parameters=neuron.parameters(), highlight=neuron.b)
    assert [(p.data, p.grad) for p in neuron.parameters()] == before
    source = diagram.source
    assert len(re.findall(r"\tn\d+_op \[", source)) == 5  # relu, + and + (its sum starts from b), * and *
    assert "#ede9fe" in source  # the two weights are drawn as parameters
    assert "#fce7f3" in source  # the bias, highlighted
    assert f"grad {neuron.w[0].grad:.4g}" in source.replace("−", "-")


def test_draw_graph_and_draw_dot_on_the_lecture_class():
    x1, x2 = lecture.Value(2.0, label="x1"), lecture.Value(0.0, label="x2")
    w1, w2 = lecture.Value(-3.0, label="w1"), lecture.Value(1.0, label="w2")
    b = lecture.Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    source = draw_dot(o).source
    for label in ("x1", "x2", "w1", "w2", "b", "n", "o"):
        assert f">{label}<" in source
    assert "tanh" in source
    assert "grad 0.5" in source  # ∂o/∂n = 1 − o² = 0.5, as the lecture finds
    assert draw_graph(o).source == source  # draw_dot is draw_graph, with micrograd's arguments


def test_what_is_not_a_graph_is_one_clear_error():
    with pytest.raises(TypeError, match=r"draw_graph\(\) takes a Value, got str: 'y'"):
        draw_dot("y")
    a = MicrogradValue(1.0)
    a._prev, a._op = {a}, "exp"
    with pytest.raises(ValueError, match="cycle"):
        draw_dot(a)
