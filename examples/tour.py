"""The tour of the lecture notes' worked examples: `autograd-lite demo [NAME] [--list] [--out DIR]`.

Each lesson is a module of this package with `main(out_dir)`; this file lists them in the
order of a course and implements the `demo` subcommand (`add_arguments` and `run`, the
interface `autograd_lite.cli` expects). Run it also as `python examples/tour.py`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path
from typing import NamedTuple

DEFAULT_OUT = Path("autograd-lite-demo")


class Lesson(NamedTuple):
    """One worked example: its module name, what it shows, and the seed sections it reproduces."""

    name: str
    title: str
    seeds: str


LESSONS = [
    Lesson("chain_rule", "The chain rule, one node at a time", "seed 000 §2.1; seed 004 §2 Figure 6"),
    Lesson("polar", "The multivariable chain rule: two paths that cancel", "seed 000 §1.3"),
    Lesson("small_network", "A small network's gradients vs its closed forms", "seed 000 §2.3"),
    Lesson("four_equations", "The four backprop equations vs the matrix recursion", "seed 000 §2.2; seed 002 theorem"),
    Lesson("tanh_softmax", "A 2→500→2 tanh/softmax network and the errors of its notes", "seed 001 eqs. (1)–(17)"),
    Lesson("two_layer_sigmoid", "Equations (A) and (B), then gradient descent", "seed 003"),
    Lesson("bias_units", "A 3-3-1 network with bias units: Δ, D and λ", "seed 004 §4–5"),
    Lesson("finite_differences", "Finite differences vs backpropagation", "seed 000 §2.4"),
    Lesson("saturation", "Saturation: vanishing and exploding gradients", "seed 002 Saturation; seed 000 §2.4.1"),
    Lesson("moons", "An MLP learns two moons (micrograd's classic)", "seed 002 Algorithm 2; micrograd"),
]


def find(name: str) -> Lesson | None:
    """The lesson called `name`, or numbered `name` (1-based); None if there is none."""
    if name.isdigit() and 1 <= int(name) <= len(LESSONS):
        return LESSONS[int(name) - 1]
    return next((lesson for lesson in LESSONS if lesson.name == name), None)


def run_lesson(lesson: Lesson, out_dir: Path | None) -> None:
    """Import the lesson's module and run its main(out_dir)."""
    importlib.import_module(f"autograd_lite.examples.{lesson.name}").main(out_dir)


def print_list() -> None:
    """The lessons as a numbered table."""
    width = max(len(lesson.name) for lesson in LESSONS)
    for number, lesson in enumerate(LESSONS, start=1):
        print(f"{number:>2}  {lesson.name:<{width}}  {lesson.title}  ({lesson.seeds})")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `demo` subcommand's arguments."""
    parser.add_argument("name", nargs="?", help="one lesson, by name or number (see --list); default: the whole tour")
    parser.add_argument("--list", action="store_true", help="list the lessons and exit")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"folder for the diagrams and walkthroughs (default: {DEFAULT_OUT})",
    )


def run(args: argparse.Namespace) -> int:
    """Run `demo`: list the lessons, run one, or run them all; the exit code."""
    if args.list:
        print_list()
        return 0
    if args.name is not None:
        lesson = find(args.name)
        if lesson is None:
            names = ", ".join(lesson.name for lesson in LESSONS)
            print(
                f"autograd-lite demo: no lesson {args.name!r}; choose one of {names} (or 1-{len(LESSONS)})",
                file=sys.stderr,
            )
            return 2
        lessons = [lesson]
    else:
        lessons = LESSONS
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(
            f"autograd-lite demo: cannot write diagrams to {args.out}: {error.strerror}; choose another --out",
            file=sys.stderr,
        )
        return 2
    start, started = time.perf_counter(), time.time() - 1.0  # (file times can be a little coarse)
    for lesson in lessons:
        number = LESSONS.index(lesson) + 1
        banner = f"{number}/{len(LESSONS)}  {lesson.title}  ({lesson.seeds})"
        print(f"\n{'=' * len(banner)}\n{banner}\n{'=' * len(banner)}")
        run_lesson(lesson, args.out)
    print(f"\nDone in {time.perf_counter() - start:.1f} s.", end=" ")
    written = sorted(p.name for p in args.out.glob("*") if p.stat().st_mtime >= started) if args.out.is_dir() else []
    print(f"Diagrams written to {args.out}/: {', '.join(written)}" if written else "No diagrams in this lesson.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python examples/tour.py [NAME] [--list] [--out DIR]`."""
    parser = argparse.ArgumentParser(prog="tour.py", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
