"""node_names: labels, stable automatic names; the compact number format every text view uses."""

import re

import autograd_lite as ag
from autograd_lite import Value
from autograd_lite.naming import MAX_DEFINED, describe, local_rule, node_names, where
from autograd_lite.text import factor, product
from autograd_lite.text import number as fmt


def seed_graph():
    a, b, c = Value(-12, label="a"), Value(14, label="b"), Value(-10, label="c")
    d = a + b
    e = d * c
    return a, b, c, d, e


def test_labels_are_names_and_unlabeled_nodes_are_named_by_topological_position():
    a, b, c, d, e = seed_graph()
    names = node_names(e)
    assert names == {a: "a", b: "b", c: "c", d: "n3", e: "out"}  # an unlabelled root is `out`


def test_out_never_repeats_a_label_and_a_leaf_root_keeps_its_position_name():
    x = Value(1.0, label="out")
    assert node_names(x * 2.0)[x] == "out"
    assert list(node_names(x * 2.0).values()) == ["out", "out'"]
    leaf = Value(3.0)
    assert node_names(leaf) == {leaf: "n0"}  # a leaf root is not an output: it keeps its position name


def test_where_defines_every_unlabelled_name_it_shows_and_the_names_those_definitions_use():
    a, b, _c, _d, e = seed_graph()
    k = Value(2.0)
    f = e * k
    names = node_names(f)
    assert where([f], names) == "where out = n4 * n5, n4 = n3 * c, n5 = Value(2), n3 = a + b"
    assert where([f], names, complete=True) == where([f], names)  # within MAX_DEFINED the two agree
    assert where([a, b], names) == ""  # labels need no definition


def test_a_complete_where_line_leaves_no_printed_name_undefined_and_stays_bounded():
    xs = [Value(float(i)) for i in range(30)]
    top = ag.sum([x * 2.0 for x in xs]).tanh()
    names = node_names(top)
    [wide] = top.inputs
    text = where([wide], names, complete=True)
    defined = re.findall(r"(?<!\w)(n\d+) = ", text)
    assert set(re.findall(r"(?<!\w)n\d+(?!\w)", text)) == set(defined)  # every name printed is defined
    assert len(defined) == len(set(defined)) == MAX_DEFINED  # each once, no more than the budget
    assert f"{names[wide]} = sum(n30, n31, n32, n33, n34, n35, … 23 more, n59)" in text  # the 7 names it prints
    assert "n34 = … * 2 = 8" in text  # past the budget: a node's op and value, naming no further node
    assert "n40" not in text  # elided by the sum's formula: not printed, so not defined
    capped = where([wide], names)  # explain's bounded form stops at MAX_DEFINED and says so
    assert capped.endswith("… (more unlabelled nodes: give them labels to see them)")
    assert "n40" not in capped


def test_automatic_names_are_the_same_for_the_same_graph():
    first = list(node_names(seed_graph()[-1]).values())
    second = list(node_names(seed_graph()[-1]).values())
    assert first == second


def test_an_automatic_name_never_repeats_a_label():
    x = Value(1.0, label="n1")
    y = Value(2.0)
    z = x * y  # position 2: n2; y at position 1 would be "n1", which the label takes
    names = node_names(z)
    assert names[x] == "n1"
    assert names[y] == "n1'"
    assert len(set(names.values())) == 3


def test_numbers_are_compact():
    assert fmt(-10.0) == "-10"
    assert fmt(1e-7) == "1e-7"  # never 0.0000
    assert fmt(-0.0) == "0"
    assert fmt(1.5e20) == "1.5e20"
    assert fmt(0.123456) == "0.1235"
    assert fmt(float("inf")) == "inf"
    assert fmt(float("nan")) == "nan"


def test_negative_factors_after_the_first_are_parenthesised():
    assert factor(-10.0) == "(-10)"
    assert factor(2.0) == "2"
    assert product((1.0, -10.0)) == "1 · (-10)"
    assert product((-10.0, 1.0)) == "-10 · 1"


def test_describe_writes_the_op_with_input_names_and_its_kept_constant():
    x = Value(3.0, label="x")
    y = Value(2.0, label="y")
    names = {x: "x", y: "y"}
    cases = {
        "x * y": x * y,
        "x * 2": x * 2,
        "x + 1": x + 1,
        "x - 1": x - 1,
        "1 - x": 1 - x,
        "-x": -x,
        "tanh(x)": x.tanh(),
        "leaky_relu(x, 0.01)": x.leaky_relu(),
        "leaky_relu(x, 0.2)": x.leaky_relu(0.2),
        "x / 4": x / 4,
        "4 / x": 4 / x,
        "x ** 2": x**2,
        "x ** (-0.5)": x**-0.5,
        "2 ** x": 2**x,
        "x ** 0": x**0,  # the node keeps its constant: nothing is recovered from the numbers
        "0 / x": 0 / x,
        "x - (-3)": x - (-3),
        "-3 - x": -3 - x,
        "x ** y": x**y,
    }
    for expected, node in cases.items():
        assert describe(node, {**names, node: "?"}) == expected
    assert describe(x, names) == "x"


def test_local_rules_are_written_from_the_op_record():
    x, y = Value(3.0, label="x"), Value(2.0, label="y")
    names = {x: "x", y: "y"}
    assert [local_rule(x * y, i, names) for i in (0, 1)] == ["y", "x"]
    assert local_rule(x * 2, 0, names) == "2"
    assert local_rule(x.tanh(), 0, names) == "1 - tanh(x)²"
    assert local_rule(x**3, 0, names) == "3 · x ** (3 - 1)"
    assert local_rule(x / y, 1, names) == "-x / y²"


def test_describe_elides_the_middle_of_a_long_argument_list():
    ws = [Value(0.5, label=f"w{i}") for i in range(100)]
    xs = [Value(1.0, label=f"x{i}") for i in range(100)]
    node = ag.dot(ws, xs)
    names = {**{v: v.label for v in ws + xs}, node: "z"}
    assert describe(node, names) == "dot(w0, w1, w2, w3, w4, w5, … 193 more, x99)"
