"""`Stepper`: the backward pass one node at a time, each step written out as the chain rule with numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from autograd_lite.backprop import push
from autograd_lite.foreign import is_foreign_node, read_graph
from autograd_lite.grad_mode import grad_mode
from autograd_lite.graph import start_backward
from autograd_lite.guardrails import check_stepper_start
from autograd_lite.naming import describe, node_names, step_line, where_under
from autograd_lite.quiz import Score, number_answer, run_quiz
from autograd_lite.text import number
from autograd_lite.value import Value


class Step:
    """One node's gradient pushed to its inputs: input.grad += local_grad · upstream, for each input.

    `upstream` is ∂root/∂node, `local_grads` are ∂node/∂input, `contributions` their products and
    `grads_after` / `grads_before` each input's grad after / before the step (in input order).
    """

    __slots__ = ("_stepper", "grads_before", "index", "inputs", "local_grads", "node", "undone", "upstream")

    def __init__(
        self, stepper: Stepper, index: int, node: Value, upstream: float, grads_before: tuple[float, ...]
    ) -> None:
        self._stepper = stepper
        self.index = index
        self.node = node
        self.upstream = upstream
        self.inputs: tuple[Value, ...] = node.inputs
        self.local_grads: tuple[float, ...] = node.local_grads
        self.grads_before: tuple[float, ...] = grads_before
        self.undone = False  # True once `Stepper.back()` has undone this step: its repr then says so

    @property
    def contributions(self) -> tuple[float, ...]:
        """local_grad · upstream for each input (the same float operations the step did)."""
        g = self.upstream
        return tuple(d * g for d in self.local_grads)

    @property
    def grads_after(self) -> tuple[float, ...]:
        """Each input's grad right after this step: grad_before + contribution."""
        return tuple(b + c for b, c in zip(self.grads_before, self.contributions))

    def lines(self) -> list[str]:
        """The chain rule of this step, one line per input, the op's local derivative written as its formula:
        `∂e/∂d += ∂e/∂e · ∂(d * c)/∂d = 1 · c = 1 · (-10) = -10` (total ∂e/∂·, local ∂(formula)/∂·)."""
        names = self._stepper.names
        root = names[self._stepper.root]
        out = []
        for i, (x, before, after) in enumerate(zip(self.inputs, self.grads_before, self.grads_after)):
            line = step_line(root, self.node, i, self.upstream, names)
            if before != 0.0:  # the input already had gradient from another path: say where the sum is now
                line += f"; now ∂{root}/∂{names[x]} = {number(after)}"
            out.append(line)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __repr__(self) -> str:
        names = self._stepper.names
        head = f"step {self.index + 1} of {len(self._stepper.order)}: {names[self.node]} = {describe(self.node, names)}"
        lines = self.lines()
        if self.undone:
            root = names[self._stepper.root]
            grads = ", ".join(f"∂{root}/∂{names[x]} = {number(b)}" for x, b in _first_values(self))
            head, lines = f"undid {head}; back to {grads}", []
        return "\n  ".join([head, *lines]) + where_under(self.inputs, names)

    def _repr_html_(self) -> str:
        """Jupyter: the step's heading, a table of what each input receives, and its chain-rule lines."""
        from html import escape

        from autograd_lite.rich import lines_html, table

        names = self._stepper.names
        head, *_ = repr(self).split("\n")
        rows = [
            (names[x], number(d), number(c), number(b), number(a))
            for x, d, c, b, a in zip(
                self.inputs, self.local_grads, self.contributions, self.grads_before, self.grads_after
            )
        ]
        n = names[self.node]
        headers = ("input x", f"∂{n}/∂x", f"contribution (× {number(self.upstream)})", "grad before", "grad after")
        return (
            f'<div class="autograd-lite-step"><strong>{escape(head)}</strong>'
            + table(headers, rows)
            + lines_html(self.lines(), "chain")
            + "</div>"
        )


class Steps(list):
    """A list of Steps that a REPL shows one chain-rule block after another."""

    def __repr__(self) -> str:
        return "\n".join(map(repr, self))


class Stepper:
    """The backward pass of `root`, one node at a time: `.step()`, `.back()`, `.run()`, `.reset()`.

    Creating it starts the pass as `backward()` does: every intermediate grad is set to 0 and
    root's grad to 1 (a leaf root adds 1). Running every step then gives exactly the grads
    `root.backward()` gives; `.back()` restores the grads as they were before the last step.
    """

    def __init__(self, root: Value) -> None:
        if is_foreign_node(root):  # micrograd's Value, the lecture's class: stepped on a copy, grads from 0
            root = read_graph(root, "Stepper", keep_grads=False).root
        if type(root) is not Value:
            raise TypeError(
                "Stepper() takes the Value to differentiate (or a micrograd-style node: data, grad, _prev, _op), "
                f"got {type(root).__name__}: {root!r}"
            )
        check_stepper_start(root)  # a StaleGradientWarning when its leaves hold gradients already
        self.root = root
        self.order: list[Value] = [v for v in start_backward(root) if v.inputs]
        self.history: list[Step] = Steps()
        self._names: dict[Value, str] | None = None

    @property
    def names(self) -> dict[Value, str]:
        """`node_names(root)`, computed on first use (a huge graph stepped without printing never needs it)."""
        if self._names is None:
            self._names = node_names(self.root)
        return self._names

    @property
    def done(self) -> bool:
        """True when every node's gradient has been pushed to its inputs."""
        return len(self.history) == len(self.order)

    @property
    def current(self) -> Value | None:
        """The node the next `.step()` processes, or None when done."""
        return None if self.done else self.order[len(self.history)]

    def step(self) -> Step:
        """Push the current node's gradient to its inputs (input.grad += local_grad · grad) and return the Step."""
        node = self.current
        if node is None:
            raise RuntimeError(
                f"the backward pass is finished (all {len(self.order)} steps done); use back() or reset()"
            )
        check = (self.root, len(self.history), len(self.order)) if grad_mode.anomaly else None
        g = node.grad
        step = Step(self, len(self.history), node, g, push(node, check))
        self.history.append(step)
        return step

    def back(self) -> Step:
        """Undo the last step: every input's grad returns to its value before that step. Returns the undone
        Step, whose repr says what was undone: `undid step 2 of 2: d = a + b; back to ∂e/∂a = 0, ∂e/∂b = 0`."""
        if not self.history:
            raise RuntimeError("nothing to undo: no step has been done yet")
        step = self.history.pop()
        _restore(step)
        step.undone = True
        return step

    def run(self) -> list[Step]:
        """Do every remaining step; returns them."""
        return Steps(self.step() for _ in range(len(self.order) - len(self.history)))

    def quiz(
        self,
        ask: Callable[[str], str] = input,
        say: Callable[[str], None] = print,
        evaluate: Callable[[str], float] = number_answer,
    ) -> Score:
        """Predict, then check: before each remaining step the learner types its local derivatives and the
        gradients it pushes; hints, a second try, `b` back, `q` quit, a score (see `autograd_lite.quiz`)."""
        return run_quiz(self, ask, say, evaluate)

    def reset(self) -> None:
        """Undo every step: back to the start of the backward pass."""
        while self.history:
            self.back()

    def __iter__(self) -> Iterator[Step]:
        """Each remaining step, done as it is yielded."""
        while not self.done:
            yield self.step()

    def __len__(self) -> int:
        return len(self.order)

    def __str__(self) -> str:
        lines = [repr(step) for step in self.history]
        lines.append(self._status())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Stepper {self._status()}>"

    def _repr_html_(self) -> str | None:
        """Jupyter: the stepping view (diagram, chain rule, ◀ ▶, arrow keys), at this Stepper's current step.

        Drawn by autograd_lite.viz, imported here only: without viz a notebook shows the text repr.
        """
        try:
            from autograd_lite.viz.notebook import stepper_view
        except ImportError:
            return None
        return stepper_view(self)

    def _status(self) -> str:
        """How far the pass is and the next node, with a "where" line for the unlabelled nodes its formula names."""
        names, node = self.names, self.current
        root = names[self.root]
        text = f"∂{root}: {len(self.history)} of {len(self.order)} steps done"
        if node is not None:
            text += f"; next: {names[node]} = {describe(node, names)}, ∂{root}/∂{names[node]} = {number(node.grad)}"
            text += where_under(node.inputs, names)
        return text


def _restore(step: Step) -> None:
    """Every input's grad as it was before `step`; in reverse, so a repeated input ends at its first value."""
    for x, b in reversed(list(zip(step.inputs, step.grads_before))):
        x.grad = b


def _first_values(step: Step) -> list[tuple[Value, float]]:
    """Each distinct input with its grad before the step (a repeated input: its first value)."""
    first: dict[Value, float] = {}
    for x, b in zip(step.inputs, step.grads_before):
        first.setdefault(x, b)
    return list(first.items())
