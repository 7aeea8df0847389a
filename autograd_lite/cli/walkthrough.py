"""`autograd-lite walkthrough EXPRESSION NAME=VALUE ... -o page.html|pass.gif|frames/`: the backward pass."""

from __future__ import annotations

import argparse
from pathlib import Path

from autograd_lite.cli.common import EXAMPLE_VALUES, UsageError, build, expression_arguments, save, theme_argument
from autograd_lite.viz import walkthrough

NAME = "walkthrough"
SUMMARY = "the backward pass as a page (.html), an animation (.gif) or a picture per step (a folder/)"
EXAMPLE = f"walkthrough {EXAMPLE_VALUES} -o page.html"
EXPRESSION = True
FORMATS = ("svg", "png", "pdf")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    expression_arguments(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="page.html (projector mode, a link per step), pass.gif (one frame per step) or frames/ (a folder)",
    )
    parser.add_argument("--format", choices=FORMATS, default=None, help="of the pictures in a frames/ folder (svg)")
    theme_argument(parser)
    parser.add_argument("--title", default=None, help="the page's heading (default: Backward pass of NAME)")


def run(args: argparse.Namespace) -> int:
    output = args.output
    folder = output.endswith("/") or Path(output).is_dir()
    if not folder and Path(output).suffix.lower() not in (".html", ".htm", ".gif"):
        raise UsageError(
            f"-o must end in .html (a page), .gif (an animation) or / (a folder of frames), got {output!r}"
        )
    if args.format and not folder:
        raise UsageError(f"--format is for a folder of frames (-o frames/); {output!r} is one file")
    _, graph = build(args)
    walk = save(lambda: walkthrough(graph.root, theme=args.theme, title=args.title))
    if folder:
        paths = save(lambda: walk.save_frames(output, format=args.format or "svg"))
        print(f"wrote {len(paths)} frames to {Path(output)}/: {paths[0].name} … {paths[-1].name}")
    else:
        print(f"wrote {save(lambda: walk.save(output))}")
    return 0
