"""draw_graph: the DOT it writes (golden files, byte for byte), its numbers, its roles and its limits."""

import os
import re
from pathlib import Path

import pytest
from random_graphs import AUTOMATIC_NAME, drawn_names
from seed_graph import seed_example

import autograd_lite as ag
from autograd_lite import Value
from autograd_lite.viz import Diagram, draw_graph
from autograd_lite.viz.graph import STYLE
from autograd_lite.viz.text import number

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # UPDATE_GOLDEN=1 pytest tests/test_viz_graph.py rewrites them


def seed_graph() -> Value:
    """Seed 004, Figure 6: e = (a + b) · c at a = −12, b = 14, c = −10, after backward."""
    e = seed_example()[-1]
    e.backward()
    return e


def neuron_graph() -> tuple[Value, list[Value]]:
    """A tanh neuron with two weights and a bias, a squared-error loss, after backward."""
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2, b = Value(-3.0, label="w1"), Value(1.0, label="w2"), Value(6.8813735870195432, label="b")
    n = ag.dot([w1, w2], [x1, x2]) + b
    o = n.tanh()
    loss = (o - 1.0) ** 2
    loss.backward()
    return loss, [w1, w2, b]


def node_lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if re.match(r"\s*n\d+(_op)? \[", line)]


def edge_lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if " -> " in line]


def check_golden(name: str, source: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(source, encoding="utf-8")
    assert source == path.read_text(encoding="utf-8"), f"{name} changed; look at it, then UPDATE_GOLDEN=1"


def test_seed_graph_matches_golden_file():
    check_golden("seed_graph.dot", draw_graph(seed_graph()).source)


def test_options_match_golden_file():
    source = draw_graph(seed_graph(), rankdir="TB", show_grad=False, show_local_grads=False).source
    check_golden("seed_graph_tb_plain.dot", source)


def test_neuron_with_parameters_and_highlight_matches_golden_file():
    loss, params = neuron_graph()
    check_golden("neuron_graph.dot", draw_graph(loss, parameters=params, highlight=params[2]).source)


def test_same_graph_gives_byte_identical_dot_whatever_was_created_before():
    first = draw_graph(seed_graph()).source
    _ = [Value(i) * 2 for i in range(50)]  # other graphs in between shift every creation number
    second = draw_graph(seed_graph()).source
    assert first == second
    assert "0x" not in first  # no id() anywhere


def test_nodes_are_named_in_topological_order_with_one_op_node_between():
    source = draw_graph(seed_graph()).source
    names = [line.split(" ")[0] for line in node_lines(source)]
    assert names == ["n0", "n1", "n2", "n3", "n3_op", "n4", "n4_op"]
    assert edge_lines(source) == [
        'n0 -> n3_op [label=<1> tooltip="∂d/∂a = 1"]',
        'n1 -> n3_op [label=<1> tooltip="∂d/∂b = 1"]',
        'n3_op -> n3 [tooltip="d = a + b"]',
        'n3 -> n4_op [label=<−10> tooltip="∂e/∂d = −10"]',
        'n2 -> n4_op [label=<2> tooltip="∂e/∂c = 2"]',
        'n4_op -> n4 [tooltip="e = d * c"]',
    ]


def test_hover_text_names_what_is_drawn_never_a_dot_id():
    """An SVG shows an element's DOT id (n0, n3_op) on hover where it has no tooltip: each has one, the node's
    name and formula (`n2 = a * b`) or an edge's local derivative, and any n<k> in it is a drawn name."""
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    source = draw_graph((a * b + a).tanh()).source
    lines = node_lines(source) + edge_lines(source)
    assert [line for line in lines if "tooltip=" not in line] == []
    tooltips = re.findall(r'tooltip=(?:"([^"]*)"|(\w+))', source)
    tooltips = [quoted or bare for quoted, bare in tooltips]
    assert tooltips[:2] == ["a", "b"]
    assert {"n2 = a * b", "n3 = n2 + a", "out = tanh(n3)", "∂n3/∂n2 = 1", "∂n2/∂a = −3"} <= set(tooltips)
    assert drawn_names(source) == {"a", "b", "n2", "n3", "out"}
    assert set(AUTOMATIC_NAME.findall(" ".join(tooltips))) <= drawn_names(source)


def test_record_shows_name_data_and_grad():
    source = draw_graph(seed_graph()).source
    a_line = node_lines(source)[0]
    assert '<font point-size="13" color="#0f172a">a</font>' in a_line
    assert "data −12" in a_line
    assert "grad −10" in a_line
    assert "grad 1<" in node_lines(source)[-2]  # the output e: ∂e/∂e = 1


def test_show_grad_false_and_show_local_grads_false_drop_them():
    source = draw_graph(seed_graph(), show_grad=False, show_local_grads=False).source
    assert "grad " not in source
    assert "label=" in source  # records and ops keep their labels
    assert all("label" not in line for line in edge_lines(source))


def test_a_value_used_twice_gets_two_edges_with_their_local_derivatives():
    a = Value(3.0, label="a")
    y = a * a
    source = draw_graph(y).source
    assert edge_lines(source) == [
        'n0 -> n1_op [label=<3> tooltip="∂out/∂a = 3"]',
        'n0 -> n1_op [label=<3> tooltip="∂out/∂a = 3"]',
        'n1_op -> n1 [tooltip="out = a * a"]',
    ]


def test_a_constant_is_folded_into_the_op_and_shows_as_the_local_derivative():
    x = Value(5.0, label="x")
    y = x * 2
    source = draw_graph(y).source
    assert len(node_lines(source)) == 3  # x, the × op, y: no node for the constant 2
    assert edge_lines(source)[0] == 'n0 -> n1_op [label=<2> tooltip="∂out/∂x = 2"]'


def test_ops_are_drawn_with_their_symbol_or_name():
    x = Value(0.5, label="x")
    y = ((x - 1) / 2) ** 3
    z = (-y).tanh()
    source = draw_graph(z).source
    ops = [re.search(r"label=<([^>]+)>", line)[1] for line in node_lines(source) if "_op" in line]
    assert ops == ["−", "÷", "^", "−x", "tanh"]


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (1e-7, "1e−7"),
        (-10.0, "−10"),
        (2.0, "2"),
        (0.88137358701954, "0.8814"),
        (123456.0, "1.235e5"),
        (-0.0, "0"),
        (float("inf"), "inf"),
        (float("-inf"), "−inf"),
        (float("nan"), "nan"),
        (1.5e300, "1.5e300"),
    ],
)
def test_numbers_have_four_significant_digits_and_never_round_small_ones_to_zero(x, text):
    assert number(x) == text


def test_tiny_gradient_is_visible_in_the_diagram():
    x = Value(-20.0, label="x")
    y = x.sigmoid()
    y.backward()
    assert 0 < x.grad < 1e-8
    assert "grad 2.061e−9" in draw_graph(y).source


def test_roles_have_distinct_colours():
    loss, params = neuron_graph()
    source = draw_graph(loss, parameters=params[:2]).source
    lines = node_lines(source)
    leaf, parameter, inner, output = (STYLE[role]["border"] for role in ("leaf", "parameter", "inner", "output"))
    assert len({leaf, parameter, inner, output}) == 4
    assert f'color="{leaf}"' in lines[0]  # x1, the first node
    assert f'color="{parameter}"' in lines[2]  # w1
    assert f'color="{leaf}"' in lines[4]  # b: not listed as a parameter
    assert f'color="{output}"' in lines[-2]  # the loss
    assert 'border="2"' in lines[-2]
    assert sum(f'color="{inner}"' in line for line in lines) == 4  # dot+b, n, tanh, o−1


def test_highlight_accepts_a_value_or_a_collection_of_values():
    e = seed_graph()
    d = e.inputs[0]
    emphasis = STYLE["emphasis"]["border"]
    assert node_lines(draw_graph(e, highlight=d).source)[3].count(emphasis) == 1
    assert sum(emphasis in line for line in node_lines(draw_graph(e, highlight=[d, e]).source)) == 2
    assert emphasis not in draw_graph(e).source


@pytest.mark.parametrize("bad", ["a", 3, [1, 2], {"a": 1}])
def test_highlight_of_another_type_is_a_clear_type_error(bad):
    with pytest.raises(TypeError, match="highlight must be a Value, a collection of Values or a Stepper"):
        draw_graph(seed_graph(), highlight=bad)


def test_root_must_be_a_value():
    with pytest.raises(TypeError, match=r"draw_graph\(\) takes a Value, got float: 3.0"):
        draw_graph(3.0)


@pytest.mark.parametrize("rankdir", ["lr", "XY", ""])
def test_bad_rankdir_is_a_clear_error(rankdir):
    with pytest.raises(ValueError, match="rankdir must be one of LR, TB, RL, BT"):
        draw_graph(seed_graph(), rankdir=rankdir)


@pytest.mark.parametrize("max_nodes", [0, -1, 2.5, True])
def test_bad_max_nodes_is_a_clear_error(max_nodes):
    with pytest.raises(ValueError, match="max_nodes must be a positive int"):
        draw_graph(seed_graph(), max_nodes=max_nodes)


@pytest.mark.timeout(60)
def test_over_max_nodes_raises_at_once_saying_how_to_proceed():
    x = Value(1.0, label="x")
    y = x
    for _ in range(100_000):
        y = y * 1.0
    with pytest.raises(ValueError, match="graph has 100001 nodes, more than max_nodes=500; raise max_nodes or draw"):
        draw_graph(y)
    values_and_ops = 99_999 + 99_998
    assert len(node_lines(draw_graph(y.inputs[0].inputs[0], max_nodes=100_000).source)) == values_and_ops


def test_exactly_max_nodes_is_drawn():
    assert isinstance(draw_graph(seed_graph(), max_nodes=5), Diagram)
    with pytest.raises(ValueError, match="graph has 5 nodes, more than max_nodes=4"):
        draw_graph(seed_graph(), max_nodes=4)


def test_labels_are_escaped_for_graphviz():
    x = Value(1.0, label="<x&y>")
    source = draw_graph(x * 2).source
    assert "&lt;x&amp;y&gt;" in source  # in the HTML-like record
    assert "=<x&y>" not in source  # never as an HTML-like attribute: the hover text is a quoted string
    assert 'tooltip="<x&y>"' in source


def test_viz_reads_only_public_attributes_of_value():
    viz = Path(draw_graph.__code__.co_filename).parent
    for path in viz.glob("*.py"):
        assert not re.search(r"\._id\b|\._[a-z]+\(", path.read_text(encoding="utf-8").replace("self._", "")), path
