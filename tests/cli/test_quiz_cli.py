"""`autograd-lite quiz`: through stdin (scripts, tests) and in a pseudo-terminal, as a learner types."""

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

from test_cli import Terminal

SEED = ["e = (d := a + b) * c", "a=-12", "b=14", "c=-10"]
ENV = {**os.environ, "PYTHONPATH": os.getcwd()}


def quiz(*argv, stdin=""):
    done = subprocess.run(
        [sys.executable, "-m", "autograd_lite", "quiz", *argv], input=stdin, capture_output=True, text=True,
        env=ENV, timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


def test_through_stdin_numbers_and_expressions_in_the_variables():
    code, out, err = quiz(*SEED, stdin="c\n-10\nd\n1 * 2\n1\n-10\n1\n-10\n")
    assert (code, err) == (0, "")
    assert "e = (d := a + b) * c = -20, at a = -12, b = 14, c = -10" in out
    assert "  ∂(d * c)/∂d = c\n  right\n" in out  # the answer echoed after its prompt
    assert out.rstrip().endswith("score: 8 of 8 right (8 on the first try)")
    assert "Traceback" not in out


def test_bad_answers_are_one_line_each_and_end_of_input_quits():
    code, out, err = quiz(*SEED, stdin="\nten\n1/0\n10**10**10\n1e999\nz\nx = 1\n" + "9" * 5000 + "\n")
    assert code == 0
    assert "  an empty answer: type a number (b = back, q = quit)\n" in out
    assert "  'ten' is not a name here (the names are a, b, c, d)\n" in out
    assert "  '1/0' is inf, not a finite number\n" in out
    assert "  '10**10**10' cannot be computed" in out or "'10**10**10' is inf" in out
    assert "  '1e999' is inf, not a finite number\n" in out
    assert "  an answer is a number or an expression, without = or :=\n" in out
    assert "  the answer is longer than 200 characters" in out
    assert "  end of input: quitting\n" in out
    assert out.rstrip().endswith("quit after 0 of 2 steps; score: 0 of 0 right (0 on the first try)")
    assert "Traceback" not in out + err


def test_random_exercises_are_the_same_for_the_same_seed():
    first = quiz("--random", "--level", "2", "--seed", "5")
    assert first == quiz("--random", "--level", "2", "--seed", "5")
    assert first[0] == 0
    assert first[1].splitlines()[0] != quiz("--random", "--level", "2", "--seed", "6")[1].splitlines()[0]
    code, _, err = quiz("--random", "--level", "9")
    assert code == 2
    assert "the level is 1, 2 or 3" in err
    code, _, err = quiz("--random", *SEED)
    assert (code, err.count("\n")) == (2, 1)


def test_in_a_terminal_right_wrong_with_hint_back_quit_and_the_score():
    term = Terminal("quiz", *SEED)
    term.wait_for("∂(d * c)/∂d = ")
    assert "right" in term.press(b"-10\r", "= ")
    assert "hint: ∂e/∂e · ∂(d * c)/∂d = 1 · (-10)" in term.press(b"5\r", "= ")
    term.press(b"-10\r", "∂(d * c)/∂c = ")
    term.press(b"d\r", "= ")
    revealed = term.press(b"2\r", "∂(a + b)/∂a = ")
    assert "step 1 of 2: e = d * c" in revealed
    assert "back: undid step 1 of 2" in term.press(b"b\r", "∂(d * c)/∂d = ")
    assert "quit after 0 of 2 steps; score: 0 of 0 right" in term.press(b"q\r", "right")
    assert term.close() == 0
    assert "Traceback" not in term.screen


def test_in_a_terminal_ctrl_c_and_ctrl_d():
    term = Terminal("quiz", *SEED)
    term.wait_for("∂(d * c)/∂d = ")
    term.wait_until_reading()  # a signal before the read begins is lost (see Terminal.wait_until_reading)
    term.process.send_signal(signal.SIGINT)  # what Ctrl-C does (the pty is not the child's controlling terminal)
    term.wait_for("interrupted: quitting")
    assert term.close() == 130
    term = Terminal("quiz", *SEED)
    term.wait_for("∂(d * c)/∂d = ")
    term.press(b"\x04", "end of input: quitting")
    assert term.close() == 0


def test_the_docs_quiz_transcript_is_real():
    text = Path("docs/stepping.md").read_text(encoding="utf-8")
    block = text.split("```text\n$ printf '")[1].split("```")[0]
    answers, _, rest = block.partition("' | autograd-lite quiz ")
    command, _, shown = rest.partition("\n")
    argv = shlex.split(command)
    code, out, _ = quiz(*argv, stdin=answers.encode().decode("unicode_escape"))
    assert code == 0
    assert out == shown
