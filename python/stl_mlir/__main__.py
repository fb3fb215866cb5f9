"""``python3 -m stl_mlir``: see :mod:`stl_mlir.cli`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
