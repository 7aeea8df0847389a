"""`main`: the `autograd-lite` command line, one module per command, each parsed by argparse.

Bad input is one line on stderr and exit code 2; any other failure is one line and exit code 1 —
never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from autograd_lite.cli import demo, draw, explain, grad, quiz, step, train, walkthrough
from autograd_lite.cli.common import PATH_ERRORS, PROG, UsageError, os_error_line
from autograd_lite.cli.expression import FUNCTIONS, ExpressionError

COMMANDS = {command.NAME: command for command in (grad, explain, step, quiz, draw, walkthrough, demo, train)}


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
    except OSError as e:  # a file that cannot be written: named, one line
        return _fail(os_error_line(e), 2 if isinstance(e, PATH_ERRORS) else 1)
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
    parser = _Parser(
        prog=f"{PROG} {name}",
        description=command.SUMMARY,
        epilog=f"example:\n  {PROG} {command.EXAMPLE}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_arguments(parser)
    code = command.run(_parse(parser, argv[1:], command.EXPRESSION))
    return code if isinstance(code, int) else 0


def _parse(parser: argparse.ArgumentParser, rest: list[str], expression: bool) -> argparse.Namespace:
    """The arguments; for an expression command NAME=VALUE words may follow options, and after "--" every
    argument is a word (an expression such as "-x*y"), which argparse's intermixed parsing cannot do alone."""
    if not expression:
        return parser.parse_args(rest)
    head, tail = (rest[: rest.index("--")], rest[rest.index("--") + 1 :]) if "--" in rest else (rest, [])
    args = parser.parse_intermixed_args(head)
    args.words += tail
    return args


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
    functions = " ".join(FUNCTIONS)
    lines = [
        f"usage: {PROG} COMMAND [ARGUMENTS]      ({PROG} COMMAND --help for each)",
        "",
        "A scalar reverse-mode autodiff engine for seeing backpropagation work. Expressions are Python",
        f"arithmetic on named variables: numbers, + - * / **, parentheses, {functions},",
        "and (d := a + b) to name a node.",
        "",
        "commands:",
        *(f"  {name:<{width}}  {command.SUMMARY}" for name, command in COMMANDS.items()),
        "",
        "examples:",
        *(f"  {PROG} {command.EXAMPLE}" for command in COMMANDS.values()),
    ]
    return "\n".join(lines)
