"""What the benchmarks here share: A/B rounds in fresh processes, the order alternating, and how a ratio is told.

A round runs each engine once, each in a new Python process; round k runs them in the order of `names`
when k is even and reversed when k is odd, so neither always runs first on a machine whose load changes.
A ratio is told as the median of the rounds' ratios with their spread (min–max), the date and the machine.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import subprocess
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

OURS, MICROGRAD = "autograd-lite", "micrograd"


def machine() -> str:
    """The CPU, its cores, the OS, Python and both libraries' versions, on one line."""
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


def now() -> str:
    """The date and time, UTC."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def measured() -> str:
    """Where the autograd-lite these processes import lives, and its checkout's commit if it is one."""
    import autograd_lite

    where = Path(autograd_lite.__file__).resolve().parent.parent
    commit = subprocess.run(["git", "-C", str(where), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return f"{where}" + (f" at {commit.stdout.strip()}" if commit.returncode == 0 else "")


def line_counts() -> list[str]:
    """A line per package, autograd-lite's engine, nn and viz and micrograd: the lines of each of its files."""
    import micrograd

    import autograd_lite

    root = Path(autograd_lite.__file__).resolve().parent.parent
    folders = [("autograd_lite", root / "autograd_lite"), ("nn", root / "nn"), ("viz", root / "viz")]
    lines = []
    for name, folder in [*folders, ("micrograd", Path(micrograd.__file__).parent)]:
        counts = [(f.name, len(f.read_text(encoding="utf-8").splitlines())) for f in sorted(folder.glob("*.py"))]
        lines.append(f"  {name}/ ({sum(c for _, c in counts)} lines): " + ", ".join(f"{n} {c}" for n, c in counts))
    return lines


def header(title: str) -> None:
    """Print the title with the date and time, the machine, its load and the code measured."""
    print(f"{title} — {now()}")
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    print(f"autograd-lite measured: {measured()}")


def fresh(cmd: Sequence[str], timeout: float = 1800) -> dict[str, Any]:
    """Run `cmd` (a worker) in a new process and read the JSON of its last line of output.

    A worker that fails gives {"error": its exception's name} (e.g. RecursionError), or the signal that killed it.
    """
    proc = subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout)
    if proc.returncode < 0:
        return {"error": f"crashed (signal {-proc.returncode})"}
    if proc.returncode > 0:
        last = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        return {"error": last.split(":")[0]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def alternate(
    rounds: int, names: Sequence[str], run: Callable[[str], dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """{name: [each round's result]}: `run(name)` for every name, round after round, the order alternating."""
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for k in range(rounds):
        for name in names if k % 2 == 0 else reversed(names):
            results[name].append(run(name))
    return results


def ratios(top: list[dict[str, Any]], bottom: list[dict[str, Any]], key: str) -> list[float]:
    """Round by round top[key] / bottom[key], for the rounds where neither failed."""
    return [t[key] / b[key] for t, b in zip(top, bottom, strict=True) if "error" not in t and "error" not in b]


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    """The median of `key` over the runs that did not fail (nan if all failed)."""
    found = [r[key] for r in runs if "error" not in r]
    return statistics.median(found) if found else float("nan")


def n_rounds(n: int) -> str:
    """'1 round', '5 rounds'."""
    return f"{n} round" if n == 1 else f"{n} rounds"


def told(found: list[float], target: float | None = None, unit: str = "×", higher_is_better: bool = True) -> str:
    """'R× (spread a–b× over n rounds; target ≥ T×: met)': the median ratio, its spread and the verdict."""
    if not found:
        return "no rounds"
    mid = statistics.median(found)
    over = f"over {n_rounds(len(found))}"
    if unit == "%":
        text = f"{mid:.0%} (spread {min(found):.0%}–{max(found):.0%} {over}"
    else:
        text = f"{mid:.1f}× (spread {min(found):.1f}–{max(found):.1f}× {over}"
    if target is not None:
        met = mid >= target if higher_is_better else mid <= target
        goal = f"≥ {target:g}×" if unit == "×" else f"≤ {target:.0%}"
        text += f"; target {goal}: {'met' if met else 'MISSED'}"
    return text + ")"
