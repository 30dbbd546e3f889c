"""Copied text: how much of each article of a story also appears, word for word, in another.

A run of eight words or more (`RUN`, the same length the aligner takes for a shared quotation
or clause) that two articles share is copy: shorter runs are the ordinary phrases of a story
("the North Atlantic Treaty Organization"). Words are compared folded (case, quote marks and
dashes aside), over the article's body (with its crossheads): not its headline or standfirst,
which outlets write for themselves even over wire copy, nor its byline, dateline, captions or
credits. An article's share is the part of its words that
some run covers; its best match is the article whose runs cover most of it; and where both
articles give a publication time (or dates that differ), which of the two came first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import BODY, HEADING, Article
from .match import fold

__all__ = ["RUN", "Copied", "copied", "copied_corpus", "earlier"]

RUN = 8
_RUNNING = frozenset({HEADING, BODY})
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True, slots=True)
class Copied:
    """What of article `doc` is also in another article of its story."""

    doc: str
    words: int                 # words of the article's body
    copied: int                # of them, in a shared run of `RUN` words or more
    best: str | None           # the article sharing the most of it
    best_words: int            # how many of its words that one shares
    first: str | None          # of `doc` and `best`, the one published first, where the dates say

    @property
    def share(self) -> float:
        return self.copied / self.words if self.words else 0.0

    @property
    def best_share(self) -> float:
        return self.best_words / self.words if self.words else 0.0


def _words(article: Article) -> list[str]:
    out: list[str] = []
    for block in article.blocks:
        if block.kind in _RUNNING:
            out += _WORD.findall(fold(article.text[block.start : block.end]))
    return out


def earlier(a: Article, b: Article) -> str | None:
    """Which of two articles was published first: by time where both give one, by date where
    the dates differ; None where the metadata cannot say."""
    from ..preprocess.metadata import moment

    x, y = moment(a.meta.date), moment(b.meta.date)
    if not x or not y:
        return None
    if len(x) > 10 and len(y) > 10:
        tx, ty = dt.datetime.fromisoformat(x), dt.datetime.fromisoformat(y)
        if (tx.tzinfo is None) == (ty.tzinfo is None):   # an hour with no zone says nothing against one with
            return a.id if tx < ty else b.id if ty < tx else None
    if x[:10] != y[:10]:
        return a.id if x[:10] < y[:10] else b.id
    return None


def copied(articles: Sequence[Article]) -> dict[str, Copied]:
    """For each article of one story, what of it another article of the story shares word for word."""
    vocabulary: dict[str, int] = {}
    words = {a.id: [vocabulary.setdefault(w, len(vocabulary)) for w in _words(a)] for a in articles}
    runs = {doc: list(zip(*(ws[i:] for i in range(RUN)))) for doc, ws in words.items()}   # every run of RUN words
    # a run's first article, and the articles of the runs more than one has: a set per run of every
    # article took 400 MB for two 5 MB articles, where almost every run is in one article only
    owner: dict[tuple[int, ...], str] = {}
    shared: dict[tuple[int, ...], set[str]] = {}
    for doc, found in runs.items():
        for run in found:
            first = owner.setdefault(run, doc)
            if first != doc:
                shared.setdefault(run, {first}).add(doc)
    by_id = {a.id: a for a in articles}
    out: dict[str, Copied] = {}
    whole = b"\x01" * RUN
    for doc, found in runs.items():
        n = len(words[doc])
        covered = bytearray(n)                   # 1 for each word inside a shared run
        by_other: dict[str, bytearray] = {}
        for i, run in enumerate(found):
            docs = shared.get(run)
            if docs is None:
                continue
            covered[i : i + RUN] = whole
            for other in docs:
                if other != doc:
                    if other not in by_other:
                        by_other[other] = bytearray(n)
                    by_other[other][i : i + RUN] = whole
        shares = {other: marks.count(1) for other, marks in by_other.items()}
        best = max(shares, key=lambda d: (shares[d], d), default=None)
        out[doc] = Copied(doc, n, covered.count(1), best, shares[best] if best else 0,
                          earlier(by_id[doc], by_id[best]) if best else None)
    return out


def copied_corpus(articles: Iterable[Article]) -> dict[str, Copied]:
    """`copied`, story by story, for the stories of two articles or more (an article alone in
    its story has nothing to be copied from)."""
    stories: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        stories[a.story].append(a)
    return {doc: c for members in stories.values() if len(members) > 1 for doc, c in copied(members).items()}


def as_json(found: Iterable[Copied]) -> list[dict]:
    return [{"doc": c.doc, "words": c.words, "copied_words": c.copied, "share": round(c.share, 3),
             "best_match": {"doc": c.best, "share": round(c.best_share, 3)} if c.best else None,
             "first": c.first} for c in found]
