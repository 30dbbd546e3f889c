"""What the benchmarks and evaluations share: they run on a development corpus that is not part
of the repository, named on the command line, and stop with a one-line message when it is not
there. None of them is part of the test run."""

from __future__ import annotations

import sys
from pathlib import Path


def need(path: Path, what: str = "corpus folder") -> Path:
    """`path` if it is a folder (or, when `what` names a file, a file); otherwise exit with one
    line saying what is missing."""
    if not (Path(path).is_file() if what.endswith("file") else Path(path).is_dir()):
        sys.exit(f"{Path(sys.argv[0]).name}: no {what} at {path}")
    return Path(path)
