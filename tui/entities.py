"""Entities of a corpus: the parser's mentions grouped into one entity per name, per story.

For now mentions are grouped by their normalised surface ("the DPRK's" and "DPRK" are one
entity, "Yoon Suk-yeol" and "Yoon Suk Yeol" are one). The views read only `Entity` objects and
`EntityIndex`, so deeper resolution can replace `resolve` without touching them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .model import ENTITY_KINDS, Article, Entity, Mention

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " "})
_POSSESSIVE = re.compile(r"'s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_HYPHENS = re.compile(r"[\-‐‑‒–—]+")


def normalise(surface: str) -> str:
    """The key mentions are grouped by: case, quote marks, hyphens, "the" and possessives ignored."""
    s = surface.translate(_QUOTES).strip().strip("\"'").strip()
    s = _LEADING_THE.sub("", s)
    s = _POSSESSIVE.sub("", s)
    s = _HYPHENS.sub(" ", s)
    return " ".join(s.split()).casefold()


def display_form(surface: str) -> str:
    """A surface as a name: curly apostrophes kept, possessive and leading "the" dropped."""
    s = " ".join(surface.split())
    s = re.sub(r"[’']s?$", "", s)
    return s.strip(" \"“”‘’'") or surface


def resolve(articles: Sequence[Article]) -> list[Entity]:
    """Group every person, organisation, place and group mention of `articles` into entities.

    Entities never cross stories. Each entity's label is the majority label of its mentions, its
    name its most frequent written form, and its aliases the other forms.
    """
    groups: dict[tuple[str, str], list[tuple[Mention, str]]] = defaultdict(list)
    for article in articles:
        for span in article.entities:
            if span.label not in ENTITY_KINDS:
                continue
            surface = article.text[span.start : span.end]
            key = normalise(surface)
            if not key or not any(c.isalpha() for c in key):
                continue
            groups[(article.story, key)].append((Mention(article.id, span.start, span.end, surface), span.label))

    order = {a.id: i for i, a in enumerate(articles)}
    entities = []
    for (story, _key), members in groups.items():
        forms = Counter(display_form(m.text) for m, _ in members)
        name = max(forms, key=lambda f: (forms[f], len(f), f))
        label = Counter(lb for _, lb in members).most_common(1)[0][0]
        mentions = tuple(sorted((m for m, _ in members), key=lambda m: (order[m.doc], m.start)))
        aliases = tuple(sorted(f for f in forms if f != name))
        entities.append(Entity("", name, label, story, aliases, mentions))
    entities.sort(key=lambda e: (e.story, -len(e.mentions), e.name.casefold()))
    numbered: Counter[str] = Counter()
    out = []
    for e in entities:  # ids count within a story, so loading other stories never changes them
        numbered[e.story] += 1
        eid = f"{e.story}/e{numbered[e.story]}" if e.story else f"e{numbered[e.story]}"
        out.append(Entity(eid, e.name, e.label, e.story, e.aliases, e.mentions))
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
    def build(cls, articles: Iterable[Article]) -> EntityIndex:
        arts = list(articles)
        return cls({a.id: a for a in arts}, resolve(arts))

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
