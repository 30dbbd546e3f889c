"""Benchmark: aligning every story of a corpus.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_align.py CORPUS [--jobs N]

CORPUS is a corpus folder (ECB+ for the figures in the README). The articles are loaded
from the parse cache (parsed first if they are not there) and their entities resolved; then it
prints the time `align` takes over all stories, with one process and with N, the number of
stories and articles, and the pairs found, by kind.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from tests.devdata import need
from tui.analysis.align import align_corpus
from tui.analysis.entities import resolve_cached
from tui.preprocess import index
from tui.preprocess.corpus import open_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a corpus folder, e.g. ECB+")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    corpus = open_corpus(need(args.corpus))
    cache = index.open_cache(corpus)
    articles, _ = index.load(corpus, cache)
    entities = resolve_cached(articles, cache)
    stories = len({a.story for a in articles})
    print(f"{len(articles)} articles in {stories} stories")
    for jobs in sorted({1, args.jobs}):
        started = time.perf_counter()
        pairs = align_corpus(articles, entities, jobs=jobs)
        took = time.perf_counter() - started
        print(f"align, {jobs} process{'es' * (jobs > 1)}: {took:.2f} s, {len(pairs)} pairs "
              f"({', '.join(f'{n} {k}' for k, n in Counter(p.kind for p in pairs).most_common())})")


if __name__ == "__main__":
    sys.exit(main())
