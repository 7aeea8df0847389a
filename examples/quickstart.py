"""The smallest worked example: e = (a + b) · c, its forward values and its gradients (seed 004, Fig. 6)."""

from autograd_lite import Value


def main() -> None:
    a, b, c = Value(-12, label="a"), Value(14, label="b"), Value(-10, label="c")
    d = a + b
    d.label = "d"
    e = d * c
    e.label = "e"
    e.backward()
    for v in (a, b, c, d, e):
        print(f"{v.label} = {v.data:g}    ∂e/∂{v.label} = {v.grad:g}")


if __name__ == "__main__":
    main()
