"""Random computational graphs for the Stepper and explain tests: the same seed builds the same graph."""

import random

import autograd_lite as ag
from autograd_lite import Value

UNARY = ["tanh", "sigmoid", "sin", "cos", "relu", "abs", "neg", "square", "scale", "shift", "leaky_relu"]
BINARY = ["+", "-", "*", "reuse"]


def random_graph(seed: int, n_leaves: int = 4, n_ops: int = 25) -> tuple[Value, list[Value]]:
    """(root, leaves): leaves in [-2, 2], smooth-enough ops on recent nodes, reused nodes and repeated inputs."""
    rng = random.Random(seed)
    leaves = [Value(rng.uniform(-2, 2), label=f"x{i}") for i in range(n_leaves)]
    nodes = list(leaves)

    def pick() -> Value:
        return nodes[-1 - min(int(rng.expovariate(0.3)), len(nodes) - 1)]  # mostly recent ones: deep graphs

    for _ in range(n_ops):
        kind = rng.choice(["unary", "binary", "nary"])
        if kind == "unary":
            x, op = pick(), rng.choice(UNARY)
            special = {
                "neg": lambda x: -x,
                "square": lambda x: x**2,
                "scale": lambda x: x * rng.choice([0.5, -1.5, 2.0]),
                "shift": lambda x: 1.0 - x,
                "leaky_relu": lambda x: x.leaky_relu(0.1),
            }
            y = special[op](x) if op in special else getattr(x, op)()
        elif kind == "binary":
            x, z, op = pick(), pick(), rng.choice(BINARY)
            y = {"+": x + z, "-": x - z, "*": x * z, "reuse": x * x}[op]
        else:
            xs = [pick() for _ in range(rng.randint(2, 4))]
            y = ag.sum(xs) if rng.random() < 0.5 else ag.dot(xs[:1], xs[-1:])
        nodes.append(y.tanh() if abs(y.data) > 3 else y)  # keep numbers small: no overflow, no inf
    root = ag.sum(nodes[-3:])
    return root, leaves
