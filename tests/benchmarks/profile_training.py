"""Where a training step's time goes: micrograd's demo step, phase by phase, in autograd-lite and in micrograd.

The step is demo.ipynb's (tests/micrograd_demo.py) cut into its phases, each timed on its own:

    forward   the inputs as Values and the model on each of the 100 points
    loss      the hinge losses, their builtin sum, the L2 term, the total, the accuracy
    zero_grad model.zero_grad()
    walk      backward's topological discovery and order
    push      backward's gradient accumulation, node by node
    update    the SGD update of every parameter
    free      dropping the step's graph

autograd-lite: `backward()` is timed whole, then the walk alone (`autograd_lite.graph.start_backward`, the
first thing backward does) again on the same graph; push is the difference. The engine is not changed.
micrograd: its `Value.backward` is two loops, run here one after the other as it writes them: `build_topo`
(the walk) and `_backward()` of each node in reversed order (the push). Time spent in the cyclic garbage
collector is counted in whichever phase it interrupts, and shown on its own too (`gc.callbacks`).

Each round runs both libraries, each in a fresh process, the order alternating (tests/benchmarks/ab.py);
step 0 is not timed; a figure is the median over all timed steps of all rounds. The phased step is checked
against the notebook's: autograd-lite's losses equal `demo()`'s bit for bit, micrograd's agree to 1e-12.

Run: python tests/benchmarks/profile_training.py [--rounds 3] [--steps 6] [--activation relu,tanh]
Not collected by pytest; CI does not run it.
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from ab import MICROGRAD, OURS, header, n_rounds
from demo_models import demo_arguments, demo_rounds, model

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: micrograd_demo
PHASES = ("forward", "loss", "zero_grad", "walk", "push", "update", "free")
STEP = ("forward", "loss", "zero_grad", "backward", "update", "free")  # the step, walk and push as one


class GCClock:
    """Seconds spent in the cyclic garbage collector so far (gc.callbacks)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0
        gc.callbacks.append(self._tick)

    def _tick(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


class Laps:
    """A stopwatch of phases: each call ends a phase, row[phase] = (seconds, of them in the cyclic GC)."""

    def __init__(self, collector: GCClock) -> None:
        self.collector = collector
        self.row: dict[str, tuple[float, float | None]] = {}
        self._at = (time.perf_counter(), collector.seconds)

    def __call__(self, phase: str) -> None:
        at = (time.perf_counter(), self.collector.seconds)
        self.row[phase] = (at[0] - self._at[0], at[1] - self._at[1])
        self._at = at


def micrograd_backward(root: object) -> tuple[float, float]:
    """micrograd 0.1.0's Value.backward, its two loops timed apart: (walk seconds, push seconds)."""
    start = time.perf_counter()
    topo = []
    visited = set()

    def build_topo(v):
        if v not in visited:
            visited.add(v)
            for child in v._prev:
                build_topo(child)
            topo.append(v)

    build_topo(root)
    walked = time.perf_counter()
    root.grad = 1
    for v in reversed(topo):
        v._backward()
    return walked - start, time.perf_counter() - walked


def our_backward(root: object) -> tuple[float, float]:
    """autograd-lite's backward() timed whole, then its walk alone on the same graph: (walk, whole − walk)."""
    from autograd_lite.graph import start_backward

    start = time.perf_counter()
    root.backward()
    whole = time.perf_counter() - start
    start = time.perf_counter()
    start_backward(root)  # sets the intermediate grads to 0 again; the leaves' grads, which update reads, stay
    walk = time.perf_counter() - start
    return walk, whole - walk


def worker(library: str, activation: str, steps: int) -> None:
    """Train `steps` steps of the demo, phase by phase, in this fresh process; print the times as JSON."""
    from micrograd_demo import demo, moons_as_sklearn

    if library == MICROGRAD:
        from micrograd.engine import Value

        backward = micrograd_backward
    else:
        from autograd_lite import Value

        backward = our_backward
    np.random.seed(1337)  # the demo's cells 3 to 5
    random.seed(1337)
    X, y = moons_as_sklearn(n_samples=100, noise=0.1)  # noqa: N806 (the notebook's names)
    y = y * 2 - 1
    net = model(library, activation)
    collector = GCClock()
    rows, losses = [], []
    for k in range(steps):
        lap = Laps(collector)
        inputs = [list(map(Value, xrow)) for xrow in X]
        scores = list(map(net, inputs))
        lap("forward")
        hinge = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
        data_loss = sum(hinge) * (1.0 / len(hinge))
        reg_loss = 1e-4 * sum(p * p for p in net.parameters())
        total_loss = data_loss + reg_loss
        accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
        losses.append((float(total_loss.data), sum(accuracy) / len(accuracy)))
        lap("loss")
        net.zero_grad()
        lap("zero_grad")
        walk, push = backward(total_loss)
        lap("backward")
        learning_rate = 1.0 - 0.9 * k / 100
        for p in net.parameters():
            p.data -= learning_rate * p.grad
        lap("update")
        del inputs, scores, hinge, data_loss, reg_loss, total_loss, accuracy
        lap("free")
        row = lap.row
        row["backward"] = (walk + push, row["backward"][1])  # ours: without the walk timed a second time
        row["walk"], row["push"] = (walk, None), (push, None)
        row["step"] = tuple(sum(row[phase][i] for phase in STEP) for i in (0, 1))
        rows.append(row)
    if library == OURS:  # the phased step is the notebook's step: the same losses, bit for bit
        notebook = list(demo(Value, lambda: model(library, activation), steps))
        if [(loss, accuracy * 100) for loss, accuracy in losses] != notebook:
            raise AssertionError(f"the phased step's losses {losses} are not the demo's {notebook}")
    print(json.dumps({"rows": rows[1:], "losses": [loss for loss, _ in losses]}))


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f}"


def times(ratio: float) -> str:
    """A ratio, 52.8× or 0.031×."""
    return f"{ratio:.1f}×" if ratio >= 1 else f"{ratio:.2g}×"


def table(activation: str, runs: dict[str, list[dict]]) -> None:
    """The phases' median times for both libraries, their shares of the step and the ratio, as Markdown."""
    rows = {library: [row for r in found for row in r["rows"]] for library, found in runs.items()}

    def median(library: str, phase: str, part: int = 0) -> float | None:
        values = [row[phase][part] for row in rows[library]]
        return None if None in values else statistics.median(values)

    step = {library: median(library, "step") for library in rows}
    print(f"MLP(2, [16, 16, 1]), {activation} hidden layers: median ms per step ({len(rows[OURS])} steps each)")
    print()
    print(
        "| phase | autograd-lite | of its step | of it, GC | micrograd | of its step | of it, GC | micrograd / ours |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for phase in (*PHASES[:3], "backward", "walk", "push", *PHASES[5:], "step"):
        cells = []
        for library in (OURS, MICROGRAD):
            t, g = median(library, phase), median(library, phase, 1)
            cells += [ms(t), f"{t / step[library]:.0%}", "—" if g is None else ms(g)]
        name = {"backward": "backward (walk + push)", "walk": "  walk", "push": "  push", "step": "the step"}
        print(
            f"| {name.get(phase, phase)} | "
            + " | ".join(cells)
            + f" | {times(median(MICROGRAD, phase) / median(OURS, phase))} |"
        )
    print()


def main() -> int:
    args = demo_arguments(__doc__.splitlines()[0], rounds=3, steps=6)
    if args.worker:
        worker(args.worker, args.activation, args.steps)
        return 0
    header("where a step of micrograd's demo goes, autograd-lite and micrograd 0.1.0")
    print(f"{n_rounds(args.rounds)} of one fresh process per library, {args.steps} steps each (step 0 untimed)")
    print("push (ours) = backward() − its walk timed alone on the same graph; GC = cyclic collector time within")
    print()
    for activation in args.activations:
        runs, worst = demo_rounds(__file__, activation, args)
        if worst > 1e-12:
            raise SystemExit(f"{activation}: micrograd's and autograd-lite's losses differ by {worst:.1e}")
        table(activation, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
