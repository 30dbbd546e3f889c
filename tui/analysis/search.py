"""Search over a corpus: sentences, headlines and entity names, ranked.

A query is matched on word boundaries ("Troy" finds "Troy", not "destroyed"); in double quotes
it is a phrase that must appear as written (case, quote marks and dashes aside). Results come
in three tiers: an entity whose name or alias is the query, then every item holding the query as
whole words (entity names, headlines, then sentences, in corpus order), then, for a query not in
quotes, fuzzy matches (small typos, a word's other form), best first. `search` returns the hits
to show and how many there are in all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..model import Article
from .entities import EntityIndex
from .match import fold

MIN_SCORE = 75.0
EXACT, WORDS, FUZZY = "exact", "words", "fuzzy"
_WHAT_ORDER = {"entity": 0, "headline": 1, "sentence": 2}


def _cutoff(q: str) -> float:
    """The fuzzy score a near match needs: one changed letter of four is a quarter of the word
    ("troy" would find "stry" in "ministry"), so a short query matches only as written (inside
    a longer word: "destroyed"), one of up to seven letters with a slip in five (80), a longer one at 75."""
    return 100.0 if len(q) <= 4 else 80.0 if len(q) <= 7 else MIN_SCORE


def _score(query: str, choice: str, **_: object) -> float:
    """Partial match of the query inside a longer choice; a whole match against a shorter one,
    so that "Russia" does not match every query that mentions Russia."""
    return fuzz.partial_ratio(query, choice) if len(query) <= len(choice) else fuzz.ratio(query, choice)


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str
    start: int
    end: int
    score: float
    what: str            # "sentence", "headline" or "entity"
    entity_id: str | None = None
    tier: str = FUZZY    # how it matched: the exact name, whole words, or fuzzily


@dataclass(frozen=True, slots=True)
class Results:
    hits: list[Hit]      # the ones to show, best first
    total: int           # how many matched in all


class SearchIndex:
    """Every sentence, headline and entity name of a corpus, folded once for fast lookup."""

    def __init__(self, articles: Sequence[Article], entities: EntityIndex | None = None) -> None:
        self.items: list[tuple[str, int, int, str, str | None]] = []
        for a in articles:
            self.items.append((a.id, 0, 0, "headline", None))
            self.items += [(a.id, s.start, s.end, "sentence", None) for s in a.sentences]
        self.folded: list[str] = []
        by_id = {a.id: a for a in articles}
        for doc, s, e, what, _ in self.items:
            self.folded.append(fold(by_id[doc].title if what == "headline" else by_id[doc].text[s:e]))
        if entities:
            for ent in entities.entities:
                m = ent.mentions[0]
                for name in (ent.name, *ent.aliases):
                    self.items.append((m.doc, m.start, m.end, "entity", ent.id))
                    self.folded.append(fold(name))

    def search(self, query: str, limit: int = 50) -> Results:
        text = query.strip()
        phrase = len(text) >= 2 and text[0] in "\"“”" and text[-1] in "\"“”"
        q = fold(text[1:-1] if phrase else text)
        if len(q) < 2:
            return Results([], 0)
        bounded = re.compile(rf"(?<!\w){re.escape(q)}(?!\w)")
        exact: list[Hit] = []
        words: list[Hit] = []
        matched: set[int] = set()
        for i, folded in enumerate(self.folded):
            if q not in folded or not bounded.search(folded):
                continue
            doc, s, e, what, ent = self.items[i]
            matched.add(i)
            if what == "entity" and folded == q:
                exact.append(Hit(doc, s, e, 100.0, what, ent, EXACT))
            else:
                words.append(Hit(doc, s, e, 100.0, what, ent, WORDS))
        words.sort(key=lambda h: _WHAT_ORDER[h.what])   # stable: corpus order within each kind
        fuzzy: list[Hit] = []
        if not phrase:
            found = process.extract(q, self.folded, scorer=_score, limit=None, score_cutoff=_cutoff(q))
            for _, score, i in sorted(found, key=lambda f: (-f[1], f[2])):
                if i not in matched:
                    doc, s, e, what, ent = self.items[i]
                    fuzzy.append(Hit(doc, s, e, score, what, ent, FUZZY))
        hits: list[Hit] = []
        seen: set[tuple[str, int, str]] = set()
        for h in exact + words + fuzzy:   # an entity is listed once, by its best-matching name
            key = (h.doc, h.start, h.what)
            if key not in seen:
                seen.add(key)
                hits.append(h)
        return Results(hits[:limit], len(hits))
