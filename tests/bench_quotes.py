"""Benchmark: finding, attributing and grouping every quotation of a corpus.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_quotes.py CORPUS

CORPUS is a corpus folder (ECB+ for the figures in the README). The articles are loaded
from the parse cache (parsed first if they are not there) and their entities resolved; then it
prints the time `QuoteIndex.build` takes (the app builds it on every load), the quotations
found, how many have a speaker, a reporting frame but an unnamed source, or no frame, and how
many remarks appear in more than one outlet.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from tests.devdata import need
from tui.analysis.entities import EntityIndex
from tui.analysis.quotes import QuoteIndex
from tui.preprocess import index
from tui.preprocess.corpus import open_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a corpus folder, e.g. ECB+")
    args = ap.parse_args()
    corpus = open_corpus(need(args.corpus))
    cache = index.open_cache(corpus)
    articles, _ = index.load(corpus, cache)
    entities = EntityIndex.build(articles, cache=cache)
    started = time.perf_counter()
    quotes = QuoteIndex.build(articles, entities.in_doc, entities.entities)
    took = time.perf_counter() - started
    found = quotes.quotes
    kinds = Counter("speaker named" if q.speaker else "source not named" if q.how else "no frame" for q in found)
    shared = sum(len({q.doc for q in members}) > 1 for members in quotes.groups.values())
    print(f"{len(articles)} articles in {len({a.story for a in articles})} stories")
    print(f"quotes: {took:.2f} s, {len(found)} quotations "
          f"({', '.join(f'{n} {k}' for k, n in kinds.most_common())}); {shared} remarks in two outlets or more")


if __name__ == "__main__":
    sys.exit(main())
