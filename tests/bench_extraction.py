"""Benchmark: article bodies from real web pages and page dumps, as a person marked them.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_extraction.py CORPUS OUT_DIR

CORPUS is a folder of pages (`.html`) or text dumps (`.txt`), such as web-dev's `pages/` or
`dumps/`. Every article is read, cleaned and parsed the way `parallax index` does (in a
throwaway cache), and its body (the cleaned text without headline, byline, dateline and source
lines) is written to OUT_DIR/NAME.txt, ready for a scorer such as

    score_extraction.py OUT_DIR GOLD_DIR

It prints how many articles were written, how many were skipped and why, and the time taken.

With `--urls TSV` (a table with `name` and `url` columns, such as web-dev's `sources.tsv`) each
article's URL is given in a manifest, as a scraper's export would give it: the article's outlet
is then known, and lines that recur in several articles of one outlet are taken out as page
furniture. Without it each article is cleaned on its own.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from tests.devdata import need
from tui.model import BYLINE, CAPTION, CREDIT, DATELINE, HEADLINE, SOURCE
from tui.preprocess import index
from tui.preprocess.corpus import open_corpus

NOT_BODY = {HEADLINE, BYLINE, DATELINE, SOURCE, CAPTION, CREDIT}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a folder of pages or dumps")
    ap.add_argument("out", type=Path, help="where to write NAME.txt for each article")
    ap.add_argument("--urls", type=Path, help="a TSV of name and url for each article")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = need(args.corpus)
        if args.urls:
            folder = _with_urls(folder, need(args.urls, "URL file"), Path(tmp, "corpus"))
        corpus = open_corpus(folder)
        started = time.perf_counter()
        articles, report = index.load(corpus, index.open_cache(corpus, Path(tmp, "cache")))
    took = time.perf_counter() - started
    for a in articles:
        body = "\n\n".join(a.text[b.start : b.end] for b in a.blocks if b.kind not in NOT_BODY)
        (args.out / f"{Path(a.path).stem}.txt").write_text(body + "\n", encoding="utf-8")
    print(f"{len(articles)} written to {args.out}, {len(report.skipped)} skipped in {took:.1f} s")
    for why, n in Counter(s.reason for s in report.skipped).most_common():
        print(f"  skipped {n}: {why}")


def _with_urls(folder: Path, table: Path, into: Path) -> Path:
    """A corpus of links to `folder`'s files with a manifest giving each one's URL."""
    into.mkdir()
    with open(table, encoding="utf-8", newline="") as fh:
        urls = {row["name"]: row["url"] for row in csv.DictReader(fh, delimiter="\t")}
    for path in sorted(folder.iterdir()):
        (into / path.name).symlink_to(path.resolve())
    manifest = {"articles": {p.stem: {"url": urls[p.stem]} for p in folder.iterdir() if p.stem in urls}}
    (into / "corpus.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return into


if __name__ == "__main__":
    sys.exit(main())
