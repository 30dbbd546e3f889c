"""Evaluation: entity resolution against gold, on the bundled corpus and on every ECB+ story.

Not part of the test run. Run it with

    python tests/eval_entities.py ECB_DIR EVAL_DIR [--story topicNN] [--errors]

It resolves the entities of each corpus the way `parallax entities --json` does, writes that JSON,
and runs the shared scorer (`score_entities.py`) on it: the bundled corpus against the seed gold,
then each ECB+ story against its own gold, with a per-story table, the pooled precision, recall
and F1 over all stories (pairs summed), the worst stories, and the time resolution took.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tests.devdata import need
from tui.analysis.entities import as_json, resolve
from tui.paths import bundled_corpus
from tui.preprocess import index
from tui.preprocess.corpus import open_corpus

LINE = re.compile(r"items=(\d+) found=(\d+) coverage=([\d.]+) P=([\d.]+) R=([\d.]+) F1=([\d.]+) tp=(\d+) fp=(\d+) fn=(\d+)")


def score(scorer: Path, entities, *gold: str, errors: bool = False) -> tuple[dict, str]:  # noqa: ANN001
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(as_json(entities), fh)
    env = {**os.environ, **({"SHOW_ERRORS": "1"} if errors else {})}
    out = subprocess.run([sys.executable, str(scorer), fh.name, *gold], capture_output=True, text=True, env=env,
                         check=True).stdout
    os.unlink(fh.name)
    m = LINE.search(out)
    keys = ("items", "found", "coverage", "P", "R", "F1", "tp", "fp", "fn")
    return {k: float(v) for k, v in zip(keys, m.groups(), strict=True)}, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ecb", type=Path, help="the ECB+ corpus folder")
    ap.add_argument("eval", type=Path, help="the folder of the entity scorer and its seed gold")
    ap.add_argument("--story", action="append", help="only these ECB+ stories")
    ap.add_argument("--errors", action="store_true", help="list each scorer error")
    args = ap.parse_args()
    need(args.ecb, "ECB+ corpus folder")
    scorer = need(args.eval, "evaluation folder") / "score_entities.py"

    seeds = open_corpus(bundled_corpus())
    articles, _ = index.load(seeds, index.open_cache(seeds))
    result, out = score(scorer, resolve(articles), str(args.eval / "seeds" / "gold_entities.yaml"), str(seeds.root),
                        errors=args.errors)
    print(f"bundled corpus: coverage {result['coverage']:.3f}  P {result['P']:.3f}  R {result['R']:.3f}  "
          f"F1 {result['F1']:.3f}")
    if args.errors:
        print(out)

    corpus = open_corpus(args.ecb)
    articles, _ = index.load(corpus, index.open_cache(corpus))
    started = time.perf_counter()
    entities = resolve(articles)
    took = time.perf_counter() - started
    by_story = defaultdict(list)
    for e in entities:
        by_story[e.story].append(e)
    rows = []
    for story in sorted({a.story for a in articles}):
        if args.story and story not in args.story:
            continue
        result, out = score(scorer, by_story[story], str(args.ecb / story), errors=args.errors)
        rows.append((story, result))
        if args.errors:
            print(story, out)
    print(f"\n{'story':<9}{'items':>6}{'cov':>7}{'P':>7}{'R':>7}{'F1':>7}{'fp':>6}{'fn':>6}")
    for story, r in rows:
        print(f"{story:<9}{r['items']:>6.0f}{r['coverage']:>7.3f}{r['P']:>7.3f}{r['R']:>7.3f}{r['F1']:>7.3f}"
              f"{r['fp']:>6.0f}{r['fn']:>6.0f}")
    tp, fp, fn = (sum(r[k] for _, r in rows) for k in ("tp", "fp", "fn"))
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * p * r / max(1e-9, p + r)
    cov = sum(r["found"] for _, r in rows) / max(1, sum(r["items"] for _, r in rows))
    print(f"\npooled over {len(rows)} stories: coverage {cov:.3f}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    worst = sorted(rows, key=lambda sr: sr[1]["F1"])[:5]
    print("worst: " + ", ".join(f"{s} {r['F1']:.2f}" for s, r in worst))
    print(f"resolving {len(articles)} articles ({len(entities)} entities) took {took:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
