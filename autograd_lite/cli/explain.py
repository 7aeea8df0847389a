"""`autograd-lite explain EXPRESSION NAME=VALUE ... [--wrt NAME]`: a gradient as the sum over paths."""

from __future__ import annotations

import argparse
from typing import Any

from autograd_lite.cli.common import (
    EXAMPLE_VALUES,
    UsageError,
    build,
    expression_arguments,
    format_argument,
    headline,
    json_number,
    print_json,
)
from autograd_lite.cli.expression import fold_name
from autograd_lite.explain import Explanation, explain

NAME = "explain"
SUMMARY = "a gradient as the chain rule: the sum over paths of local derivatives"
EXAMPLE = f"explain {EXAMPLE_VALUES} --wrt a"
EXPRESSION = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    expression_arguments(parser)
    parser.add_argument(
        "--wrt", action="append", metavar="NAME", help="the variable or := name (default: every variable)"
    )
    parser.add_argument(
        "--max-paths", type=int, default=20, metavar="N", help="list paths one by one up to N (default 20)"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="every node of every path (default: through the := names only, when there are some in between)",
    )
    format_argument(parser)


def run(args: argparse.Namespace) -> int:
    text, graph = build(args)
    if args.max_paths < 1:
        raise UsageError(f"--max-paths must be at least 1, got {args.max_paths}")
    wrts = [fold_name(name) for name in args.wrt] if args.wrt else list(graph.nodes)
    for name in wrts:
        if name not in graph.nodes:
            raise UsageError(
                f"--wrt {name!r} is not a variable or := name of the expression; it has {', '.join(graph.nodes)}"
            )
    form = "full" if args.full else "auto"
    explanations = [explain(graph.root, graph.nodes[name], max_paths=args.max_paths, form=form) for name in wrts]
    for ex in explanations:
        ex.full_hint = "--full"  # the hint in the command line's words, not Python's form="full"
    if args.format == "json":
        print_json(
            {
                "expression": text,
                "result": graph.root.label,
                "value": json_number(graph.root.data),
                "explanations": [_explanation_json(name, ex) for name, ex in zip(wrts, explanations)],
            }
        )
        return 0
    print(headline(text, graph))
    for ex in explanations:
        print(f"\n{ex}")
    return 0


def _explanation_json(name: str, ex: Explanation) -> dict[str, Any]:
    return {
        "wrt": name,
        "value": json_number(ex.value),
        "paths_count": ex.n_paths,
        "grouped": ex.grouped,
        "form": ex.form,
        "paths": [
            {
                "nodes": [ex.names[v] for v in p.nodes],
                "local_grads": [json_number(d) for d in p.local_grads],
                "product": json_number(p.product),
            }
            for p in ex.paths
        ],
        "text": str(ex),
    }
