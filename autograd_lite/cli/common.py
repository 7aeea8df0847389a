"""What the expression commands share: the usage error, the EXPRESSION NAME=VALUE arguments, exact numbers, JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, TypeVar

from autograd_lite.cli.expression import Evaluated, evaluate, parse, parse_values
from autograd_lite.text import number

PROG = "autograd-lite"
THEMES = ("light", "dark")  # viz.theme.THEMES; written out so that --help needs no import of viz
Written = TypeVar("Written")
EXAMPLE_VALUES = '"(a+b)*c" a=-12 b=14 c=-10'


class UsageError(Exception):
    """Bad input to a command: printed as one line, exit code 2."""


# A path that cannot be written as given is bad input (exit 2); a full disk or an I/O error is not (exit 1).
PATH_ERRORS = (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError, FileExistsError)


def os_error_line(error: OSError) -> str:
    """`path: what is wrong`, one line (an OSError's own str() repeats the errno and quotes the path)."""
    if error.filename is None:
        return error.strerror or str(error)
    return f"{error.filename}: {error.strerror}"


def expression_arguments(parser: argparse.ArgumentParser) -> None:
    """EXPRESSION NAME=VALUE ...: one list, split by `build` (argparse's intermixed parsing calls an optional
    second positional required)."""
    parser.add_argument(
        "words",
        nargs="*",
        metavar="EXPRESSION NAME=VALUE",
        help='an expression such as "(a+b)*c", "e = (d := a + b) * c" or "tanh(w*x + b)", then a number for each'
        ' variable, such as a=-12. An expression that starts with "-" goes after --: -- "-x*y" x=1 y=2',
    )


def format_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="json: for scripts")


def build(args: argparse.Namespace) -> tuple[str, Evaluated]:
    """The expression's text (without `name =`) and its graph."""
    if not args.words:
        raise UsageError(f"give an expression and a value for each variable, e.g. {PROG} grad {EXAMPLE_VALUES}")
    text, *values = args.words
    expression = parse(text)
    graph = evaluate(expression, parse_values(values))
    body = text.split("=", 1)[1] if expression.result_name else text
    return body.strip(), graph


def headline(text: str, graph: Evaluated) -> str:
    """`e = (a+b)*c = -20`: the result's name, the expression and its value."""
    return f"{graph.root.label} = {text} = {exact(graph.root.data)}"


def exact(x: float) -> str:
    """A float in full (shortest round-trip) precision: -10, 0.1, 1e-7, inf.

    The command line prints results a script may read back, so it does not round (the teaching
    text of explain and step shows 4 significant digits); both are `text.number`.
    """
    return number(x, None)


def json_number(x: float) -> float | str:
    """JSON has no inf or nan: those become the strings "inf", "-inf", "nan"."""
    return x if x == x and abs(x) != float("inf") else repr(x)


def print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))


def theme_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--theme", choices=THEMES, default="light", help="light (default) or dark, for dark slides")


def save(write: Callable[[], Written]) -> Written:
    """What `write()` returns; a refused argument (ValueError) is a UsageError (a path that cannot be written is
    an OSError, which main reports in one line with exit code 2)."""
    try:
        return write()
    except ValueError as e:
        raise UsageError(str(e)) from None
