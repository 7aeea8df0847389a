"""Input a hostile user would try: explain asked for 10^21 paths, names that use up the result names, look-alike
Unicode names, output paths that cannot be written. Each answers at once, in one line when it is wrong."""

import subprocess
import sys
import tracemalloc

import pytest

from autograd_lite import cli
from autograd_lite.cli.expression import MAX_LENGTH
from autograd_lite.explain import MAX_LISTED_PATHS


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def nested_doublings(n):
    """The audit's reproducer: (a39 := (… (a1 := (a0 := x + x) + a0) …) + a38), 2^n paths from the result to x."""
    text = "(a0 := x + x)"
    for i in range(1, n):
        text = f"(a{i} := {text} + a{i - 1})"
    return text


def flat_doublings(n):
    """(a:=x+x)+(b:=a+a)+…: about 2^n paths in a flat sum, as many doublings as 1,000 characters hold."""
    names = [f"v{i}" for i in range(n)]
    return "+".join(f"({v}:={u}+{u})" for v, u in zip(names, ["x", *names]))


@pytest.mark.timeout(30)  # a hang guard: before, this took more than 10 s and 420 MB, then ran for minutes
@pytest.mark.parametrize("output", ["text", "json"])
def test_explain_of_the_audit_reproducer_with_max_paths_10_to_the_21_is_bounded(capsys, listed, output):
    text = nested_doublings(40)
    assert len(text) == 579
    tracemalloc.start()
    try:
        code, out, err = run(capsys, "explain", text, "x=1", "--wrt=x", f"--max-paths={10**21}", f"--format={output}")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (code, err) == (0, "")
    assert f"{2**40} paths lead from a39 to x, more than the {MAX_LISTED_PATHS} that explain ever lists" in out
    assert listed == []  # no path was listed one by one
    assert peak < 20 * 2**20  # bytes: bounded memory (the output itself is a few kB)


@pytest.mark.timeout(60)  # a hang guard
def test_explain_of_every_variable_of_a_1000_character_expression_is_bounded(capsys, listed):
    """Every := name is a --wrt by default: 90 explanations of up to 2^90 paths each, none listed one by one."""
    n = max(k for k in range(200) if len(flat_doublings(k)) <= MAX_LENGTH)
    text = flat_doublings(n)
    tracemalloc.start()
    try:
        code, out, _ = run(capsys, "explain", text, "x=1", "--max-paths", str(10**21))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 0
    assert out.count("more than 10^18 paths lead") >= n - 60  # from the result to x, v0, v1, …
    assert len(listed) <= (n + 1) * MAX_LISTED_PATHS
    assert peak < 100 * 2**20


@pytest.mark.parametrize(
    ("expression", "result"),
    [
        ("f*y*out*result*f_", "f_2"),  # the audit's reproducer: StopIteration before
        ("f*y*out*result*f_2", "f_3"),
        ("f*y*out*result*f_2*f_3*f_4", "f_5"),
    ],
)
def test_any_variable_names_leave_a_name_for_the_result(capsys, expression, result):
    names = expression.split("*")
    code, out, err = run(capsys, "grad", expression, *(f"{name}={i + 1}" for i, name in enumerate(names)))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"{result} = {expression} = {120 if len(names) == 5 else 5040}"
    assert f"∂{result}/∂f = " in out


def test_a_constant_named_with_walrus_is_not_taken_for_the_result_name(capsys):
    code, out, _ = run(capsys, "grad", "(f := 2) * x", "x=1")
    assert code == 0
    assert out.splitlines()[0] == "y = (f := 2) * x = 2"


def test_look_alike_names_are_folded_as_python_folds_the_expression(capsys):
    """Python reads the full-width ｘ of an expression as x (NFKC); NAME=VALUE names are folded the same way."""
    code, out, err = run(capsys, "grad", "ｘ * 2", "ｘ=3")  # the audit's reproducer: "no value for 'x'"
    assert (code, err) == (0, "")
    assert out == "f = ｘ * 2 = 6\n∂f/∂x = 2\n"
    assert run(capsys, "grad", "ｘ * 2", "x=3")[1] == out
    assert run(capsys, "grad", "x * 2", "ｘ=3")[1] == "f = x * 2 = 6\n∂f/∂x = 2\n"
    assert run(capsys, "grad", "ﬁ + 1", "fi=1")[0] == 0  # the ligature ﬁ is fi
    code, out, _ = run(capsys, "explain", "ｘ * 2", "x=3", "--wrt", "ｘ")
    assert code == 0
    assert "∂f/∂x = 2" in out
    code, _, err = run(capsys, "grad", "x * 2", "x=3", "ｘ=4")
    assert code == 2
    assert err == "autograd-lite: error: 'x' is given twice (x=3 and ｘ=4)\n"


def test_an_output_file_in_a_missing_folder_is_one_line_naming_the_folder(capsys, tmp_path):
    target = tmp_path / "no" / "such" / "g.svg"
    code, out, err = run(capsys, "draw", "(a+b)*c", "a=1", "b=2", "c=3", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == (
        f"autograd-lite: error: {target}: No such file or directory (the folder {target.parent} does not exist)\n"
    )
    assert ".tmp" not in err


def test_an_output_path_that_cannot_be_written_is_one_line_without_a_traceback(tmp_path):
    (tmp_path / "g.svg").mkdir()
    (tmp_path / "file").write_text("x")
    for target, problem in [
        (tmp_path / "g.svg", "Is a directory"),
        (tmp_path / "file" / "g.svg", "is not a folder"),
    ]:
        done = subprocess.run(
            [sys.executable, "-m", "autograd_lite", "draw", "a*b", "a=1", "b=2", "-o", str(target)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2
        assert done.stdout == ""
        [line] = done.stderr.splitlines()
        assert line.startswith(f"autograd-lite: error: {target}: ")
        assert problem in line
        assert ".tmp" not in line
