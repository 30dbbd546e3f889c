"""Benchmark: facts by outlet, wording contrast and copied text over every story of a corpus.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_facts.py CORPUS

CORPUS is a corpus folder (ECB+ for the figures in the README). The articles, their entities
and alignments are read from a warm cache (made first if it is cold, and not timed); then it
prints the time of each analysis over all stories, warm (the second of two runs, as the app
and the commands meet them after the first), their total against the 5 s the views are meant
to open in, and the same total as a ratio to reading the corpus from its cache in the same
process (a baseline the machine's load moves the same way).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from tests.devdata import need
from tui.analysis import stories
from tui.analysis.align import align_cached
from tui.analysis.contrast import Wording
from tui.analysis.copied import copied_corpus
from tui.analysis.entities import resolve_cached
from tui.analysis.facts import story_facts
from tui.model import article_labels
from tui.preprocess import index
from tui.preprocess.corpus import open_corpus


def _timed(run) -> tuple[float, object]:  # noqa: ANN001
    run()   # the first run warms what the process keeps (imports, the regex caches)
    started = time.perf_counter()
    found = run()
    return time.perf_counter() - started, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a corpus folder, e.g. ECB+")
    args = ap.parse_args()
    corpus = open_corpus(need(args.corpus))
    cache = index.open_cache(corpus)
    index.load(corpus, cache)                      # parse what the cache lacks, untimed
    started = time.perf_counter()
    articles, _ = index.load(corpus, cache)
    baseline = time.perf_counter() - started
    articles, _ = stories.assign(articles, cache)
    entities = resolve_cached(articles, cache)
    pairs = align_cached(articles, entities, cache)
    by_story = defaultdict(list)
    for a in articles:
        by_story[a.story].append(a)
    story_of = {a.id: a.story for a in articles}
    story_pairs = defaultdict(list)
    for p in pairs:
        story_pairs[story_of[p.a.doc]].append(p)
    labels = article_labels(articles)
    print(f"{len(articles)} articles in {len(by_story)} stories, {len(pairs)} aligned pairs; "
          f"reading them from the cache: {baseline:.2f} s")

    def facts():  # noqa: ANN202
        return [story_facts(m, story_pairs[s]) for s, m in by_story.items()]

    def facts_with_changes():  # noqa: ANN202
        found = facts()
        return sum(len(c.changes()) for f in found for s in f.statements for c in s.cells)

    def contrast():  # noqa: ANN202
        wording = Wording(articles, entities, labels)
        return sum(len(c.terms) for m in by_story.values() for c in wording.contrast(m))

    def contrast_corpus():  # noqa: ANN202
        return sum(len(c.terms) for c in Wording(articles, entities, labels).contrast(articles))

    t_facts, found = _timed(facts)
    t_changes, changes = _timed(facts_with_changes)
    t_contrast, terms = _timed(contrast)
    t_corpus, corpus_terms = _timed(contrast_corpus)
    t_copied, copied = _timed(lambda: copied_corpus(articles))
    statements = sum(len(f.statements) for f in found)
    exclusives = sum(len(v) for f in found for v in f.exclusives.values())
    print(f"facts: {t_facts:.2f} s, {statements} statements, {exclusives} exclusive sentences")
    print(f"facts with every cell's word changes (as --json prints): {t_changes:.2f} s, {changes} changes")
    print(f"contrast, each story's outlets: {t_contrast:.2f} s, {terms} terms")
    print(f"contrast, the corpus's outlets: {t_corpus:.2f} s, {corpus_terms} terms")
    print(f"copied text: {t_copied:.2f} s, {sum(c.share > 0.8 for c in copied.values())} articles over 80% copied")
    total = t_facts + t_contrast + t_copied
    print(f"facts + contrast + copied: {total:.2f} s (target: under 5 s), {total / baseline:.1f}x reading the corpus")


if __name__ == "__main__":
    sys.exit(main())
