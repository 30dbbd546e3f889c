"""Wording contrast: the words and two-word phrases each outlet uses more than the others.

Each outlet's counts are set against the other outlets' by the weighted log-odds ratio with an
informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", §3.5): for a
term w used y_i times in the outlet's n_i terms and y_j times in the others' n_j,

    δ_w = log((y_i + α_w) / (n_i + α0 − y_i − α_w)) − log((y_j + α_w) / (n_j + α0 − y_j − α_w))
    σ²_w ≈ 1 / (y_i + α_w) + 1 / (y_j + α_w),        z_w = δ_w / σ_w

The prior is the counts of the articles compared, all outlets together (α_w = y_i + y_j,
α0 = n_i + n_j), as in the paper's own use of it: a story's outlets against each other, or
the corpus's. So a word every outlet uses often is pulled to zero, and a word one outlet uses
once scores less than one it uses five times. A z of 1.96 or more is a difference that chance
gives less than one time in twenty.

Terms are lemmas of content words (nouns, verbs, adjectives, adverbs), pairs of content words
next to each other ("strongly condemn"), and names: a mention counts as the form naming its
resolved entity, so one outlet's "DPRK" where the others write "North Korea" is a naming
choice, shown with the names the others use. Only the running text counts (headline,
standfirst, headings, body), not bylines, captions or credits.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import BODY, HEADING, HEADLINE, STANDFIRST, Article, Entity, Span
from .match import fold

__all__ = ["SIGNIFICANT", "Contrast", "Term", "Wording", "as_json", "contrast", "group_of"]

SIGNIFICANT = 1.96
WORD, PHRASE, NAME = "word", "phrase", "name"
_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
_LIGHT = frozenset("be have do will would can could may might must shall should also not so then just very "
                   "other such more most only even well as there here too".split())
_RUNNING = frozenset({HEADLINE, STANDFIRST, HEADING, BODY})
_ALPHA = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_THE = re.compile(r"^the\s+")


@dataclass(frozen=True, slots=True)
class Term:
    key: str                   # what is counted: "w:tyranny", "p:strongly condemn", "n:<entity id>:dprk"
    text: str                  # how it reads: "tyranny", "strongly condemn", "DPRK"
    kind: str                  # word, phrase or name
    z: float
    delta: float
    count: int                 # uses in this outlet
    others: int                # uses in the other outlets compared
    uses: tuple[tuple[str, Span], ...]        # the sentences of this outlet using it (doc, sentence)
    entity: str | None = None  # for a name: the entity it names
    other_names: tuple[tuple[str, int], ...] = ()   # for a name: the others' names for that entity, with counts


@dataclass(frozen=True, slots=True)
class Contrast:
    outlet: str
    docs: tuple[str, ...]
    terms: tuple[Term, ...]    # every term it uses more than the others, highest z first


def group_of(article: Article, labels: dict[str, str]) -> str:
    """The outlet an article counts for: its outlet, or where it names none, its own label."""
    return article.meta.outlet or labels.get(article.id, article.id)


@dataclass(slots=True)
class _Counts:
    terms: Counter[str]
    uses: dict[str, list[tuple[str, Span]]]
    surface: dict[str, dict[str, int]]     # a name's or phrase's key -> how it was written


def _terms(article: Article, entities: Sequence[Entity]) -> _Counts:
    """The terms of one article's running text, each with the sentences using it."""
    t, text = article.tokens, article.text
    mention_of: dict[int, tuple[int, Entity]] = {}   # token start offset -> (mention end, entity)
    for e in entities:
        for m in e.mentions:
            if m.doc == article.id:
                mention_of[m.start] = (m.end, e)
    running = sorted((b.start, b.end) for b in article.blocks if b.kind in _RUNNING)
    sentences = article.sentences
    counts: Counter[str] = Counter()
    uses: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    surface: dict[str, dict[str, int]] = {}
    s_i = b_i = 0
    i, n = 0, len(t)
    prev: tuple[str, str, int] | None = None    # the last content word: (lemma, form, sentence)
    while i < n:
        pos = t.idx[i]
        while s_i < len(sentences) and sentences[s_i].end <= pos:
            s_i += 1
        while b_i < len(running) and running[b_i][1] <= pos:
            b_i += 1
        if s_i == len(sentences):
            break
        sentence = sentences[s_i]
        if b_i == len(running) or pos < running[b_i][0]:
            i += 1
            prev = None
            continue
        found = mention_of.get(pos)
        if found is not None:
            end, e = found
            written = text[pos:end]
            name = _THE.sub("", _POSSESSIVE.sub("", fold(written)))   # "the Netherlands" names what "Netherlands" does
            key = f"n:{e.id}:{name}"
            _count(counts, uses, key, article.id, sentence)
            _seen(surface, key, _POSSESSIVE.sub("", written.strip()))
            while i < n and t.idx[i] < end:
                i += 1
            prev = None
            continue
        word = text[pos : pos + t.length[i]]
        if t.pos[i] in _CONTENT and _ALPHA.fullmatch(word) and len(word) > 1:
            lemma = t.lemma_of(i, text).casefold()
            if lemma in _LIGHT:
                prev = None
            else:
                _count(counts, uses, f"w:{lemma}", article.id, sentence)
                if prev is not None and prev[2] == s_i:
                    key = f"p:{prev[0]} {lemma}"
                    _count(counts, uses, key, article.id, sentence)
                    _seen(surface, key, f"{prev[1]} {word}".lower())   # as written: "officials said"
                prev = (lemma, word, s_i)
        else:
            prev = None
        i += 1
    return _Counts(counts, uses, surface)


def _seen(surface: dict[str, dict[str, int]], key: str, written: str) -> None:
    forms = surface.get(key)
    if forms is None:
        surface[key] = {written: 1}
    else:
        forms[written] = forms.get(written, 0) + 1


def _count(counts: Counter[str], uses: dict[str, list[tuple[str, Span]]], key: str, doc: str, sentence: Span) -> None:
    counts[key] += 1
    here = uses[key]
    if not here or here[-1][1] is not sentence or here[-1][0] != doc:
        here.append((doc, sentence))


class Wording:
    """The terms of a corpus's articles, counted once per article: each outlet's contrast with
    the others of a story, or of the corpus, reads them from here."""

    def __init__(self, articles: Sequence[Article], entities: Iterable[Entity], labels: dict[str, str]) -> None:
        self.articles = list(articles)
        self.labels = labels
        self._by_doc: dict[str, list[Entity]] = defaultdict(list)
        self.names: dict[str, str] = {}
        for e in entities:
            self.names[e.id] = e.name
            for d in {m.doc for m in e.mentions}:
                self._by_doc[d].append(e)
        self._per: dict[str, _Counts] = {}

    def of(self, a: Article) -> _Counts:
        found = self._per.get(a.id)
        if found is None:
            found = self._per[a.id] = _terms(a, self._by_doc.get(a.id, []))
        return found

    def contrast(self, articles: Sequence[Article], outlets: Iterable[str] | None = None) -> list[Contrast]:
        """For each outlet of `articles` (or only those in `outlets`), the terms it uses more
        than the other outlets of `articles`."""
        groups: dict[str, list[Article]] = defaultdict(list)
        for a in articles:
            groups[group_of(a, self.labels)].append(a)
        total: Counter[str] = Counter()
        written: dict[str, Counter[str]] = defaultdict(Counter)   # a name's key -> its forms, in `articles`
        for a in articles:
            c = self.of(a)
            total.update(c.terms)
            for k, w in c.surface.items():
                if k[0] == "n":
                    written[k].update(w)
        by_entity: dict[str, list[str]] = defaultdict(list)
        for k in written:
            by_entity[k.split(":", 2)[1]].append(k)
        wanted = set(outlets) if outlets is not None else set(groups)
        n_total = sum(total.values())
        return [self._one(outlet, members, total, written, by_entity, n_total)
                for outlet, members in groups.items() if outlet in wanted]

    def _one(self, outlet: str, members: list[Article], total: Counter[str], written: dict[str, Counter[str]],
             by_entity: dict[str, list[str]], n_total: int) -> Contrast:
        mine: Counter[str] = Counter()
        counts = [self.of(a) for a in members]
        for c in counts:
            mine.update(c.terms)
        n_i = sum(mine.values())
        n_j = n_total - n_i
        docs = tuple(a.id for a in members)
        if not n_i or not n_j:
            return Contrast(outlet, docs, ())
        a0 = n_i + n_j
        terms = []
        for key, y_i in mine.items():
            y_j = total[key] - y_i
            a_w = total[key]   # the prior: the term's count in every outlet compared (α0 = a0)
            delta = (math.log((y_i + a_w) / (n_i + a0 - y_i - a_w))
                     - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w)))
            z = delta / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
            if z <= 0:
                continue
            kind = {"w": WORD, "p": PHRASE, "n": NAME}[key[0]]
            surface: Counter[str] = Counter()
            if kind != WORD:
                for c in counts:
                    surface.update(c.surface.get(key, {}))
            entity, other_names = None, ()
            if kind == NAME:
                eid = key.split(":", 2)[1]
                entity = self.names.get(eid)
                forms: Counter[str] = Counter()   # how the other outlets name it, other than as this term does
                for k in by_entity[eid]:
                    if k != key:
                        forms.update(written[k])
                        for c in counts:
                            forms.subtract(c.surface.get(k, {}))
                other_names = tuple((f, c) for f, c in forms.most_common(4) if c > 0)[:3]
            terms.append(Term(key, surface.most_common(1)[0][0] if surface else key[2:], kind, round(z, 2),
                              round(delta, 3), y_i, y_j, tuple(u for c in counts for u in c.uses.get(key, ())),
                              entity, other_names))
        terms.sort(key=lambda t: (-t.z, t.text))
        return Contrast(outlet, docs, tuple(terms))


def contrast(articles: Sequence[Article], entities: Iterable[Entity], labels: dict[str, str],
             outlets: Iterable[str] | None = None) -> list[Contrast]:
    """`Wording.contrast` for one set of articles."""
    return Wording(articles, entities, labels).contrast(articles, outlets)


def as_json(found: Iterable[Contrast], texts: dict[str, str], limit: int | None = None) -> dict:
    """What `parallax contrast --json` prints."""
    def term(t: Term) -> dict:
        out = {"term": t.text, "kind": t.kind, "z": t.z, "log_odds": t.delta, "count": t.count, "others": t.others,
               "sentences": [{"doc": d, "start": s.start, "end": s.end, "text": texts[d][s.start : s.end]}
                             for d, s in t.uses]}
        if t.kind == NAME:
            out["entity"] = t.entity
            out["others_write"] = [{"name": n, "count": c} for n, c in t.other_names]
        return out

    return {"outlets": [{"outlet": c.outlet, "docs": [{"doc": d} for d in c.docs],
                         "terms": [term(t) for t in c.terms[:limit]]} for c in found]}
