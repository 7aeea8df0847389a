"""`autograd-lite step EXPRESSION NAME=VALUE ...`: the backward pass one key at a time (all steps when piped)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from autograd_lite.cli.common import EXAMPLE_VALUES, build, exact, expression_arguments, headline
from autograd_lite.cli.expression import Evaluated
from autograd_lite.naming import where_under
from autograd_lite.stepper import Stepper

NAME = "step"
SUMMARY = "step through the backward pass (Enter = next, b = back, q = quit)"
EXAMPLE = f"step {EXAMPLE_VALUES}"
EXPRESSION = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    expression_arguments(parser)


def run(args: argparse.Namespace) -> int:
    text, graph = build(args)
    st = Stepper(graph.root)
    given = ", ".join(f"{name} = {exact(v.data)}" for name, v in graph.nodes.items() if not v.inputs)
    header = headline(text, graph) + (f", at {given}" if given else "")
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
                f"∂{names[st.root]}/∂{names[x]} = {exact(x.grad)}" for x in dict.fromkeys(undone.inputs)
            )
            restored += where_under(undone.inputs, names)  # defines the unlabelled nodes it names
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
    grads = ", ".join(f"∂{r}/∂{name} = {exact(v.grad)}" for name, v in graph.nodes.items())
    return f"done: {grads}" if grads else "done"
