"""Entities of a corpus and the lookups the views need. Resolution itself is in `resolve.py`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .aliases import Overrides, apply
from .model import Article, Entity, Mention
from .resolve import display_form, normalise, resolve

__all__ = ["EntityIndex", "display_form", "normalise", "resolve"]


@dataclass(slots=True)
class EntityIndex:
    """Entities with the lookups the views need: by story, by article, and their coverage."""

    articles: dict[str, Article]
    entities: list[Entity]
    by_id: dict[str, Entity] = field(init=False)
    by_story: dict[str, list[Entity]] = field(init=False)
    in_doc: dict[str, list[tuple[Mention, Entity]]] = field(init=False)
    _counts: dict[str, Counter[str]] = field(init=False)      # entity id -> mentions per doc
    _outlets: dict[str, list[str]] = field(init=False)        # entity id -> outlets naming it

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entities}
        self.by_story = defaultdict(list)
        self.in_doc = defaultdict(list)
        self._counts = {}
        self._outlets = {}
        for e in self.entities:
            self.by_story[e.story].append(e)
            for m in e.mentions:
                self.in_doc[m.doc].append((m, e))
            self._counts[e.id] = Counter(m.doc for m in e.mentions)
            self._outlets[e.id] = list(dict.fromkeys(self.articles[d].outlet for d in self._counts[e.id]))
        for mentions in self.in_doc.values():
            mentions.sort(key=lambda me: me[0].start)

    @classmethod
    def build(cls, articles: Iterable[Article], overrides: Overrides | None = None) -> EntityIndex:
        arts = list(articles)
        return cls({a.id: a for a in arts}, apply(resolve(arts), overrides or Overrides()))

    def count_in(self, entity: Entity, doc_id: str) -> int:
        return self._counts[entity.id][doc_id]

    def outlets(self, entity: Entity) -> list[str]:
        """The outlets naming `entity`, in corpus order."""
        return self._outlets[entity.id]

    def docs(self, entity: Entity) -> list[str]:
        """The articles naming `entity`, in corpus order."""
        return list(self._counts[entity.id])

    def entity_at(self, doc_id: str, offset: int) -> Entity | None:
        for m, e in self.in_doc.get(doc_id, ()):
            if m.start <= offset < m.end:
                return e
        return None
