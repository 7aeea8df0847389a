"""The walkthrough's HTML page: self-contained, sized for a projector, one link per step (`page.html#step-3`)."""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING

from autograd_lite.viz.progress import LEGEND
from autograd_lite.viz.theme import palette

if TYPE_CHECKING:
    from autograd_lite.viz.walkthrough import Walkthrough

# The page's own colours, by theme: the page around the diagram, the panels, the lines between them.
PAGE_COLOURS = {
    "light": {"page": "#f8fafc", "panel": "#ffffff", "line": "#e2e8f0", "button": "#cbd5e1"},
    "dark": {"page": "#0b1120", "panel": "#111827", "line": "#1f2937", "button": "#4b5563"},
}


def page(walk: Walkthrough) -> str:
    """The HTML page of `walk`: each frame's text, one diagram that a few lines of script patch from frame to frame."""
    sections = "\n".join(
        f'<section class="frame" id="frame-{k}">\n<h2>{html.escape(frame.title)}</h2>\n'
        f'<pre class="chain">{html.escape(chr(10).join(frame.lines))}</pre>\n</section>'
        for k, frame in enumerate(walk.frames)
    )
    style = walk.style
    legend = "\n".join(f"<li>{swatch(style[state])}{html.escape(text)}</li>" for state, text in LEGEND)
    colours = {**palette(walk.theme), **PAGE_COLOURS[walk.theme]}
    patches = script_json(walk.patches)
    values = {
        "title": html.escape(walk.title),
        "name": html.escape(walk.name),
        "theme": walk.theme,
        "steps": str(walk.steps),
        "legend": legend,
        "sections": sections,
        "diagram": walk.svgs[0],
        "patches": patches,
        "patching": PATCHING,
        "carrying": style["carrying"]["color"],
        "ink": colours["ink"],
        "muted": colours["muted"],
        "page": colours["page"],
        "panel": colours["panel"],
        "line": colours["line"],
        "button": colours["button"],
    }
    return re.sub(r"\{(" + "|".join(values) + r")\}", lambda m: values[m[1]], TEMPLATE)


def script_json(data: object) -> str:
    """`data` as JSON for a <script> element: "</" could end the element early, so it is written "<\\/" (the same
    string in JSON)."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


# The script that turns the diagram from one frame's picture into the next one's (a patch) and back: shared by
# the page and a notebook's stepping view, both of which name their diagram's element `diagram`.
PATCHING = """  function element(markup) {  // one SVG element from its markup
    var holder = document.createElementNS("http://www.w3.org/2000/svg", "g");
    holder.innerHTML = markup;
    return holder.firstElementChild;
  }
  function patch(p, side) {  // side 1: forward to the patch's frame, side 2: back from it
    if (p.svg) { diagram.innerHTML = p.svg[side - 1]; return; }
    var groups = diagram.querySelectorAll("g.node, g.edge");
    p.groups.forEach(function (g) { groups[g[0]].replaceWith(element(g[side])); });
  }"""


def swatch(look: dict[str, str]) -> str:
    """A small box in a record style's fill and border (solid, dashed or dotted), for the legend."""
    border = next((s for s in ("dashed", "dotted") if s in look["style"]), "solid")
    colours = f'background:{look["fill"]};border-color:{look["border"]};border-style:{border}'
    return f'<span class="swatch" style="{colours}"></span>'


TEMPLATE = """<!DOCTYPE html>
<html lang="en" data-theme="{theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="{theme}">
<title>{title} · autograd-lite</title>
<style>
  /* Projector mode: the page fills the window, the diagram takes the room that is left and scales to it,
     and the text scales with the window: 25 px at 1920 x 1080, 17 px at 1280 x 720. */
  :root { --ink: {ink}; --muted: {muted}; --page: {page}; --panel: {panel}; --line: {line};
          --button: {button}; --accent: {carrying}; --size: clamp(15px, min(1.3vw, 2.3vh), 48px); }
  * { box-sizing: border-box; }
  html, body { height: 100%; }
  body { margin: 0; display: flex; flex-direction: column; font: var(--size)/1.4 system-ui, -apple-system,
         "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: var(--page); }
  header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em 1.2em; padding: 0.45em 1em;
           background: var(--panel); border-bottom: 1px solid var(--line); }
  h1 { font-size: 1.1em; margin: 0; font-weight: 650; }
  nav { display: flex; align-items: center; gap: 0.5em; }
  button { font: inherit; padding: 0.2em 0.7em; border: 1px solid var(--button); border-radius: 0.35em;
           background: var(--panel); color: var(--ink); cursor: pointer; }
  button:hover:not(:disabled), button:focus-visible { border-color: var(--accent); color: var(--accent); }
  button:disabled { opacity: 0.4; cursor: default; }
  #counter { min-width: 7.5em; text-align: center; font-variant-numeric: tabular-nums; font-weight: 600; }
  .hint { color: var(--muted); font-size: 0.7em; }
  main { flex: 1 1 0; min-height: 0; display: flex; flex-direction: column; padding: 0.4em 1em 0; gap: 0.4em; }
  /* Every frame's text in one grid cell, only the current one visible: the cell is as tall as the tallest
     frame, so the diagram below never moves from one step to the next. */
  .js .frames { display: grid; max-height: 32vh; overflow-y: auto; }
  .js .frame { grid-area: 1 / 1; visibility: hidden; }
  .js .frame.current { visibility: visible; }
  .frame h2 { font-size: 1em; font-weight: 600; margin: 0 0 0.25em; }
  .chain { margin: 0; padding: 0.3em 0.6em; background: var(--panel); border: 1px solid var(--line);
           border-left: 0.25em solid var(--accent); border-radius: 0.3em; color: var(--ink);
           font: 1em/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; }
  .diagram { flex: 1 1 0; min-height: 6em; background: var(--panel); border: 1px solid var(--line);
             border-radius: 0.3em; padding: 0.3em; overflow: hidden; cursor: zoom-in; }
  .diagram svg { display: block; width: 100%; height: 100%; }
  .diagram.zoomed { overflow: auto; cursor: zoom-out; }
  .diagram.zoomed svg { width: auto; height: auto; margin: 0 auto; }
  footer { padding: 0.3em 1em 0.5em; color: var(--muted); font-size: 0.7em; }
  footer ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.2em 1.4em; padding: 0; margin: 0; }
  footer p { margin: 0.2em 0 0; }
  .swatch { display: inline-block; width: 1.6em; height: 0.95em; margin-right: 0.45em; vertical-align: -0.1em;
            border: 2px solid; border-radius: 4px; }
</style>
</head>
<body>
<header>
  <h1>{title}</h1>
  <nav>
    <button id="prev" type="button" aria-label="previous step">&#9664; Previous</button>
    <span id="counter" aria-live="polite">Step 0 of {steps}</span>
    <button id="next" type="button" aria-label="next step">Next &#9654;</button>
    <button id="full" type="button" aria-label="full screen">Full screen</button>
  </nav>
  <span class="hint">&#8592; &#8594; keys, Home, End; f: full screen; click the diagram to zoom</span>
</header>
<main>
<div class="frames">
{sections}
</div>
<div class="diagram" id="diagram">{diagram}</div>
</main>
<footer>
  <ul>
{legend}
  </ul>
  <p>Each edge's number is the local derivative &#8706;out/&#8706;in; a node's grad is &#8706;{name}/&#8706;node.
  Link to a step: add #step-N to the address. Made with autograd-lite.</p>
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
{patching}
  function linked() {  // the step the address names (#step-N), or null
    var match = /^#step-(\\d+)$/.exec(window.location.hash);
    return match ? parseInt(match[1], 10) : null;
  }
  function show(k) {
    k = Math.max(0, Math.min(frames.length - 1, k));
    while (current < k) { current += 1; patch(patches[current - 1], 1); }
    while (current > k) { patch(patches[current - 1], 2); current -= 1; }
    for (var i = 0; i < frames.length; i++) frames[i].classList.toggle("current", i === current);
    counter.textContent = "Step " + current + " of " + (frames.length - 1);
    prev.disabled = current === 0;
    next.disabled = current === frames.length - 1;
    if (window.location.hash !== "#step-" + current) {  // the address follows the steps, without new history
      try { window.history.replaceState(null, "", "#step-" + current); }
      catch (error) { window.location.replace("#step-" + current); }
    }
    focus();
  }
  function focus() {  // zoomed in on a large graph: scroll the diagram (only) to the step's node
    var active = diagram.querySelector('[stroke="{carrying}"]');
    if (!active || !diagram.classList.contains("zoomed")) return;
    var box = diagram.getBoundingClientRect(), node = active.getBoundingClientRect();
    diagram.scrollLeft += node.left + node.width / 2 - (box.left + box.width / 2);
    diagram.scrollTop += node.top + node.height / 2 - (box.top + box.height / 2);
  }
  function fullScreen() {
    var root = document.documentElement;
    if (document.fullscreenElement) document.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen();
  }
  diagram.addEventListener("click", function () { diagram.classList.toggle("zoomed"); focus(); });
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  document.getElementById("full").addEventListener("click", fullScreen);
  window.addEventListener("hashchange", function () { var k = linked(); if (k !== null) show(k); });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;  // the browser's own shortcuts
    var go = {ArrowRight: current + 1, PageDown: current + 1, " ": current + 1,
              ArrowLeft: current - 1, PageUp: current - 1, Home: 0, End: frames.length - 1}[event.key];
    if (go !== undefined) { show(go); event.preventDefault(); }
    if (event.key === "f" || event.key === "F") { fullScreen(); event.preventDefault(); }
  });
  show(linked() || 0);
})();
</script>
</body>
</html>
"""
