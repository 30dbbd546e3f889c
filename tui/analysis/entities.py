"""Entities of a corpus and the lookups the views need. Resolution itself is in `resolve.py`."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Article, Entity, Mention
from ..preprocess.cache import Cache, Row, cached, reading
from .aliases import Overrides, apply
from .resolve import RESOLVER_VERSION, display_form, normalise, resolve, resolve_story

__all__ = ["EntityIndex", "as_json", "display_form", "normalise", "resolve", "resolve_cached"]


def as_json(entities: Iterable[Entity]) -> dict:
    """What `parallax entities --json` prints: each entity with every mention's document id and
    offsets into the cleaned text."""
    return {"entities": [
        {"id": e.id, "name": e.name, "label": e.label, "aliases": list(e.aliases),
         "mentions": [{"doc": m.doc, "start": m.start, "end": m.end, "text": m.text} for m in e.mentions]}
        for e in entities]}


def resolve_cached(articles: Sequence[Article], cache: Cache) -> list[Entity]:
    """`resolve`, story by story, reusing a story's cached entities while none of its articles
    changed (same documents, same content, same parser and resolver)."""
    stories: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        stories[a.story].append(a)
    out: list[Entity] = []
    for story, members in stories.items():
        key = hashlib.sha256(repr((RESOLVER_VERSION, cache.fingerprint,
                                   [(a.id, a.sha256) for a in members])).encode()).hexdigest()
        out += cached(lambda: from_data(cache.load_story(CACHE_KIND, story, key), story,  # noqa: B023
                                        {a.id: a.text for a in members}),  # noqa: B023
                      lambda: resolve_story(story, members),  # noqa: B023
                      lambda found: cache.store_story(CACHE_KIND, story, key, to_data(found)))  # noqa: B023
    return out


# --- the cache's plain data: each entity on a few lines, its mentions as "doc:start-end" -------------

CACHE_KIND = "entities"


def to_data(entities: Sequence[Entity]) -> dict:
    """A story's resolved entities as the plain data the cache stores."""
    docs = list(dict.fromkeys(m.doc for e in entities for m in e.mentions))
    index = {d: i for i, d in enumerate(docs)}
    return {"docs": docs, "entities": [
        {"id": e.id, "name": e.name, "label": e.label, "aliases": Row(e.aliases),
         "mentions": " ".join(f"{index[m.doc]}:{m.start}-{m.end}" for m in e.mentions)}
        for e in entities]}


def from_data(body: dict, story: str, texts: dict[str, str]) -> list[Entity]:
    """The entities `to_data` stored; mention texts are read back from the articles' `texts`.
    Raises `CacheInvalid` on anything malformed."""
    with reading("entities"):
        docs = body["docs"]
        out = []
        for e in body["entities"]:
            mentions = []
            for item in e["mentions"].split():
                d, span = item.split(":")
                start, end = map(int, span.split("-"))
                doc = docs[int(d)]
                mentions.append(Mention(doc, start, end, texts[doc][start:end]))
            out.append(Entity(str(e["id"]), str(e["name"]), str(e["label"]), story,
                              tuple(map(str, e["aliases"])), tuple(mentions)))
        return out


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
    def build(cls, articles: Iterable[Article], overrides: Overrides | None = None,
              cache: Cache | None = None) -> EntityIndex:
        arts = list(articles)
        found = resolve_cached(arts, cache) if cache else resolve(arts)
        return cls({a.id: a for a in arts}, apply(found, overrides or Overrides()))

    def ranked(self, story: str) -> list[Entity]:
        """The story's entities, those named by the most outlets first, then by mentions, then by name."""
        return sorted(self.by_story.get(story, []), key=lambda e: (-len(self.outlets(e)), -len(e.mentions), e.name.casefold()))

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
