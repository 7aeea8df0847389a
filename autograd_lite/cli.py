"""The `autograd-lite` command line (also `python -m autograd_lite`): grad, explain, step, draw, demo, train.

Each command is a module-like pair `add_arguments(parser)` / `run(args) -> exit code`. The built-in ones
live here; `demo` and `train` live in the examples and nn packages and are imported only when used, so
that a missing or broken one never stops the others. Bad input is one line on stderr and exit code 2;
any other failure is one line and exit code 1 — never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from types import SimpleNamespace
from typing import Any, TextIO

from autograd_lite.explain import explain
from autograd_lite.expression import Evaluated, ExpressionError, evaluate, parse, parse_values
from autograd_lite.stepper import Stepper

PROG = "autograd-lite"
EXAMPLE_VALUES = '"(a+b)*c" a=-12 b=14 c=-10'


class UsageError(Exception):
    """Bad input to a command: printed as one line, exit code 2."""


@dataclass(frozen=True)
class Command:
    """A subcommand: what it does, an example, and where its add_arguments/run are (a module path, or here)."""

    summary: str
    example: str
    module: str = ""


COMMANDS = {
    "grad": Command(
        "the value of an expression and its gradient with respect to every variable", f"grad {EXAMPLE_VALUES}"
    ),
    "explain": Command(
        "a gradient as the chain rule: the sum over paths of local derivatives", f"explain {EXAMPLE_VALUES} --wrt a"
    ),
    "step": Command("step through the backward pass (Enter = next, b = back, q = quit)", f"step {EXAMPLE_VALUES}"),
    "draw": Command(
        "draw the graph with values and gradients (.svg, .png or .dot)", f"draw {EXAMPLE_VALUES} -o graph.svg"
    ),
    "demo": Command("run the worked examples of the lecture notes", "demo --list", "autograd_lite.examples.tour"),
    "train": Command(
        "train a small MLP on a toy dataset",
        "train --dataset moons --hidden 16,16 --epochs 100",
        "autograd_lite.nn.training",
    ),
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2) instead of the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith("unrecognized arguments: -"):
            message += f'; an expression that starts with "-" goes after --, as in: {self.prog} -- "-x*y" x=1 y=2'
        raise UsageError(f"{message} (see {self.prog} --help)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv)
    except SystemExit as e:  # --help and --version end here
        return e.code if isinstance(e.code, int) else 0 if e.code is None else _fail(str(e.code), 2)
    except (UsageError, ExpressionError) as e:
        return _fail(str(e), 2)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:  # `autograd-lite ... | head`: the reader left, nothing more to say
        _silence_stdout()
        return 141
    except Exception as e:  # one line, never a traceback
        return _fail(f"{type(e).__name__}: {e}", 1)


def _dispatch(argv: list[str]) -> int:
    if not argv:
        raise UsageError(f"no command given; choose one of {', '.join(COMMANDS)} (see {PROG} --help)")
    name = argv[0]
    if name in ("-h", "--help"):
        print(_overview())
        return 0
    if name == "--version":
        print(f"{PROG} {_version()}")
        return 0
    if name not in COMMANDS:
        close = difflib.get_close_matches(name, COMMANDS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise UsageError(f"unknown command {name!r}; {hint}the commands are {', '.join(COMMANDS)} (see {PROG} --help)")
    command = COMMANDS[name]
    implementation = _load(name, command)
    parser = _Parser(
        prog=f"{PROG} {name}",
        description=command.summary,
        epilog=f"example:\n  {PROG} {command.example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    implementation.add_arguments(parser)
    if command.module:
        args = parser.parse_args(argv[1:])
    else:  # intermixed: NAME=VALUE may follow options; after "--" everything is words (an expression "-x")
        rest = argv[1:]
        head, tail = (rest[: rest.index("--")], rest[rest.index("--") + 1 :]) if "--" in rest else (rest, [])
        args = parser.parse_intermixed_args(head)
        args.words += tail
    code = implementation.run(args)
    return code if isinstance(code, int) else 0


def _load(name: str, command: Command) -> Any:
    """The command's add_arguments/run: this module's, or its own module's, imported now."""
    if not command.module:
        return SimpleNamespace(add_arguments=_ADD_ARGUMENTS[name], run=_RUN[name])
    try:
        module = importlib.import_module(command.module)
    except ImportError as e:
        raise RuntimeError(f"the {name!r} command is not available: cannot import {command.module} ({e})") from None
    return module


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not complain about the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _version() -> str:
    try:
        return version("autograd-lite")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _overview() -> str:
    width = max(map(len, COMMANDS))
    lines = [
        f"usage: {PROG} COMMAND [ARGUMENTS]      ({PROG} COMMAND --help for each)",
        "",
        "A scalar reverse-mode autodiff engine for seeing backpropagation work. Expressions are Python",
        "arithmetic on named variables: numbers, + - * / **, parentheses, exp log sqrt tanh sigmoid relu",
        "leaky_relu sin cos abs, and (d := a + b) to name a node.",
        "",
        "commands:",
        *(f"  {name:<{width}}  {command.summary}" for name, command in COMMANDS.items()),
        "",
        "examples:",
        *(f"  {PROG} {command.example}" for command in COMMANDS.values()),
    ]
    return "\n".join(lines)


# The built-in commands ------------------------------------------------------------------------------------------


def _expression_arguments(parser: argparse.ArgumentParser) -> None:
    # One list, split by _build: argparse's intermixed parsing would call an optional second positional required.
    parser.add_argument(
        "words",
        nargs="*",
        metavar="EXPRESSION NAME=VALUE",
        help='an expression such as "(a+b)*c", "e = (d := a + b) * c" or "tanh(w*x + b)", then a number for each'
        ' variable, such as a=-12. An expression that starts with "-" goes after --: -- "-x*y" x=1 y=2',
    )


def _format_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="json: for scripts")


def _build(args: argparse.Namespace) -> tuple[str, Evaluated]:
    """The expression's text (without `name =`) and its graph."""
    if not args.words:
        raise UsageError(f"give an expression and a value for each variable, e.g. {PROG} grad {EXAMPLE_VALUES}")
    text, *values = args.words
    expression = parse(text)
    graph = evaluate(expression, parse_values(values))
    body = text.split("=", 1)[1] if expression.result_name else text
    return body.strip(), graph


def _headline(text: str, graph: Evaluated) -> str:
    """`e = (a+b)*c = -20`: the result's name, the expression and its value."""
    return f"{graph.root.label} = {text} = {_number(graph.root.data)}"


def _grad_arguments(parser: argparse.ArgumentParser) -> None:
    _expression_arguments(parser)
    _format_argument(parser)


def _grad_run(args: argparse.Namespace) -> int:
    text, graph = _build(args)
    root = graph.root
    root.backward()
    r = root.label
    if args.format == "json":
        gradients = {name: _json_number(v.grad) for name, v in graph.nodes.items()}
        _print_json({"expression": text, "result": r, "value": _json_number(root.data), "gradients": gradients})
        return 0
    print(_headline(text, graph))
    for name, v in graph.nodes.items():
        print(f"∂{r}/∂{name} = {_number(v.grad)}")
    return 0


def _explain_arguments(parser: argparse.ArgumentParser) -> None:
    _expression_arguments(parser)
    parser.add_argument(
        "--wrt", action="append", metavar="NAME", help="the variable or := name (default: every variable)"
    )
    parser.add_argument(
        "--max-paths", type=int, default=20, metavar="N", help="list paths one by one up to N (default 20)"
    )
    _format_argument(parser)


def _explain_run(args: argparse.Namespace) -> int:
    text, graph = _build(args)
    if args.max_paths < 1:
        raise UsageError(f"--max-paths must be at least 1, got {args.max_paths}")
    wrts = args.wrt or list(graph.nodes)
    for name in wrts:
        if name not in graph.nodes:
            raise UsageError(
                f"--wrt {name!r} is not a variable or := name of the expression; it has {', '.join(graph.nodes)}"
            )
    explanations = [explain(graph.root, graph.nodes[name], max_paths=args.max_paths) for name in wrts]
    if args.format == "json":
        _print_json(
            {
                "expression": text,
                "result": graph.root.label,
                "value": _json_number(graph.root.data),
                "explanations": [_explanation_json(name, ex) for name, ex in zip(wrts, explanations)],
            }
        )
        return 0
    print(_headline(text, graph))
    for ex in explanations:
        print(f"\n{ex}")
    return 0


def _explanation_json(name: str, ex: Any) -> dict[str, Any]:
    return {
        "wrt": name,
        "value": _json_number(ex.value),
        "paths_count": ex.n_paths,
        "grouped": ex.grouped,
        "paths": [
            {
                "nodes": [ex.names[v] for v in p.nodes],
                "local_grads": [_json_number(d) for d in p.local_grads],
                "product": _json_number(p.product),
            }
            for p in ex.paths
        ],
        "text": str(ex),
    }


def _step_run(args: argparse.Namespace) -> int:
    text, graph = _build(args)
    st = Stepper(graph.root)
    given = ", ".join(f"{name} = {_number(v.data)}" for name, v in graph.nodes.items() if not v.inputs)
    header = _headline(text, graph) + (f", at {given}" if given else "")
    steps = f"backward pass: {len(st.order)} step{'s' if len(st.order) != 1 else ''}"
    if not sys.stdin.isatty():
        print(header, steps, sep="\n")
        for step in st:
            print(repr(step))
        print(_summary(st, graph))
        return 0
    with _key_reader(sys.stdin) as keys:  # keys typed from here on are kept, even before the first prompt
        print(header, f"{steps}. Enter = next step, b = back, q = quit", sep="\n")
        return _interact(st, graph, keys, sys.stdout)


def _interact(st: Stepper, graph: Evaluated, keys: Callable[[], str], out: TextIO) -> int:
    """The interactive loop: a prompt, one key, the step (or the undo) it asks for."""
    while True:
        prompt = "[Enter] next  [b] back  [q] quit > " if not st.done else "done. [b] back  [q]/[Enter] quit > "
        out.write(prompt)
        out.flush()
        key = keys()
        if key in ("q", "Q", "\x04", ""):  # q, Ctrl-D, end of input
            out.write("quit\n")
            return 0
        if key in ("b", "B", "\x1b[D"):  # b or the left arrow
            if not st.history:
                out.write("back: nothing to undo yet\n")
                continue
            undone = st.back()
            names = st.names
            restored = ", ".join(
                f"∂{names[st.root]}/∂{names[x]} = {_number(x.grad)}" for x in dict.fromkeys(undone.inputs)
            )
            out.write(f"back: undid step {undone.index + 1} of {len(st.order)}; {restored}\n")
            continue
        if key in ("\r", "\n", " ", "n", "\x1b[C"):  # Enter, space, n or the right arrow
            if st.done:
                out.write("quit\n")
                return 0
            out.write("next\n")
            out.write(repr(st.step()) + "\n")
            if st.done:
                out.write(_summary(st, graph) + "\n")
            continue
        out.write(f"{key!r}: press Enter for the next step, b to go back, q to quit\n")


@contextmanager
def _key_reader(stream: TextIO) -> Iterator[Callable[[], str]]:
    """One key press at a time (no Enter needed), the terminal in cbreak mode meanwhile; lines without termios."""
    try:
        import termios
        import tty
    except ImportError:  # no termios (Windows): a line at a time
        yield lambda: (stream.readline() or "\x04").strip()[:1] or "\n"
        return
    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd, termios.TCSANOW)  # TCSANOW: the default TCSAFLUSH would drop keys typed already
    pending: list[str] = []

    def read_key() -> str:
        if not pending:
            data = os.read(fd, 32).decode(errors="replace")
            if not data:
                return ""
            pending.extend([data] if data.startswith("\x1b") else data)  # an escape sequence is one key
        return pending.pop(0)

    try:
        yield read_key
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _summary(st: Stepper, graph: Evaluated) -> str:
    r = st.names[st.root]
    grads = ", ".join(f"∂{r}/∂{name} = {_number(v.grad)}" for name, v in graph.nodes.items())
    return f"done: {grads}" if grads else "done"


def _draw_arguments(parser: argparse.ArgumentParser) -> None:
    _expression_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="graph.svg, graph.png or graph.dot")
    parser.add_argument("--step", type=int, default=None, metavar="K", help="draw the backward pass after K steps")


def _draw_run(args: argparse.Namespace) -> int:
    _, graph = _build(args)
    try:
        from autograd_lite.viz import draw_graph
    except ImportError as e:
        raise RuntimeError(f"drawing needs autograd_lite.viz, which cannot be imported ({e})") from None
    highlight = None
    if args.step is None:
        graph.root.backward()
    else:
        highlight = Stepper(graph.root)
        if not 0 <= args.step <= len(highlight.order):
            raise UsageError(f"--step must be between 0 and {len(highlight.order)} for this graph, got {args.step}")
        for _ in range(args.step):
            highlight.step()
    try:
        path = draw_graph(graph.root, highlight=highlight).save(args.output)
    except ValueError as e:
        raise UsageError(str(e)) from None
    print(f"wrote {path}")
    return 0


_ADD_ARGUMENTS = {
    "grad": _grad_arguments,
    "explain": _explain_arguments,
    "step": _expression_arguments,
    "draw": _draw_arguments,
}
_RUN = {"grad": _grad_run, "explain": _explain_run, "step": _step_run, "draw": _draw_run}


def _number(x: float) -> str:
    """A float in full (shortest round-trip) precision, without a trailing .0: -10, 0.1, 1e-07, inf."""
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


def _json_number(x: float) -> float | str:
    """JSON has no inf or nan: those become the strings "inf", "-inf", "nan"."""
    return x if x == x and abs(x) != float("inf") else repr(x)


def _print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
