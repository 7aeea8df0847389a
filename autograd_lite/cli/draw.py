"""`autograd-lite draw EXPRESSION NAME=VALUE ... -o FILE`: the graph as .svg, .png or .dot."""

from __future__ import annotations

import argparse

from autograd_lite.cli.common import EXAMPLE_VALUES, UsageError, build, expression_arguments, save, theme_argument
from autograd_lite.stepper import Stepper
from autograd_lite.viz import draw_graph

NAME = "draw"
SUMMARY = "draw the graph with values and gradients (.svg, .png, .pdf or .dot)"
EXAMPLE = f"draw {EXAMPLE_VALUES} -o graph.svg"
EXPRESSION = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    expression_arguments(parser)
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="graph.svg, graph.png, graph.pdf or graph.dot"
    )
    parser.add_argument("--step", type=int, default=None, metavar="K", help="draw the backward pass after K steps")
    theme_argument(parser)


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
    path = save(lambda: draw_graph(graph.root, highlight=highlight, theme=args.theme).save(args.output))
    print(f"wrote {path}")
    return 0
