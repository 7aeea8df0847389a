"""`walkthrough`: the backward pass as frames, one highlighted diagram per step, for a page, a GIF or slides."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from autograd_lite.files import write_atomically
from autograd_lite.naming import describe
from autograd_lite.stepper import Stepper
from autograd_lite.value import Value
from autograd_lite.viz.diagram import Diagram, render
from autograd_lite.viz.graph import COMPACT_FROM, checked_order, graph_source, graph_style
from autograd_lite.viz.page import page
from autograd_lite.viz.progress import progress
from autograd_lite.viz.slides import caption, gif
from autograd_lite.viz.text import short_name
from autograd_lite.viz.theme import palette

FRAME_FORMATS = ("svg", "png", "pdf")


class Frame(NamedTuple):
    """One picture of the walkthrough: the start, or the state right after one step."""

    title: str  # "Step 1 of 2: e = d * c"
    lines: tuple[str, ...]  # the step's chain rule, one line per input, as str(step) writes it
    source: str  # the diagram's DOT text (no caption: the page sets the text beside it)


def walkthrough(
    root: Value, *, theme: str = "light", title: str | None = None, rankdir: str = "LR", max_nodes: int = 200
) -> Walkthrough:
    """The backward pass of `root` as frames: the start, then one per `Stepper` step, each with its chain rule.

    `.save("page.html")` writes a self-contained page (projector mode, a link per step), `.save("pass.gif")`
    an animated GIF, `.save_frames("folder/", format="svg"|"png"|"pdf")` one picture per step.
    """
    return Walkthrough(root, theme=theme, title=title, rankdir=rankdir, max_nodes=max_nodes)


def save_walkthrough(
    root: Value,
    path: str | os.PathLike[str],
    *,
    theme: str = "light",
    title: str | None = None,
    rankdir: str = "LR",
    max_nodes: int = 200,
) -> Path:
    """`walkthrough(root, ...).save(path)`, the one-call form: the page (.html) or a GIF (.gif); returns the path."""
    _saved_as(Path(path))  # a wrong suffix fails before the frames are made
    return walkthrough(root, theme=theme, title=title, rankdir=rankdir, max_nodes=max_nodes).save(path)


def _saved_as(path: Path) -> str:
    """"html" or "gif", from the suffix of `path`; any other is a ValueError saying what save() writes."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".gif"):
        return "gif" if suffix == ".gif" else "html"
    raise ValueError(
        f"cannot save a walkthrough as {str(path)!r}: give a path ending in .html (the page) or .gif "
        "(an animation); for one picture per step: save_frames(folder, format='svg', 'png' or 'pdf')"
    )


class Walkthrough:
    """Every frame of `root`'s backward pass, computed once: titles, chain-rule lines, diagrams, page patches.

    The pass shown is a fresh one (every grad starts at 0); the graph's grads are left as they were. Every
    frame has the same layout, so from one step to the next only colours and numbers change.
    """

    def __init__(
        self, root: Value, *, theme: str = "light", title: str | None = None, rankdir: str = "LR", max_nodes: int = 200
    ) -> None:
        if title is not None and not isinstance(title, str):
            raise TypeError(f"title must be a str, got {type(title).__name__}: {title!r}")
        limit = " (one diagram per step); raise max_nodes or walk through a sub-expression"
        self._order = checked_order("walkthrough", root, rankdir, max_nodes, limit, theme)
        self.root, self.theme, self.rankdir = root, theme, rankdir
        saved = [v.grad for v in self._order]
        try:
            for v in self._order:
                v.grad = 0.0
            stepper = Stepper(root)
            self.name = short_name(stepper.names[root])
            self.title = title or f"Backward pass of {self.name}"
            self._states = _states(stepper, self._order)
            # Laid out twice: the first time to measure each record at its widest, the second with that width
            # reserved in every frame, so that every frame has the same layout and only colours and numbers change.
            self._widths = _widest(self._order, [self._source(state) for state in self._states])
            self.frames = tuple(Frame(*state.text, self._source(state)) for state in self._states)
        finally:
            for v, g in zip(self._order, saved):
                v.grad = g

    @property
    def steps(self) -> int:
        """The number of backward steps: one frame fewer than `frames` (the first frame is the start)."""
        return len(self.frames) - 1

    @property
    def style(self) -> dict[str, dict[str, str]]:
        """The diagrams' look in this theme (`viz.graph.graph_style`): the legend's swatches use it."""
        return graph_style(self.theme)

    @cached_property
    def svgs(self) -> list[str]:
        """Each frame's diagram as SVG markup to put in a page (no XML prolog, comments or ids), rendered once."""
        return _split_svgs(render("".join(f.source for f in self.frames), "svg").decode(), len(self.frames))

    @cached_property
    def patches(self) -> list[dict[str, object]]:
        """How a page turns frame k−1's diagram into frame k's and back, for k ≥ 1 (see `_patches`)."""
        return _patches(self.svgs)

    @cached_property
    def slides(self) -> list[Diagram]:
        """Each frame as a `Diagram` with its title and chain rule written under it, for GIFs and slides."""
        captions = caption([(f.title, f.lines) for f in self.frames], palette(self.theme)["ink"])
        return [Diagram(self._source(state, text)) for state, text in zip(self._states, captions)]

    def page(self) -> str:
        """The self-contained HTML page: projector mode, ◀ ▶ and the arrow keys, a `#step-N` link per step."""
        return page(self)

    def gif(self) -> bytes:
        """An animated GIF (Pillow), one frame per step, the step's chain rule on each frame."""
        return gif([d.png() for d in self.slides], palette(self.theme)["background"])

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page (`.html`) or an animated GIF (`.gif`), atomically; returns the path."""
        path = Path(path)
        data = self.page().encode() if _saved_as(path) == "html" else self.gif()
        write_atomically(path, lambda f: f.write(data))
        return path

    def save_frames(self, folder: str | os.PathLike[str], format: str = "svg") -> list[Path]:  # noqa: A002
        """One picture per frame in `folder` (made if missing): step-00.svg (the start), step-01.svg, ...

        Each has the step's title and chain rule under the diagram and the same size as the others, for
        slide overlays (Beamer's \\includegraphics<k>, a PowerPoint deck). Returns the paths, in order.
        """
        if format not in FRAME_FORMATS:
            raise ValueError(f"format must be one of {', '.join(FRAME_FORMATS)}, got {format!r}")
        folder = Path(folder)
        if folder.exists() and not folder.is_dir():
            raise ValueError(f"save_frames() writes into a folder, and {str(folder)!r} is a file")
        # All rendered before any file is written: a failure leaves the folder as it was.
        pictures = [d.svg().encode() if format == "svg" else getattr(d, format)() for d in self.slides]
        folder.mkdir(parents=True, exist_ok=True)
        digits = max(2, len(str(self.steps)))
        paths = []
        for k, data in enumerate(pictures):
            path = folder / f"step-{k:0{digits}d}.{format}"
            write_atomically(path, lambda f, data=data: f.write(data))
            paths.append(path)
        return paths

    def _source(self, state: _State, text: str = "") -> str:
        """The DOT text of one frame; before `_widths` is measured, with each record at its natural width."""
        widths = getattr(self, "_widths", None)
        return graph_source(
            self._order,
            state.roles,
            state.active,
            rankdir=self.rankdir,
            widths=widths,
            theme=self.theme,
            caption=text,
            grads=state.grads,
            compact=len(self._order) > COMPACT_FROM,
        )

    def __repr__(self) -> str:
        return f"<Walkthrough of {self.name}: {self.steps} steps; .save('page.html' or '.gif'), .save_frames(folder)>"


class _State(NamedTuple):
    """The backward pass at one frame: what a diagram of it needs, and its text."""

    roles: dict[Value, str]  # each node's state (viz.progress)
    active: Value | None  # the node that pushed its gradient in this step
    grads: dict[Value, float]  # every node's grad at this moment
    text: tuple[str, tuple[str, ...]]  # (title, chain-rule lines)


def _states(stepper: Stepper, order: list[Value]) -> list[_State]:
    """The start and the state after each step, with its title and chain rule."""
    stepper.reset()
    names, r = stepper.names, stepper.names[stepper.root]
    shorten = _shortener(names.values())

    def state(active: Value | None, title: str, lines: Iterable[str]) -> _State:
        text = (shorten(title), tuple(shorten(line) for line in lines))
        return _State(progress(stepper, order), active, {v: v.grad for v in order}, text)

    start = f"Start: {r} = {describe(stepper.root, names)}; the output's gradient is 1"
    frames = [state(None, start, [f"∂{r}/∂{r} = 1"])]
    for step in stepper:
        node = step.node
        title = f"Step {step.index + 1} of {len(stepper)}: {names[node]} = {describe(node, names)}"
        frames.append(state(node, title, str(step).splitlines()))
    return frames


def _shortener(names: Iterable[str]) -> Callable[[str], str]:
    """A function that writes every nn parameter name in a text as `short_name` does (W1[0,1] for layers.0.…)."""
    long = sorted((n for n in names if short_name(n) != n), key=len, reverse=True)
    if not long:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(n) for n in long) + r"(?![\w.])")
    return lambda text: pattern.sub(lambda m: short_name(m[0]), text)


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


# A node's or edge's group; its hover text nests one group (<g><a xlink:title=...>...</a></g>) inside.
GROUP = re.compile(r'<g class="(?:node|edge)">(?:<g>.*?</g>|(?!</?g[ >]).)*?</g>', re.DOTALL)


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
