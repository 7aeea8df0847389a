"""Expressions for the command line: Python syntax read by `ast` and checked against a whitelist — never eval/exec.

Allowed: numbers, variable names, `+ - * / **`, unary `-` and `+`, parentheses, calls of the engine's
functions (`exp(x)`, `leaky_relu(x, 0.1)`, …), `(d := a + b)` to name an intermediate node, and an
optional leading `e = …` to name the result. Everything else is an ExpressionError naming the problem
and its column. Numbers stay plain floats, folded into the ops as constants, exactly as in Python code.
"""

from __future__ import annotations

import ast
import itertools
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from autograd_lite import ops
from autograd_lite.grad_mode import no_grad
from autograd_lite.numeric import as_real
from autograd_lite.value import Value

# The functions an expression may call: the engine's records of them (ops.FUNCTIONS), each bound to Value by name.
FUNCTIONS: dict[str, Callable[..., Value]] = {name: getattr(Value, name) for name in ops.FUNCTIONS}
OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
MAX_LENGTH = 1000  # characters
MAX_DEPTH = 100  # nesting of the syntax tree
MAX_TOWER = 4  # `**` nested in `**`: a ** b ** c ** d is a tower of 3
ROOT_NAMES = ("f", "y", "out", "result")
_WHAT = {  # what a reader calls the constructs that are not allowed
    "Attribute": "attribute access",
    "Lambda": "lambda",
    "Subscript": "indexing",
    "Compare": "a comparison",
    "BoolOp": "and/or",
    "IfExp": "if-else",
    "Starred": "*unpacking",
    "JoinedStr": "an f-string",
    "List": "a list",
    "Tuple": "a tuple",
    "Dict": "a dict",
    "Set": "a set",
    "ListComp": "a comprehension",
    "SetComp": "a comprehension",
    "DictComp": "a comprehension",
    "GeneratorExp": "a generator",
    "Await": "await",
    "Yield": "yield",
    "YieldFrom": "yield",
    "Slice": "a slice",
}
_STATEMENTS = {
    "Assign": "this assignment",
    "AugAssign": "augmented assignment",
    "AnnAssign": "an annotated assignment",
    "Import": "import",
    "ImportFrom": "import",
}
_HELP = f"use numbers, names, + - * / **, parentheses and {', '.join(FUNCTIONS)}"


class ExpressionError(ValueError):
    """Bad input: `str()` is one line naming the problem and, when it is in the text, its column (1-based)."""

    def __init__(self, problem: str, column: int | None = None) -> None:
        super().__init__(problem if column is None else f"column {column}: {problem}")
        self.problem, self.column = problem, column


@dataclass(frozen=True)
class Expression:
    """A checked expression: its variables in order of first use, the names it defines, the name of its result."""

    text: str
    tree: ast.expr
    variables: tuple[str, ...]
    defined: tuple[str, ...]
    result_name: str | None


@dataclass(frozen=True)
class Evaluated:
    """An expression's graph: `root`, and the node behind every variable and defined name."""

    root: Value
    nodes: dict[str, Value]


def parse(text: str) -> Expression:
    """Check `text` against the whitelist; an ExpressionError with the column of the first problem."""
    if not isinstance(text, str):
        raise ExpressionError(f"an expression is text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is {len(text)} characters long, more than {MAX_LENGTH}; shorten it")
    if "\n" in text or "\r" in text:
        raise ExpressionError("the expression must be on one line", text.find("\n") + 1 or text.find("\r") + 1)
    if not text.strip():
        raise ExpressionError("the expression is empty; try something like (a + b) * c")
    try:
        module = ast.parse(text, mode="exec")
    except SyntaxError as e:
        problem = "invalid syntax" if e.msg == "invalid syntax" else f"invalid syntax: {e.msg}"
        raise ExpressionError(problem, e.offset or None) from None
    except (ValueError, MemoryError, RecursionError) as e:  # e.g. null bytes, parser limits
        raise ExpressionError(f"cannot parse the expression: {str(e).splitlines()[0]}") from None
    checker = _Checker(text)
    tree, result_name = checker.statement(module)
    checker.depth(tree)
    checker.visit(tree)
    if result_name in checker.variables or result_name in checker.defined:
        raise ExpressionError(f"the result name {result_name!r} is also used inside the expression", 1)
    return Expression(text, tree, tuple(checker.variables), tuple(checker.defined), result_name)


def evaluate(expression: Expression, values: Mapping[str, float]) -> Evaluated:
    """Build the graph of `expression` with each variable a leaf Value labelled by its name."""
    missing = [name for name in expression.variables if name not in values]
    if missing:
        given = " ".join(f"{name}=NUMBER" for name in missing)
        raise ExpressionError(f"no value for {', '.join(map(repr, missing))}: add {given}")
    for name in values:
        if name in expression.defined:
            raise ExpressionError(f"{name!r} is defined inside the expression with :=, so it takes no value")
        if name not in expression.variables:
            raise ExpressionError(f"{name!r} is not used by the expression (it uses {_listing(expression.variables)})")
    nodes = {name: Value(values[name], label=name) for name in expression.variables}
    out = _Evaluator(nodes).eval(expression.tree)
    taken = {*expression.variables, *expression.defined}
    name = expression.result_name or next(n for n in _result_names() if n not in taken)
    root = out if type(out) is Value else Value(out)
    if not root.label:
        root.label = name
    return Evaluated(root, nodes)


def parse_values(arguments: list[str]) -> dict[str, float]:
    """`["a=-12", "b=1e-3"]` → {"a": -12.0, "b": 0.001}; an ExpressionError naming a malformed argument.

    Names are folded as Python folds the identifiers of the expression (Unicode NFKC: `ｘ` is `x`).
    """
    values: dict[str, float] = {}
    for arg in arguments:
        name, sep, number = arg.partition("=")
        name = fold_name(name.strip())
        if not sep or not name.isidentifier():
            raise ExpressionError(f"argument {arg!r} is not name=value; give each variable as in a=1.5")
        if name in values:
            raise ExpressionError(f"{name!r} is given twice ({name}={values[name]:g} and {arg})")
        try:
            values[name] = float(number)
        except ValueError:
            raise ExpressionError(f"argument {arg!r}: {number.strip()!r} is not a number") from None
    return values


def fold_name(name: str) -> str:
    """A name as Python reads it in source code: NFKC-normalised, so the full-width `ｘ` and `x` are one name."""
    return unicodedata.normalize("NFKC", name)


def _result_names() -> Iterator[str]:
    """The names the result may take when the expression does not name it: f, y, out, result, f_2, f_3, …"""
    yield from ROOT_NAMES
    for i in itertools.count(2):
        yield f"f_{i}"


def _listing(names: tuple[str, ...]) -> str:
    return ", ".join(names) if names else "no variables"


class _Checker:
    """Walks the tree in Python's evaluation order, checking each node and collecting the names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.variables: list[str] = []
        self.defined: list[str] = []

    def column(self, node: ast.AST) -> int:
        """The 1-based character column of a node (ast counts UTF-8 bytes)."""
        offset = getattr(node, "col_offset", 0)
        return len(self.text.encode()[:offset].decode(errors="ignore")) + 1

    def fail(self, problem: str, node: ast.AST) -> ExpressionError:
        return ExpressionError(problem, self.column(node))

    def statement(self, module: ast.Module) -> tuple[ast.expr, str | None]:
        """The one expression, or `name = expression`; its result name."""
        if not module.body:  # only a comment
            raise ExpressionError("the expression is empty; try something like (a + b) * c")
        if len(module.body) != 1:
            raise ExpressionError("write one expression, not several statements", self.column(module.body[1]))
        stmt = module.body[0]
        if isinstance(stmt, ast.Expr):
            return stmt.value, None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            self.check_new_name(stmt.targets[0].id, stmt.targets[0])
            return stmt.value, stmt.targets[0].id
        what = _STATEMENTS.get(type(stmt).__name__, f"a {type(stmt).__name__.lower()} statement")
        raise self.fail(f"{what} is not allowed; write an expression such as e = (a + b) * c", stmt)

    def depth(self, tree: ast.AST) -> None:
        """Refuse trees nested deeper than MAX_DEPTH (iteratively: the walk below recurses) and tall `**` towers."""
        stack = [(tree, 1, 0)]
        while stack:
            node, depth, tower = stack.pop()
            if depth > MAX_DEPTH:
                raise self.fail(f"the expression nests deeper than {MAX_DEPTH} levels; simplify it", node)
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
                tower += 1
                if tower > MAX_TOWER:
                    raise self.fail(f"an exponent tower more than {MAX_TOWER} levels high; split it up", node)
            stack.extend((child, depth + 1, tower) for child in ast.iter_child_nodes(node))

    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.Constant):
            self.constant(node)
        elif isinstance(node, ast.Name):
            self.name(node)
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in OPERATORS:
                raise ExpressionError(
                    f"the operator {self.operator(node)!r} is not supported; {_HELP}", self.op_column(node)
                )
            self.visit(node.left)
            self.visit(node.right)
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub | ast.UAdd):
                op = {ast.Not: "not", ast.Invert: "~"}[type(node.op)]
                raise self.fail(f"the operator {op!r} is not supported; {_HELP}", node)
            self.visit(node.operand)
        elif isinstance(node, ast.Call):
            self.call(node)
        elif isinstance(node, ast.NamedExpr):
            self.visit(node.value)
            self.check_new_name(node.target.id, node.target)
            self.defined.append(node.target.id)
        else:
            what = _WHAT.get(type(node).__name__, type(node).__name__)
            raise self.fail(f"{what} is not allowed; {_HELP}", node)

    def constant(self, node: ast.Constant) -> None:
        if type(node.value) not in (int, float):
            raise self.fail(f"{node.value!r} is not a real number; {_HELP}", node)

    def name(self, node: ast.Name) -> None:
        name = node.id
        if name.startswith("__"):
            raise self.fail(f"the name {name!r} is not allowed (no double-underscore names)", node)
        if name in FUNCTIONS:
            raise self.fail(f"{name!r} is a function: call it, as in {name}(x)", node)
        if name not in self.defined and name not in self.variables:
            self.variables.append(name)

    def call(self, node: ast.Call) -> None:
        if not isinstance(node.func, ast.Name):
            self.visit(node.func)  # an attribute or the like: named by visit
            raise self.fail(f"only the functions {', '.join(FUNCTIONS)} can be called", node)
        name = node.func.id
        if name not in FUNCTIONS:
            raise self.fail(f"unknown function {name!r}; the functions are {', '.join(FUNCTIONS)}", node)
        if node.keywords:
            raise self.fail(f"{name}() takes no keyword arguments; write {name}(x)", node.keywords[0].value)
        arity = (1, 2) if name == "leaky_relu" else (1,)
        if len(node.args) not in arity:
            takes = "1 or 2 arguments" if name == "leaky_relu" else "1 argument"
            usage = "leaky_relu(x) or leaky_relu(x, 0.1)" if name == "leaky_relu" else f"{name}(x)"
            raise self.fail(f"{name}() takes {takes}, got {len(node.args)}; write {usage}", node)
        self.visit(node.args[0])
        if len(node.args) == 2:
            slope = node.args[1]
            if isinstance(slope, ast.UnaryOp) and isinstance(slope.op, ast.USub | ast.UAdd):
                slope = slope.operand
            if not isinstance(slope, ast.Constant) or type(slope.value) not in (int, float):
                raise self.fail("the slope of leaky_relu(x, slope) must be a number, such as 0.1", node.args[1])

    def check_new_name(self, name: str, node: ast.AST) -> None:
        if name.startswith("__"):
            raise self.fail(f"the name {name!r} is not allowed (no double-underscore names)", node)
        if name in FUNCTIONS:
            raise self.fail(f"{name!r} is a function and cannot name a node", node)
        if name in self.variables or name in self.defined:
            raise self.fail(f"{name!r} is already used; pick a new name", node)

    def operator(self, node: ast.BinOp) -> str:
        between = self.between(node)
        return between.strip(" ()") or type(node.op).__name__

    def op_column(self, node: ast.BinOp) -> int:
        between = self.between(node)
        return self.column(node.left) + len(self.segment(node.left)) + len(between) - len(between.lstrip(" )"))

    def between(self, node: ast.BinOp) -> str:
        """The text between a binary operation's operands: the operator, maybe with spaces and parentheses."""
        return self.text[self.column(node.left) - 1 + len(self.segment(node.left)) : self.column(node.right) - 1]

    def segment(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or ""


class _Evaluator:
    """Builds the graph; number-only parts stay numbers (computed by the engine's IEEE-754 ops)."""

    def __init__(self, nodes: dict[str, Value]) -> None:
        self.names: dict[str, Value | float] = dict(nodes)
        self.nodes = nodes

    def eval(self, node: ast.expr) -> Value | float:
        if isinstance(node, ast.Constant):
            return as_real(node.value)  # an int beyond float range is inf, as IEEE-754 rounds it
        if isinstance(node, ast.Name):
            return self.names[node.id]
        if isinstance(node, ast.UnaryOp):
            x = self.eval(node.operand)
            return -x if isinstance(node.op, ast.USub) else x
        if isinstance(node, ast.BinOp):
            return _binary(OPERATORS[type(node.op)], self.eval(node.left), self.eval(node.right))
        if isinstance(node, ast.Call):
            args = [self.eval(a) for a in node.args]
            return _apply(FUNCTIONS[node.func.id], args)  # type: ignore[union-attr]
        if isinstance(node, ast.NamedExpr):
            x = self.eval(node.value)
            if type(x) is Value and not x.label:
                x.label = node.target.id
            self.names[node.target.id] = x
            if type(x) is Value:
                self.nodes[node.target.id] = x
            return x
        raise AssertionError(f"unchecked node {type(node).__name__}")  # parse() lets no other node through


def _binary(op: str, x: Value | float, y: Value | float) -> Value | float:
    if type(x) is not Value and type(y) is not Value:  # two numbers: the engine's IEEE-754 arithmetic
        return _apply(lambda a, b: _binary(op, a, b), [x, y])
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        return x / y
    return x**y


def _apply(f: Callable[..., Value | float], args: list[Value | float]) -> Value | float:
    """f on Values; on a number first argument, f's value as a number (no graph)."""
    if type(args[0]) is Value:
        return f(*args)
    with no_grad():
        return f(Value(args[0]), *args[1:]).data
