"""`save_walkthrough`: the backward pass as one self-contained HTML page, one highlighted diagram per step."""

from __future__ import annotations

import html
import json
import math
import os
import re
from pathlib import Path

from autograd_lite.files import write_atomically
from autograd_lite.naming import describe
from autograd_lite.stepper import Stepper
from autograd_lite.value import Value
from autograd_lite.viz.diagram import render
from autograd_lite.viz.graph import STYLE, checked_order, graph_source
from autograd_lite.viz.progress import ACTIVE, FINAL, PARTIAL, WAITING, progress

LEGEND = (
    (ACTIVE, "pushing its gradient to its inputs in this step, along the orange edges"),
    (FINAL, "grad final: every path from the output has reached it"),
    (PARTIAL, "grad so far a partial sum: more paths still to come"),
    (WAITING, "not reached yet"),
)


def save_walkthrough(root: Value, path: str | os.PathLike[str], *, rankdir: str = "LR", max_nodes: int = 200) -> Path:
    """Write one HTML page stepping through `root`'s backward pass: a frame per step, ◀ ▶ buttons and arrow keys.

    Each frame is the diagram with the step highlighted (`draw_graph(root, highlight=stepper)`) above the
    step's chain rule, `∂e/∂a += ∂e/∂d · ∂(a + b)/∂a = -10 · 1 = -10`. The page loads nothing: no network, no
    other file. The pass shown is a fresh one (every grad starts at 0); the graph's grads are left as they
    were. Every frame has the same layout, so only colours and numbers change from step to step.
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"save_walkthrough() writes an HTML page: give a path ending in .html, got {str(path)!r}")
    order = checked_order(
        "save_walkthrough",
        root,
        rankdir,
        max_nodes,
        " (one diagram per step); raise max_nodes or walk through a sub-expression",
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
    svgs = _split_svgs(render("".join(source for _, _, source in frames), "svg").decode(), len(frames))
    page = _page(stepper.names[root], [(title, lines) for title, lines, _ in frames], svgs)
    write_atomically(path, lambda f: f.write(page.encode()))
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


def _split_svgs(text: str, count: int) -> list[str]:
    """The SVG documents of one multi-graph render, without XML prologs, comments or ids.

    Graphviz numbers the ids of a multi-graph render by page ("page0,1_graph0"); the page needs none.
    """
    documents = text.split("<?xml")[1:]
    if len(documents) != count:
        raise RuntimeError(f"the renderer returned {len(documents)} SVG documents for {count} frames")
    return [re.sub(r"<!--.*?-->\n?| id=\"[^\"]*\"", "", d[d.index("<svg") :], flags=re.DOTALL) for d in documents]


GROUP = re.compile(r'<g class="(?:node|edge)">.*?</g>', re.DOTALL)  # Graphviz's groups: flat, not nested


def _patches(svgs: list[str]) -> list[dict[str, object]]:
    """How to turn the diagram shown at frame k−1 into the one shown at frame k, and back, for k ≥ 1.

    Every frame has the same layout, so a step changes only the colours and numbers of a few nodes and
    edges: {"groups": [[i, html now, html before], ...]} replaces the i-th node or edge group. Dot's
    floating point moves some nodes by 1e-4 inch from one frame to the next: a group that differs from
    the one shown only in such noise (the same when rounded to whole points) is left as it is. Should the
    outline differ after all, {"svg": [frame k, the diagram shown before]} replaces the whole diagram.
    """
    patches = []
    shown = svgs[0]
    groups = GROUP.findall(shown)
    for svg in svgs[1:]:
        new = GROUP.findall(svg)
        if _rounded(GROUP.sub("", svg)) != _rounded(GROUP.sub("", shown)) or len(new) != len(groups):
            patches.append({"svg": [svg, shown]})
            shown, groups = svg, new
            continue
        changed = [i for i, (was, now) in enumerate(zip(groups, new)) if _rounded(was) != _rounded(now)]
        patches.append({"groups": [[i, new[i], groups[i]] for i in changed]})
        for i in changed:
            groups[i] = new[i]
        shown = "".join(p + (groups[i] if i < len(groups) else "") for i, p in enumerate(GROUP.split(shown)))
    return patches


def _rounded(svg: str) -> str:
    """SVG text with every decimal number rounded to a whole point: the same drawing, give or take 0.5 pt."""
    return re.sub(r"-?\d+\.\d+", lambda m: str(round(float(m[0]))), svg)


def _page(name: str, frames: list[tuple[str, list[str]]], svgs: list[str]) -> str:
    """The HTML page: the frames' text, one diagram that a few lines of script patch from frame to frame."""
    sections = "\n".join(
        f'<section class="frame" id="frame-{k}">\n<h2>{html.escape(title)}</h2>\n'
        f'<pre class="chain">{html.escape(chr(10).join(lines))}</pre>\n</section>'
        for k, (title, lines) in enumerate(frames)
    )
    legend = "\n".join(
        f'<li><span class="swatch" style="background:{STYLE[state]["fill"]};border-color:{STYLE[state]["border"]};'
        f'border-style:{"dashed" if "dashed" in STYLE[state]["style"] else "solid"}"></span>{html.escape(text)}</li>'
        for state, text in LEGEND
    )
    # JSON inside <script>: "</" could end the element early, so it is written "<\/" (the same string in JSON).
    patches = json.dumps(_patches(svgs), ensure_ascii=False).replace("</", "<\\/")
    values = {
        "name": html.escape(name),
        "steps": str(len(frames) - 1),
        "legend": legend,
        "sections": sections,
        "diagram": svgs[0],
        "patches": patches,
        "orange": STYLE[ACTIVE]["border"],
    }
    return re.sub(r"\{(name|steps|legend|sections|diagram|patches|orange)\}", lambda m: values[m[1]], TEMPLATE)


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
  .diagram { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto;
             cursor: zoom-in; }
  .diagram svg { display: block; margin: 0 auto; width: 100%; height: auto; max-height: 62vh; }
  .diagram.zoomed { max-height: 75vh; cursor: zoom-out; }
  .diagram.zoomed svg { width: auto; max-height: none; }
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
  <span class="hint">or the &#8592; &#8594; keys; click the diagram to zoom</span>
</header>
<main>
{sections}
<div class="diagram" id="diagram">{diagram}</div>
</main>
<footer>
  <ul>
{legend}
  </ul>
  <p>Each edge's number is the local derivative &#8706;out/&#8706;in; a node's grad is &#8706;{name}/&#8706;node.
  Made with autograd-lite.</p>
</footer>
<script type="application/json" id="patches">{patches}</script>
<script>
(function () {
  "use strict";
  document.body.classList.add("js");
  var frames = document.querySelectorAll(".frame");
  var patches = JSON.parse(document.getElementById("patches").textContent);
  var diagram = document.getElementById("diagram");
  var counter = document.getElementById("counter");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var current = 0;  // the frame whose text and diagram are shown
  function element(markup) {  // one SVG element from its markup
    var holder = document.createElementNS("http://www.w3.org/2000/svg", "g");
    holder.innerHTML = markup;
    return holder.firstElementChild;
  }
  function patch(p, side) {  // side 1: forward to the patch's frame, side 2: back from it
    if (p.svg) { diagram.innerHTML = p.svg[side - 1]; return; }
    var groups = diagram.querySelectorAll("g.node, g.edge");
    p.groups.forEach(function (g) { groups[g[0]].replaceWith(element(g[side])); });
  }
  function show(k) {
    k = Math.max(0, Math.min(frames.length - 1, k));
    while (current < k) { current += 1; patch(patches[current - 1], 1); }
    while (current > k) { patch(patches[current - 1], 2); current -= 1; }
    for (var i = 0; i < frames.length; i++) frames[i].classList.toggle("current", i === current);
    counter.textContent = "Step " + current + " of " + (frames.length - 1);
    prev.disabled = current === 0;
    next.disabled = current === frames.length - 1;
    focus();
  }
  function focus() {  // zoomed in on a large graph: scroll the diagram (only) to the step's node
    var active = diagram.querySelector('[stroke="{orange}"]');
    if (!active || !diagram.classList.contains("zoomed")) return;
    var box = diagram.getBoundingClientRect(), node = active.getBoundingClientRect();
    diagram.scrollLeft += node.left + node.width / 2 - (box.left + box.width / 2);
    diagram.scrollTop += node.top + node.height / 2 - (box.top + box.height / 2);
  }
  diagram.addEventListener("click", function () { diagram.classList.toggle("zoomed"); focus(); });
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
