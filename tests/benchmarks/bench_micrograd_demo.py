"""micrograd's demo.ipynb written the micrograd way, on micrograd 0.1.0 and on autograd-lite: the time per step.

The loop is the notebook's own (tests/micrograd_demo.py: builtin `sum`, a generator for the L2 term,
`model.zero_grad()`, the manual SGD update), with `from autograd_lite import Value` and
`MLP(2, [16, 16, 1], activation=..., init="micrograd")` as the only changes for autograd-lite. It runs with
the demo's ReLU hidden layers and with tanh ones (tests/benchmarks/demo_models.py: micrograd's tanh is the
lecture's, one node with its closure). Each round runs both libraries, each in a fresh process, the order
alternating from round to round (tests/benchmarks/ab.py); a round's ratio is micrograd's median step over
autograd-lite's. Step 0 (which also makes the data and the model) is not timed.

Run: python tests/benchmarks/bench_micrograd_demo.py [--rounds 5] [--steps 8] [--activation relu,tanh]
Prints each round's ratio, their median and spread (min–max), the date and the machine, and whether the loss
curves agree (≤ 1e-12). Not collected by pytest; CI does not run it.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from ab import MICROGRAD, OURS, header, n_rounds, told
from demo_models import demo_arguments, demo_rounds, model

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: micrograd_demo


def worker(library: str, activation: str, steps: int) -> None:
    """Run the demo in this fresh process; print each step's seconds and loss as JSON."""
    from micrograd_demo import demo

    if library == MICROGRAD:
        from micrograd.engine import Value
    else:
        from autograd_lite import Value

    times, losses = [], []
    run = demo(Value, lambda: model(library, activation), steps)
    while True:
        start = time.perf_counter()
        try:
            loss, _ = next(run)
        except StopIteration:
            break
        times.append(time.perf_counter() - start)
        losses.append(loss)
    print(json.dumps({"times": times[1:], "losses": losses, "step": statistics.median(times[1:])}))


def main() -> int:
    args = demo_arguments(__doc__.splitlines()[0], rounds=5, steps=8)
    if args.worker:
        worker(args.worker, args.activation, args.steps)
        return 0

    header("micrograd's demo.ipynb as written, autograd-lite vs micrograd 0.1.0")
    print(f"{args.steps} steps per process (step 0 untimed), {n_rounds(args.rounds)} of one process per library")
    agree = True
    for activation in args.activations:
        runs, worst = demo_rounds(__file__, activation, args)
        found = [mg["step"] / ours["step"] for mg, ours in zip(runs[MICROGRAD], runs[OURS])]
        agree = agree and worst <= 1e-12
        print()
        print(f"MLP(2, [16, 16, 1]), {activation} hidden layers, linear output:")
        for k, (mg, ours) in enumerate(zip(runs[MICROGRAD], runs[OURS])):
            print(
                f"  round {k + 1}: micrograd {mg['step'] * 1e3:7.1f} ms, autograd-lite {ours['step'] * 1e3:6.1f} ms "
                f"per step: {found[k]:.1f}×"
            )
        mg_ms = statistics.median(r["step"] for r in runs[MICROGRAD]) * 1e3
        ours_ms = statistics.median(r["step"] for r in runs[OURS]) * 1e3
        print(f"  median step: micrograd {mg_ms:.1f} ms, autograd-lite {ours_ms:.1f} ms")
        print(f"  {activation}: autograd-lite is {told(found, 40)} micrograd's speed per step")
        print(f"  loss curves agree to {worst:.1e} (must be ≤ 1e-12): {'yes' if worst <= 1e-12 else 'NO'}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
