"""Benchmark: parsing on a Dask LocalCluster of 2 workers against the local pool of 2 processes.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_dask.py ECBPLUS_DIR [--runs N]

Each run parses every article of the corpus from nothing twice, in the same process: into an
empty cache with `--jobs 2`, then into another with `--dask local:2` (a LocalCluster started
before the clock starts, as a real cluster would already be running; its workers load the model
inside the timed run, as the local pool's processes do). It prints, per run:

- words per second of each, and their ratio (the target is at least 0.9);
- what the cluster spent outside parsing, per chunk: the two workers' time not spent running a
  chunk (scheduling, sending the text, sending back the parse, loading the model), over the
  number of chunks;
- the per-core parse rate (words per second of a chunk's run on a worker), and how fast the
  client reads, hashes and cleans articles and writes their cache entries, for the README's
  extrapolation to a million.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.devdata import need
from tui.preprocess import distributed, index
from tui.preprocess.corpus import open_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ecbplus", type=Path)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    corpus = open_corpus(need(args.ecbplus))
    from distributed import get_task_stream

    ratios = []
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as cache:
            started = time.perf_counter()
            parsed, local = index.load(corpus, index.open_cache(corpus, cache), jobs=2)
            local_s = time.perf_counter() - started
        with distributed.session("local:2") as client, tempfile.TemporaryDirectory() as cache:
            with get_task_stream(client) as stream:
                started = time.perf_counter()
                _, remote = index.load(corpus, index.open_cache(corpus, cache), dask=client)
                dask_s = time.perf_counter() - started
            tasks = [t for t in stream.data if "run_chunk" in str(t.get("key", ""))]
            spans = [s for t in tasks for s in t["startstops"]]
            computing = sum(s["stop"] - s["start"] for s in spans if s["action"] == "compute")
            busy = (max(s["stop"] for s in spans) - min(s["start"] for s in spans)) if spans else 0.0
        words = local.words_parsed
        assert remote.words_parsed == words, "the two runs parsed different texts"
        ratio = (words / dask_s) / (words / local_s)
        ratios.append(ratio)
        chunks = len(tasks)
        print(f"run {run}: {len(local.parsed)} articles, {words:,} words")
        print(f"  --jobs 2:      {local_s:6.1f} s, {words / local_s:6.0f} words/s")
        print(f"  --dask local:2 {dask_s:6.1f} s, {words / dask_s:6.0f} words/s, {chunks} chunks: "
              f"ratio {ratio:.2f} (target 0.9)")
        if chunks:
            outside = max(0.0, busy * 2 - computing) / chunks
            print(f"  per chunk: {computing / chunks:.2f} s running on a worker (the first on each includes loading "
                  f"the model), {outside:.3f} s of the two workers' time between the first chunk's start and the "
                  f"last one's end not spent running one (scheduling and transfer)")
            print(f"  the client before the first chunk started (reading, hashing, cleaning): {dask_s - busy:.1f} s")
            print(f"  per-core parse rate on a worker: {words / computing:.0f} words/s")
    prep = _client_rate(corpus)
    print(f"client: reads, hashes and cleans {prep:.0f} articles/s, and encodes and writes "
          f"{_store_rate(corpus, parsed):.0f} cache entries/s")
    if len(ratios) > 1:
        print(f"ratio over {len(ratios)} runs: median {statistics.median(ratios):.2f}")


def _client_rate(corpus) -> float:  # noqa: ANN001
    """Articles per second the client reads, hashes and cleans: what it does for every article
    before any is sent to the cluster."""
    from tui.preprocess.index import Report, _cleaned

    report = Report()
    started = time.perf_counter()
    for doc_id in corpus.files:
        _cleaned(corpus.read(doc_id), frozenset(), report)
    return len(corpus.files) / (time.perf_counter() - started)


def _store_rate(corpus, articles) -> float:  # noqa: ANN001
    """Cache entries per second the client encodes (YAML) and writes, as each parsed one arrives."""
    with tempfile.TemporaryDirectory() as folder:
        cache = index.open_cache(corpus, folder)
        started = time.perf_counter()
        for article in articles:
            cache.store(article)
        return len(articles) / (time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main())
