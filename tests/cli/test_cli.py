"""The autograd-lite command line: every command, its --help, one-line errors and exit codes, a real terminal."""

import io
import json
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_graphs import AUTOMATIC_NAME, blocks, drawn_names, random_expression, undefined_names

from autograd_lite import cli
from autograd_lite.cli import grad
from autograd_lite.cli.main import COMMANDS

SEED = ["(a+b)*c", "a=-12", "b=14", "c=-10"]


def run(capsys, *argv):
    """main(argv) in this process: (exit code, stdout, stderr)."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv, stdin=subprocess.DEVNULL):
    """`python -m autograd_lite ...` in a child process, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "autograd_lite", *argv], stdin=stdin, capture_output=True, text=True, timeout=60
    )


def test_grad_prints_the_value_and_every_gradient(capsys):
    code, out, err = run(capsys, "grad", *SEED)
    assert (code, err) == (0, "")
    assert out == "f = (a+b)*c = -20\n∂f/∂a = -10\n∂f/∂b = -10\n∂f/∂c = 2\n"


def test_grad_names_the_result_and_intermediate_nodes(capsys):
    code, out, _ = run(capsys, "grad", "e = (d := a + b) * c", *SEED[1:])
    assert code == 0
    assert out.splitlines() == ["e = (d := a + b) * c = -20", "∂e/∂a = -10", "∂e/∂b = -10", "∂e/∂c = 2", "∂e/∂d = -10"]


def test_grad_as_json(capsys):
    code, out, _ = run(capsys, "grad", *SEED, "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "expression": "(a+b)*c",
        "result": "f",
        "value": -20.0,
        "gradients": {"a": -10.0, "b": -10.0, "c": 2.0},
    }
    code, out, _ = run(capsys, "grad", "log(x)", "x=-1", "--format", "json")
    assert json.loads(out)["value"] == "nan"  # JSON has no nan: it is spelled out


def test_explain_with_respect_to_one_variable(capsys):
    code, out, _ = run(capsys, "explain", *SEED, "--wrt", "a")
    assert code == 0
    assert out == "f = (a+b)*c = -20\n\n∂f/∂a = ∂f/∂n3 · ∂n3/∂a = -10 · 1 = -10\nwhere n3 = a + b\n"


def test_explain_every_variable_by_default_and_as_json(capsys):
    code, out, _ = run(capsys, "explain", "x*x + x", "x=3")
    assert code == 0
    assert (
        "∂f/∂x = ∂f/∂n1 · ∂n1/∂x  +  ∂f/∂n1 · ∂n1/∂x  +  ∂f/∂x\n"
        "      = 1 · 3  +  1 · 3  +  1\n"
        "      = 3 + 3 + 1\n"
        "      = 7\n"
        "where n1 = x * x"
    ) in out
    code, out, _ = run(capsys, "explain", "--wrt", "x", "x*x + x", "x=3", "--format", "json")
    [ex] = json.loads(out)["explanations"]
    assert (ex["wrt"], ex["value"], ex["paths_count"], ex["grouped"]) == ("x", 7.0, 3, False)
    assert ex["paths"][0] == {"nodes": ["f", "n1", "x"], "local_grads": [1.0, 3.0], "product": 3.0}


def test_explain_groups_by_node_beyond_max_paths(capsys):
    code, out, _ = run(capsys, "explain", "(x*x + x) * (x + 1)", "x=2", "--max-paths", "2")
    assert code == 0
    assert "more than max_paths=2" in out
    [total] = [line for line in out.splitlines() if line.startswith("∂f/∂x = ")]
    assert total.endswith("= 21")  # d/dx (x² + x)(x + 1) = (2x + 1)(x + 1) + x² + x = 15 + 6 at x = 2


def test_step_prints_every_step_when_stdin_is_not_a_terminal():
    result = run_process("step", "e = (d := a + b) * c", *SEED[1:])
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "e = (d := a + b) * c = -20, at a = -12, b = 14, c = -10",
        "backward pass: 2 steps",
        "step 1 of 2: e = d * c",
        "  ∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10",
        "  ∂e/∂c += ∂e/∂e · ∂(d * c)/∂c = 1 · d = 1 · 2 = 2",
        "step 2 of 2: d = a + b",
        "  ∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10",
        "  ∂e/∂b += ∂e/∂d · ∂(a + b)/∂b = -10 · 1 = -10",
        "done: ∂e/∂a = -10, ∂e/∂b = -10, ∂e/∂c = 2, ∂e/∂d = -10",
    ]


class Terminal:
    """A child process on a pseudo-terminal: keys go in as a person types them, `screen` is what it printed."""

    def __init__(self, *argv):
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "autograd_lite", *argv], stdin=slave, stdout=slave, stderr=slave, close_fds=True
        )
        os.close(slave)
        self.screen = ""

    def wait_for(self, text, timeout=20.0):
        """Read until `text` shows up after what was read before; returns the new part."""
        start, deadline = len(self.screen), time.monotonic() + timeout
        while text not in self.screen[start:] and time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.1)[0]:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the child closed the terminal
                    break
                self.screen += chunk.decode(errors="replace").replace("\r\n", "\n")
        new = self.screen[start:]
        assert text in new, f"{text!r} did not appear; the screen shows:\n{self.screen}"
        return new

    def wait_until_reading(self, timeout=20.0):
        """Wait until the child sleeps in a read of its terminal (Linux's /proc/PID/syscall: fd 0 is the first
        argument), so a signal sent now interrupts that read. Right after a prompt shows, the child may still be
        between writing it and calling read(): a SIGINT there is noted by Python's handler, and read() then waits
        for a key that never comes (a race of CPython's input(), not of the program). Without /proc, no wait."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                call = Path(f"/proc/{self.process.pid}/syscall").read_text().split()
            except OSError:
                return
            if call[0] != "running" and call[1:2] == ["0x0"]:
                return
            time.sleep(0.01)
        raise AssertionError(f"the child never waited for a key; the screen shows:\n{self.screen}")

    def press(self, key, until):
        os.write(self.master, key)
        return self.wait_for(until)

    def close(self):
        code = self.process.wait(timeout=20)
        os.close(self.master)
        return code


def test_step_in_a_real_terminal_enter_next_b_back_q_quit():
    term = Terminal("step", "e = (d := a + b) * c", *SEED[1:])
    first = term.wait_for("> ")
    assert "backward pass: 2 steps. Enter = next step, b = back, q = quit" in first
    assert first.endswith("[Enter] next  [b] back  [q] quit > ")
    after_enter = term.press(b"\r", "> ")
    assert "step 1 of 2: e = d * c\n  ∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10\n" in after_enter
    assert "step 2" not in after_enter
    after_back = term.press(b"b", "> ")
    assert "back: undid step 1 of 2; ∂e/∂d = 0, ∂e/∂c = 0" in after_back
    term.press(b"\r", "> ")
    after_second = term.press(b"\r", "> ")
    assert "step 2 of 2: d = a + b\n  ∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10" in after_second
    assert "done: ∂e/∂a = -10, ∂e/∂b = -10, ∂e/∂c = 2, ∂e/∂d = -10" in after_second
    assert "done. [b] back  [q]/[Enter] quit > " in after_second
    assert "quit" in term.press(b"q", "quit")
    assert term.close() == 0
    assert "Traceback" not in term.screen


def test_step_in_a_terminal_ignores_other_keys_and_quits_on_q_at_once():
    term = Terminal("step", *SEED)
    term.wait_for("> ")
    assert "press Enter for the next step, b to go back, q to quit" in term.press(b"x", "> ")
    assert "nothing to undo yet" in term.press(b"b", "> ")
    term.press(b"q", "quit")
    assert term.close() == 0


def test_draw_writes_the_diagram(capsys, tmp_path):
    pytest.importorskip("autograd_lite.viz", reason="the diagrams module")
    code, out, _ = run(capsys, "draw", *SEED, "-o", str(tmp_path / "graph.dot"))
    assert code == 0
    assert out == f"wrote {tmp_path / 'graph.dot'}\n"
    assert "digraph" in (tmp_path / "graph.dot").read_text()
    code, _, _ = run(capsys, "draw", *SEED, "-o", str(tmp_path / "graph.svg"), "--step", "1")
    assert code == 0
    assert "<svg" in (tmp_path / "graph.svg").read_text()


def test_draw_refuses_an_unknown_suffix_and_a_step_out_of_range(capsys, tmp_path):
    code, _, err = run(capsys, "draw", *SEED, "-o", str(tmp_path / "graph.txt"))
    assert code == 2
    assert "the suffix must be one of .svg, .png, .pdf, .dot" in err
    code, _, err = run(capsys, "draw", *SEED, "-o", str(tmp_path / "graph.svg"), "--step", "3")
    assert code == 2
    assert "--step must be between 0 and 2 for this graph, got 3" in err
    assert not (tmp_path / "graph.txt").exists()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_has_help_with_an_example(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert f"usage: autograd-lite {command}" in out
    assert f"example:\n  autograd-lite {COMMANDS[command].EXAMPLE}" in out


def test_the_overview_lists_every_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name, command in COMMANDS.items():
        assert f"  {name}" in out
        assert f"autograd-lite {command.EXAMPLE}" in out


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("autograd-lite 0.")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["grad", "(a+b)*foo(c)", "a=1", "b=2", "c=3"], "column 7: unknown function 'foo'"),
        (["grad", "a.__class__", "a=1"], "column 1: attribute access is not allowed"),
        (["grad", "lambda: 1"], "column 1: lambda is not allowed"),
        (["grad", "__import__('os')"], "column 1: unknown function '__import__'"),
        (["grad", "a +", "a=1"], "column 4: invalid syntax"),
        (["grad", "a+b", "a=1"], "no value for 'b': add b=NUMBER"),
        (["grad", "a+b", "a=1", "b=x"], "argument 'b=x': 'x' is not a number"),
        (["grad", "a", "a=1", "z=2"], "'z' is not used by the expression (it uses a)"),
        (["grad", "2**2**2**2**2**2**2"], "an exponent tower more than 4 levels high"),
        (["grad", "a+" * 600 + "a"], "characters long, more than 1000"),
        (["grad"], "give an expression and a value for each variable"),
        (["grad", "-x", "x=1"], 'an expression that starts with "-" goes after --'),
        (["grad", *SEED, "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["explain", *SEED, "--wrt", "z"], "--wrt 'z' is not a variable or := name of the expression; it has a, b, c"),
        (["explain", *SEED, "--max-paths", "0"], "--max-paths must be at least 1, got 0"),
        (["draw", *SEED], "the following arguments are required: -o/--output"),
        ([], "no command given; choose one of grad, explain, step, quiz, draw, walkthrough, demo, train"),
        (["gard", "x"], "unknown command 'gard'; did you mean 'grad'?"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("autograd-lite: error: ")
    assert message in err


def test_bad_input_in_a_real_process_has_no_traceback():
    result = run_process("grad", "(a+b)*foo(c)", "a=1", "b=2", "c=3")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "autograd-lite: error: column 7: unknown function 'foo'; the functions are abs, cos, exp, leaky_relu, log,"
        " relu, sigmoid, sin, sqrt, tanh\n"
    )


def test_an_expression_starting_with_minus_goes_after_double_dash(capsys):
    code, out, _ = run(capsys, "grad", "--format", "json", "--", "-x*y", "x=1", "y=2")
    assert code == 0
    assert json.loads(out)["gradients"] == {"x": -2.0, "y": -1.0}


def test_an_unexpected_error_is_one_line_and_exit_code_1(capsys, monkeypatch):
    def broken(args):
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(grad, "run", broken)
    code, out, err = run(capsys, "grad", *SEED)
    assert (code, out) == (1, "")
    assert err == "autograd-lite: error: RuntimeError: something inside broke\n"


def test_ctrl_c_is_exit_code_130_without_a_traceback(capsys, monkeypatch):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(grad, "run", interrupted)
    code, _, err = run(capsys, "grad", *SEED)
    assert code == 130
    assert "Traceback" not in err


def test_the_console_script_and_python_dash_m_are_the_same_program():
    script = shutil.which("autograd-lite")
    if script is None:
        pytest.fail("the autograd-lite console script is not installed; run pip install -e .")
    from_script = subprocess.run([script, "grad", *SEED], capture_output=True, text=True, timeout=60)
    assert from_script.returncode == 0
    assert from_script.stdout == run_process("grad", *SEED).stdout


ARGUMENT_TEXT = st.lists(st.sampled_from([*"ab()+-*/.:=_019eé[]'\" ", "exp(", "**", "--", "x="]), max_size=12).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ARGUMENT_TEXT, min_size=0, max_size=4), st.sampled_from(["grad", "explain", "step"]))
def test_random_command_lines_never_crash(argv, command):
    code = cli.main([command, *argv])
    assert code in (0, 2)


ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]  # the front page and the guides
TEXT_BLOCK = re.compile(r"```text\n(\$ autograd-lite .*?)```", re.DOTALL)
STEP_KEYS = [b"\r", b"\r", b"b", b"\r", b"q"]  # what docs/stepping.md says it pressed
BUILT_IN = {"grad", "explain", "step", "draw"}


def docs_sessions():
    """(command line, the output the docs show) for each `$ autograd-lite grad|explain|step|draw …` of the docs.

    Blocks of the other commands (demo, train: progress bars and timings) are their own tests' business.
    """
    sessions = []
    blocks = [block for doc in DOCS for block in TEXT_BLOCK.findall(doc.read_text(encoding="utf-8"))]
    for block in blocks:
        chunks = [chunk.partition("\n") for chunk in block.split("$ ")[1:]]
        if all(c.split()[1] in BUILT_IN for c, _, _ in chunks if c.startswith("autograd-lite")):
            sessions.extend((command, output) for command, _, output in chunks)
    return sessions


def test_the_docs_show_command_line_sessions():
    commands = [command.split()[1] for command, _ in docs_sessions() if command.startswith("autograd-lite")]
    assert set(commands) == BUILT_IN


def test_the_docs_command_line_sessions_are_real(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # draw writes its file here
    last_code = None
    for command, shown in docs_sessions():
        if command == "echo $?":
            assert shown == f"{last_code}\n"
            continue
        argv = shlex.split(command)[1:]
        if argv[0] == "step":
            term = Terminal(*argv)
            term.wait_for("> ")
            for key in STEP_KEYS[:-1]:
                term.press(key, "> ")
            term.press(STEP_KEYS[-1], "quit")
            assert term.close() == 0
            assert term.screen == shown
            continue
        last_code = cli.main(argv)
        out, err = capsys.readouterr()
        assert out + err == shown, command


def test_explain_writes_the_textbook_form_through_walrus_names_and_full_on_request(capsys):
    expression = "f = (x := r * cos(t)) ** 2 + (y := r * sin(t)) ** 2"
    code, out, _ = run(capsys, "explain", expression, "r=2", "t=0.7", "--wrt", "t")
    assert code == 0
    assert "∂f/∂t = ∂f/∂x · ∂x/∂t  +  ∂f/∂y · ∂y/∂t\n" in out
    assert "= (-3.942) + 3.942\n" in out
    assert "(textbook form: through the labelled nodes x, y" in out
    code, out, _ = run(capsys, "explain", expression, "r=2", "t=0.7", "--wrt", "t", "--full")
    assert "∂f/∂t = ∂f/∂n" in out
    assert "textbook" not in out
    assert "\nwhere " in out


@pytest.mark.parametrize("seed", range(25))
def test_no_command_prints_an_automatic_name_it_does_not_define(capsys, monkeypatch, tmp_path, seed):
    """step, explain (both forms), grad, quiz and draw on random expressions: every n<k> printed is defined in
    the same block (a step's, an explanation's) or, in a diagram, is the visible name of one of its nodes."""
    text, values = random_expression(seed)
    given = [text, *(f"{name}={value}" for name, value in values.items())]
    named = set(re.findall(r"\b[a-z]\w*(?= :=)", text)) | set(values)  # the variables and := names: labels
    outputs = []
    for argv, stdin in (
        (["step", *given], ""),
        (["explain", *given], ""),
        (["explain", *given, "--full"], ""),
        (["grad", *given], ""),
        (["quiz", *given], "0\n1\n" * 200),  # wrong and right answers: hints, second tries, the steps revealed
    ):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code, out, err = run(capsys, *argv)
        assert (code, err) == (0, ""), (argv, err)
        outputs += [(argv[0], block) for chunk in out.split("\n\n") for block in blocks(chunk)]
    assert any("where n" in block for _, block in outputs), "no unlabelled node in this expression: a weak seed"
    for command, block in outputs:
        assert not undefined_names(block, named), f"{command}: {undefined_names(block, named)} undefined in:\n{block}"
    pytest.importorskip("autograd_lite.viz", reason="the diagrams module")
    assert run(capsys, "draw", *given, "-o", str(tmp_path / "graph.dot"))[0] == 0
    source = (tmp_path / "graph.dot").read_text()
    printed = " ".join(re.findall(r'(?:label|tooltip)=(<.*>|"[^"]*")', source))  # what a reader sees, not node ids
    assert set(AUTOMATIC_NAME.findall(printed)) <= drawn_names(source) | named


def test_the_textbook_forms_hint_names_the_commands_own_option(capsys):
    polar = ["f = (x := r * cos(t)) ** 2 + (y := r * sin(t)) ** 2", "r=1.5", "t=0.7", "--wrt", "t"]
    code, out, _ = run(capsys, "explain", *polar)
    assert code == 0
    assert "(textbook form: through the labelled nodes x, y; --full shows every node)" in out
    assert 'form="full"' not in out  # Python's keyword means nothing in a shell
    code, out, _ = run(capsys, "explain", *polar, "--full")
    assert (code, "textbook form" in out) == (0, False)
