"""Whether operations are recorded into the graph: on, except inside `no_grad()` (per thread)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _GradMode(threading.local):
    enabled = True


grad_mode = _GradMode()


@contextmanager
def no_grad() -> Iterator[None]:
    """Inside this block operations compute values but record no graph (results are leaves)."""
    previous = grad_mode.enabled
    grad_mode.enabled = False
    try:
        yield
    finally:
        grad_mode.enabled = previous
