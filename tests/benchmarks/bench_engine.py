"""autograd-lite against micrograd (PyPI): speed and memory, each measurement in its own fresh process.

    python tests/benchmarks/bench_engine.py                      # everything (about 10 minutes)
    python tests/benchmarks/bench_engine.py --only fold,values   # some of it: fold, chain, values, memory
    python tests/benchmarks/bench_engine.py --rounds 1           # quicker, noisier

Every figure is the median over --rounds rounds; a round runs each engine once, each in a new Python process,
the order alternating from round to round (tests/benchmarks/ab.py), with the cyclic garbage collector on (as
users have it). A ratio is the median of the rounds' ratios, with its spread (min–max over the rounds).
autograd-lite runs with Python's default recursion limit and stack; micrograd runs with them too (to show where
it stops) and then with a raised recursion limit in a thread with a 1 GiB stack.
Not collected by pytest; CI does not run it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from ab import MICROGRAD, OURS, alternate, fresh, header, line_counts, median_of, n_rounds, ratios, told

HERE = Path(__file__).resolve().parent
PARTS = ("fold", "chain", "values", "memory")


def run_once(engine: str, workload: str, raised: bool, kwargs: dict[str, Any]) -> dict[str, Any]:
    """One run in a fresh process: the workload's numbers, or {"error": name} if the engine failed."""
    spec = json.dumps({"engine": engine, "workload": workload, "raised_limits": raised, **kwargs})
    return fresh([sys.executable, str(HERE / "bench_engine.py"), "--worker", spec], timeout=1200)


def measure(workload: str, rounds: int, runs: dict[str, tuple[str, bool]], **kwargs: Any) -> dict[str, list[dict]]:
    """{name: each round's result} for each (engine, raised limits) in `runs`, alternating (ab.alternate)."""
    return alternate(rounds, list(runs), lambda name: run_once(runs[name][0], workload, runs[name][1], kwargs))


def worker(spec: str) -> None:
    """Run one workload in this (fresh) process and print its result as one JSON line."""
    sys.path.insert(0, str(HERE))
    from engine_workloads import run

    print(json.dumps(run(**json.loads(spec))))


def seconds(runs: list[dict[str, Any]], key: str) -> str:
    """The median of `key` over the runs, in seconds, or the first run's error."""
    failed = [r["error"] for r in runs if "error" in r]
    return failed[0] if failed else f"{median_of(runs, key):.3f}"


def fold_part(rounds: int) -> None:
    n = 100_000
    fold = measure("fold", rounds, {"ours": (OURS, False), "mg": (MICROGRAD, True)}, n=n)
    fold_default = measure("fold", 1, {"mg": (MICROGRAD, False)}, n=n)["mg"]
    ours, mg = fold["ours"], fold["mg"]
    print(f"1. the left fold s = s + a_i*b_i, {n:,} terms ({2 * n:,} op nodes): build, then s.backward()")
    print(f"   {'engine':<34} {'build s':>9} {'backward s':>11} {'total s':>9}   (medians)")
    for name, runs in [("autograd-lite (default limits)", ours), ("micrograd (raised limits)", mg)]:
        cells = [seconds(runs, key) for key in ("build", "backward", "total")]
        print(f"   {name:<34} {cells[0]:>9} {cells[1]:>11} {cells[2]:>9}")
    print(f"   {'micrograd (default limits)':<34} {seconds(fold_default, 'total')}")
    print(f"   backward alone:      {told(ratios(mg, ours, 'backward'), 2)}")
    print(f"   build alone:         {told(ratios(mg, ours, 'build'))}")
    print(f"   build + backward:    {told(ratios(mg, ours, 'total'), 3)}")
    print(
        f"   micrograd's backward: {2 * n / median_of(mg, 'backward'):,.0f} nodes/s; "
        f"ours {2 * n / median_of(ours, 'backward'):,.0f} nodes/s"
    )
    print()


def chain_part(rounds: int) -> None:
    print("2. chain y = 0.0001 + 1.0001*y (2 op nodes per step): build and backward, seconds (medians)")
    print(
        f"   {'n':>9} {'ours build':>11} {'ours backward':>14} {'mg default':>15} {'mg raised build':>16} "
        f"{'mg raised backward':>19} {'backward ratio':>15}"
    )
    at_1e6 = ""
    for n in (1_000, 10_000, 100_000, 1_000_000):
        chain = measure("chain", rounds, {"ours": (OURS, False), "mg": (MICROGRAD, True)}, n=n)
        ours, mg = chain["ours"], chain["mg"]
        default_text = "—"
        if n == 1_000:
            default_text = measure("chain", 1, {"mg": (MICROGRAD, False)}, n=n)["mg"][0].get("error", "ok")
        found = ratios(mg, ours, "backward")
        ratio = f"{statistics.median(found):.1f}×" if found else "—"
        print(
            f"   {n:>9,} {seconds(ours, 'build'):>11} {seconds(ours, 'backward'):>14} {default_text:>15} "
            f"{seconds(mg, 'build'):>16} {seconds(mg, 'backward'):>19} {ratio:>15}"
        )
        if n == 1_000_000:
            at_1e6 = f"{told(found, 5)}; ours {seconds(ours, 'backward')} s"
    print("   (mg default: micrograd with Python's default limits; it fails at 1e3 already, so at every larger n)")
    print(f"   backward of the 1e6-step chain: {at_1e6}; ours needs no raised limit at any size")
    print()


def values_part(rounds: int) -> None:
    n = 200_000
    both = {"ours": (OURS, False), "mg": (MICROGRAD, False)}
    print(f"3. Values made per second by ((a*b + c)*d + e), {n:,} new op Values (medians)")
    for keep, label, target in ((True, "graph kept alive:   ", 7), (False, "each result dropped:", None)):
        runs = measure("expression", rounds, both, n=n, keep=keep)
        print(
            f"   {label} autograd-lite {median_of(runs['ours'], 'values_per_second'):>11,.0f}   "
            f"micrograd {median_of(runs['mg'], 'values_per_second'):>10,.0f}   "
            f"{told(ratios(runs['ours'], runs['mg'], 'values_per_second'), target)}"
        )
    print()


def memory_part(rounds: int) -> None:
    n = 200_000
    both = {"ours": (OURS, False), "mg": (MICROGRAD, False)}
    print(f"4. memory per live op node, a graph of {n:,} op nodes of ((a*b + c)*d + e), bytes (medians)")
    for method in ("tracemalloc", "rss"):
        per = measure("memory", rounds, both, n=n, method=method)
        share = ratios(per["ours"], per["mg"], "bytes_per_node")
        print(
            f"   {method:<12} autograd-lite {median_of(per['ours'], 'bytes_per_node'):>6.0f}   "
            f"micrograd {median_of(per['mg'], 'bytes_per_node'):>6.0f}   "
            f"of micrograd's: {told(share, 0.40, unit='%', higher_is_better=False)}"
        )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of one fresh process per engine (default 5)")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of {', '.join(PARTS)}")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    parts = args.only.split(",")
    if args.rounds < 1 or not set(parts) <= set(PARTS):
        parser.error(f"--rounds must be at least 1 and --only a list of {', '.join(PARTS)}")
    header("autograd-lite vs micrograd 0.1.0, the engine")
    print(
        f"each figure: the median of {n_rounds(args.rounds)}, a round = one fresh process per engine, the order "
        "alternating; cyclic GC on; a speed ratio = micrograd's time / ours (spread: min–max over the rounds)"
    )
    print()
    for part in PARTS:
        if part in parts:
            {"fold": fold_part, "chain": chain_part, "values": values_part, "memory": memory_part}[part](args.rounds)
    print("lines per file (STYLE 11):")
    for row in line_counts():
        print(row)


if __name__ == "__main__":
    main()
