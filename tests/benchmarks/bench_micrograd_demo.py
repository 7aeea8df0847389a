"""micrograd's demo.ipynb written the micrograd way, on micrograd 0.1.0 and on autograd-lite: the time per step.

The loop is the notebook's own (tests/micrograd_demo.py: builtin `sum`, a generator for the L2 term,
`model.zero_grad()`, the manual SGD update), with `from autograd_lite import Value` and
`MLP(2, [16, 16, 1], activation="relu", init="micrograd")` as the only changes for autograd-lite.
Each round runs both libraries, each in a fresh process, taking turns (the order alternates from round
to round, so neither always runs first on a machine whose load changes); a round's ratio is micrograd's
median step over autograd-lite's. Step 0 (which also makes the data and the model) is not timed.

Run: python tests/benchmarks/bench_micrograd_demo.py [--rounds 5] [--steps 8]
Prints each round's ratio, their median and spread (min–max), the date, and whether the loss curves agree
(≤ 1e-12). Not collected by pytest; CI does not run it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: micrograd_demo
OURS, MICROGRAD = "autograd-lite", "micrograd"


def worker(library: str, steps: int) -> None:
    """Run the demo in this fresh process; print each step's seconds and loss as JSON."""
    from micrograd_demo import demo

    if library == MICROGRAD:
        from micrograd.engine import Value
        from micrograd.nn import MLP

        def make_model():
            return MLP(2, [16, 16, 1])
    else:
        from autograd_lite import Value
        from autograd_lite.nn import MLP

        def make_model():
            return MLP(2, [16, 16, 1], activation="relu", init="micrograd")

    times, losses = [], []
    run = demo(Value, make_model, steps)
    while True:
        start = time.perf_counter()
        try:
            loss, _ = next(run)
        except StopIteration:
            break
        times.append(time.perf_counter() - start)
        losses.append(loss)
    print(json.dumps({"times": times[1:], "losses": losses}))


def run_in_fresh_process(library: str, steps: int) -> dict:
    cmd = [sys.executable, __file__, "--worker", library, "--steps", str(steps)]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=1800).stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of one process per library (default 5)")
    parser.add_argument("--steps", type=int, default=8, help="training steps per process (default 8; step 0 untimed)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.steps)
        return 0
    if args.steps < 2 or args.rounds < 1:
        parser.error("--steps must be at least 2 and --rounds at least 1")

    print(f"{datetime.date.today()}: {platform.machine()}, Python {platform.python_version()}, {platform.system()}")
    print(f"workload: micrograd's demo.ipynb as written, {args.steps} steps per process (step 0 untimed)")
    ratios, medians, worst = [], {OURS: [], MICROGRAD: []}, 0.0
    for k in range(args.rounds):
        order = (MICROGRAD, OURS) if k % 2 == 0 else (OURS, MICROGRAD)
        results = {library: run_in_fresh_process(library, args.steps) for library in order}
        step = {library: statistics.median(r["times"]) for library, r in results.items()}
        worst = max(worst, *(abs(a - b) for a, b in zip(results[OURS]["losses"], results[MICROGRAD]["losses"])))
        ratios.append(step[MICROGRAD] / step[OURS])
        for library in step:
            medians[library].append(step[library])
        print(
            f"round {k + 1}: micrograd {step[MICROGRAD] * 1e3:7.1f} ms, autograd-lite {step[OURS] * 1e3:6.1f} ms "
            f"per step: {ratios[-1]:.1f}×"
        )
    print()
    print(
        f"median step: micrograd {statistics.median(medians[MICROGRAD]) * 1e3:.1f} ms, "
        f"autograd-lite {statistics.median(medians[OURS]) * 1e3:.1f} ms"
    )
    print(
        f"autograd-lite is {statistics.median(ratios):.1f}× micrograd's speed per step "
        f"(median of {args.rounds} rounds; spread {min(ratios):.1f}–{max(ratios):.1f}×), "
        f"{datetime.date.today()}; target ≥ 40×"
    )
    agree = worst <= 1e-12
    print(f"loss curves agree to {worst:.1e} (must be ≤ 1e-12): {'yes' if agree else 'NO'}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
