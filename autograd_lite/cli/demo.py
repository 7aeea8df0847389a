"""`autograd-lite demo [NAME] [--list] [--out DIR]`: the tour of the lecture notes' worked examples."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from autograd_lite.examples.tour import LESSONS, find, print_list, run_lesson

NAME = "demo"
SUMMARY = "run the worked examples of the lecture notes"
EXAMPLE = "demo --list"
EXPRESSION = False
DEFAULT_OUT = Path("autograd-lite-demo")


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
