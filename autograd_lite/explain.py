"""`explain(root, wrt)`: ∂root/∂wrt as the multivariable chain rule, a sum over paths of products of local derivatives.

Seed 000 §1.3: ∂z/∂x = Σ_j ∂z/∂y_j · ∂y_j/∂x. Unrolled down to the inputs this is a sum over every
path from root to wrt of the product of the local derivatives along it. The number of paths can grow
exponentially (y = x; y = y + y, sixty times over, has 2^60), so beyond `max_paths` they are grouped by
intermediate node instead: δ_n = ∂root/∂n, computed once per node from the root backwards (seed 000
§2.2), which is exactly what `backward()` does. The paths are counted first (by dynamic programming over
the graph, linear in its size), and never more than MAX_LISTED_PATHS are listed, whatever `max_paths` says:
the work and the text stay proportional to the graph.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from autograd_lite.backprop import push
from autograd_lite.foreign import is_foreign_node, read_graph
from autograd_lite.graph import topological_order
from autograd_lite.naming import describe, node_names
from autograd_lite.text import factor, number, product
from autograd_lite.value import Value

MAX_LISTED_PATHS = 1000  # the hard ceiling: more paths than this are always grouped, whatever max_paths says
COUNT_CAP = 10**18  # path counts stop growing here: exact big integers would cost more than they tell
SHOW_FACTORS = 8  # a longer path shows its first and last factors around "…"
SHOW_TERMS = 6  # a δ sum over more users of a node shows the first and last terms around "…"
ONE_LINE = 100  # a sum over paths wider than this is written one path per line


@dataclass(frozen=True)
class Path:
    """One path from root to wrt: its nodes (root first), the local derivative of each hop, their product."""

    nodes: tuple[Value, ...]
    local_grads: tuple[float, ...]
    product: float


class Explanation:
    """∂root/∂wrt with its derivation; `str()` prints it, `.value` is the number (= wrt.grad after backward)."""

    def __init__(self, root: Value, wrt: Value, max_paths: int) -> None:
        self.root, self.wrt, self.max_paths = root, wrt, max_paths
        order = topological_order(root)
        self.names = node_names(root)
        self.names.setdefault(wrt, wrt.label or "wrt")  # a node outside root's graph
        reach = _reaching(order, wrt)
        self.n_paths: int = _count_paths(order, reach, wrt)  # at most COUNT_CAP
        self.deltas: dict[Value, float] = _deltas(order, reach, root)
        self.value: float = self.deltas.get(wrt, 0.0)
        self.grouped: bool = self.n_paths > min(max_paths, MAX_LISTED_PATHS)
        self.paths: list[Path] = [] if self.grouped else _paths(root, wrt, reach)
        self._order = [v for v in reversed(order) if v in reach]
        self._users: dict[Value, list[tuple[Value, float]]] = {}  # node → (user, ∂user/∂node), in backward()'s order
        for p in self._order:
            for x, d in zip(p.inputs, p.local_grads):
                self._users.setdefault(x, []).append((p, d))

    def __float__(self) -> float:
        return self.value

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        r, w = self.names[self.root], self.names[self.wrt]
        lhs = f"∂{r}/∂{w}"
        if self.root is self.wrt:
            return f"{lhs} = 1 (a node with respect to itself)"
        if not self.n_paths:
            return f"{lhs} = 0: {r} does not depend on {w} (no path leads from {r} to {w})"
        return self._grouped(lhs) if self.grouped else self._sum_over_paths(lhs)

    def _repr_latex_(self) -> str:
        """Jupyter: the same lines as `str()`, typeset, each ∂x/∂y a fraction (MathJax display math)."""
        from autograd_lite.rich import latex_lines

        return latex_lines(str(self).splitlines(), self.names.values())

    def _sum_over_paths(self, lhs: str) -> str:
        symbols = [self._symbols(p) for p in self.paths]
        numbers = [_elided_product(p.local_grads) for p in self.paths]
        if len(self.paths) == 1 and len(self.paths[0].local_grads) == 1:
            r = self.names[self.root]
            return f"{lhs} = {number(self.value)}, the local derivative of {r} = {describe(self.root, self.names)}"
        if len(self.paths) == 1:
            return f"{lhs} = {symbols[0]} = {numbers[0]} = {number(self.value)}"
        pad = " " * len(lhs)
        lines = [
            f"{lhs} = {'  +  '.join(symbols)}",
            f"{pad} = {'  +  '.join(numbers)}",
            f"{pad} = {number(self.value)}",
        ]
        if max(map(len, lines)) <= ONE_LINE:
            return "\n".join(lines)
        lines = [
            f"{lhs} = the sum over the {len(self.paths)} paths from {self.names[self.root]} to {self.names[self.wrt]}:"
        ]
        width = max(map(len, symbols))
        for s, n, p in zip(symbols, numbers, self.paths):
            lines.append(f"  {s.ljust(width)} = {n} = {number(p.product)}")
        lines.append(f"{lhs} = {number(self.value)}")
        return "\n".join(lines)

    def _grouped(self, lhs: str) -> str:
        names = self.names
        r, w = names[self.root], names[self.wrt]
        many = "more than 10^18" if self.n_paths >= COUNT_CAP else str(self.n_paths)
        limit = f"max_paths={self.max_paths} to list"
        if self.max_paths > MAX_LISTED_PATHS:
            limit = f"the {MAX_LISTED_PATHS} that explain ever lists"
        lines = [
            f"{lhs}: {many} paths lead from {r} to {w}, more than {limit} one by one.",
            f"Grouped by intermediate node instead (the δ form of seed 000 §2.2): δ_n = ∂{r}/∂n is computed once",
            f"per node, from {r} backwards, as δ_n = Σ_p δ_p · ∂p/∂n over the nodes p that use n.",
            f"  δ_{r} = 1",
        ]
        middle = [v for v in self._order if v is not self.root and v is not self.wrt]
        keep = max(min(self.max_paths, MAX_LISTED_PATHS) // 2, 1)
        for i, v in enumerate(middle):
            if len(middle) > 2 * keep and i == keep:
                lines.append(f"  … ({len(middle) - 2 * keep} more nodes)")
            if len(middle) <= 2 * keep or i < keep or i >= len(middle) - keep:
                symbols, numbers = self._delta_terms(v)
                lines.append(f"  δ_{names[v]} = {symbols} = {numbers} = {number(self.deltas[v])}")
        symbols, numbers = self._delta_terms(self.wrt)
        lines.append(f"{lhs} = {symbols} = {numbers} = {number(self.value)}")
        return "\n".join(lines)

    def _delta_terms(self, v: Value) -> tuple[str, str]:
        """δ_v = Σ_p δ_p · ∂p/∂v over the users p of v, as symbols and as numbers."""
        names, users = self.names, self._users.get(v, [])
        symbols = [f"δ_{names[p]} · ∂{names[p]}/∂{names[v]}" for p, _ in users]
        numbers = [product((self.deltas[p], d)) for p, d in users]
        return _elided_sum(symbols), _elided_sum(numbers)

    def _symbols(self, path: Path) -> str:
        names = [self.names[v] for v in path.nodes]
        hops = [f"∂{a}/∂{b}" for a, b in pairwise(names)]
        return " · ".join(_elide(hops, SHOW_FACTORS))


def explain(root: Value, wrt: Value, max_paths: int = 20) -> Explanation:
    """∂root/∂wrt = Σ over paths root → wrt of Π local derivatives; δ-grouped beyond `max_paths` paths.

    `root` and `wrt` may be micrograd-style nodes (micrograd's Value, the lecture's class): the graph is
    explained on its copy (`from_micrograd`), and the result's `root` and `wrt` are the copies.
    """
    if is_foreign_node(root):
        root, wrt = _read_foreign(root, wrt)
    for name, v in (("root", root), ("wrt", wrt)):
        if type(v) is not Value:
            raise TypeError(f"explain() {name} must be a Value, got {type(v).__name__}: {v!r}")
    if isinstance(max_paths, bool) or not isinstance(max_paths, int) or max_paths < 1:
        raise ValueError(f"explain() max_paths must be a positive int, got {max_paths!r}")
    return Explanation(root, wrt, max_paths)


def _read_foreign(root: object, wrt: object) -> tuple[Value, object]:
    """The copy of a foreign root's graph and wrt's copy in it (a foreign wrt outside it: a copy of its own)."""
    graph = read_graph(root, "explain", keep_grads=False)
    copy = graph.copy_of(wrt)
    if copy is None and is_foreign_node(wrt):
        copy = read_graph(wrt, "explain", keep_grads=False).root
    return graph.root, wrt if copy is None else copy


def _reaching(order: list[Value], wrt: Value) -> set[Value]:
    """The nodes from which some path leads to wrt (wrt included), in one pass over the topological order."""
    reach = {wrt}
    for v in order:
        if v.inputs and any(x in reach for x in v.inputs):
            reach.add(v)
    return reach if wrt in order else set()


def _count_paths(order: list[Value], reach: set[Value], wrt: Value) -> int:
    """The number of paths from root (the last node of order) to wrt, capped at COUNT_CAP."""
    if not reach:
        return 0
    count = {wrt: 1}
    for v in order:
        if v in reach and v is not wrt:
            count[v] = min(sum(count[x] for x in v.inputs if x in reach), COUNT_CAP)
    return count[order[-1]]


def _deltas(order: list[Value], reach: set[Value], root: Value) -> dict[Value, float]:
    """δ_n = ∂root/∂n for every node n on a path to wrt: backward()'s own pushes, in its order, from grads of 0.

    Only nodes on a path to wrt push (no other node adds to their grads); every grad is restored after.
    """
    if not reach:
        return {}
    saved = [v.grad for v in order]
    try:
        for v in order:
            v.grad = 0.0
        root.grad = 1.0
        for v in reversed(order):
            if v in reach:
                push(v)
        return {v: v.grad for v in reach}
    finally:
        for v, g in zip(order, saved):
            v.grad = g


def _paths(root: Value, wrt: Value, reach: set[Value]) -> list[Path]:
    """Every path from root to wrt, depth first in input order: a stack of linked hops, no recursion, no copying."""
    found = []
    stack: list[tuple[Value, tuple | None]] = [(root, None)]  # (node, hop into it: (local grad, user, user's hop))
    while stack:
        v, hop = stack.pop()
        if v is wrt:
            nodes, grads = [v], []
            while hop is not None:
                d, user, hop = hop
                grads.append(d)
                nodes.append(user)
            nodes.reverse()
            grads.reverse()
            found.append(Path(tuple(nodes), tuple(grads), math.prod(grads, start=1.0)))
            continue
        for x, d in reversed(list(zip(v.inputs, v.local_grads))):
            if x in reach:
                stack.append((x, (d, v, hop)))
    return found


def _elide(items: list[str], keep: int) -> list[str]:
    if len(items) <= keep:
        return items
    half = keep // 2
    return [*items[:half], f"… ({len(items) - 2 * half} more)", *items[-half:]]


def _elided_product(numbers: tuple[float, ...]) -> str:
    if len(numbers) <= SHOW_FACTORS:
        return product(numbers)
    half = SHOW_FACTORS // 2
    return " · ".join([product(numbers[:half]), "…", *map(factor, numbers[-half:])])


def _elided_sum(terms: list[str]) -> str:
    return " + ".join(_elide(terms, SHOW_TERMS))
