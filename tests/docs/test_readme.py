"""Every ```python block of the user docs runs, and every `print(...)  # output` comment is what it prints.

The docs are README.md (the front page), the guides in docs/ and CONTRIBUTING.md; the front page links every guide.
"""

import builtins
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
GUIDES = sorted((ROOT / "docs").glob("*.md"))
DOCS = [README, *GUIDES, ROOT / "CONTRIBUTING.md"]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
PRINT_WITH_OUTPUT = re.compile(r"^\s*print\(.*\)\s+# (?P<expected>.*)$")


def python_blocks(doc: Path) -> list[str]:
    return BLOCK.findall(doc.read_text(encoding="utf-8"))


BLOCKS = [(doc, index) for doc in DOCS for index in range(len(python_blocks(doc)))]


def test_the_docs_have_python_blocks():
    assert python_blocks(README)
    assert len(GUIDES) >= 7
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("guide", GUIDES, ids=lambda guide: guide.name)
def test_the_front_page_links_every_guide(guide):
    assert f"](docs/{guide.name})" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(("doc", "index"), BLOCKS, ids=[f"{doc.relative_to(ROOT)}-{index}" for doc, index in BLOCKS])
def test_doc_block_runs_and_prints_what_it_says(doc, index, monkeypatch, tmp_path):
    source = python_blocks(doc)[index]
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
    exec(compile(source, f"{doc.relative_to(ROOT)} block {index}", "exec"), {"__name__": "__readme__"})

    checked = 0
    for number, line in enumerate(source.splitlines(), start=1):
        match = PRINT_WITH_OUTPUT.match(line)
        if match:
            assert printed.get(number), f"line {number} printed nothing: {line}"
            assert printed[number][0] == match["expected"], f"line {number}: {line}"
            checked += 1
    assert checked or "print(" not in source
