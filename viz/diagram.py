"""`Diagram`: DOT text that renders itself to SVG or PNG with Graphviz's `dot` or the `graphviz-pure` program."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from autograd_lite.files import write_atomically

RENDER_TIMEOUT = 120  # seconds; a 500-node graph lays out in well under one
PNG_DPI = 144  # twice the 72 points per inch of SVG: sharp on a projector and a high-density screen

INSTALL_HINT = (
    "install the graphviz-pure package (`pip install graphviz-pure`, a dependency of autograd-lite) "
    "or Graphviz itself (`apt-get install graphviz`, `brew install graphviz`)"
)


class RendererNotFoundError(RuntimeError):
    """Neither Graphviz's `dot` nor the `graphviz-pure` program could be found."""


def find_renderer() -> str:
    """The program that turns DOT into pictures: `dot` on PATH, else `graphviz-pure` (on PATH or beside Python)."""
    found = shutil.which("dot") or shutil.which("graphviz-pure")
    if found:
        return found
    # A venv used without activating it has its scripts off PATH: look beside the interpreter too.
    for folder in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        found = shutil.which("graphviz-pure", path=folder)
        if found:
            return found
    raise RendererNotFoundError(f"no Graphviz renderer found (neither `dot` nor `graphviz-pure`): {INSTALL_HINT}")


def render(source: str, fmt: str) -> bytes:
    """DOT text rendered to `fmt` ("svg", "png", "pdf" or "plain") by `find_renderer()`'s program."""
    program = find_renderer()
    if fmt == "pdf" and Path(program).name.startswith("graphviz-pure"):
        raise RendererNotFoundError(
            "PDF needs Graphviz's dot (apt-get install graphviz, brew install graphviz): graphviz-pure, "
            "the renderer found, writes svg and png only; or save .svg and convert it"
        )
    command = [program, f"-T{fmt}"] + ([f"-Gdpi={PNG_DPI}"] if fmt == "png" else [])
    try:
        done = subprocess.run(command, input=source.encode(), capture_output=True, timeout=RENDER_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise RuntimeError(
            f"{program} took more than {RENDER_TIMEOUT} s to lay out the diagram; draw a smaller graph"
        ) from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode(errors="replace").strip() or f"exit code {done.returncode}"
        raise RuntimeError(f"{program} could not render the diagram as {fmt}: {message}")
    return done.stdout


class Diagram:
    """A Graphviz diagram: `.source` is its DOT text; `.svg()`, `.png()`, `.save(path)` and `.render(name)` render it.

    `format` ("svg", "png" or "dot") is what `render()` writes when it is not told, as in `graphviz.Digraph`.
    """

    SUFFIXES = (".svg", ".png", ".pdf", ".dot")

    def __init__(self, source: str, format: str = "svg") -> None:  # noqa: A002  (graphviz.Digraph's name)
        self.source = source
        self.format = _checked_format(format)
        self._rendered: dict[str, bytes] = {}

    def _render(self, fmt: str) -> bytes:
        if fmt not in self._rendered:
            self._rendered[fmt] = render(self.source, fmt)
        return self._rendered[fmt]

    def svg(self) -> str:
        """The diagram as SVG text."""
        return self._render("svg").decode()

    def png(self) -> bytes:
        """The diagram as PNG bytes (144 dpi)."""
        return self._render("png")

    def pdf(self) -> bytes:
        """The diagram as PDF (vector, for LaTeX and slides); Graphviz's `dot` makes it, graphviz-pure cannot."""
        return self._render("pdf")

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the diagram to `path` as .svg, .png, .pdf or .dot (from the suffix), atomically; returns the path."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in self.SUFFIXES:
            raise ValueError(
                f"cannot save a diagram as {str(path)!r}: the suffix must be one of {', '.join(self.SUFFIXES)}"
            )
        data = self.source.encode() if suffix == ".dot" else self._render(suffix[1:])
        write_atomically(path, lambda f: f.write(data))
        return path

    def render(self, filename: str | os.PathLike[str], format: str | None = None) -> str:  # noqa: A002
        """Write `filename.<format>` (format: this diagram's `.format` unless given) and return its path.

        As `graphviz.Digraph.render` does, the format is appended to the name (`render("gout")` writes
        gout.svg); unlike it, no separate DOT source file is written (`save("gout.dot")` writes one).
        """
        path = f"{os.fspath(filename)}.{self.format if format is None else _checked_format(format)}"
        self.save(path)
        return path

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Jupyter shows the SVG; without a renderer it shows the reason and the fix instead of a traceback."""
        try:
            return {"image/svg+xml": self.svg()}
        except RendererNotFoundError as error:
            return {"text/plain": f"<Diagram: {error}>"}

    def __repr__(self) -> str:
        return f"<Diagram: {self.source.count(chr(10))} lines of DOT; .svg(), .png(), .save(path), .render(name)>"


def _checked_format(format: str) -> str:  # noqa: A002
    """A format `render()` can write: svg, png or dot (the DOT text itself)."""
    if format not in ("svg", "png", "dot"):
        raise ValueError(f"a diagram renders as 'svg', 'png' or 'dot', got format={format!r}")
    return format
