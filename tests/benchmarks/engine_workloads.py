"""The workloads of bench_engine.py: each runs in a fresh process and returns a dict of numbers.

Every workload takes the engine's `Value` class, so the same code measures autograd-lite and micrograd.
Leaves are made before the clock starts; the clock covers building the graph and/or the backward pass.
"""

from __future__ import annotations

import gc
import random
import resource
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

Result = dict[str, Any]


def fold(value: type, n: int) -> Result:
    """s = s + aᵢ·bᵢ for i < n (2n op nodes), then s.backward()."""
    rng = random.Random(0)
    a = [value(rng.uniform(-1, 1)) for _ in range(n)]
    b = [value(rng.uniform(-1, 1)) for _ in range(n)]
    start = time.perf_counter()
    s = value(0.0)
    for x, y in zip(a, b):
        s = s + x * y
    built = time.perf_counter()
    s.backward()
    done = time.perf_counter()
    if not (a[0].grad == b[0].data and a[-1].grad == b[-1].data):
        raise AssertionError("wrong gradients")
    return {"build": built - start, "backward": done - built, "total": done - start}


def chain(value: type, n: int) -> Result:
    """y = 0.0001 + 1.0001·y, n times (2n op nodes, n deep), then y.backward()."""
    x = value(1.0)
    y = x
    start = time.perf_counter()
    for _ in range(n):
        y = 0.0001 + 1.0001 * y
    built = time.perf_counter()
    y.backward()
    done = time.perf_counter()
    if abs(x.grad / 1.0001**n - 1) > 1e-6:
        raise AssertionError(f"wrong gradient {x.grad}")
    return {"build": built - start, "backward": done - built}


def expression(value: type, n: int, keep: bool) -> Result:
    """Values made per second by ((a·b + c)·d + e): n new op Values in n/4 expressions of the same leaves.

    keep=True holds every result (a forward pass keeps its graph until backward); keep=False drops each at once.
    """
    a, b, c, d, e = (value(x) for x in (1.5, -2.0, 0.5, 3.0, -1.0))
    kept = []
    count = n // 4
    start = time.perf_counter()
    if keep:
        for _ in range(count):
            kept.append((a * b + c) * d + e)
    else:
        for _ in range(count):
            (a * b + c) * d + e
    seconds = time.perf_counter() - start
    return {"values_per_second": 4 * count / seconds, "seconds": seconds, "values": 4 * count}


def memory(value: type, n: int, method: str) -> Result:
    """Bytes per live op node of an n-node graph of ((a·b + c)·d + e), by tracemalloc or by RSS growth."""
    a, b, c, d, e = (value(x) for x in (1.5, -2.0, 0.5, 3.0, -1.0))
    count = n // 4
    kept = []
    gc.collect()
    if method == "tracemalloc":
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
    else:
        before = _rss()
    for _ in range(count):
        kept.append((a * b + c) * d + e)
    after = tracemalloc.get_traced_memory()[0] if method == "tracemalloc" else _rss()
    return {"bytes_per_node": (after - before) / (4 * count), "nodes": 4 * count}


def _rss() -> int:
    """Resident set size in bytes (Linux)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize()


WORKLOADS: dict[str, Callable[..., Result]] = {"fold": fold, "chain": chain, "expression": expression, "memory": memory}


def run(engine: str, workload: str, raised_limits: bool, **kwargs: Any) -> Result:
    """Import the engine, run one workload (in a thread with a huge stack and recursion limit if raised)."""
    if engine == "autograd-lite":
        from autograd_lite import Value
    else:
        from micrograd.engine import Value
    if not gc.isenabled():
        raise RuntimeError("the cyclic garbage collector must stay on, as users have it")
    job = WORKLOADS[workload]
    if not raised_limits:
        return job(Value, **kwargs)
    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append(job(Value, **kwargs))
        except BaseException as error:  # reported to the parent process, like a direct call's
            outcome.append(error)

    sys.setrecursionlimit(100_000_000)
    threading.stack_size(2**30)  # micrograd's recursive topological sort needs a deep C stack too
    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
