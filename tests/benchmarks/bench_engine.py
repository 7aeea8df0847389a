"""autograd-lite against micrograd (PyPI): speed and memory, each measurement in its own fresh process.

    python tests/benchmarks/bench_engine.py            # the full table (a few minutes)
    python tests/benchmarks/bench_engine.py --repeat 1 # quicker, noisier

Each number is the best of --repeat runs, every run a new Python process, with the cyclic garbage collector
on (as users have it). autograd-lite runs with Python's default recursion limit and stack; micrograd runs
with them too (to show where it stops) and then with a raised recursion limit in a thread with a 1 GiB stack.
Not collected by pytest; CI does not run it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OURS, MICROGRAD = "autograd-lite", "micrograd"


def run_once(engine: str, workload: str, raised: bool, kwargs: dict[str, Any]) -> dict[str, Any]:
    """One run in a fresh process: the workload's numbers, or {"error": name} if the engine failed."""
    spec = json.dumps({"engine": engine, "workload": workload, "raised_limits": raised, **kwargs})
    proc = subprocess.run(
        [sys.executable, str(HERE / "bench_engine.py"), "--worker", spec], capture_output=True, text=True, timeout=1200
    )
    if proc.returncode < 0:
        return {"error": f"crashed (signal {-proc.returncode})"}
    if proc.returncode > 0:
        last = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        return {"error": last.split(":")[0]}  # the exception's name, e.g. RecursionError
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(workload: str, repeat: int, runs: dict[str, tuple[str, bool]], **kwargs: Any) -> dict[str, Any]:
    """{name: best result} for each (engine, raised limits) in `runs`, taking turns so both see the same load.

    The best of `repeat` runs is kept, each figure on its own: the least time and memory, the most Values/s.
    Every run's result is kept too, under "runs", for the spread of a ratio from run to run.
    """
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, (engine, raised) in runs.items():
            if not any("error" in r for r in results[name]):
                results[name].append(run_once(engine, workload, raised, kwargs))
    best = {}
    for name, found in results.items():
        failed = [r for r in found if "error" in r]
        best[name] = (
            failed[0]
            if failed
            else {k: (max if k == "values_per_second" else min)(r[k] for r in found) for k in found[0]}
        )
        best[name]["runs"] = found
    return best


def spread(top: dict[str, Any], bottom: dict[str, Any], key: str, percent: bool = False) -> str:
    """The ratio top[key] / bottom[key] run by run (run i of each, taken in turn), as 'runs min–max×' (or %)."""
    ratios = [t[key] / b[key] for t, b in zip(top["runs"], bottom["runs"]) if "error" not in t and "error" not in b]
    if not ratios:
        return "no runs"
    return f"runs {min(ratios):.0%}–{max(ratios):.0%}" if percent else f"runs {min(ratios):.1f}–{max(ratios):.1f}×"


def worker(spec: str) -> None:
    """Run one workload in this (fresh) process and print its result as one JSON line."""
    sys.path.insert(0, str(HERE))
    from engine_workloads import run

    print(json.dumps(run(**json.loads(spec))))


def seconds(result: dict[str, Any], key: str) -> str:
    return result["error"] if "error" in result else f"{result[key]:.3f}"


def verdict(ratio: float, target: float, higher_is_better: bool = True) -> str:
    ok = ratio >= target if higher_is_better else ratio <= target
    return "met" if ok else "MISSED"


def line_counts() -> list[str]:
    lines = []
    for folder in ("autograd_lite", "nn", "viz"):
        files = sorted((ROOT / folder).glob("*.py"))
        counts = [(f.name, len(f.read_text(encoding="utf-8").splitlines())) for f in files]
        lines.append(f"  {folder}/ ({sum(c for _, c in counts)} lines): " + ", ".join(f"{n} {c}" for n, c in counts))
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; autograd-lite {metadata.version('autograd-lite')}, "
        f"micrograd {metadata.version('micrograd')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh-process runs per number (the best is kept)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    r = args.repeat
    out = print
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out(f"autograd-lite vs micrograd — {now}")
    out(f"machine: {machine()}")
    out(f"each number: best of {r} runs, each run a fresh process; cyclic GC on; ratio = micrograd / autograd-lite")
    out("")

    # 1. The fold.
    n = 100_000
    fold = measure("fold", r, {"ours": (OURS, False), "mg": (MICROGRAD, True)}, n=n)
    fold_default = measure("fold", 1, {"mg": (MICROGRAD, False)}, n=n)["mg"]
    ratio = fold["mg"]["total"] / fold["ours"]["total"]
    out(f"1. build + backward of s = s + a_i*b_i, {n:,} terms ({2 * n:,} op nodes)")
    out(f"   {'engine':<34} {'build s':>9} {'backward s':>11} {'total s':>9}")
    for name, result in [("autograd-lite (default limits)", fold["ours"]), ("micrograd (raised limits)", fold["mg"])]:
        out(f"   {name:<34} {result['build']:>9.3f} {result['backward']:>11.3f} {result['total']:>9.3f}")
    out(f"   {'micrograd (default limits)':<34} {seconds(fold_default, 'total')}")
    out(f"   speed-up {ratio:.1f}× ({spread(fold['mg'], fold['ours'], 'total')}; target ≥ 3×: {verdict(ratio, 3)})")
    out("")

    # 2. Deep chains.
    out("2. chain y = 0.0001 + 1.0001*y (2 op nodes per step): build and backward, seconds")
    out(
        f"   {'n':>9} {'ours build':>11} {'ours backward':>14} {'mg default':>15} {'mg raised build':>16} "
        f"{'mg raised backward':>19} {'backward ratio':>15}"
    )
    ratio_1e6, spread_1e6 = 0.0, ""
    for n in (1_000, 10_000, 100_000, 1_000_000):
        chain = measure("chain", r, {"ours": (OURS, False), "mg": (MICROGRAD, True)}, n=n)
        ours, mg = chain["ours"], chain["mg"]
        mg_default = measure("chain", 1, {"mg": (MICROGRAD, False)}, n=n)["mg"] if n == 1_000 else None
        ratio = mg["backward"] / ours["backward"] if "error" not in mg else float("nan")
        if n == 1_000_000:
            ratio_1e6, spread_1e6 = ratio, spread(mg, ours, "backward") if "error" not in mg else "no runs"
        default_text = "—" if mg_default is None else mg_default.get("error", "ok")
        out(
            f"   {n:>9,} {seconds(ours, 'build'):>11} {seconds(ours, 'backward'):>14} {default_text:>15} "
            f"{seconds(mg, 'build'):>16} {seconds(mg, 'backward'):>19} {ratio:>14.1f}×"
        )
    out("   (mg default: micrograd with Python's default limits; it fails at 1e3 already, so at every larger n)")
    out(
        f"   at 1e6 our backward is {ratio_1e6:.1f}× faster than micrograd's with raised limits "
        f"({spread_1e6}; target ≥ 5×: {verdict(ratio_1e6, 5)}); ours needs no raised limit at any size"
    )
    out("")

    # 3. Values per second.
    n = 200_000
    both = {"ours": (OURS, False), "mg": (MICROGRAD, False)}
    kept = measure("expression", r, both, n=n, keep=True)
    dropped = measure("expression", r, both, n=n, keep=False)
    ratio = kept["ours"]["values_per_second"] / kept["mg"]["values_per_second"]
    ratio_dropped = dropped["ours"]["values_per_second"] / dropped["mg"]["values_per_second"]
    out(f"3. Values made per second by ((a*b + c)*d + e), {n:,} new op Values")
    out(
        f"   graph kept alive:     autograd-lite {kept['ours']['values_per_second']:>11,.0f}   "
        f"micrograd {kept['mg']['values_per_second']:>10,.0f}   {ratio:.1f}× "
        f"({spread(kept['ours'], kept['mg'], 'values_per_second')}; target ≥ 5×: {verdict(ratio, 5)})"
    )
    out(
        f"   each result dropped:  autograd-lite {dropped['ours']['values_per_second']:>11,.0f}   "
        f"micrograd {dropped['mg']['values_per_second']:>10,.0f}   {ratio_dropped:.1f}× "
        f"({spread(dropped['ours'], dropped['mg'], 'values_per_second')})"
    )
    out("")

    # 4. Memory.
    out(f"4. memory per live op node, a graph of {n:,} op nodes of ((a*b + c)*d + e), bytes")
    for method in ("tracemalloc", "rss"):
        per = measure("memory", r, both, n=n, method=method)
        share = per["ours"]["bytes_per_node"] / per["mg"]["bytes_per_node"]
        out(
            f"   {method:<12} autograd-lite {per['ours']['bytes_per_node']:>6.0f}   "
            f"micrograd {per['mg']['bytes_per_node']:>6.0f}   "
            f"{share:.0%} of micrograd's ({spread(per['ours'], per['mg'], 'bytes_per_node', percent=True)}; "
            f"target ≤ 40%: {verdict(share, 0.40, higher_is_better=False)})"
        )
    out("")
    out("lines per file (STYLE 11):")
    for row in line_counts():
        out(row)


if __name__ == "__main__":
    main()
