"""Fuzzy search over a corpus: sentences, headlines and entity names, best matches first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..model import Article
from .entities import EntityIndex
from .match import fold

MIN_SCORE = 75.0


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


class SearchIndex:
    """Every sentence, headline and entity name of a corpus, folded once for fast fuzzy lookup."""

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

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        q = fold(query)
        if len(q) < 2:
            return []
        found = process.extract(q, self.folded, scorer=_score, limit=limit * 2, score_cutoff=MIN_SCORE)
        hits = []
        seen = set()
        for _, score, i in found:
            doc, s, e, what, ent = self.items[i]
            exact = q in self.folded[i]
            key = (doc, s, what)
            if key in seen:
                continue
            seen.add(key)
            hits.append(Hit(doc, s, e, score + (5 if exact else 0), what, ent))
        hits.sort(key=lambda h: (-h.score, h.what != "entity", h.doc, h.start))
        return hits[:limit]
