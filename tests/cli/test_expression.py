"""The expression parser: Python syntax through ast and a whitelist, one-line errors with columns, never eval."""

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_lite import Value
from autograd_lite.cli.expression import ExpressionError, evaluate, parse, parse_values


def build(text, **values):
    return evaluate(parse(text), values)


def test_variables_in_order_of_first_use_and_the_graph_they_make():
    expression = parse("(b + a) * c + b")
    assert expression.variables == ("b", "a", "c")
    graph = build("(a+b)*c", a=-12, b=14, c=-10)
    a, b, c = graph.nodes["a"], graph.nodes["b"], graph.nodes["c"]
    assert (a.label, a.data, a.inputs) == ("a", -12.0, ())
    assert graph.root.op == "*"
    assert graph.root.data == -20.0
    d = graph.root.inputs[0]
    assert d.inputs == (a, b)
    assert graph.root.inputs == (d, c)


def test_numbers_are_constants_folded_into_the_ops_as_in_python_code():
    root = build("x * 2 + 1", x=3.0).root
    assert root.inputs[0].inputs[0].label == "x"
    assert root.inputs[0].local_grads == (2.0,)
    assert len(root.inputs) == 1
    assert (
        build(
            "2 ** 3 - 1",
        ).root.data
        == 7.0
    )  # a number-only expression is a single leaf
    assert build("1 / 0").root.data == float("inf")  # IEEE-754, never a ZeroDivisionError
    assert build("9" * 400 + " * x", x=1.0).root.data == float("inf")  # an int beyond float range rounds to inf


def test_functions_are_the_engines_ops():
    root = build("tanh(w * x + b)", w=0.5, x=2.0, b=-1.0).root
    assert root.op == "tanh"
    assert build("leaky_relu(x, 0.2)", x=-1.0).root.data == pytest.approx(-0.2)
    assert build("leaky_relu(x, -0.5)", x=-2.0).root.data == pytest.approx(1.0)
    for name in ("exp", "log", "sqrt", "sigmoid", "relu", "sin", "cos", "abs"):
        assert build(f"{name}(x)", x=0.5).root.op == name
    assert build("exp(1) * x", x=1.0).root.local_grads == (pytest.approx(2.718281828459045),)


def test_walrus_names_a_node_and_an_assignment_names_the_result():
    expression = parse("e = (d := a + b) * c")
    assert (expression.variables, expression.defined, expression.result_name) == (("a", "b", "c"), ("d",), "e")
    graph = evaluate(expression, {"a": -12, "b": 14, "c": -10})
    assert graph.root.label == "e"
    assert graph.nodes["d"].label == "d"
    assert graph.nodes["d"].op == "+"
    again = build("(t := a * b) + t ** 2", a=1.0, b=2.0)
    t = again.nodes["t"]
    assert again.root.inputs == (t, again.root.inputs[1])
    assert again.root.inputs[1].inputs == (t,)  # the name refers to the same node: one graph, two uses


def test_the_default_result_name_avoids_the_variables():
    assert build("a + 1", a=1.0).root.label == "f"
    assert build("f * y", f=1.0, y=2.0).root.label == "out"
    assert build("x", x=1.0).root.label == "x"  # the result is the variable itself


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("(a+b)*foo(c)", 7, "unknown function 'foo'"),
        ("a.real", 1, "attribute access is not allowed"),
        ("lambda: a", 1, "lambda is not allowed"),
        ("__import__('os').system('true')", 1, "attribute access is not allowed"),
        ("__class__ + a", 1, "'__class__' is not allowed (no double-underscore names)"),
        ("a[0]", 1, "indexing is not allowed"),
        ("a < b", 1, "a comparison is not allowed"),
        ("a and b", 1, "and/or is not allowed"),
        ("a if b else c", 1, "if-else is not allowed"),
        ("'text' * a", 1, "'text' is not a real number"),
        ("True + a", 1, "True is not a real number"),
        ("2j * a", 1, "2j is not a real number"),
        ("a // b", 3, "the operator '//' is not supported"),
        ("(a) % b", 5, "the operator '%' is not supported"),
        ("a @ b", 3, "the operator '@' is not supported"),
        ("~a", 1, "the operator '~' is not supported"),
        ("exp", 1, "'exp' is a function: call it, as in exp(x)"),
        ("exp(a, b)", 1, "exp() takes 1 argument, got 2"),
        ("leaky_relu(a, 0.1, b)", 1, "leaky_relu() takes 1 or 2 arguments, got 3"),
        ("exp(x=a)", 7, "exp() takes no keyword arguments"),
        ("leaky_relu(a, b)", 15, "the slope of leaky_relu(x, slope) must be a number"),
        ("a +", 4, "invalid syntax"),
        ("(a + b", 1, "invalid syntax: '(' was never closed"),
        ("a; b", 4, "write one expression, not several statements"),
        ("import os", 1, "import is not allowed"),
        ("a = b = c", 1, "this assignment is not allowed"),
        ("x += 1", 1, "augmented assignment is not allowed"),
        ("d + (d := a)", 6, "'d' is already used"),
        ("f = f + 1", 1, "the result name 'f' is also used inside the expression"),
        ("é + a.b", 5, "attribute access"),  # columns count characters, not UTF-8 bytes
        ("a ** b ** c ** d ** e ** g", 21, "an exponent tower more than 4 levels high"),
        ("-" * 200 + "a", 101, "nests deeper than 100 levels"),
        ("a\nb", 2, "the expression must be on one line"),
    ],
)
def test_bad_input_names_the_problem_and_its_column(text, column, words):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.column == column
    assert words in str(info.value)
    assert str(info.value).startswith(f"column {column}: ")
    assert "\n" not in str(info.value)


def test_limits_without_a_column():
    with pytest.raises(ExpressionError, match="characters long, more than 1000"):
        parse("a+" * 600 + "a")
    with pytest.raises(ExpressionError, match="the expression is empty"):
        parse("   ")


def test_values_are_checked_against_the_expression():
    expression = parse("e = (d := a + b) * c")
    with pytest.raises(ExpressionError, match=r"no value for 'b', 'c': add b=NUMBER c=NUMBER"):
        evaluate(expression, {"a": 1.0})
    with pytest.raises(ExpressionError, match=r"'q' is not used by the expression \(it uses a, b, c\)"):
        evaluate(expression, {"a": 1.0, "b": 1.0, "c": 1.0, "q": 1.0})
    with pytest.raises(ExpressionError, match=r"'d' is defined inside the expression with :="):
        evaluate(expression, {"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0})


def test_name_value_arguments():
    assert parse_values(["a=-12", "b=1e-3", "c=inf"]) == {"a": -12.0, "b": 0.001, "c": float("inf")}
    for bad, words in [
        (["a"], "argument 'a' is not name=value"),
        (["1a=2"], "argument '1a=2' is not name=value"),
        (["a=x"], "argument 'a=x': 'x' is not a number"),
        (["a=1", "a=2"], "'a' is given twice"),
    ]:
        with pytest.raises(ExpressionError, match=words):
            parse_values(bad)


@pytest.mark.timeout(60)  # a hang guard: 9 ** 9 ** 9 ** 9 as an exact int would never finish
def test_huge_exponents_are_quick_numbers_not_hangs():
    assert build("9 ** 9 ** 9 ** 9 * x", x=1.0).root.data == float("inf")
    with pytest.raises(ExpressionError, match="exponent tower"):
        parse("9**9**9**9**9**9**9")


def test_the_parser_never_evaluates_python(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text in ["open('owned', 'w')", "__import__('os').system('touch owned')", "exec('x=1')", "eval('1')"]:
        with pytest.raises(ExpressionError):
            parse(text)
    assert not (tmp_path / "owned").exists()


# Fuzzing: random text and random syntax trees either parse and evaluate, or fail with one ExpressionError line.

NAMES = st.sampled_from(["a", "b", "x", "w", "exp", "tanh", "foo", "__class__", "d", "leaky_relu"])


def _trees(children):
    number = st.one_of(st.integers(-(10**30), 10**30), st.floats(allow_nan=False), st.just(True), st.just("s"))
    binop = st.sampled_from([ast.Add(), ast.Sub(), ast.Mult(), ast.Div(), ast.Pow(), ast.FloorDiv(), ast.Mod()])
    return st.one_of(
        st.builds(ast.BinOp, children, binop, children),
        st.builds(ast.UnaryOp, st.sampled_from([ast.USub(), ast.UAdd(), ast.Not(), ast.Invert()]), children),
        st.builds(
            lambda f, args, kw: ast.Call(ast.Name(f, ast.Load()), args, [ast.keyword("k", kw)] if kw else []),
            NAMES,
            st.lists(children, max_size=3),
            st.one_of(st.none(), children),
        ),
        st.builds(lambda v, n: ast.Attribute(v, n, ast.Load()), children, st.sampled_from(["real", "__class__"])),
        st.builds(lambda v, i: ast.Subscript(v, i, ast.Load()), children, children),
        st.builds(lambda body: ast.Lambda(ast.arguments([], [], None, [], [], None, []), body), children),
        st.builds(lambda t, v: ast.NamedExpr(ast.Name(t, ast.Store()), v), NAMES, children),
        st.builds(lambda left, right: ast.Compare(left, [ast.Lt()], [right]), children, children),
        st.builds(ast.Constant, number),
    )


TREES = st.recursive(
    st.one_of(st.builds(lambda n: ast.Name(n, ast.Load()), NAMES), st.builds(ast.Constant, st.floats(-1e3, 1e3))),
    _trees,
    max_leaves=25,
)


def _parse_or_fail(text):
    """A valid expression evaluates (every variable set to 0.5); an invalid one is one ExpressionError line."""
    try:
        expression = parse(text)
    except ExpressionError as e:
        message = str(e)
    else:
        root = evaluate(expression, dict.fromkeys(expression.variables, 0.5)).root
        assert type(root) is Value
        return
    assert message
    assert "\n" not in message


@settings(max_examples=400, deadline=None)
@given(TREES)
def test_random_syntax_trees_parse_or_fail_cleanly(tree):
    _parse_or_fail(ast.unparse(ast.fix_missing_locations(ast.Expression(tree))))


TOKENS = st.sampled_from([*"ab xy()+-*/%.,:=_0123456789eé[]'\"λ\\\t\n", "exp", "**", ":=", "tanh(", "1e999", "__"])


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=40).map("".join))
def test_random_text_parses_or_fails_cleanly(text):
    _parse_or_fail(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_unicode_parses_or_fails_cleanly(text):
    _parse_or_fail(text)


ALLOWED = st.recursive(
    st.one_of(
        st.builds(lambda n: ast.Name(n, ast.Load()), st.sampled_from(["a", "b", "x"])),
        st.builds(ast.Constant, st.one_of(st.floats(allow_nan=False), st.integers(-(10**400), 10**400))),
    ),
    lambda children: st.one_of(
        st.builds(ast.BinOp, children, st.sampled_from([ast.Add(), ast.Sub(), ast.Mult(), ast.Div()]), children),
        st.builds(ast.BinOp, children, st.just(ast.Pow()), children),
        st.builds(ast.UnaryOp, st.sampled_from([ast.USub(), ast.UAdd()]), children),
        st.builds(
            lambda f, x: ast.Call(ast.Name(f, ast.Load()), [x], []), st.sampled_from(["exp", "log", "tanh"]), children
        ),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(ALLOWED)
def test_whitelisted_trees_always_parse_evaluate_and_differentiate(tree):
    text = ast.unparse(ast.fix_missing_locations(ast.Expression(tree)))
    try:
        expression = parse(text)
    except ExpressionError as e:  # only the size limits may refuse a whitelisted tree
        assert "exponent tower" in str(e) or "characters long" in str(e)  # noqa: PT017
        return
    graph = evaluate(expression, dict.fromkeys(expression.variables, -0.75))
    graph.root.backward()  # IEEE-754 all the way: inf and nan are numbers, never exceptions
    assert graph.root.grad == 1.0 or not graph.root.inputs
