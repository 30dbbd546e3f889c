"""The data model every layer passes around and the cache serialises.

Offsets are character offsets into an article's cleaned text unless a name says otherwise
(`raw_start` / `raw_end` are offsets into the decoded source file).
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .untrusted import shown

# Block kinds, in the order a reader meets them.
HEADLINE = "headline"
STANDFIRST = "standfirst"
BYLINE = "byline"
DATELINE = "dateline"
HEADING = "heading"
BODY = "body"
CAPTION = "caption"
CREDIT = "credit"
SOURCE = "source"
BLOCK_KINDS = (HEADLINE, STANDFIRST, BYLINE, DATELINE, HEADING, BODY, CAPTION, CREDIT, SOURCE)


class CorpusError(Exception):
    """The corpus folder cannot be used at all (missing, not a folder, unreadable)."""


def corpus_root(root: str | os.PathLike[str]) -> Path:
    """A corpus folder's absolute path. Raises `CorpusError` when it is missing or not a folder;
    nothing in it is read."""
    path = Path(root).expanduser()
    if not path.exists():
        raise CorpusError(f"no such folder: {shown(path)}")
    if not path.is_dir():
        raise CorpusError(f"not a folder: {shown(path)}")
    return path.resolve()


class NotFound(LookupError):
    """A name (a document id, a speaker) that picks nothing, or more than one thing; the message
    says which."""


def story_of(doc_id: str) -> str:
    """The story a document belongs to: its folder inside the corpus ("" at the top level)."""
    return doc_id.rsplit("/", 1)[0] if "/" in doc_id else ""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of the cleaned text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the cleaned text and what it is (body, caption, byline, ...)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Removal:
    """Text that cleaning dropped, located in the decoded source file."""

    raw_start: int
    raw_end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named-entity mention as the parser tagged it."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps cleaned-text offsets back to offsets in the decoded source file.

    Stored as anchors `(clean, raw)`: from an anchor on, characters map one to one until the
    next anchor. Characters cleaning inserted (a paragraph break, a joining space) map to the
    raw position they stand for.
    """

    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def to_raw(self, pos: int) -> int:
        i = bisect.bisect_right(self.anchors, (pos, float("inf"))) - 1
        clean, raw = self.anchors[max(i, 0)]
        return raw + (pos - clean)


@dataclass(frozen=True, slots=True)
class Meta:
    """What the article says about itself. Any field may be unknown."""

    outlet: str | None = None
    headline: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None       # where the article was published, when the source says

    FIELDS = ("outlet", "headline", "byline", "date", "url")

    def merged(self, override: Meta) -> Meta:
        """This metadata with every field `override` knows replaced."""
        return Meta(**{f: getattr(override, f) or getattr(self, f) for f in Meta.FIELDS})


@dataclass(frozen=True, slots=True)
class Tokens:
    """spaCy's token attributes as parallel columns (one entry per token).

    `head` holds absolute token indices; `lemma` is "" where the lemma is the lower-cased
    token text, which keeps the cache small.
    """

    idx: tuple[int, ...] = ()
    length: tuple[int, ...] = ()
    pos: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    dep: tuple[str, ...] = ()
    head: tuple[int, ...] = ()
    lemma: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.idx)

    def lemma_of(self, i: int, text: str) -> str:
        return self.lemma[i] or text[self.idx[i] : self.idx[i] + self.length[i]].lower()


@dataclass(frozen=True, slots=True)
class Lines:
    """What the corpus-wide furniture rule (`preprocess.recurring`) knows of one article: a key
    for each line the article's own cleaning kept, with the line's word count; the keys of the
    lines then taken out because they recur in other articles of the outlet; and the keys of
    the lines never taken out that way (its headline, metadata, quotations)."""

    keys: tuple[tuple[str, int], ...] = ()
    recurring: frozenset[str] = frozenset()
    fixed: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The outcome of cleaning one source file."""

    text: str
    blocks: tuple[Block, ...]
    removals: tuple[Removal, ...]
    offsets: OffsetMap
    meta: Meta
    lines: Lines = Lines()


@dataclass(frozen=True, slots=True)
class Source:
    """One article file of a corpus, read but not yet parsed."""

    id: str
    path: str
    story: str
    sha256: str
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()
    meta: Meta = Meta()      # what the source itself says (a web page's title, author, date, URL)
    captions: frozenset[str] = frozenset()   # paragraphs of `text` the source marks as captions


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned and parsed article: what the app, the CLI and later analysis read."""

    id: str
    path: str
    story: str
    sha256: str
    encoding: str
    meta: Meta
    text: str
    blocks: tuple[Block, ...]
    removals: tuple[Removal, ...]
    offsets: OffsetMap
    sentences: tuple[Span, ...]
    entities: tuple[EntitySpan, ...]
    tokens: Tokens = field(default_factory=Tokens)
    lines: Lines = Lines()

    @property
    def outlet(self) -> str:
        """The outlet's name, or the document id where the article does not say."""
        return self.meta.outlet or self.id

    @property
    def title(self) -> str:
        """The headline, or the opening words of the text where there is none."""
        if self.meta.headline:
            return self.meta.headline
        first = self.text.split("\n", 1)[0]
        return first if len(first) <= 80 else first[:79].rsplit(" ", 1)[0] + "…"

    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Mention:
    """One place an entity is named: a span of one article's cleaned text."""

    doc: str
    start: int
    end: int
    text: str


# Entity labels the app shows, and the sidebar group each belongs to.
ENTITY_KINDS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places",
                "FAC": "places", "NORP": "groups"}
KIND_ORDER = ("people", "organisations", "places", "groups")
ONE_OF_KIND = {"people": "person", "organisations": "organisation", "places": "place", "groups": "group"}


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world person, organisation, place or group, with every mention of it in one story."""

    id: str
    name: str
    label: str
    story: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]

    @property
    def kind(self) -> str:
        return ENTITY_KINDS.get(self.label, "groups")


_LABEL_WORDS = 32   # characters of a headline that tell two articles of one outlet apart


def short_title(title: str) -> str:
    return title if len(title) <= _LABEL_WORDS else title[: _LABEL_WORDS - 1].rsplit(" ", 1)[0] + "…"


def article_labels(articles: Iterable[Article]) -> dict[str, str]:
    """A label for each article that tells it apart from the others of its story: its outlet
    where that is the story's only article from it; the outlet and the opening of its headline
    where the outlet has several ("omaha: Creighton's Doug McDermott…"); the opening of its
    headline (or text) where no outlet is known."""
    by_story: dict[str, list[Article]] = {}
    for a in articles:
        by_story.setdefault(a.story, []).append(a)
    out: dict[str, str] = {}
    for members in by_story.values():
        count: dict[str, int] = {}
        for a in members:
            if a.meta.outlet:
                count[a.meta.outlet] = count.get(a.meta.outlet, 0) + 1
        for a in members:
            outlet = a.meta.outlet
            if outlet and count[outlet] == 1:
                out[a.id] = outlet
            elif outlet:
                out[a.id] = f"{outlet}: {short_title(a.title)}"
            else:
                out[a.id] = short_title(a.title)
    return out


def citation(article: Article) -> str:
    """Where a passage comes from, as a reader cites it: "The Korea Herald, “NATO slams …”,
    2024-07-11, https://…" (what the article does not say is left out; its id where no outlet
    or URL is known)."""
    parts = [article.meta.outlet or "outlet not named", f"“{article.title}”"]
    if article.meta.date:
        parts.append(article.meta.date.replace("T", " "))
    parts.append(article.meta.url or f"document {article.id}")
    return ", ".join(" ".join(p.split()) for p in parts)


def cited(text: str, article: Article) -> str:
    """A passage in quotation marks (its own, where it opens with one) with its citation after it."""
    words = " ".join(text.split())
    quoted = words if words[:1] in "“\"‘'«„" and words else f"“{words}”"
    return f"{quoted}\n— {citation(article)}"


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation in one article.

    `start`/`end` span the quoted words (marks excluded) in the cleaned text; a quote running
    over several paragraphs has one part per paragraph, and `text` joins them with a newline.
    `speaker` is an entity id or None; `source` is how the article names the speaker ("he",
    "a senior official", "Kim Tae-hyo"); `how` says how it was found (the reporting verb,
    "according to", or "continues" for a quote that carries on the one before); `confidence`
    how sure the speaker is: "named" in the frame, "likely" (a surname, a role noun or a document
    matched to the one entity that fits), or "guess" (a pronoun's antecedent, the organisation an
    article names most), which a reader should check.
    """

    doc: str
    start: int
    end: int
    text: str
    parts: tuple[Span, ...]
    speaker: str | None = None
    source: str | None = None
    how: str | None = None
    group: str = ""
    confidence: str | None = None   # of the speaker: "named", "likely" or "guess" (worth checking)
    by: str | None = None           # how the speaker was found: name, surname, role, document, pronoun, body, continues
