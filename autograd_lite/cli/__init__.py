"""The app layer: the `autograd-lite` command line (also `python -m autograd_lite`).

The one layer that imports the engine, `autograd_lite.nn`, `autograd_lite.viz` and the examples:
nothing below it imports it. Each command is a module here with NAME, SUMMARY, EXAMPLE,
`add_arguments(parser)` and `run(args) -> exit code`; `main` lists them.
"""

from autograd_lite.cli.main import main

__all__ = ["main"]
