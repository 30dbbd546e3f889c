"""Passage alignment across the articles of a story: which sentences of different outlets report
the same thing, how alike they are, and what kind of difference separates them.

Two signals decide, each measured per pair of sentences from different articles:

* **Shared wording**: the longest run of words the two have in common after folding case,
  quote marks, dashes and British or American spelling. A run of eight words or more is a
  quotation or a reused clause, so the pair is linked wherever it sits in either sentence and
  however many sentences of the other article carry a piece of it (one outlet's sentence split
  in two by another). Its score is how much of the two such runs cover.
* **Shared content**: the content words and named entities of each sentence, weighted by how
  rare they are in the story (inverse sentence frequency), compared as a cosine. Words are
  lemmas, with ordinals read as numbers ("third" as "three"), digits up to twelve as words,
  and words of one family in the story joined ("agree" and "agreement"); an entity is one
  word whatever its name in the sentence ("DPRK", "North Korea"), through the resolved
  entities. A paraphrase keeps the rare words of a statement, so it scores high; two sentences
  about the same subject share only its common words. Phrases kept whole (two content words
  next to each other in both, "consecutive year") add to the evidence, unless the story pairs
  those words everywhere. A content link needs that evidence to reach `MIN_SCORE` and the two
  sentences to be each other's best match between their two articles, so a statement pairs
  with its rewording and not with every sentence on the same subject. Its score is that
  evidence, capped at 1, so no paraphrase shows a score below `MIN_SCORE`.

Each pair is then named by the word diff of the stretch the two share: *verbatim* (the same
words, quote marks and case aside), a *variant* (spelling, punctuation and a few words), or a
*paraphrase*.

Candidates come from an inverted index of content words (the rare ones, and each sentence's
three rarest): only sentences sharing one are compared, so the cost grows with a story's
size, not with the square of it, and stories never meet.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ..model import Article, Entity, Span
from ..preprocess.cache import Cache, cached, reading
from .match import EQUAL, MINOR, fold, word_diff

__all__ = ["KINDS", "MIN_SCORE", "AlignedPair", "Aligner", "Alignment", "Counterpart", "Passage", "align", "align_cached",
           "align_corpus", "align_story", "as_json", "sentence_keys"]

VERBATIM, VARIANT, PARAPHRASE = "verbatim", "variant", "paraphrase"
KINDS = (VERBATIM, VARIANT, PARAPHRASE)
MIN_SCORE = 0.35       # content evidence a mutual best match needs
PHRASE_BONUS = 0.15    # per shared pair of nearby content words (up to three): phrases kept
QUOTE_RUN = 8          # words in a row that make a shared quotation or clause
_MIN_SHARED = 2        # content words two sentences must share to be compared on content
_BLOCK_KEYS = 3        # every sentence is indexed under at least its three rarest words
_BLOCK_LIMIT = 400     # ... but not under a word that many sentences share
_RUN_MIN = 3           # a shorter common run counts towards coverage only from this length

_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
_LIGHT = frozenset("be have do say tell will would also which that this these those there their they "
                   "he she it its his her not other more most such as so then than very just".split())
_ORDINALS = {"first": "one", "second": "two", "third": "three", "fourth": "four", "fifth": "five",
             "sixth": "six", "seventh": "seven", "eighth": "eight", "ninth": "nine", "tenth": "ten",
             "eleventh": "eleven", "twelfth": "twelve"}
_NUMBERS = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve".split()))
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_BOUNDARY = re.compile(r"[\s-]")
# British and American spellings read alike in shared runs: doubled letters, -our/-or,
# -ise/-ize, -yse/-yze, -tre/-ter, -ence/-ense, -ogue/-og
_SPELLING = [(re.compile(r"(\w)\1"), r"\1"), (re.compile(r"(?<=\w\w\w)our\b"), "or"), (re.compile(r"is(e|ed|es|ing|ation)\b"), r"iz\1"),
             (re.compile(r"ys(e|ed|es|ing)\b"), r"yz\1"), (re.compile(r"tre(s?)\b"), r"ter\1"),
             (re.compile(r"ence\b"), "ense"), (re.compile(r"ogue\b"), "og")]


def _spelling_key(word: str) -> str:
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


@dataclass(frozen=True, slots=True)
class Passage:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Two passages of different articles that report the same thing.

    `core_a` / `core_b` are the offsets of the stretch the two share (the quotation inside a
    longer sentence, say); for a paraphrase they are the whole passages."""

    a: Passage
    b: Passage
    score: float
    kind: str
    core_a: tuple[int, int]
    core_b: tuple[int, int]


@dataclass(slots=True)
class _Sentence:
    doc: str
    start: int
    end: int
    keys: frozenset[str]
    pairs: frozenset[tuple[str, str]]  # content words near each other (at most one between)
    words: list[str]                  # folded words, for shared runs
    offsets: list[tuple[int, int]]    # their offsets in the article


def _normal(lemma: str) -> str:
    lemma = _ORDINALS.get(lemma, lemma)
    return _NUMBERS.get(int(lemma), lemma) if lemma.isascii() and lemma.isdigit() and int(lemma) <= 12 else lemma


def sentence_keys(article: Article, entities: Iterable[Entity] = ()) -> list[list[str]]:
    """For each sentence of `article`, its content words in order: lemmas of content words, and
    one word per entity mention, the entity's canonical name."""
    mentions = sorted((m.start, m.end, e.name.casefold()) for e in entities for m in e.mentions
                      if m.doc == article.id)
    t, text = article.tokens, article.text
    out: list[list[str]] = [[] for _ in article.sentences]
    if not article.sentences:
        return out
    s_i, m_i = 0, 0
    last_mention = -1
    for i in range(len(t)):
        pos = t.idx[i]
        while s_i < len(article.sentences) and article.sentences[s_i].end <= pos:
            s_i += 1
        if s_i == len(article.sentences):
            break
        if pos < article.sentences[s_i].start:
            continue
        while m_i < len(mentions) and mentions[m_i][1] <= pos:
            m_i += 1
        if m_i < len(mentions) and mentions[m_i][0] <= pos:
            if last_mention != m_i:
                out[s_i].append(mentions[m_i][2])
                last_mention = m_i
            continue
        if t.pos[i] not in _CONTENT:
            continue
        lemma = _normal(t.lemma_of(i, text).casefold())
        if lemma not in _LIGHT and any(c.isalnum() for c in lemma):
            out[s_i].append(lemma)
    return out


def _families(vocabulary: Iterable[str]) -> dict[str, str]:
    """Each word of the story to the first of its family, words that differ only in an ending
    ("agree", "agreement"; "Russia", "Russian"): a common beginning of five letters or more that
    covers four fifths of the shorter word, with no space or hyphen in the endings."""
    family: dict[str, str] = {}
    root = ""
    for word in sorted(vocabulary):
        common = 0
        for x, y in zip(word, root, strict=False):
            if x != y:
                break
            common += 1
        if (root and common >= 5 and common >= 0.8 * min(len(word), len(root))
                and not _BOUNDARY.search(word[common:] + root[common:])):
            family[word] = root
        else:
            root = family[word] = word
    return family


def _sentences(article: Article, keys: list[list[str]], family: dict[str, str]) -> list[_Sentence]:
    out = []
    for s, words in zip(article.sentences, keys, strict=True):
        found = [(m.group(), s.start + m.start(), s.start + m.end()) for m in _WORD.finditer(article.text[s.start : s.end])]
        seq = [family[w] for w in words]
        near = {tuple(sorted((seq[i], seq[k]))) for i in range(len(seq)) for k in (i + 1, i + 2) if k < len(seq)}
        out.append(_Sentence(article.id, s.start, s.end, frozenset(seq), frozenset(near),
                             [_spelling_key(fold(w)) for w, _, _ in found], [(a, b) for _, a, b in found]))
    return out


def _runs(x: _Sentence, y: _Sentence) -> tuple[int, float, tuple[int, int], tuple[int, int]]:
    """The longest run of words `x` and `y` share, how much of them runs of three words or more
    cover (1 when the two are the same), and the stretch of each those runs span."""
    longest, covered = 0, 0
    first_a = first_b = None
    last_a = last_b = 0
    for op in Indel.opcodes(x.words, y.words):
        if op.tag != EQUAL:
            continue
        n = op.src_end - op.src_start
        longest = max(longest, n)
        if n >= _RUN_MIN:
            covered += n
            first_a = op.src_start if first_a is None else first_a
            first_b = op.dest_start if first_b is None else first_b
            last_a, last_b = op.src_end, op.dest_end
    if first_a is None or first_b is None:
        return longest, 0.0, (x.start, x.end), (y.start, y.end)
    core_a = (x.offsets[first_a][0], x.offsets[last_a - 1][1])
    core_b = (y.offsets[first_b][0], y.offsets[last_b - 1][1])
    # how much of the shorter is shared, and of both: a quotation inside a long sentence scores
    # lower than the same sentence in both
    shorter = min(1.0, covered / max(1, min(len(x.words), len(y.words))))
    both = 2 * covered / max(1, len(x.words) + len(y.words))
    return longest, (shorter + both) / 2, core_a, core_b


def _kind(a: str, b: str) -> str:
    """Verbatim when the two read the same but for case and quote marks; a variant when the
    rest is spelling, punctuation and a few words; otherwise a paraphrase."""
    if fold(a) == fold(b) or _WORD.findall(fold(a)) == _WORD.findall(fold(b)):
        return VERBATIM
    edits = word_diff(a, b)
    changed = sum(len(_WORD.findall(e.old)) + len(_WORD.findall(e.new)) for e in edits
                  if e.op != EQUAL and e.kind not in MINOR)
    words = len(_WORD.findall(a)) + len(_WORD.findall(b))
    return VARIANT if changed <= max(4, words // 8) else PARAPHRASE


def align_story(articles: Sequence[Article], entities: Iterable[Entity] | None = None,
                min_score: float = MIN_SCORE) -> list[AlignedPair]:
    """Aligned passages between every two articles of one story, in document order.

    `entities` are the story's resolved entities (resolved here when not given)."""
    if len({a.id for a in articles}) < 2:
        return []
    if entities is None:
        from .resolve import resolve_story  # only when the caller has none at hand

        entities = resolve_story(articles[0].story, articles)
    ents = list(entities)
    keys = {a.id: sentence_keys(a, ents) for a in articles}
    family = _families({w for per in keys.values() for words in per for w in words})
    by_doc = {a.id: _sentences(a, keys[a.id], family) for a in articles}
    units = [s for a in articles for s in by_doc[a.id]]
    df: Counter[str] = Counter(k for u in units for k in u.keys)
    n = len(units)
    weight = {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}
    pair_df: Counter[tuple[str, str]] = Counter(p for u in units for p in u.pairs)
    mass = [math.sqrt(sum(weight[k] for k in u.keys)) for u in units]

    # candidates: pairs of sentences of different articles that share a rare content word, or
    # one of the three rarest words of each (so a sentence of common words still finds its copy)
    rare = max(3, n // 15)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for rank, k in enumerate(sorted(u.keys, key=lambda k: (df[k], k))):
            if df[k] <= rare or rank < _BLOCK_KEYS:
                postings[k].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > _BLOCK_LIMIT:
            continue  # a word that common tells nothing apart
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if units[i].doc != units[j].doc:
                    candidates.add((i, j))

    content: dict[tuple[int, int], float] = {}   # evidence: the cosine, with the phrase bonus
    best: dict[tuple[int, str], tuple[float, int]] = {}    # (sentence, other doc) -> best content match
    quoted: list[tuple[int, int]] = []
    for i, j in candidates:
        u, v = units[i], units[j]
        common = u.keys & v.keys
        if len(common) < _MIN_SHARED:
            continue
        cosine = sum(weight[k] for k in common) / max(1e-9, mass[i] * mass[j])
        score = cosine * (1 + PHRASE_BONUS * min(3, sum(pair_df[p] <= len(articles) for p in u.pairs & v.pairs)))
        content[(i, j)] = score
        for here, there in ((i, j), (j, i)):
            slot = (here, units[there].doc)
            if slot not in best or score > best[slot][0]:
                best[slot] = (score, there)
        if len(common) >= 4 and len(u.words) >= QUOTE_RUN and len(v.words) >= QUOTE_RUN:
            quoted.append((i, j))

    chosen: dict[tuple[int, int], tuple[float, tuple[int, int], tuple[int, int]]] = {}
    for i, j in quoted:
        longest, coverage, core_a, core_b = _runs(units[i], units[j])
        if longest >= QUOTE_RUN:
            chosen[(i, j)] = (coverage, core_a, core_b)
    for (i, j), score in content.items():
        if (i, j) in chosen or score < min_score:
            continue
        if best[(i, units[j].doc)][1] == j and best[(j, units[i].doc)][1] == i:
            # the evidence the threshold was tested on, so a paraphrase never shows below MIN_SCORE
            chosen[(i, j)] = (score, (units[i].start, units[i].end), (units[j].start, units[j].end))

    texts = {a.id: a.text for a in articles}
    order = {a.id: n for n, a in enumerate(articles)}
    pairs = []
    for (i, j), (score, core_a, core_b) in chosen.items():
        u, v = units[i], units[j]
        if order[u.doc] > order[v.doc]:
            u, v, core_a, core_b = v, u, core_b, core_a
        ta, tb = texts[u.doc], texts[v.doc]
        pairs.append(AlignedPair(Passage(u.doc, u.start, u.end, ta[u.start : u.end]),
                                 Passage(v.doc, v.start, v.end, tb[v.start : v.end]),
                                 round(min(1.0, score), 3), _kind(ta[slice(*core_a)], tb[slice(*core_b)]),
                                 core_a, core_b))
    pairs.sort(key=lambda p: (order[p.a.doc], p.a.start, order[p.b.doc], p.b.start))
    return pairs


def _by_story(articles: Iterable[Article], entities: Iterable[Entity] | None
              ) -> list[tuple[list[Article], list[Entity] | None]]:
    stories: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        stories[a.story].append(a)
    by_story: dict[str, list[Entity]] | None = None
    if entities is not None:
        by_story = defaultdict(list)
        for e in entities:
            by_story[e.story].append(e)
    return [(members, None if by_story is None else by_story[story]) for story, members in stories.items()
            if len(members) > 1]


def align(articles: Iterable[Article], entities: Iterable[Entity] | None = None,
          min_score: float = MIN_SCORE) -> list[AlignedPair]:
    """Aligned passages within each story of `articles`."""
    return [p for members, ents in _by_story(articles, entities) for p in align_story(members, ents, min_score)]


def _align_task(task: tuple[list[Article], list[Entity] | None, float]) -> list[AlignedPair]:
    return align_story(*task)


def align_corpus(articles: Iterable[Article], entities: Iterable[Entity] | None = None,
                 min_score: float = MIN_SCORE, jobs: int = 1) -> list[AlignedPair]:
    """`align`, with the stories shared among `jobs` processes, largest first."""
    tasks = sorted(_by_story(articles, entities), key=lambda t: -sum(len(a.text) for a in t[0]))
    if jobs <= 1 or len(tasks) < 2:
        return [p for members, ents in tasks for p in align_story(members, ents, min_score)]
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(min(jobs, len(tasks))) as pool:
        return [p for found in pool.imap(_align_task, [(m, e, min_score) for m, e in tasks]) for p in found]


ALIGNER_VERSION = 3  # bump when the output for the same articles changes (2: sentence repairs, 3: scores)


def align_cached(articles: Sequence[Article], entities: Iterable[Entity], cache: Cache,
                 min_score: float = MIN_SCORE) -> list[AlignedPair]:
    """`align`, story by story, reusing a story's cached alignment while its articles, their
    entities and the aligner are the same."""
    out: list[AlignedPair] = []
    for members, ents in _by_story(articles, entities):
        story = members[0].story
        key = hashlib.sha256(repr((ALIGNER_VERSION, min_score, cache.fingerprint, [(a.id, a.sha256) for a in members],
                                   sorted((e.name, m.doc, m.start, m.end) for e in ents or () for m in e.mentions))
                                  ).encode()).hexdigest()
        out += cached(lambda: from_data(cache.load_story(CACHE_KIND, story, key),  # noqa: B023
                                        {a.id: a.text for a in members}),  # noqa: B023
                      lambda: align_story(members, ents, min_score),  # noqa: B023
                      lambda found: cache.store_story(CACHE_KIND, story, key, to_data(found)))  # noqa: B023
    return out


# --- the cache's plain data: one line per pair,
# "doc_a doc_b a_start-a_end b_start-b_end core_a core_b score kind" ---------------------------------

CACHE_KIND = "alignments"


def to_data(pairs: Sequence[AlignedPair]) -> dict:
    """A story's aligned pairs as the plain data the cache stores."""
    docs = list(dict.fromkeys(d for p in pairs for d in (p.a.doc, p.b.doc)))
    index = {d: i for i, d in enumerate(docs)}
    return {"docs": docs, "pairs": [
        f"{index[p.a.doc]} {index[p.b.doc]} {p.a.start}-{p.a.end} {p.b.start}-{p.b.end} "
        f"{p.core_a[0]}-{p.core_a[1]} {p.core_b[0]}-{p.core_b[1]} {p.score} {p.kind}" for p in pairs]}


def from_data(body: dict, texts: dict[str, str]) -> list[AlignedPair]:
    """The pairs `to_data` stored; passage texts are read back from the articles' `texts`.
    Raises `CacheInvalid` on anything malformed."""
    with reading("alignment"):
        docs = body["docs"]
        out = []
        for line in body["pairs"]:
            da, db, sa, sb, ca, cb, score, kind = line.split(" ")
            if kind not in KINDS:
                raise ValueError(kind)
            a, b = docs[int(da)], docs[int(db)]
            (a0, a1), (b0, b1), core_a, core_b = (tuple(map(int, x.split("-"))) for x in (sa, sb, ca, cb))
            out.append(AlignedPair(Passage(a, a0, a1, texts[a][a0:a1]), Passage(b, b0, b1, texts[b][b0:b1]),
                                   float(score), kind, core_a, core_b))
        return out


@dataclass(frozen=True, slots=True)
class Counterpart:
    """The passage of another article aligned with one of ours, as seen from ours."""

    mine: Passage
    other: Passage
    score: float
    kind: str


class Alignment:
    """Aligned pairs with the lookups the views need: a sentence's counterparts, and the pairs
    between two articles."""

    def __init__(self, pairs: Iterable[AlignedPair]) -> None:
        self.pairs = list(pairs)
        self._from: dict[str, list[Counterpart]] = defaultdict(list)
        for p in self.pairs:
            self._from[p.a.doc].append(Counterpart(p.a, p.b, p.score, p.kind))
            self._from[p.b.doc].append(Counterpart(p.b, p.a, p.score, p.kind))
        for found in self._from.values():
            found.sort(key=lambda c: (c.mine.start, -c.score))

    def counterparts(self, doc: str, start: int, end: int) -> list[Counterpart]:
        """The passages aligned with any passage of `doc` overlapping `start`..`end`, best first,
        one per passage."""
        found = {(c.other.doc, c.other.start): c for c in self._from.get(doc, ())
                 if c.mine.start < end and start < c.mine.end}
        return sorted(found.values(), key=lambda c: -c.score)

    def between(self, a: str, b: str) -> list[Counterpart]:
        """The pairs joining articles `a` and `b`, seen from `a`, in `a`'s order."""
        return [c for c in self._from.get(a, ()) if c.other.doc == b]

    def unaligned(self, article: Article, other: str) -> list[Span]:
        """The sentences of `article` that no passage of article `other` is aligned with."""
        mine = [c.mine for c in self.between(article.id, other)]
        return [s for s in article.sentences if not any(p.start < s.end and s.start < p.end for p in mine)]


class Aligner:
    """Each story's alignment, read from the cache or computed on first use, then kept.
    Safe to call from a worker thread and the UI thread at once."""

    def __init__(self, articles: Iterable[Article], entities: Iterable[Entity], cache: Cache | None = None) -> None:
        self._stories = {members[0].story: (members, ents or []) for members, ents in _by_story(articles, entities)}
        self._cache = cache
        self._done: dict[str, Alignment] = {}
        self._lock = threading.Lock()

    def story(self, story: str) -> Alignment:
        with self._lock:
            if story not in self._done:
                members, ents = self._stories.get(story, ([], []))  # a story of one article aligns nothing
                pairs = (align_cached(members, ents, self._cache) if self._cache is not None
                         else align_story(members, ents))
                self._done[story] = Alignment(pairs)
            return self._done[story]

    def warm(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Align every story now (from a worker), so the views open at once; `stop` says when to give up."""
        for story in list(self._stories):
            if stop():
                return
            self.story(story)


def as_json(pairs: Iterable[AlignedPair]) -> dict:
    """What `parallax align --json` prints."""
    def passage(p: Passage) -> dict:
        return {"doc": p.doc, "start": p.start, "end": p.end, "text": p.text}

    return {"pairs": [{"a": passage(p.a), "b": passage(p.b), "score": p.score, "kind": p.kind} for p in pairs]}
