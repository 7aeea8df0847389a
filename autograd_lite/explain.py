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
from autograd_lite.naming import describe, node_names, where
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
    edges: tuple[int, ...] = ()  # which input of each hop's user the hop enters (tells a * a's two paths apart)


class Explanation:
    """∂root/∂wrt with its derivation; `str()` prints it, `.value` is the number (= wrt.grad after backward)."""

    def __init__(self, root: Value, wrt: Value, max_paths: int, form: str = "auto") -> None:
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
        # the textbook form differs from the full one when paths pass labelled and unlabelled nodes in between
        between = {v for p in self.paths for v in p.nodes[1:-1]}
        textbook = any(v.label for v in between) and not all(v.label for v in between)
        # which form str() writes: "textbook" (through labelled nodes), "full" (every node) or "grouped" (δ form)
        self.form: str = "grouped" if self.grouped else "textbook" if textbook and form != "full" else "full"
        self.full_hint: str = 'form="full"'  # how the caller asks for every node: the command line says --full

    def __float__(self) -> float:
        return self.value

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        r, w = self.names[self.root], self.names[self.wrt]
        lhs = f"∂{r}/∂{w}"
        if self.root is self.wrt:
            return "\n".join(_with_where([f"{lhs} = 1 (a node with respect to itself)"], [self.root], self.names))
        if not self.n_paths:
            line = f"{lhs} = 0: {r} does not depend on {w} (no path leads from {r} to {w})"
            return "\n".join(_with_where([line], [self.root, self.wrt], self.names))
        return self._grouped(lhs) if self.grouped else self._sum_over_paths(lhs)

    def _repr_latex_(self) -> str:
        """Jupyter: the same lines as `str()`, typeset, each ∂x/∂y a fraction (MathJax display math)."""
        from autograd_lite.rich import latex_lines

        return latex_lines(str(self).splitlines(), self.names.values())

    def _sum_over_paths(self, lhs: str) -> str:
        if len(self.paths) == 1 and len(self.paths[0].local_grads) == 1:
            r = self.names[self.root]
            line = f"{lhs} = {number(self.value)}, the local derivative of {r} = {describe(self.root, self.names)}"
            return "\n".join(_with_where([line], [self.root, *self.root.inputs], self.names))
        if self.form == "textbook":
            terms = self.textbook_terms()
            symbols = [
                " · ".join(_elide([f"∂{self.names[a]}/∂{self.names[b]}" for a, b, _ in t], SHOW_FACTORS)) for t in terms
            ]
            numbers = [_elided_product(tuple(d for _, _, d in t)) for t in terms]
            products = [math.prod((d for _, _, d in t), start=1.0) for t in terms]
            shown: list[Value] = [self.root, self.wrt]
        else:
            symbols = [self._symbols(p) for p in self.paths]
            numbers = [_elided_product(p.local_grads) for p in self.paths]
            products = [p.product for p in self.paths]
            shown = [v for p in self.paths for v in _printed_nodes(p)]
        lines = self._sum_lines(lhs, symbols, numbers, products)
        if self.form == "textbook":
            through = ", ".join(self.names[v] for v in self._stops() if v is not self.root and v is not self.wrt)
            lines.append(f"(textbook form: through the labelled nodes {through}; {self.full_hint} shows every node)")
        return "\n".join(_with_where(lines, shown, self.names))

    def _sum_lines(self, lhs: str, symbols: list[str], numbers: list[str], products: list[float]) -> list[str]:
        """The chain rule as a sum of terms: the symbols, their numbers, each term's product, then the sum."""
        if len(symbols) == 1:
            return [f"{lhs} = {symbols[0]} = {numbers[0]} = {number(self.value)}"]
        pad = " " * len(lhs)
        lines = [
            f"{lhs} = {'  +  '.join(symbols)}",
            f"{pad} = {'  +  '.join(numbers)}",
            f"{pad} = {' + '.join(map(factor, products))}",
            f"{pad} = {number(self.value)}",
        ]
        if max(map(len, lines)) <= ONE_LINE:
            return lines
        r, w = self.names[self.root], self.names[self.wrt]
        lines = [f"{lhs} = the sum over the {len(symbols)} paths from {r} to {w}:"]
        width = max(map(len, symbols))
        for s, n, p in zip(symbols, numbers, products):
            lines.append(f"  {s.ljust(width)} = {n} = {number(p)}")
        lines.append(f"{lhs} = {number(self.value)}")
        return lines

    def _stops(self) -> list[Value]:
        """root, the labelled nodes on some path from root to wrt, and wrt."""
        on_paths = {v for p in self.paths for v in p.nodes[1:-1]}
        labelled = [v for v in reversed(self._order) if v in on_paths and v.label]  # in creation order
        return [self.root, *labelled, self.wrt]

    def textbook_terms(self) -> list[tuple[tuple[Value, Value, float], ...]]:
        """The chain rule through the labelled nodes only: one term per sequence of labelled nodes that paths
        pass through, as its factors (A, B, ∂A/∂B), where ∂A/∂B holds every other labelled node fixed.

        ∂A/∂B is the sum, over the distinct path pieces from A to B with no labelled node inside, of the
        product of their local derivatives; each term is then the sum of its paths' products.
        """
        stops = set(self._stops())
        pieces: dict[tuple[Value, Value], dict[tuple, float]] = {}
        terms: dict[tuple[Value, ...], None] = {}
        for p in self.paths:
            seq, start = [p.nodes[0]], 0
            for k in range(1, len(p.nodes)):
                if p.nodes[k] in stops:
                    key = (tuple(map(id, p.nodes[start : k + 1])), p.edges[start:k])
                    pieces.setdefault((p.nodes[start], p.nodes[k]), {})[key] = math.prod(
                        p.local_grads[start:k], start=1.0
                    )
                    seq.append(p.nodes[k])
                    start = k
            terms.setdefault(tuple(seq))
        factors = {pair: math.fsum(found.values()) for pair, found in pieces.items()}
        return [tuple((a, b, factors[a, b]) for a, b in pairwise(seq)) for seq in terms]

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
        shown = [self.root, self.wrt]
        for i, v in enumerate(middle):
            if len(middle) > 2 * keep and i == keep:
                lines.append(f"  … ({len(middle) - 2 * keep} more nodes)")
            if len(middle) <= 2 * keep or i < keep or i >= len(middle) - keep:
                symbols, numbers = self._delta_terms(v)
                lines.append(f"  δ_{names[v]} = {symbols} = {numbers} = {number(self.deltas[v])}")
                shown.append(v)
        symbols, numbers = self._delta_terms(self.wrt)
        lines.append(f"{lhs} = {symbols} = {numbers} = {number(self.value)}")
        return "\n".join(_with_where(lines, shown, names, complete=False))

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


def explain(root: Value, wrt: Value, max_paths: int = 20, form: str = "auto") -> Explanation:
    """∂root/∂wrt = Σ over paths root → wrt of Π local derivatives; δ-grouped beyond `max_paths` paths.

    `form="auto"` (the default) writes the textbook form when labelled nodes lie between root and wrt: the
    chain rule through those nodes only (∂f/∂θ = ∂f/∂x · ∂x/∂θ + ∂f/∂y · ∂y/∂θ), as lecture notes write it;
    `form="full"` always writes every node of every path. Either way each term's product, then their sum.

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
    if form not in ("auto", "full"):
        raise ValueError(f'explain() form must be "auto" or "full", got {form!r}')
    return Explanation(root, wrt, max_paths, form)


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
    stack: list[tuple[Value, tuple | None]] = [(root, None)]  # (node, hop into it: (grad, input, user, user's hop))
    while stack:
        v, hop = stack.pop()
        if v is wrt:
            nodes, grads, edges = [v], [], []
            while hop is not None:
                d, i, user, hop = hop
                grads.append(d)
                edges.append(i)
                nodes.append(user)
            nodes.reverse()
            grads.reverse()
            edges.reverse()
            found.append(Path(tuple(nodes), tuple(grads), math.prod(grads, start=1.0), tuple(edges)))
            continue
        for i, (x, d) in reversed(list(enumerate(zip(v.inputs, v.local_grads)))):
            if x in reach:
                stack.append((x, (d, i, v, hop)))
    return found


def _with_where(lines: list[str], shown: list[Value], names: dict[Value, str], complete: bool = True) -> list[str]:
    """`lines` and, when some shown node is unlabelled, the "where" line that defines it (and every name that
    line prints; `complete=False`: at most MAX_DEFINED definitions, for the δ form's thousand lines)."""
    definitions = where(shown, names, complete)
    return [*lines, definitions] if definitions else lines


def _printed_nodes(path: Path) -> tuple[Value, ...]:
    """The nodes whose names a path's symbols print: all of them, or those around the "…" of a long path."""
    if len(path.local_grads) <= SHOW_FACTORS:
        return path.nodes
    half = SHOW_FACTORS // 2
    return path.nodes[: half + 1] + path.nodes[-half - 1 :]


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
