"""Entry point of ``python -m nnmath``."""

import sys

from nnmath.cli import main

sys.exit(main())
