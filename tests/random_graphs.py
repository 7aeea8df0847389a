"""Random computational graphs for the Stepper and explain tests: the same seed builds the same graph."""

import random
import re
from collections.abc import Iterable

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


def random_expression(seed: int, depth: int = 4) -> tuple[str, dict[str, float]]:
    """(text, values) for the command line: + - * and the smooth functions over a, b, c and numbers, some
    parts named with :=, variables used more than once; the same seed gives the same expression."""
    rng = random.Random(f"expression {seed}")
    names = iter(f"h{i}" for i in range(100))

    def part(level: int) -> str:
        if level == 0 or rng.random() < 0.15:
            return rng.choice(["a", "b", "c", "a", "b", "c", "2", "0.5"])
        kind = rng.random()
        if kind < 0.3:
            text = f"{rng.choice(['tanh', 'sigmoid', 'sin', 'cos', 'exp'])}({part(level - 1)})"
        elif kind < 0.4:
            text = f"({part(level - 1)}) ** 2"
        else:
            text = f"({part(level - 1)} {rng.choice('+-*')} {part(level - 1)})"
        return f"({next(names)} := {text})" if rng.random() < 0.15 else text

    text = f"{part(depth)} * a + {part(depth - 1)}"
    values = {name: round(rng.uniform(-1.5, 1.5), 2) for name in "abc"}
    return text, {name: v for name, v in values.items() if re.search(rf"\b{name}\b", text)}  # the ones it uses


AUTOMATIC_NAME = re.compile(r"(?<![\w'])n\d+'*(?![\w'])")
DEFINITION = re.compile(r"(?<![\w'∂/(])(n\d+'*) = ")  # `n4 = ...`, not `∂out/∂n4 = ...`


def undefined_names(text: str, labels: Iterable[str] = ()) -> list[str]:
    """The automatic names n<k> that `text` prints but neither defines (`n<k> = ...`) nor has as a label."""
    known = set(DEFINITION.findall(text)) | set(labels)
    return sorted({name for name in AUTOMATIC_NAME.findall(text) if name not in known})


def drawn_names(source: str) -> set[str]:
    """The name each record of draw_graph's DOT `source` shows, its first cell: `a`, `n2`, `out`."""
    return set(re.findall(r'<font point-size="13" color="[^"]*">([^<]*)</font>', source))


def blocks(text: str, start: str = r"step \d+ of \d+: ") -> list[str]:
    """`text` cut before every line that starts with `start` (a step's heading): each step's block on its own."""
    return re.split(rf"\n(?={start})", text)
