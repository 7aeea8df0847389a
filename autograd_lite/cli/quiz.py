"""`autograd-lite quiz EXPRESSION NAME=VALUE ...` or `quiz --random --level 1..3 --seed N`: predict each step."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable

from autograd_lite.cli.common import EXAMPLE_VALUES, UsageError, build, expression_arguments, headline
from autograd_lite.cli.expression import ExpressionError, evaluate, parse
from autograd_lite.quiz import MAX_ANSWER, AnswerError, random_exercise, run_quiz
from autograd_lite.stepper import Stepper
from autograd_lite.text import number

NAME = "quiz"
SUMMARY = "predict each step of the backward pass (answers checked, hints, a score)"
EXAMPLE = f"quiz {EXAMPLE_VALUES}"
EXPRESSION = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    expression_arguments(parser)
    parser.add_argument("--random", action="store_true", help="make up the exercise (the same for the same seed)")
    parser.add_argument("--level", type=int, default=1, metavar="N", help="with --random: 1, 2 or 3 (default 1)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="with --random: which exercise (default 0)")


def run(args: argparse.Namespace) -> int:
    if args.random:
        if args.words:
            raise UsageError("give an expression or --random, not both")
        try:
            text, values = random_exercise(args.level, args.seed)
        except ValueError as error:
            raise UsageError(f"--level: {error}") from None
        args.words = [f"f = {text}", *(f"{name}={number(v, None)}" for name, v in values.items())]
    text, graph = build(args)
    variables = {name: v.data for name, v in graph.nodes.items()}  # the := names too: `d` is an answer
    given = ", ".join(f"{name} = {number(v.data, None)}" for name, v in graph.nodes.items() if not v.inputs)
    print(headline(text, graph) + (f", at {given}" if given else ""))
    print("Answers: a number or an expression in the variables, such as 2*a or 1 - tanh(a)**2.")
    score = run_quiz(Stepper(graph.root), ask=_asker(), say=print, evaluate=answer_evaluator(variables))
    return 130 if score.interrupted else 0


def answer_evaluator(variables: dict[str, float]) -> Callable[[str], float]:
    """An answer's value: a number or an expression in the variables and := names, read by the command line's
    safe parser (nothing is eval'ed)."""

    def evaluate_answer(text: str) -> float:
        if len(text) > MAX_ANSWER:
            raise AnswerError(f"the answer is longer than {MAX_ANSWER} characters; type a number or a short expression")
        try:
            expression = parse(text)
        except ExpressionError as error:
            raise AnswerError(f"{text!r}: {error}") from None
        if expression.result_name or expression.defined:
            raise AnswerError("an answer is a number or an expression, without = or :=")
        unknown = [name for name in expression.variables if name not in variables]
        if unknown:
            raise AnswerError(f"{unknown[0]!r} is not a name here (the names are {', '.join(variables)})")
        try:
            value = evaluate(expression, {name: variables[name] for name in expression.variables}).root.data
        except (ArithmeticError, ValueError) as error:
            raise AnswerError(f"{text!r} cannot be computed: {error}") from None
        if not math.isfinite(value):
            raise AnswerError(f"{text!r} is {number(value)}, not a finite number")
        return value

    return evaluate_answer


def _asker() -> Callable[[str], str]:
    """`input` in a terminal; from a pipe, a line at a time (at most MAX_ANSWER characters kept), echoed."""
    if sys.stdin.isatty():
        return input

    def ask(prompt: str) -> str:
        sys.stdout.write(prompt)
        line = sys.stdin.readline(MAX_ANSWER + 2)
        if not line:
            print()
            raise EOFError
        if not line.endswith("\n"):  # a longer line: the rest is read and dropped, a chunk at a time
            while (rest := sys.stdin.readline(65536)) and not rest.endswith("\n"):
                pass
            line += "…"
        print(line.rstrip("\n"))
        return line.rstrip("\n")

    return ask
