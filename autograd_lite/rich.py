"""What Jupyter shows for the engine's objects: small HTML tables and typeset math, from their text alone.

Only the standard library: the reprs work with nothing installed. Every piece of a label is escaped, so a
label with `<`, `&`, quotes or `</script>` is shown as written and never ends an element early. The text
reprs stay what a terminal prints; these are the `_repr_html_` / `_repr_latex_` hooks' bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

from autograd_lite.text import number

TABLE = 'style="border-collapse:collapse;font-variant-numeric:tabular-nums;margin:2px 0"'
CELL = 'style="border:1px solid #cbd5e1;padding:2px 8px;text-align:{align}"'


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "", css_class: str = "") -> str:
    """An HTML table of already formatted cells (escaped here); numbers align right, words left."""

    def cell(tag: str, text: str) -> str:
        align = "right" if re.fullmatch(r"[−-]?(\d[\d.]*(e[−+-]?\d+)?|inf|nan)", text) else "left"
        return f"<{tag} {CELL.format(align=align)}>{escape(text)}</{tag}>"

    head = "".join(cell("th", h) for h in headers)
    body = "".join("<tr>" + "".join(cell("td", c) for c in row) + "</tr>" for row in rows)
    title = f"<caption style=\"text-align:left\">{escape(caption)}</caption>" if caption else ""
    kind = f' class="{escape(css_class)}"' if css_class else ""
    return f"<table{kind} {TABLE}>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def lines_html(lines: Iterable[str], css_class: str) -> str:
    """Lines of text (chain rules, verdicts) kept as they are printed, in a monospace block."""
    text = escape("\n".join(lines))
    return f'<pre class="{css_class}" style="margin:4px 0;white-space:pre-wrap">{text}</pre>'


def value_html(label: str, data: float, grad: float, op: str) -> str:
    """A Value as a one-row table: label, data, grad, op (a leaf's op is shown as "leaf")."""
    row = (label or "(no label)", number(data, 6), number(grad, 6), op or "leaf")
    return table(("label", "data", "grad", "op"), [row], css_class="autograd-lite-value")


def latex_lines(lines: Iterable[str], names: Iterable[str]) -> str:
    """Printed lines as display math: each `∂x/∂y` of node names as a fraction, the rest as upright text.

    The result holds no `<`, `>` or `&` (they become `\\lt`, `\\gt`, `\\And`), so it is safe wherever a
    notebook page puts it, and each line is one row of an array (rows need no `&`).
    """
    known = sorted({n for n in names if n}, key=len, reverse=True)
    fraction = re.compile("∂(" + "|".join(map(re.escape, known)) + ")/∂(" + "|".join(map(re.escape, known)) + ")")
    rows = []
    for line in lines:
        parts, at = [], 0
        for match in fraction.finditer(line) if known else ():
            parts.append(_text(line[at : match.start()]))
            parts.append(rf"\frac{{\partial {_text(match[1])}}}{{\partial {_text(match[2])}}}")
            at = match.end()
        parts.append(_text(line[at:]))
        rows.append("".join(parts))
    return r"$$\begin{array}{l}" + r" \\ ".join(rows) + r"\end{array}$$"


SPECIAL = {"<": r"\lt ", ">": r"\gt ", "&": r"\And ", "\\": r"\backslash ", "{": r"\{", "}": r"\}", "$": r"\$"}
SPECIAL |= {"#": r"\#", "%": r"\%", "_": r"\_", "^": r"\hat{}", "~": r"\sim "}


def _text(chunk: str) -> str:
    """`chunk` as upright text in math mode: runs of ordinary characters in `\\text{}`, specials as math symbols."""
    out = []
    for piece in re.split(r"([<>&\\{}$#%_^~])", chunk):
        if piece in SPECIAL:
            out.append(SPECIAL[piece])
        elif piece:
            out.append(r"\text{" + piece + "}")
    return "".join(out)
