"""Direct quotations: where an article quotes someone, who it quotes, and the same quotation in
other outlets. In three stages, one module each:

- `marks`: the stretches between quotation marks, with scraped text's broken marks repaired,
  and which of them are someone's words (not a title or a scare quote);
- `speakers`: who said each one, from the dependency parse (`find_quotes`);
- `remarks`: the same remark in other outlets, and word diffs between renderings.

`QuoteIndex` runs them over a corpus and holds the lookups the views need.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...model import Article, Entity, Mention, NotFound, Quote
from ..corrections import SpeakerFix, apply_fixes
from ..resolve import normalise
from .lookups import Story, mute
from .marks import quote_spans
from .remarks import compare, group, reference
from .speakers import find_quotes

__all__ = ["Quote", "QuoteIndex", "as_json", "by_speaker", "compare", "find_quotes", "quote_spans", "reference",
           "speaker_order"]


@dataclass(slots=True)
class QuoteIndex:
    """Every quotation of a corpus, with the lookups the views need."""

    quotes: list[Quote]
    entities: dict[str, Entity]
    outlets: dict[str, str] = field(default_factory=dict)   # doc id -> outlet
    missed: list[SpeakerFix] = field(default_factory=list)   # corrections that found no quotation or speaker
    by_doc: dict[str, list[Quote]] = field(init=False)
    groups: dict[str, list[Quote]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_doc = defaultdict(list)
        self.groups = defaultdict(list)
        for q in self.quotes:
            self.by_doc[q.doc].append(q)
            self.groups[q.group].append(q)

    @classmethod
    def build(cls, articles: Iterable[Article], in_doc: dict[str, list[tuple[Mention, Entity]]],
              entities: Iterable[Entity], fixes: Sequence[SpeakerFix] = ()) -> QuoteIndex:
        """The quotations of `articles`, with the user's speaker corrections (`fixes`) applied."""
        by_story: dict[str, list[Entity]] = defaultdict(list)
        for e in entities:
            by_story[e.story].append(e)
        arts = list(articles)
        by_doc = {a.id: a for a in arts}
        stories = {story: Story(members, mute(members, by_doc)) for story, members in by_story.items()}
        found = [q for a in arts for q in find_quotes(a, in_doc.get(a.id, ()), stories.get(a.story) or Story(()))]
        story_of = {a.id: a.story for a in arts}
        found, missed = apply_fixes(found, fixes, story_of, (e for members in by_story.values() for e in members))
        return cls(group(found, story_of), {e.id: e for members in by_story.values() for e in members},
                   {a.id: a.outlet for a in arts}, missed)

    def speaker_name(self, q: Quote) -> str | None:
        return self.entities[q.speaker].name if q.speaker else None

    def speakers_named(self, name: str) -> set[str]:
        """The speaker ids `name` picks: those with that name or alias (any case), else the one
        speaker whose name contains it. Raises `NotFound` when it picks none, or several."""
        speakers = {q.speaker for q in self.quotes if q.speaker}
        key = normalise(name)
        exact = {s for s in speakers
                 if key in {normalise(n) for n in (self.entities[s].name, *self.entities[s].aliases)}}
        if exact:
            return exact
        partial = {s for s in speakers if key and key in normalise(self.entities[s].name)}
        names = sorted({self.entities[s].name for s in partial})
        if len(names) == 1:
            return partial
        if names:
            raise NotFound(f"'{name}' names several speakers: {', '.join(names[:8])}")
        raise NotFound(f"no quoted speaker is named '{name}' (see 'parallax quotes' for the speakers)")



def by_speaker(quotes: Iterable[Quote]) -> dict[str | None, dict[str, list[Quote]]]:
    """Quotations by speaker (None: no speaker named), then by remark (group), in the order met."""
    out: dict[str | None, dict[str, list[Quote]]] = defaultdict(lambda: defaultdict(list))
    for q in quotes:
        out[q.speaker][q.group].append(q)
    return out


def speaker_order(remarks: dict[str | None, dict[str, list[Quote]]]) -> list[str | None]:
    """The speakers of `by_speaker`'s grouping, most quoted first, quotations with no speaker named last."""
    return sorted(remarks, key=lambda s: (s is None, -sum(map(len, remarks[s].values()))))


def as_json(index: QuoteIndex, quotes: Iterable[Quote] | None = None) -> dict:
    """What `parallax quotes --json` prints."""
    return {"quotes": [
        {"doc": q.doc, "start": q.start, "end": q.end, "text": q.text, "speaker": index.speaker_name(q),
         "group": q.group, "source": q.source, "how": q.how, "by": q.by, "confidence": q.confidence}
        for q in (index.quotes if quotes is None else quotes)]}
