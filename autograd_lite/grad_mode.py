"""Per-thread switches: recording the graph (off inside `no_grad()`), checking for nan/inf (`detect_anomaly()`)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _GradMode(threading.local):
    enabled = True  # record ops into the graph
    anomaly = False  # raise at the first nan/inf made from finite numbers
    # `enabled and not anomaly`: the ONE flag each op reads, so the usual case costs one attribute lookup
    fast = True

    def set(self, enabled: bool, anomaly: bool) -> None:
        """Both switches at once, keeping `fast` in step with them."""
        self.enabled, self.anomaly, self.fast = enabled, anomaly, enabled and not anomaly


grad_mode = _GradMode()


@contextmanager
def no_grad() -> Iterator[None]:
    """Inside this block operations compute values but record no graph (results are leaves)."""
    previous = grad_mode.enabled
    grad_mode.set(False, grad_mode.anomaly)
    try:
        yield
    finally:
        grad_mode.set(previous, grad_mode.anomaly)
