"""Every ```python block of the README runs, and every `print(...)  # output` comment is what it prints."""

import builtins
import re
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
PRINT_WITH_OUTPUT = re.compile(r"^\s*print\(.*\)\s+# (?P<expected>.*)$")


def python_blocks() -> list[str]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def test_readme_has_python_blocks():
    assert len(python_blocks()) >= 1


@pytest.mark.parametrize("index", range(len(python_blocks())))
def test_readme_block_runs_and_prints_what_it_says(index, monkeypatch, tmp_path):
    source = python_blocks()[index]
    if re.search(r"^import torch", source, re.MULTILINE):
        pytest.importorskip("torch", reason="this block shows the optional torch extra; CI installs torch")
    printed: dict[int, list[str]] = {}
    real_print = builtins.print

    def recording_print(*args, **kwargs):
        if kwargs.get("file") is None:
            line = sys._getframe(1).f_lineno
            printed.setdefault(line, []).append(kwargs.get("sep", " ").join(map(str, args)))
        real_print(*args, **kwargs)

    monkeypatch.setattr(builtins, "print", recording_print)
    monkeypatch.chdir(tmp_path)  # blocks that save files write them here
    exec(compile(source, f"README block {index}", "exec"), {"__name__": "__readme__"})

    checked = 0
    for number, line in enumerate(source.splitlines(), start=1):
        match = PRINT_WITH_OUTPUT.match(line)
        if match:
            assert printed.get(number), f"line {number} printed nothing: {line}"
            assert printed[number][0] == match["expected"], f"line {number}: {line}"
            checked += 1
    assert checked or "print(" not in source
