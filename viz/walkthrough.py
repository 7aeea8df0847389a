"""`save_walkthrough`: the backward pass as one self-contained HTML page, one highlighted diagram per step."""

from __future__ import annotations

import html
import math
import os
import re
from pathlib import Path

from autograd_lite.viz.diagram import Diagram, render, write_atomically
from autograd_lite.viz.graph import RANKDIRS, STYLE, graph_source
from autograd_lite.viz.progress import ACTIVE, FINAL, PARTIAL, WAITING, progress

from autograd_lite.graph import topological_order
from autograd_lite.naming import describe
from autograd_lite.stepper import Stepper
from autograd_lite.value import Value

LEGEND = (
    (ACTIVE, "pushing its gradient to its inputs in this step, along the orange edges"),
    (FINAL, "grad final: every path from the output has reached it"),
    (PARTIAL, "grad so far a partial sum: more paths still to come"),
    (WAITING, "not reached yet"),
)


def save_walkthrough(root: Value, path: str | os.PathLike[str], *, rankdir: str = "LR", max_nodes: int = 200) -> Path:
    """Write one HTML page stepping through `root`'s backward pass: a frame per step, ◀ ▶ buttons and arrow keys.

    Each frame is the diagram with the step highlighted (`draw_graph(root, highlight=stepper)`) above the
    step's chain rule, `∂e/∂a += ∂e/∂d · ∂d/∂a = -10 · 1 = -10`. The page loads nothing: no network, no
    other file. The pass shown is a fresh one (every grad starts at 0); the graph's grads are left as they
    were. Every frame has the same layout, so only colours and numbers change from step to step.
    """
    if type(root) is not Value:
        raise TypeError(f"save_walkthrough() takes a Value, got {type(root).__name__}: {root!r}")
    if rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}, got {rankdir!r}")
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"save_walkthrough() writes an HTML page: give a path ending in .html, got {str(path)!r}")
    order = topological_order(root)
    if len(order) > max_nodes:
        raise ValueError(
            f"graph has {len(order)} nodes, more than max_nodes={max_nodes} (one diagram per step); "
            "raise max_nodes or walk through a sub-expression"
        )
    saved = [v.grad for v in order]
    try:
        for v in order:
            v.grad = 0.0
        stepper = Stepper(root)
        # Laid out twice: the first time to measure each record at its widest, the second with that width
        # reserved in every frame, so that every frame has the same layout and only colours and numbers change.
        widths = _widest(order, [source for _, _, source in _frames(stepper, order, rankdir, None)])
        frames = _frames(stepper, order, rankdir, widths)
    finally:
        for v, g in zip(order, saved):
            v.grad = g
    svgs = [_inline(Diagram(source).svg(), k) for k, (_, _, source) in enumerate(frames)]
    page = _page(stepper.names[root], [(title, lines, svg) for (title, lines, _), svg in zip(frames, svgs)])
    write_atomically(path, page.encode())
    return path


def _frames(
    stepper: Stepper, order: list[Value], rankdir: str, widths: dict[Value, int] | None
) -> list[tuple[str, list[str], str]]:
    """(title, chain-rule lines, DOT source) for the start and for each step of the backward pass."""
    stepper.reset()
    names, r = stepper.names, stepper.names[stepper.root]

    def frame(title: str, lines: list[str], active: Value | None) -> tuple[str, list[str], str]:
        return title, lines, graph_source(order, progress(stepper, order), active, rankdir=rankdir, widths=widths)

    frames = [
        frame(f"Start: {r} = {describe(stepper.root, names)}; the output's gradient is 1", [f"∂{r}/∂{r} = 1"], None)
    ]
    for step in stepper:
        node = step.node
        title = f"Step {step.index + 1} of {len(stepper)}: {names[node]} = {describe(node, names)}"
        frames.append(frame(title, str(step).splitlines(), node))
    return frames


def _widest(order: list[Value], sources: list[str]) -> dict[Value, int]:
    """Each record's largest width in points over the frames, as the renderer lays them out (-Tplain, one run)."""
    widest = dict.fromkeys(order, 0)
    for line in render("".join(sources), "plain").decode().splitlines():
        match = re.match(r"node n(\d+) \S+ \S+ (\S+) ", line)  # node NAME X Y WIDTH HEIGHT (inches); not n<i>_op
        if match:
            v = order[int(match[1])]
            widest[v] = max(widest[v], math.ceil(float(match[2]) * 72))
    return widest


def _inline(svg: str, k: int) -> str:
    """An SVG document as an element of the page: no XML prolog or comments, ids unique to frame `k`."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.DOTALL)
    return re.sub(r' id="([^"]*)"', rf' id="f{k}-\1"', svg)


def _page(name: str, frames: list[tuple[str, list[str], str]]) -> str:
    """The HTML page: frames, controls, legend and a few lines of script; it loads nothing."""
    sections = "\n".join(
        f'<section class="frame" id="frame-{k}">\n<h2>{html.escape(title)}</h2>\n'
        f'<pre class="chain">{html.escape(chr(10).join(lines))}</pre>\n<div class="diagram">{svg}</div>\n</section>'
        for k, (title, lines, svg) in enumerate(frames)
    )
    legend = "\n".join(
        f'<li><span class="swatch" style="background:{STYLE[state]["fill"]};border-color:{STYLE[state]["border"]};'
        f'border-style:{"dashed" if "dashed" in STYLE[state]["style"] else "solid"}"></span>{html.escape(text)}</li>'
        for state, text in LEGEND
    )
    values = {"name": html.escape(name), "steps": str(len(frames) - 1), "legend": legend, "sections": sections}
    return re.sub(r"\{(name|steps|legend|sections)\}", lambda m: values[m[1]], TEMPLATE)  # one pass: text stays text


TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backward pass of {name} · autograd-lite</title>
<style>
  :root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --accent: #ea580c; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
         color: var(--ink); background: #f8fafc; }
  header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 24px; padding: 14px 24px;
           background: white; border-bottom: 1px solid var(--line); position: sticky; top: 0; }
  h1 { font-size: 20px; margin: 0; font-weight: 650; }
  nav { display: flex; align-items: center; gap: 10px; }
  button { font: inherit; padding: 6px 14px; border: 1px solid #cbd5e1; border-radius: 8px; background: white;
           color: var(--ink); cursor: pointer; }
  button:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
  button:disabled { opacity: 0.4; cursor: default; }
  #counter { min-width: 8em; text-align: center; font-variant-numeric: tabular-nums; font-weight: 600; }
  .hint { color: var(--muted); font-size: 14px; }
  main { padding: 8px 24px 0; }
  .frame h2 { font-size: 17px; font-weight: 600; margin: 16px 0 8px; }
  .chain { margin: 0 0 12px; padding: 10px 14px; background: white; border: 1px solid var(--line);
           border-left: 4px solid var(--accent); border-radius: 6px; font: 15px/1.6 ui-monospace, "DejaVu Sans Mono",
           Menlo, Consolas, monospace; white-space: pre-wrap; }
  .diagram { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow-x: auto; }
  .diagram svg { display: block; margin: 0 auto; width: 100%; height: auto; max-height: 62vh; }
  .js .frame { display: none; }
  .js .frame.current { display: block; }
  footer { padding: 8px 24px 24px; color: var(--muted); font-size: 14px; }
  footer ul { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 22px; padding: 0; margin: 8px 0 0; }
  .swatch { display: inline-block; width: 1.6em; height: 0.95em; margin-right: 0.45em; vertical-align: -0.1em;
            border: 2px solid; border-radius: 4px; }
</style>
</head>
<body>
<header>
  <h1>Backward pass of {name}</h1>
  <nav>
    <button id="prev" type="button" aria-label="previous step">&#9664; Previous</button>
    <span id="counter" aria-live="polite">Step 0 of {steps}</span>
    <button id="next" type="button" aria-label="next step">Next &#9654;</button>
  </nav>
  <span class="hint">or the &#8592; &#8594; keys</span>
</header>
<main>
{sections}
</main>
<footer>
  <ul>
{legend}
  </ul>
  <p>Each edge's number is the local derivative &#8706;out/&#8706;in; a node's grad is &#8706;{name}/&#8706;node.
  Made with autograd-lite.</p>
</footer>
<script>
(function () {
  "use strict";
  document.body.classList.add("js");
  var frames = document.querySelectorAll(".frame");
  var counter = document.getElementById("counter");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var current = 0;
  function show(k) {
    current = Math.max(0, Math.min(frames.length - 1, k));
    for (var i = 0; i < frames.length; i++) frames[i].classList.toggle("current", i === current);
    counter.textContent = "Step " + current + " of " + (frames.length - 1);
    prev.disabled = current === 0;
    next.disabled = current === frames.length - 1;
  }
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight" || event.key === "PageDown") { show(current + 1); event.preventDefault(); }
    if (event.key === "ArrowLeft" || event.key === "PageUp") { show(current - 1); event.preventDefault(); }
    if (event.key === "Home") { show(0); event.preventDefault(); }
    if (event.key === "End") { show(frames.length - 1); event.preventDefault(); }
  });
  show(0);
})();
</script>
</body>
</html>
"""
