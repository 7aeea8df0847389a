"""`Stepper.quiz()`: predict each step of the backward pass before it is revealed, and get it checked.

For each step the learner types, for every input x of the node, the op's local derivative ∂(formula)/∂x
and the gradient the step pushes to x (∂root/∂node · local). An answer within `TOLERANCE` (relative, at
least absolute for small numbers) is right; a wrong one gets a hint from the derivative table and a
second try, then the answer. `b` goes back one step, `q` (or Ctrl-D, Ctrl-C) quits; a score at the end.
Answers are read through `ask` and checked by `evaluate` (numbers only here; the command line passes an
evaluator for expressions in the variables), so a script or a test can drive the quiz.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from autograd_lite.naming import describe, local_rule, where_under
from autograd_lite.text import factor, number

if TYPE_CHECKING:
    from autograd_lite.stepper import Stepper

TOLERANCE = 0.005  # |answer − truth| ≤ TOLERANCE · max(1, |truth|): three significant digits are enough
MAX_ANSWER = 200  # characters: a longer answer is refused before it is read as a number
COMMANDS = "b = back, q = quit"


class AnswerError(ValueError):
    """An answer that is not a number (or not a valid expression): `str()` is one line saying why."""


def number_answer(text: str) -> float:
    """A typed number: `-10`, `0.5`, `1e-3`. Anything else raises AnswerError in one line."""
    if len(text) > MAX_ANSWER:
        raise AnswerError(f"the answer is {len(text)} characters long; type a number")
    try:
        value = float(text)
    except ValueError:
        raise AnswerError(f"{text!r} is not a number; type a number such as -10 or 0.5 ({COMMANDS})") from None
    if not math.isfinite(value):
        raise AnswerError(f"{text!r} is not a finite number; type a number such as -10 or 0.5")
    return value


@dataclass
class Score:
    """How the quiz went: questions asked, answered right (on either try), right on the first try."""

    asked: int = 0
    right: int = 0
    first_try: int = 0
    interrupted: bool = False  # stopped by Ctrl-C (the command line then exits with 130, as every command does)

    def __str__(self) -> str:
        return f"score: {self.right} of {self.asked} right ({self.first_try} on the first try)"


class _QuitError(Exception):
    """The learner asked to stop (q, Ctrl-D, Ctrl-C)."""

    def __init__(self, interrupted: bool = False) -> None:
        super().__init__()
        self.interrupted = interrupted


class _BackError(Exception):
    """The learner asked to go back one step."""


def run_quiz(
    stepper: Stepper,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
    evaluate: Callable[[str], float] = number_answer,
) -> Score:
    """Quiz the learner on every remaining step of `stepper`, doing each step once it is answered."""
    names, root = stepper.names, stepper.root
    r = names[root]
    intro = f"Predict each step of the backward pass of {r} = {describe(root, names)}. {COMMANDS}."
    say(intro + where_under(root.inputs, names))
    score = Score()
    gained: list[Score] = []  # what each done step added to the score, so that going back takes it away
    while not stepper.done:
        node = stepper.current
        n, formula = names[node], describe(node, names)
        head = f"step {len(stepper.history) + 1} of {len(stepper.order)}: {n} = {formula}"
        say(f"{head}, ∂{r}/∂{n} = {number(node.grad)}{where_under(node.inputs, names)}")
        this = Score()
        try:
            for i, x in enumerate(node.inputs):
                local = node.local_grads[i]
                local_symbol = f"∂({formula})/∂{names[x]}"
                hint = f"{local_symbol} = {local_rule(node, i, names)}"
                _question(f"  {local_symbol} = ", local, hint, this, ask, say, evaluate)
                pushed = f"  pushed to ∂{r}/∂{names[x]}: ∂{r}/∂{n} · {local_symbol} = "
                hint = f"∂{r}/∂{n} · {local_symbol} = {number(node.grad)} · {factor(local)}"
                _question(pushed, local * node.grad, hint, this, ask, say, evaluate)
        except _BackError:
            if not gained:
                say("  back: nothing to undo yet")
                continue
            undone = stepper.back()
            lost = gained.pop()
            score.asked, score.right, score.first_try = (
                score.asked - lost.asked, score.right - lost.right, score.first_try - lost.first_try
            )
            say(f"  back: {undone!r}")
            continue
        except _QuitError as stop:
            score.interrupted = stop.interrupted
            break
        score.asked, score.right, score.first_try = (
            score.asked + this.asked, score.right + this.right, score.first_try + this.first_try
        )
        gained.append(this)
        say("  " + repr(stepper.step()).replace("\n", "\n  "))
    say(str(score) if stepper.done else f"quit after {len(stepper.history)} of {len(stepper.order)} steps; {score}")
    return score


def _question(
    prompt: str,
    truth: float,
    hint: str,
    score: Score,
    ask: Callable[[str], str],
    say: Callable[[str], None],
    evaluate: Callable[[str], float],
) -> None:
    """Ask until answered: right, or wrong twice (a hint after the first). Bad input costs no try."""
    tries = 0
    while True:
        try:
            text = ask(prompt).strip()
        except EOFError:
            say("  end of input: quitting")
            raise _QuitError from None
        except KeyboardInterrupt:
            say("  interrupted: quitting")
            raise _QuitError(interrupted=True) from None
        if text in ("q", "Q", "quit"):
            raise _QuitError
        if text in ("b", "B", "back"):
            raise _BackError
        if not text:
            say(f"  an empty answer: type a number ({COMMANDS})")
            continue
        try:
            value = evaluate(text)
        except (AnswerError, ValueError, ArithmeticError) as error:
            say(f"  {str(error).splitlines()[0] if str(error) else type(error).__name__}")
            continue
        tries += 1
        if abs(value - truth) <= TOLERANCE * max(1.0, abs(truth)):
            score.asked += 1
            score.right += 1
            score.first_try += tries == 1
            say("  right")
            return
        if tries == 1:
            say(f"  not quite ({number(value)}). hint: {hint}; try again")
            continue
        score.asked += 1
        say(f"  the answer is {number(truth)}")
        return


def random_exercise(level: int, seed: int) -> tuple[str, dict[str, float]]:
    """An expression and values for its variables, the same for the same (level, seed): 1 = + − × of three
    numbers, 2 = with tanh, exp or a square, 3 = a variable used twice inside a function."""
    if level not in (1, 2, 3):
        raise ValueError(f"the level is 1, 2 or 3, got {level!r}")
    rng = random.Random(f"autograd-lite quiz {level} {seed}")
    a, b, c = "abc"
    op1, op2 = rng.choice("+-*"), rng.choice("+*")
    if level == 1:
        text = f"({a} {op1} {b}) {op2} {c}"
        values = {name: float(rng.choice([-4, -3, -2, -1, 1, 2, 3, 4])) for name in "abc"}
        return text, values
    fn = rng.choice(["tanh", "exp", "square"])
    inner = f"{a} {op1} {b}" if level == 2 else f"{a} * {b} {op1} {c}"
    applied = f"({inner}) ** 2" if fn == "square" else f"{fn}({inner})"
    text = f"{applied} {op2} {c}" if level == 2 else f"{applied} * {a}"
    values = {name: rng.choice([-1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0]) for name in "abc"}
    return text, values
