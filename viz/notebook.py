"""The stepping view of a notebook cell: a Stepper's backward pass, stepped with ◀ ▶ or the arrow keys, in place.

One piece of HTML with its own SVG and a few lines of script: no kernel round-trip, no network, no widgets,
so it keeps working in a saved notebook and in `jupyter nbconvert --to html`. Every id, style rule and
handler is scoped to one view (a random id per view), so several views in one notebook step independently;
the arrow keys move a view only while it has the focus or the mouse is over it.
"""

from __future__ import annotations

import html
import re
import uuid

from autograd_lite.naming import describe
from autograd_lite.stepper import Stepper
from autograd_lite.viz.graph import STYLE, checked_order
from autograd_lite.viz.page import PATCHING, script_json, swatch
from autograd_lite.viz.progress import LEGEND
from autograd_lite.viz.walkthrough import Walkthrough

MAX_NODES = 200  # as save_walkthrough: one diagram per step, all laid out before the view is shown


def stepper_view(stepper: Stepper, *, rankdir: str = "LR", max_nodes: int = MAX_NODES) -> str:
    """The HTML of the stepping view of `stepper`'s pass, starting at its current step (`len(stepper.history)`).

    The view shows a fresh pass of the same graph (every grad from 0, as `save_walkthrough`), and leaves
    the graph's grads and the Stepper as they were. Over `max_nodes` nodes it is one line saying so instead.
    """
    root = stepper.root
    try:
        checked_order("the stepping view", root, rankdir, max_nodes, "; step it in text with print(stepper)", "light")
    except ValueError as error:
        return refusal(str(error))
    walk = Walkthrough(root, rankdir=rankdir, max_nodes=max_nodes)  # the frames a walkthrough page shows
    names = stepper.names
    title = f"Backward pass of {walk.name}" + (f" = {describe(root, names)}" if root.inputs else "")
    frames = [(frame.title, list(frame.lines)) for frame in walk.frames]
    return view_html(title, frames, walk.svgs, walk.patches, len(stepper.history))


def refusal(message: str) -> str:
    """The view's place when it is not drawn: the reason, in one line."""
    return f'<div class="autograd-lite-view refused">No stepping view: {html.escape(message)}</div>'


def view_html(
    title: str, frames: list[tuple[str, list[str]]], svgs: list[str], patches: list[dict[str, object]], start: int
) -> str:
    """The view: `frames` (title, chain-rule lines) with one diagram that `patches` turn from frame to frame.

    `svgs[k]` is frame k's diagram; the view opens at frame `start` and reads the right one without script.
    """
    start = max(0, min(start, len(frames) - 1))
    uid = "agl-" + uuid.uuid4().hex[:12]
    sections = "\n".join(
        f'<section class="frame{" current" if k == start else ""}"><div class="title">{html.escape(t)}</div>'
        f'<pre class="chain">{html.escape(chr(10).join(lines))}</pre></section>'
        for k, (t, lines) in enumerate(frames)
    )
    legend = "".join(f"<li>{swatch(STYLE[state])}{html.escape(text)}</li>" for state, text in LEGEND)
    data = script_json({"patches": patches, "start": start})
    values = {
        "uid": uid,
        "title": html.escape(title),
        "steps": str(len(frames) - 1),
        "step": str(start),
        "sections": sections,
        "diagram": svgs[start],
        "legend": legend,
        "data": data,
        "prev": " disabled" if start == 0 else "",
        "next": " disabled" if start == len(frames) - 1 else "",
        "patching": PATCHING,
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m[1]], TEMPLATE)


TEMPLATE = """<div class="autograd-lite-view" id="{{uid}}" tabindex="0" aria-label="{{title}}: stepping view">
<style>
#{{uid}} { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #0f172a;
  border: 1px solid #e2e8f0; border-radius: 6px; padding: 8px 10px; max-width: 100%; outline: none; }
#{{uid}}:focus, #{{uid}}:hover { border-color: #94a3b8; }
#{{uid}} .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; }
#{{uid}} .name { font-weight: 650; }
#{{uid}} button { font: inherit; padding: 2px 10px; border: 1px solid #cbd5e1; border-radius: 6px; background: white;
  color: #0f172a; cursor: pointer; }
#{{uid}} button:disabled { opacity: 0.4; cursor: default; }
#{{uid}} .counter { min-width: 7em; text-align: center; font-variant-numeric: tabular-nums; font-weight: 600; }
#{{uid}} .hint, #{{uid}} .legend { color: #64748b; font-size: 12px; }
#{{uid}} .frame { display: none; }
#{{uid}} .frame.current { display: block; }
#{{uid}} .title { font-weight: 600; margin: 6px 0 2px; }
#{{uid}} .chain { margin: 0 0 6px; padding: 4px 8px; background: #f8fafc; border-left: 3px solid #ea580c;
  font: 13px/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; }
#{{uid}} .diagram svg { display: block; width: 100%; height: auto; max-height: 360px; }
#{{uid}} .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 16px; padding: 0; margin: 4px 0 0; }
#{{uid}} .swatch { display: inline-block; width: 1.4em; height: 0.85em; margin-right: 0.4em; vertical-align: -0.1em;
  border: 2px solid; border-radius: 3px; }
</style>
<div class="bar">
  <span class="name">{{title}}</span>
  <button class="prev" type="button" aria-label="previous step"{{prev}}>&#9664; Previous</button>
  <span class="counter" aria-live="polite">Step {{step}} of {{steps}}</span>
  <button class="next" type="button" aria-label="next step"{{next}}>Next &#9654;</button>
  <span class="hint">&#8592; &#8594; keys: click the view or point at it</span>
</div>
{{sections}}
<div class="diagram">{{diagram}}</div>
<ul class="legend">{{legend}}</ul>
<script type="application/json" class="view-data">{{data}}</script>
<script>
(function () {
  "use strict";
  var view = document.getElementById("{{uid}}");
  if (!view || view.dataset.ready) return;
  view.dataset.ready = "1";
  var data = JSON.parse(view.querySelector("script.view-data").textContent);
  var frames = view.querySelectorAll(".frame");
  var diagram = view.querySelector(".diagram");
  var counter = view.querySelector(".counter");
  var prev = view.querySelector("button.prev"), next = view.querySelector("button.next");
  var current = data.start;
{{patching}}
  function show(k) {
    k = Math.max(0, Math.min(frames.length - 1, k));
    while (current < k) { current += 1; patch(data.patches[current - 1], 1); }
    while (current > k) { patch(data.patches[current - 1], 2); current -= 1; }
    for (var i = 0; i < frames.length; i++) frames[i].classList.toggle("current", i === current);
    counter.textContent = "Step " + current + " of " + (frames.length - 1);
    prev.disabled = current === 0;
    next.disabled = current === frames.length - 1;
  }
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  function key(event) {
    if (!document.body.contains(view)) { document.removeEventListener("keydown", key, true); return; }
    var active = document.activeElement, focused = view.contains(active);
    var typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    var hovered = view.matches(":hover"), other = document.querySelector(".autograd-lite-view:hover");
    // the view under the mouse, else the one with the focus; never while the learner types in an editor
    if (!(focused || (hovered && !typing)) || (!hovered && other)) return;
    var to = {ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: frames.length - 1}[event.key];
    if (to === undefined) return;
    show(to);
    event.preventDefault();
    event.stopPropagation();  // the notebook's own shortcuts do not see the keys this view used
  }
  document.addEventListener("keydown", key, true);
})();
</script>
</div>"""
