"""Messages between the loader, the panes and the screens. Handlers change state; senders only post."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:   # the app paints before the analysis modules (and numpy) are imported
    from ..analysis.align import Aligner
    from ..analysis.copied import Copied
    from ..analysis.entities import EntityIndex
    from ..analysis.quotes import QuoteIndex
    from ..analysis.stories import Story
    from ..model import Article
    from ..preprocess.corpus import Corpus
    from ..preprocess.index import Report
    from ..preprocess.manifest import Entry


@dataclass
class LoadProgress(Message):
    """The loader parsed `done` of `total` articles that were not in the cache."""

    done: int
    total: int
    doc_id: str


@dataclass
class CorpusLoaded(Message):
    """The articles loaded so far; `finished` is False while later stories are still loading."""

    corpus: Corpus
    articles: list[Article]
    entities: EntityIndex
    report: Report
    finished: bool = True
    aligner: Aligner | None = None
    quotes: QuoteIndex | None = None
    stories: list[Story] = field(default_factory=list)   # with their names, for the article list
    listed: bool = False      # one story of a corpus read a story at a time (the list has them all)
    copied: dict[str, Copied] = field(default_factory=dict)   # each article's copied text (analysis.copied)


@dataclass
class CorpusListed(Message):
    """Every article of a corpus read one story at a time, from its manifest, before any is read."""

    rows: list[Entry]
    stories: list[Story]


@dataclass
class ArticleRead(Message):
    """The first article of a corpus read one story at a time, read before the rest of its story:
    its text is shown at once, its entities when the story is ready."""

    article: Article


@dataclass
class LoadFailed(Message):
    reason: str


@dataclass
class ArticleChosen(Message):
    """Show this article (from the article list)."""

    doc_id: str


@dataclass
class EntityChosen(Message):
    """Make this entity the selected one and go to its first mention in view."""

    entity_id: str


@dataclass(frozen=True)
class Place:
    """Where a modal view sends the reader: `doc_id` with the cursor on the sentence holding `offset`."""

    doc_id: str
    offset: int
    entity_id: str | None = None


@dataclass
class Corrected(Message):
    """A correction was saved: the entities, alignment and quotations rebuilt with it."""

    entities: EntityIndex
    aligner: Aligner
    quotes: QuoteIndex
    note: str                              # what was done, and where it was saved
    problems: list[str] = field(default_factory=list)   # correction files that could not be used
    select: tuple[str, str] | None = None  # (story, name): the entity to select after it
