"""Benchmark: article bodies from real web pages and page dumps, as a person marked them.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_extraction.py CORPUS OUT_DIR

CORPUS is a folder of pages (`.html`) or text dumps (`.txt`), such as web-dev's `pages/` or
`dumps/`. Every article is read, cleaned and parsed the way `parallax index` does (in a
throwaway cache), and its body (the cleaned text without headline, byline, dateline and source
lines) is written to OUT_DIR/NAME.txt, ready for a scorer such as

    score_extraction.py OUT_DIR GOLD_DIR

It prints how many articles were written, how many were skipped and why, and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.devdata import need
from tui.model import BYLINE, DATELINE, HEADLINE, SOURCE
from tui.preprocess import index
from tui.preprocess.corpus import open_corpus

NOT_BODY = {HEADLINE, BYLINE, DATELINE, SOURCE}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a folder of pages or dumps")
    ap.add_argument("out", type=Path, help="where to write NAME.txt for each article")
    args = ap.parse_args()
    corpus = open_corpus(need(args.corpus))
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        articles, report = index.load(corpus, index.open_cache(corpus, tmp))
    took = time.perf_counter() - started
    for a in articles:
        body = "\n\n".join(a.text[b.start : b.end] for b in a.blocks if b.kind not in NOT_BODY)
        (args.out / f"{Path(a.path).stem}.txt").write_text(body + "\n", encoding="utf-8")
    print(f"{len(articles)} written to {args.out}, {len(report.skipped)} skipped in {took:.1f} s")
    for why, n in Counter(s.reason for s in report.skipped).most_common():
        print(f"  skipped {n}: {why}")


if __name__ == "__main__":
    sys.exit(main())
