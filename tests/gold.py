"""Scoring against the gold annotations of the bundled corpus (`tests/gold/`).

The gold is data about the five bundled articles, so it lives with the tests, and the suite needs
nothing outside the repository. A system's output is what the matching `parallax ... --json`
command prints. Sentences are named in the gold by a substring; texts are compared after folding
curly quote marks, no-break spaces and line breaks, and runs of white space.

- Alignment (`gold/alignment.yaml`): groups of sentences from different articles that report the
  same thing (tier 1: the same wording give or take small variants; tier 2: a paraphrase), and
  negatives, sentences no other article has. A gold pair is found when some aligned pair joins a
  passage holding one member with a passage of the other article holding the other; a negative
  is violated when any pair holds it. Precision is over the pairs both of whose passages hold a
  gold sentence: right when those are the two members of one gold pair.
- Quotations (`gold/quotes.yaml`): (article, a substring of the quote, speaker). A gold quote is
  found when a quotation of that article holds the substring; its speaker is right when the first
  such quotation's speaker is the gold name, holds the gold name's last word as a word, or is
  one word of the gold name.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui import safe_yaml

GOLD = Path(__file__).resolve().parent / "gold"
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "\n": " "})


def fold(text: str | None) -> str:
    return " ".join(str(text or "").translate(_FOLD).split())


def gold(name: str) -> Any:
    return safe_yaml.load((GOLD / name).read_text(encoding="utf-8"))


def _doc(doc: str) -> str:
    """A document named by a path or an id compares by its file stem."""
    return Path(str(doc)).stem if "." in Path(str(doc)).name else Path(str(doc)).name


@dataclass(frozen=True)
class AlignmentScore:
    found: dict[int, tuple[int, int]]   # tier -> (found, gold pairs)
    violated: int
    negatives: int
    good: int
    touching: int
    pairs: int

    def recall(self, tier: int) -> float:
        hit, total = self.found[tier]
        return hit / max(1, total)

    @property
    def precision(self) -> float:
        return self.good / max(1, self.touching)

    def __str__(self) -> str:
        return (f"tier1_recall={self.recall(1):.3f} ({self.found[1][0]}/{self.found[1][1]}) "
                f"tier2_recall={self.recall(2):.3f} ({self.found[2][0]}/{self.found[2][1]}) "
                f"negatives_violated={self.violated}/{self.negatives} "
                f"anchor_precision={self.precision:.3f} ({self.good}/{self.touching}) pairs={self.pairs}")


def score_alignment(system: dict, truth: dict | None = None) -> AlignmentScore:
    """Score `parallax align --json` output against the alignment gold."""
    truth = truth or gold("alignment.yaml")
    pairs = [((_doc(p["a"]["doc"]), fold(p["a"]["text"])), (_doc(p["b"]["doc"]), fold(p["b"]["text"])))
             for p in system["pairs"]]

    def holds(side: tuple[str, str], anchor: tuple[str, str]) -> bool:
        return side[0] == anchor[0] and anchor[1] in side[1]

    def linked(x: tuple[str, str], y: tuple[str, str]) -> bool:
        return any((holds(a, x) and holds(b, y)) or (holds(a, y) and holds(b, x)) for a, b in pairs)

    found = {1: [0, 0], 2: [0, 0]}
    gold_pairs: set[frozenset[tuple[str, str]]] = set()
    for group in truth["groups"]:
        members = [(doc, fold(text)) for doc, text in group["members"]]
        for x, y in itertools.combinations(members, 2):
            if x[0] == y[0]:
                continue
            gold_pairs.add(frozenset((x, y)))
            found[group["tier"]][1] += 1
            found[group["tier"]][0] += linked(x, y)

    negatives = [(doc, fold(text)) for doc, text in truth["negatives"]]
    violated = sum(any(holds(a, neg) or holds(b, neg) for a, b in pairs) for neg in negatives)

    anchors = list(dict.fromkeys([m for p in gold_pairs for m in p] + negatives))
    good = touching = 0
    for a, b in pairs:
        on_a = [x for x in anchors if holds(a, x)]
        on_b = [y for y in anchors if holds(b, y)]
        if on_a and on_b:
            touching += 1
            good += any(x != y and frozenset((x, y)) in gold_pairs for x in on_a for y in on_b)
    return AlignmentScore({t: (f, n) for t, (f, n) in found.items()}, violated, len(negatives), good, touching,
                          len(pairs))


@dataclass(frozen=True)
class QuoteScore:
    total: int
    found: int
    right: int

    @property
    def found_share(self) -> float:
        return self.found / self.total

    @property
    def attributed(self) -> float:
        return self.right / self.total

    def __str__(self) -> str:
        return f"quotes={self.total} found={self.found_share:.3f} attributed={self.attributed:.3f}"


def _same_speaker(got: str | None, expected: str | None) -> bool:
    got, expected = fold(got).lower(), fold(expected).lower()
    if not expected:  # an unnamed source: right only without a speaker
        return not got
    return bool(got) and (got == expected or expected.split()[-1] in got.split() or got in expected.split())


def score_quotes(system: dict, truth: list | None = None) -> QuoteScore:
    """Score `parallax quotes --json` output against the quotation gold."""
    truth = truth if truth is not None else gold("quotes.yaml")["quotes"]
    found = right = 0
    for doc, needle, speaker in truth:
        hits = [q for q in system["quotes"] if _doc(q["doc"]) == doc and fold(needle).lower() in fold(q["text"]).lower()]
        if hits:
            found += 1
            right += _same_speaker(hits[0].get("speaker"), speaker)
    return QuoteScore(len(truth), found, right)
