"""A story's statements by outlet: which outlet carries which fact, in what words, and what each
carries alone.

A statement is a connected group of aligned sentences (`align.py`): two sentences of different
articles that report the same thing are joined, and so is every sentence joined to either. Its
*reference* is the sentence with the most links in the group (the earliest article's on a tie),
and every other outlet's wording is named against it: verbatim, a variant or a paraphrase, with
its word-level changes (a spelling variant, an insertion…). A sentence of the running text that
no other article reports is one of its article's *exclusives*.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import BODY, HEADLINE, STANDFIRST, Article, Span
from .align import KINDS, PARAPHRASE, AlignedPair, Passage
from .match import EQUAL, Edit, word_diff

__all__ = ["ABSENT", "MARKS", "REFERENCE", "Cell", "Facts", "Statement", "as_json", "story_facts"]

MARKS = {"verbatim": "=", "variant": "≈", "paraphrase": "~"}   # a cell in the grids of the CLI, the app and the report
REFERENCE, ABSENT = "★", "·"
EXCLUSIVE_WORDS = 4   # a shorter sentence ("Read more.", "He denied it.") is no statement of its own
_RUNNING = frozenset({HEADLINE, STANDFIRST, BODY})


@dataclass(frozen=True, slots=True)
class Cell:
    """One article's wording of a statement: its sentences (more than one where it splits the
    statement), how close it is to the reference, and the word changes from the reference."""

    doc: str
    passages: tuple[Passage, ...]
    kind: str                    # verbatim, variant or paraphrase (the reference: its closest link)
    score: float
    compared: tuple[str, str] | None   # the reference's words and this cell's that `changes` compares; None for the reference

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)

    def diff(self) -> list[Edit]:
        """The word diff from the reference's wording to this one, unchanged words too (none for
        the reference). Worked out when asked: a story's statements open without a diff of every cell."""
        if self.compared is None:
            return []
        ref, mine = self.compared
        return word_diff(" ".join(ref.split()), " ".join(mine.split()))

    def changes(self) -> list[Edit]:
        """The word changes from the reference's wording to this one."""
        return [e for e in self.diff() if e.op != EQUAL]


@dataclass(frozen=True, slots=True)
class Statement:
    id: int
    reference: str               # the doc whose wording the others are compared with
    cells: tuple[Cell, ...]      # one per article carrying it, in the story's order

    @property
    def carried(self) -> int:
        return len(self.cells)

    def cell(self, doc: str) -> Cell | None:
        return next((c for c in self.cells if c.doc == doc), None)

    def mark(self, doc: str) -> str:
        """Article `doc`'s mark in the grid: the reference, its kind of wording, or not carried."""
        c = self.cell(doc)
        return ABSENT if c is None else REFERENCE if doc == self.reference else MARKS[c.kind]


@dataclass(frozen=True, slots=True)
class Facts:
    story: str
    docs: tuple[str, ...]                       # the story's articles, the columns
    statements: tuple[Statement, ...]           # carried by two articles or more, most carried first
    exclusives: dict[str, tuple[Span, ...]]     # each article's sentences no other one carries


def _closest(kinds: Iterable[str]) -> str:
    return min(kinds, key=KINDS.index)


def story_facts(articles: Sequence[Article], pairs: Iterable[AlignedPair]) -> Facts:
    """The statements of one story from its aligned pairs.

    Pairs join sentences into statements strongest first, and a join that would put two
    sentences of one article in one statement is left out unless they stand next to each other
    (a statement one outlet split in two): an article reports a statement once, so a chain of
    weaker links ("A reworded as B, B as C") does not pull the story's neighbouring statements
    into one."""
    order = {a.id: i for i, a in enumerate(articles)}
    starts = {a.id: [s.start for s in a.sentences] for a in articles}
    pairs = sorted((p for p in pairs if p.a.doc in order and p.b.doc in order),
                   key=lambda p: (-p.score, KINDS.index(p.kind), order[p.a.doc], p.a.start, order[p.b.doc], p.b.start))
    Key = tuple[str, int]
    parent: dict[Key, Key] = {}
    passage: dict[Key, Passage] = {}
    held: dict[Key, dict[str, set[int]]] = {}     # a group's root -> each article's sentence numbers in it

    def find(x: Key) -> Key:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def number(pas: Passage) -> int:
        return max(bisect.bisect_right(starts[pas.doc], pas.start) - 1, 0)

    links: dict[Key, list[tuple[Key, AlignedPair]]] = defaultdict(list)
    for p in pairs:
        a, b = (p.a.doc, p.a.start), (p.b.doc, p.b.start)
        for key, pas in ((a, p.a), (b, p.b)):
            if key not in parent:
                parent[key], passage[key], held[key] = key, pas, {pas.doc: {number(pas)}}
        ra, rb = find(a), find(b)
        if ra != rb:
            ga, gb = held[ra], held[rb]
            if any(not _together(ga[d] | gb[d]) for d in ga.keys() & gb.keys()):
                continue
            root, other = min(ra, rb), max(ra, rb)
            parent[other] = root
            for d, numbers in held.pop(other).items():
                held[root].setdefault(d, set()).update(numbers)
        links[a].append((b, p))
        links[b].append((a, p))
    groups: dict[Key, list[Key]] = defaultdict(list)
    for key in parent:
        groups[find(key)].append(key)

    statements = []
    for members in groups.values():
        if len(members) < 2:
            continue   # its one link was left out: it reports what a statement already has from its article
        members.sort(key=lambda k: (order[k[0]], k[1]))
        ref = max(members, key=lambda k: (len({o[0] for o, _ in links[k]}), -order[k[0]], -k[1]))
        by_doc: dict[str, list[Key]] = defaultdict(list)
        for k in members:
            by_doc[k[0]].append(k)
        cells = []
        for doc, keys in sorted(by_doc.items(), key=lambda d: order[d[0]]):
            own = [(k, o, p) for k in keys for o, p in links[k] if o[0] != doc]
            direct = [(k, p) for k, o, p in own if o == ref] if doc != ref[0] else []
            chosen = [p for _, p in direct] or [p for _, _, p in own]
            kind = _closest(p.kind for p in chosen)
            score = max(p.score for p in chosen)
            compared = None
            if doc != ref[0]:
                if direct:   # the words the two share, as the pair found them (a quotation inside a longer sentence)
                    k, p = max(direct, key=lambda kp: (-KINDS.index(kp[1].kind), kp[1].score))
                    mine, theirs = (p.core_b, p.core_a) if p.b.doc == doc else (p.core_a, p.core_b)
                    ref_words = _of(passage[ref], theirs) if p.kind != PARAPHRASE else passage[ref].text
                    my_words = _of(passage[k], mine) if p.kind != PARAPHRASE else passage[k].text
                else:
                    ref_words, my_words = passage[ref].text, " ".join(passage[k].text for k in keys)
                compared = (ref_words, my_words)
            cells.append(Cell(doc, tuple(passage[k] for k in keys), kind, score, compared))
        statements.append((cells, ref[0], (order[members[0][0]], members[0][1])))
    statements.sort(key=lambda s: (-len(s[0]), s[2]))
    found = tuple(Statement(n, ref, tuple(cells)) for n, (cells, ref, _) in enumerate(statements, start=1))

    exclusives: dict[str, tuple[Span, ...]] = {}
    for a in articles:
        spans = [passage[k] for k in parent if k[0] == a.id]
        running = [(b.start, b.end) for b in a.blocks if b.kind in _RUNNING]
        exclusives[a.id] = tuple(
            s for s in a.sentences
            if len(a.text[s.start : s.end].split()) >= EXCLUSIVE_WORDS
            and any(x <= s.start < y for x, y in running)
            and not any(p.start < s.end and s.start < p.end for p in spans))
    story = articles[0].story if articles else ""
    return Facts(story, tuple(a.id for a in articles), found, exclusives)


def _together(numbers: set[int]) -> bool:
    """Whether sentence numbers are one run of neighbours (3, 4, 5)."""
    return max(numbers) - min(numbers) + 1 == len(numbers)


def _of(p: Passage, core: tuple[int, int]) -> str:
    """The part `core` (offsets into the article) of passage `p`."""
    return p.text[max(core[0] - p.start, 0) : max(core[1] - p.start, 0)] or p.text


def as_json(found: Iterable[Facts], texts: dict[str, str]) -> dict:
    """What `parallax facts --json` prints."""
    def cell(c: Cell, ref: str) -> dict:
        return {"doc": c.doc, "kind": c.kind, "reference": c.doc == ref, "score": c.score,
                "sentences": [{"start": p.start, "end": p.end, "text": p.text} for p in c.passages],
                "changes": [{"kind": e.kind, "old": e.old, "new": e.new} for e in c.changes()]}

    return {"stories": [{
        "story": f.story, "docs": [{"doc": d} for d in f.docs],
        "statements": [{"id": s.id, "articles": s.carried, "cells": [cell(c, s.reference) for c in s.cells]}
                       for s in f.statements],
        "exclusives": [{"doc": doc, "sentences": [{"start": s.start, "end": s.end, "text": texts[doc][s.start : s.end]}
                                                  for s in spans]} for doc, spans in f.exclusives.items()],
    } for f in found]}
