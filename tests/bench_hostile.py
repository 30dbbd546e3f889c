"""Benchmark: the largest inputs, generated on the spot.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_hostile.py [--mb N]

It writes, in a throwaway folder, an N MB article on one line (default 5) and a 50 MB one, and
indexes them with `parallax index` beside a short article. It prints how long the one-line
article took against plain spaCy parsing the same pieces in the same process (the ratio is
what counts on a shared machine), and how long the 50 MB file took to be skipped, with the
reason `index` gave.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tui.preprocess import parse

WORDS = ("the minister said that talks between the two countries would resume next week in Geneva after "
         "months of delay and pressure from allies").split()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of the one-line article in MB")
    args = ap.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "corpus")
        folder.mkdir()
        line = " ".join(rng.choice(WORDS) for _ in range(int(args.mb * 1e6 / 5)))[: int(args.mb * 1e6)]
        (folder / "oneline.txt").write_text("A headline\n\n" + line + ".", encoding="utf-8")
        (folder / "huge.txt").write_text(("The minister said talks would resume. " * 25 + "\n\n") * 52_000,
                                         encoding="utf-8")
        (folder / "short.txt").write_text("A headline\n\nAngela Merkel met Emmanuel Macron in Paris.", encoding="utf-8")
        env = {**os.environ, "PARALLAX_CACHE_DIR": str(Path(tmp, "cache"))}
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "tui", "index", str(folder), "--jobs", "1"],
                              capture_output=True, text=True, env=env)
        ours = time.perf_counter() - started
        print(done.stdout.strip())
        print("\n".join(x for x in done.stderr.splitlines() if "huge" in x or "warning" in x))

        text = "A headline\n\n" + line + "."
        starts = parse.piece_starts(text)
        pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
        nlp = parse.load_model()
        started = time.perf_counter()
        for _ in nlp.pipe(pieces, batch_size=parse.BATCH_SIZE):
            pass
        plain = time.perf_counter() - started
        print(f"{args.mb:.0f} MB on one line: parallax index {ours:.1f} s (all three files, model load included), "
              f"plain spaCy on its {len(pieces)} pieces {plain:.1f} s: ratio {ours / plain:.2f}")


if __name__ == "__main__":
    sys.exit(main())
