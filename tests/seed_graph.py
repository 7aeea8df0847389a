"""The lecture notes' running example, shared by the tests: seed 004, Figure 6 / seed 000 §2.1."""

from autograd_lite import Value


def seed_example() -> tuple[Value, Value, Value, Value, Value]:
    """a, b, c, d, e of e = (a + b) · c at a = -12, b = 14, c = -10, every node labelled, before backward."""
    a, b, c = Value(-12, label="a"), Value(14, label="b"), Value(-10, label="c")
    d = a + b
    d.label = "d"
    e = d * c
    e.label = "e"
    return a, b, c, d, e
