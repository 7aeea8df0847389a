"""Training speed: micrograd's own demo, step for step, in autograd-lite and in micrograd (PyPI).

The workload is micrograd's demo notebook: MLP(2, [16, 16, 1]) with ReLU hidden layers (or, with
--activation tanh, tanh ones: tests/benchmarks/demo_models.py) and a linear output, 100 two-moons points,
loss = mean(relu(1 − y·score)) + 1e-4·Σp², plain SGD with the demo's learning rate 1.0 − 0.9·k/100, full
batch. Both get the same data and the same initial weights (micrograd's init: w ~ U(−1, 1), b = 0) as
Python floats; each library runs in --rounds fresh processes, the two taking turns, the order alternating
from round to round (tests/benchmarks/ab.py).

Run: python tests/benchmarks/bench_training.py [--steps 20] [--memory-steps 5] [--rounds 3] [--activation relu]
Prints the date and machine, the time per step (median) and the ratio, with its spread from round to round,
the two loss curves side by side (they must agree to 1e-9 and fall), the memory that stays allocated per
step (tracemalloc; ~0 means no leak), line counts.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from ab import MICROGRAD, OURS, alternate, fresh, header, line_counts, n_rounds, told
from demo_models import ACTIVATIONS, micrograd_model

SIZES = [2, 16, 16, 1]
ALPHA = 1e-4


def demo_data(seed: int) -> tuple[list[list[float]], list[float]]:
    """100 two-moons points with noise 0.1 and labels ±1, as plain Python floats."""
    from autograd_lite.nn import make_moons

    points, labels = make_moons(100, noise=0.1, seed=seed)
    return points.tolist(), (2.0 * labels - 1.0).tolist()


def demo_weights(seed: int) -> list[float]:
    """micrograd's initialisation, in parameter order (each neuron: its weights, then its bias 0)."""
    rng = random.Random(seed)
    return [
        rng.uniform(-1, 1) if i < nin else 0.0
        for nin, nout in itertools.pairwise(SIZES)
        for _ in range(nout)
        for i in range(nin + 1)
    ]


def run_micrograd(points, y, weights, activation):
    """micrograd's demo loop, as in its notebook (data as Python floats)."""
    from micrograd.engine import Value

    model = micrograd_model(activation)
    for p, w in zip(model.parameters(), weights, strict=True):
        p.data = w

    def step(k):
        inputs = [list(map(Value, xrow)) for xrow in points]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = ALPHA * sum(p * p for p in model.parameters())
        total_loss = data_loss + reg_loss
        accuracy = sum((yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)) / len(y)
        model.zero_grad()
        total_loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        return total_loss.data, accuracy

    return step


def run_autograd_lite(points, y, weights, activation):
    """The same loop with autograd_lite.nn: hinge_loss + l2_penalty, SGD."""
    from autograd_lite.nn import MLP, SGD, hinge_loss, l2_penalty

    model = MLP(2, [16, 16, 1], activation=activation, output_activation=None)
    params = model.parameters()
    for p, w in zip(params, weights, strict=True):
        p.data = w
    optimizer = SGD(params, lr=1.0)

    def step(k):
        scores = [model(x) for x in points]
        total_loss = hinge_loss(scores, y) + l2_penalty(params, ALPHA)
        accuracy = sum((yi > 0) == (s.data > 0) for yi, s in zip(y, scores)) / len(y)
        optimizer.zero_grad()
        total_loss.backward()
        optimizer.lr = 1.0 - 0.9 * k / 100
        optimizer.step()
        return total_loss.data, accuracy

    return step


def worker(name: str, data_file: str, steps: int, memory_steps: int, activation: str) -> None:
    """Train in this fresh process; print times, losses and memory as JSON."""
    data = json.loads(Path(data_file).read_text())
    make = {MICROGRAD: run_micrograd, OURS: run_autograd_lite}[name]
    step = make(data["points"], data["y"], data["weights"], activation)
    times, losses, accuracies = [], [], []
    for k in range(steps):
        t0 = time.perf_counter()
        loss, accuracy = step(k)
        times.append(time.perf_counter() - t0)
        losses.append(loss)
        accuracies.append(accuracy)
    tracemalloc.start()
    held = []
    for k in range(steps, steps + memory_steps):
        loss, accuracy = step(k)
        losses.append(loss)
        accuracies.append(accuracy)
        held.append(tracemalloc.get_traced_memory()[0])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # The median change of allocated memory from step to step: 0 when every step frees what it made
    # (the first steps under tracemalloc grow its own tables once, a median ignores that).
    growth = statistics.median(b - a for a, b in itertools.pairwise(held)) if len(held) > 1 else 0.0
    print(json.dumps({"times": times, "losses": losses, "accuracies": accuracies, "growth": growth, "peak": peak}))


def run_in_fresh_process(name: str, data_file: str, steps: int, memory_steps: int, activation: str) -> dict:
    cmd = [sys.executable, __file__, "--worker", name, "--data", data_file, "--activation", activation]
    cmd += ["--steps", str(steps), "--memory-steps", str(memory_steps)]
    result = fresh(cmd)
    if "error" in result:
        raise SystemExit(f"the {name} worker failed: {result['error']}")
    return result


def _pooled(runs: list[dict]) -> dict:
    """One library's rounds as one run: all step times; the losses of the first round (every round's are equal)."""
    first = runs[0]
    return {
        "times": [t for r in runs for t in r["times"]],
        "losses": first["losses"],
        "accuracies": first["accuracies"],
        "growth": statistics.median(r["growth"] for r in runs),
        "peak": max(r["peak"] for r in runs),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20, help="timed training steps per library (default 20)")
    parser.add_argument("--memory-steps", type=int, default=5, help="further steps under tracemalloc (default 5)")
    parser.add_argument("--seed", type=int, default=1337, help="seed of the data and the initial weights")
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes per library, taking turns (default 3)")
    parser.add_argument("--activation", default="relu", choices=ACTIVATIONS, help="hidden layers' (default relu)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.steps, args.memory_steps, args.activation)
        return 0

    points, y = demo_data(args.seed)
    names = (MICROGRAD, OURS)
    header("training step, autograd-lite (hinge_loss, l2_penalty, SGD) vs micrograd 0.1.0")
    with tempfile.TemporaryDirectory() as tmp:
        data_file = str(Path(tmp) / "data.json")
        Path(data_file).write_text(json.dumps({"points": points, "y": y, "weights": demo_weights(args.seed)}))
        runs = alternate(
            args.rounds,
            names,
            lambda name: run_in_fresh_process(name, data_file, args.steps, args.memory_steps, args.activation),
        )
    ratios = [statistics.median(m["times"]) / statistics.median(a["times"]) for m, a in zip(*runs.values())]
    mg, al = (_pooled(runs[name]) for name in names)
    t_mg, t_al = statistics.median(mg["times"]), statistics.median(al["times"])
    print(
        f"workload: micrograd's demo, MLP(2, [16, 16, 1]) {args.activation}, 100 moons, hinge + L2, SGD; "
        f"{args.steps} steps per process, {n_rounds(args.rounds)} of one fresh process per library"
    )
    print()
    fast_mg = min(mg["times"])
    print("| library | median step | fastest step | speed (median) | speed (fastest) | memory kept per step | peak |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in (("micrograd 0.1.0", mg), ("autograd-lite", al)):
        t, fast = statistics.median(r["times"]), min(r["times"])
        print(
            f"| {name} | {t * 1e3:.1f} ms | {fast * 1e3:.1f} ms | {t_mg / t:.1f}× | {fast_mg / fast:.1f}× "
            f"| {r['growth'] / 1024:.1f} KiB | {r['peak'] / 2**20:.1f} MiB |"
        )
    print()
    print(f"{'step':>4}  {'micrograd loss':>20}  {'autograd-lite loss':>20}  {'|difference|':>12}  accuracy")
    worst = 0.0
    for k, (a, b) in enumerate(zip(mg["losses"], al["losses"])):
        worst = max(worst, abs(a - b))
        print(f"{k:4}  {a:20.15f}  {b:20.15f}  {abs(a - b):12.2e}  {mg['accuracies'][k]:.2f} {al['accuracies'][k]:.2f}")
    falls = al["losses"][-1] < al["losses"][0]
    print()
    print(
        f"loss curves agree to {worst:.1e} (must be ≤ 1e-9): {'yes' if worst <= 1e-9 else 'NO'}; "
        f"loss falls {al['losses'][0]:.4f} → {al['losses'][-1]:.4f}: {'yes' if falls else 'NO'}"
    )
    print(
        f"autograd-lite is {t_mg / t_al:.1f}× micrograd's speed per training step, median over all "
        f"{args.rounds} × {args.steps} steps ({fast_mg / min(al['times']):.1f}× comparing the fastest steps)"
    )
    print(f"round by round {', '.join(f'{r:.1f}×' for r in ratios)}: median of the rounds {told(ratios, 40)}")
    print()
    print("lines per file (STYLE 11):")
    for row in line_counts():
        print(row)
    return 0 if worst <= 1e-9 and falls else 1


if __name__ == "__main__":
    sys.exit(main())
