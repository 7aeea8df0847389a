"""`autograd-lite draw EXPRESSION NAME=VALUE ... -o FILE`: the graph as .svg, .png or .dot."""

from __future__ import annotations

import argparse

from autograd_lite.cli.common import EXAMPLE_VALUES, UsageError, build, expression_arguments
from autograd_lite.stepper import Stepper
from autograd_lite.viz import draw_graph

NAME = "draw"
SUMMARY = "draw the graph with values and gradients (.svg, .png or .dot)"
EXAMPLE = f"draw {EXAMPLE_VALUES} -o graph.svg"
EXPRESSION = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    expression_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="graph.svg, graph.png or graph.dot")
    parser.add_argument("--step", type=int, default=None, metavar="K", help="draw the backward pass after K steps")


def run(args: argparse.Namespace) -> int:
    _, graph = build(args)
    highlight = None
    if args.step is None:
        graph.root.backward()
    else:
        highlight = Stepper(graph.root)
        if not 0 <= args.step <= len(highlight.order):
            raise UsageError(f"--step must be between 0 and {len(highlight.order)} for this graph, got {args.step}")
        for _ in range(args.step):
            highlight.step()
    try:
        path = draw_graph(graph.root, highlight=highlight).save(args.output)
    except ValueError as e:
        raise UsageError(str(e)) from None
    print(f"wrote {path}")
    return 0
