"""`python -m autograd_lite`: the `autograd-lite` command line."""

import sys

from autograd_lite.cli import main

sys.exit(main())
