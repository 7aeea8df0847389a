"""`autograd-lite grad EXPRESSION NAME=VALUE ...`: the value and the gradient with respect to every variable."""

from __future__ import annotations

import argparse

from autograd_lite.cli.common import (
    EXAMPLE_VALUES,
    build,
    exact,
    expression_arguments,
    format_argument,
    headline,
    json_number,
    print_json,
)

NAME = "grad"
SUMMARY = "the value of an expression and its gradient with respect to every variable"
EXAMPLE = f"grad {EXAMPLE_VALUES}"
EXPRESSION = True  # NAME=VALUE words may come before or after the options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    expression_arguments(parser)
    format_argument(parser)


def run(args: argparse.Namespace) -> int:
    text, graph = build(args)
    root = graph.root
    root.backward()
    r = root.label
    if args.format == "json":
        gradients = {name: json_number(v.grad) for name, v in graph.nodes.items()}
        print_json({"expression": text, "result": r, "value": json_number(root.data), "gradients": gradients})
        return 0
    print(headline(text, graph))
    for name, v in graph.nodes.items():
        print(f"∂{r}/∂{name} = {exact(v.grad)}")
    return 0
