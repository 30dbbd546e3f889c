"""Stories found in a flat folder: the articles that report the same event, grouped.

Two articles report the same event when they share its vocabulary *and* its specifics. Each
article is two TF-IDF vectors: one of the content words it uses (lemmas of nouns, verbs,
adjectives, proper nouns and numbers such as a model number), and one of its specifics: the names
in its entity mentions (people, organisations, places, groups, products, events), the figures it
gives (a score, a magnitude, a time of day, a toll) and the dates it names. The similarity of two
articles is the product of the two cosines, so both must agree.

Stories are found in two rounds of average-link clustering, because what tells two events of one
kind apart is not what tells them from the rest of the corpus:

1. *Topics*: clusters over the whole corpus, merged while two clusters' articles are, on average,
   at least `LINK` similar; a part of one or two articles then joins the closest larger topic at
   half of `LINK`, as below. Two rehab check-ins, or two seasons' injuries of one team, end up in
   one topic: against the rest of the corpus they share almost everything.
2. *Stories within a topic*: the topic's articles clustered again with weights worked out among
   them alone, at `INNER`. What all of them share (the team, the coach, "injured reserve") now
   weighs least, and what only some share (the player, the date, the figures) decides. A part
   of one or two articles (a brief, an off-angle piece) then joins the topic's closest story when
   it is at least half as similar as `INNER` asks: a lone article is weak evidence of an event of
   its own.

Clusters are cached with each article's word and specifics counts and its topic, so an article
added later joins the topic and the story it is most similar to (or starts one) without redoing
the corpus.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import heapq
import importlib.util
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Article
from ..preprocess import manifest
from ..preprocess.cache import Cache, CacheInvalid, reading

if TYPE_CHECKING:
    import numpy as np

VERSION = 4         # of the stories worked out from the counts
COUNTS_VERSION = 2  # of what `counts_of` keeps of an article
# Two articles of one topic share, on average, a quarter of what weighs in their words and a
# quarter of what weighs in their specifics: a geometric mean of the two cosines of 1/4, a product
# of 1/16. A round figure, not a fitted one: on ecb-events B-cubed F1 stays within 0.89 to 0.91
# for products from 1/32 to 1/12 with one round (see the commit that set it).
LINK = 1 / 16
# Within a topic the shared vocabulary no longer counts, so similarities are lower: a fifth of
# what weighs, a product of 1/25 (taken as 1/24). On ecb-events F1 is 0.935 to 0.946 for 1/32 to
# 1/20 and falls off on either side (see the commit that set it).
INNER = 1 / 24
FRAGMENT = 2   # articles in a part of a topic too small to count as a story of its own
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_TERM = re.compile(r"(?=[\w-]*[^\W\d_])[\w][\w-]+|\d{3,}")   # a word with a letter, or a number of 3+ digits
_NAME_PART = re.compile(r"[^\W_][\w'’-]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A figure as written: "4.2", "9:27", "1,500", "404"; not the digits inside a word or a longer figure.
_FIGURE = re.compile(r"(?<![\w.:,])\d+(?:[.:,]\d+)*(?!\w)")
_ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_DATE_WORD = re.compile(r"[^\W\d_]+|\d+")
_MONTHS = {name: n for n, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), 1)
    for name in names.split()}
TOP_TERMS = 300   # per article and kind: what a cache entry keeps, far more than weighs in a cosine
TOP_LABELS = 12  # whole names kept per article, for the story's name
_BLOCK = 512      # rows of the similarity matrix worked out at a time


@dataclass(frozen=True, slots=True)
class Counts:
    """What clustering knows of one article: its content words and name parts, counted."""

    words: Mapping[str, int]
    names: Mapping[str, int]
    date: str | None = None
    labels: Mapping[str, int] = dataclasses.field(default_factory=dict)   # whole names as written, for naming


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    name: str
    docs: tuple[str, ...]
    dates: tuple[str, str] | None = None   # first and last publication date its articles give
    topic: int | None = None   # stories found by event: the topic they belong to (see the docstring)


@functools.cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words. Its `stop_words` module is a plain word list, but importing it
    imports spaCy (0.75 s), so the module's file is run on its own where it can be found."""
    try:
        spec = importlib.util.find_spec("spacy")   # found, not imported
        path = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
        found: dict[str, Any] = {}
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), found)  # noqa: S102 - a data file
        return frozenset(found["STOP_WORDS"])
    except (AttributeError, KeyError, OSError, SyntaxError, TypeError):
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)


def counts_of(article: Article) -> Counts:
    t, text = article.tokens, article.text
    STOP_WORDS = _stop_words()

    words: Counter[str] = Counter()
    for i in range(len(t)):
        if t.pos[i] in _CONTENT_POS:
            lemma = t.lemma_of(i, text).lower()
            if lemma not in STOP_WORDS and _TERM.fullmatch(lemma):
                words[lemma] += 1
    names: Counter[str] = Counter(_figures(text))
    if article.meta.date:   # when it was published: a date its articles share
        names.update(_date_terms(article.meta.date))
    labels: Counter[str] = Counter()
    for e in article.entities:
        if e.label == "DATE":
            names.update(_date_terms(text[e.start : e.end]))
        elif e.label in NAME_LABELS:
            parts = [p for p in _NAME_PART.findall(text[e.start : e.end]) if p.lower() not in STOP_WORDS]
            names.update(p.lower() for p in parts)
            if parts:
                labels[" ".join(parts)] += 1
    return Counts(dict(words.most_common(TOP_TERMS)), dict(names.most_common(TOP_TERMS)), article.meta.date,
                  dict(labels.most_common(TOP_LABELS)))


def _figures(text: str) -> Counter[str]:
    """The figures an article gives, as written ("1,500" as "1500"), marked apart from names."""
    return Counter("#" + m[0].replace(",", "") for m in _FIGURE.finditer(text))


def _date_terms(date: str) -> list[str]:
    """What a date names, as terms two articles can share: its month and day ("@10-19" for
    "Oct. 19", "October 19, 2008" or "2008-10-19") and its year and month ("@2008-10"). A bare
    year or day is already a figure."""
    if iso := _ISO_DATE.match(date):
        return [f"@{int(iso[2])}-{int(iso[3])}", f"@{iso[1]}-{int(iso[2])}"]
    words = [w.lower() for w in _DATE_WORD.findall(date)]
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit() and len(w) <= 4]
    day = next((n for n in numbers if 1 <= n <= 31), None)
    year = next((n for n in numbers if 1000 <= n <= 2999), None)
    if month is None:
        return []
    return ([f"@{month}-{day}"] if day else []) + ([f"@{year}-{month}"] if year else [])


# --- similarity ---------------------------------------------------------------------------


def _matrix(bags: Sequence[Mapping[str, int]]) -> np.ndarray:
    """Rows of unit TF-IDF vectors (sublinear term frequency) over the terms two or more
    articles hold: a term of one article adds nothing to any similarity."""
    import numpy as np  # here, not at the top: the app lists stories before it needs numpy

    r, c, w, width = _weights(bags)
    x = np.zeros((len(bags), width), dtype=np.float32)
    x[r, c] = w
    return x


def _weights(bags: Sequence[Mapping[str, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """`_matrix`'s rows as sparse triples (row, column, weight), and the number of columns."""
    import numpy as np

    df = Counter(term for bag in bags for term in bag)
    vocab = {term: i for i, term in enumerate(sorted(t for t, n in df.items() if n > 1))}
    rows, cols, tfs = [], [], []
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            col = vocab.get(term)
            if col is not None:
                rows.append(row)
                cols.append(col)
                tfs.append(count)
    idf = 1 + np.log((len(bags) + 1) / (np.array([df[t] for t in vocab], dtype=np.float64) + 1))
    r, c = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    w = (1 + np.log(np.array(tfs, dtype=np.float64))) * idf[c]
    norms = np.sqrt(np.bincount(r, weights=w * w, minlength=len(bags)))
    return r, c, w / norms[r], len(vocab)


def _edges_of_few(counts: Sequence[Counts], bar: float, rows: Sequence[int]) -> dict[tuple[int, int], float]:
    """`_edges` for a few rows against all: each row's similarities as one pass over the
    weights, with no matrix of the corpus (adding ten articles to ten thousand)."""
    import numpy as np

    kinds = [_weights([c.words for c in counts]), _weights([c.names for c in counts])]
    out: dict[tuple[int, int], float] = {}
    for row in rows:
        sim = np.ones(len(counts))
        for r, c, w, width in kinds:
            mine, at = np.zeros(width), r == row
            mine[c[at]] = w[at]
            sim *= np.bincount(r, weights=w * mine[c], minlength=len(counts))
        sim[row] = 0.0
        for other in np.flatnonzero(sim >= bar / 10).tolist():
            out[min(row, other), max(row, other)] = float(sim[other])
    return out


def _edges(counts: Sequence[Counts], bar: float, rows: Sequence[int] | None = None) -> dict[tuple[int, int], float]:
    """Similarities of at least a tenth of `bar` between articles (for `rows` only, when given,
    against all), weighted among `counts` alone; the rest count as nothing. Keyed by (lower
    index, higher index)."""
    import numpy as np

    if rows is not None and len(rows) * 50 < len(counts):
        return _edges_of_few(counts, bar, rows)
    w, n = _matrix([c.words for c in counts]), _matrix([c.names for c in counts])
    wanted = np.arange(len(counts)) if rows is None else np.asarray(rows, dtype=np.int64)
    out: dict[tuple[int, int], float] = {}
    for start in range(0, len(wanted), _BLOCK):
        block = wanted[start : start + _BLOCK]
        first = start if rows is None else 0   # all against all: only the columns right of the block's first
        sim = (w[block] @ w[first:].T) * (n[block] @ n[first:].T)
        r, c = np.nonzero(sim >= bar / 10)
        a, b = block[r], c + first
        keep = a < b if rows is None else a != b   # each pair once, and no article with itself
        a, b, r, c = a[keep], b[keep], r[keep], c[keep]
        low, high = np.minimum(a, b).tolist(), np.maximum(a, b).tolist()
        out.update(zip(zip(low, high), sim[r, c].tolist()))
    return out


# --- clustering ---------------------------------------------------------------------------


def cluster(counts: Sequence[Counts]) -> list[tuple[int, list[int]]]:
    """The stories of a corpus as (topic, articles) pairs, articles as indices into `counts`:
    topics at LINK, then the stories within each topic at INNER, a fragment of either joined to
    the closest larger one at half the bar (see the module's docstring). Largest topic first,
    its stories largest first, each in article order."""
    edges = _edges(counts, LINK)
    out = []
    for topic, members in enumerate(_with_fragments(edges, _average_link(edges, len(counts), LINK), LINK)):
        for part in _split([counts[i] for i in members]):
            out.append((topic, sorted(members[i] for i in part)))
    return out


def _split(counts: Sequence[Counts]) -> list[list[int]]:
    """The stories within one topic: average-link clusters at INNER on weights worked out among
    the topic's articles, fragments joined as in `_with_fragments`."""
    if len(counts) <= FRAGMENT:
        return [list(range(len(counts)))]
    edges = _edges(counts, INNER)
    return _with_fragments(edges, _average_link(edges, len(counts), INNER), INNER)


def _with_fragments(edges: Mapping[tuple[int, int], float], parts: list[list[int]], bar: float) -> list[list[int]]:
    """`parts` with each fragment (a part of FRAGMENT items or fewer) joined to the larger part
    it is most similar to on average, when that is at least half of `bar`: a lone article is weak
    evidence of an event of its own. Largest first, each in order."""
    large = [p for p in parts if len(p) > FRAGMENT]
    if not large or len(large) == len(parts):
        return parts
    part_of = {i: k for k, p in enumerate(large) for i in p}
    linked: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), s in edges.items():
        linked[a][b] = linked[b][a] = s
    out = [list(p) for p in large]
    for fragment in (p for p in parts if len(p) <= FRAGMENT):
        best, mean = _closest(((o, s) for i in fragment for o, s in linked[i].items()), part_of,
                              lambda k: len(large[k]))
        if best is not None and mean / len(fragment) >= bar / 2:
            out[best] += fragment
        else:
            out.append(list(fragment))
    return sorted((sorted(p) for p in out), key=lambda p: (-len(p), p[0]))


def _closest(links: Iterable[tuple[int, float]], group_of: Mapping[int, int],
             size_of: Callable[[int], int]) -> tuple[int | None, float]:
    """The group that `links` ((item, similarity) pairs) are most similar to on average: their
    summed similarity to its items over its size. The group and that mean; (None, 0) for none."""
    sums: dict[int, float] = defaultdict(float)
    for other, s in links:
        group = group_of.get(other)
        if group is not None:
            sums[group] += s
    best = max(sums, key=lambda g: sums[g] / size_of(g), default=None)
    return best, (sums[best] / size_of(best) if best is not None else 0.0)


def _average_link(edges: Mapping[tuple[int, int], float], n: int, bar: float) -> list[list[int]]:
    """Average-link clusters of `n` items, merged while two clusters' mean similarity (`edges`,
    absent pairs counting as nothing) is at least `bar`. Largest first, each in order.

    Each cluster keeps its most similar neighbour, and a heap holds those: the pair merged next
    is the heap's top, and a merge rescans only the clusters whose best neighbour it changed."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)   # cluster -> neighbour -> summed similarity
    for (a, b), s in edges.items():
        links[a][b] = links[b][a] = s
    best: dict[int, tuple[float, int]] = {}   # cluster -> (mean similarity, neighbour), at least `bar`

    def rescan(c: int) -> tuple[float, int, int] | None:
        """Find `c`'s best neighbour again; its heap entry, or None when it has none."""
        size, top, other = len(members[c]), bar, None
        for o, s in links[c].items():
            mean = s / (size * len(members[o]))
            if mean > top or (mean == top and (other is None or o < other)):
                top, other = mean, o
        if other is None:
            best.pop(c, None)
            return None
        best[c] = (top, other)
        return -top, c, other

    heap = [entry for c in range(n) if (entry := rescan(c))]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if best.get(a) != (-neg, b) or b not in members:
            continue   # a stale entry: a's best neighbour changed since
        members[a] += members.pop(b)
        best.pop(b, None)
        for other, s in links.pop(b).items():
            links[other].pop(b, None)
            if other != a:
                links[a][other] = links[a].get(other, 0.0) + s
                links[other][a] = links[a][other]
        links[a].pop(a, None)
        if entry := rescan(a):
            heapq.heappush(heap, entry)
        size = len(members[a])
        for other, s in links[a].items():
            mine = best.get(other)
            if mine is None or mine[1] in (a, b):
                if entry := rescan(other):
                    heapq.heappush(heap, entry)
            else:
                mean = s / (size * len(members[other]))
                if mean > mine[0]:
                    best[other] = (mean, a)
                    heapq.heappush(heap, (-mean, other, a))
    return sorted((sorted(m) for m in members.values()), key=lambda m: (-len(m), m[0]))


def join(counts: Sequence[Counts], stories: Sequence[tuple[int, list[int]]],
         new: Iterable[int]) -> list[tuple[int, list[int]]]:
    """`stories` (topic, articles) with each article of `new` (in order) added: to the topic it is
    most similar to on average when that is at least LINK (half of it for a topic of more than
    FRAGMENT articles: a lone article is a fragment), else to a topic of its own; within the
    topic, to the story it is most similar to on the topic's own weights when that is at least
    half of INNER (an article alone is a fragment: see `_split`), else to a story of its own."""
    stories = [(t, list(s)) for t, s in stories]
    new = list(new)
    edges = _edges(counts, LINK, new)
    topic_of = {doc: t for t, s in stories for doc in s}
    for doc in new:
        sizes = Counter(topic_of.values())
        topic, mean = _closest(((b if a == doc else a, s) for (a, b), s in edges.items() if doc in (a, b)),
                               topic_of, sizes.__getitem__)
        bar = LINK / 2 if topic is not None and sizes[topic] > FRAGMENT else LINK   # it is a fragment
        if topic is None or mean < bar:
            topic = max((t for t, _ in stories), default=-1) + 1
            stories.append((topic, [doc]))
        else:
            _join_within(counts, stories, topic, doc)
        topic_of[doc] = topic
    return stories


def _join_within(counts: Sequence[Counts], stories: list[tuple[int, list[int]]], topic: int, doc: int) -> None:
    mine = [k for k, (t, _) in enumerate(stories) if t == topic]
    members = [i for k in mine for i in stories[k][1]] + [doc]
    at = {i: j for j, i in enumerate(members)}
    last = len(members) - 1
    edges = _edges([counts[i] for i in members], INNER, [last])
    story_of = {at[i]: k for k in mine for i in stories[k][1]}
    best, mean = _closest(((a if b == last else b, s) for (a, b), s in edges.items()), story_of,
                          lambda k: len(stories[k][1]))
    if best is not None and mean >= INNER / 2:
        stories[best][1].append(doc)
    else:
        stories.append((topic, [doc]))


# --- naming -------------------------------------------------------------------------------


def name_of(counts: Sequence[Counts]) -> str:
    """A story's readable name: its two most named people, places or bodies (a short form
    counted with the long one: "Holt" with "Maria Holt") and its most telling word that is no
    name, as "Maria Holt, Cedar Grove: rehab"."""
    labels, words, names = Counter(), Counter(), set()
    for c in counts:
        labels.update({k: 1 + math.log(v) for k, v in c.labels.items()})
        words.update({k: 1 + math.log(v) for k, v in c.words.items()})
        names.update(c.names)
    groups: list[list] = []   # [longest form, its words, summed weight]
    for label, weight in sorted(labels.items(), key=lambda kv: (-len(kv[0].split()), -kv[1])):
        mine = set(label.lower().split())
        group = next((g for g in groups if mine <= g[1]), None)
        if group is None:
            groups.append([label, mine, weight])
        else:
            group[2] += weight
    chosen = [g[0] for g in sorted(groups, key=lambda g: -g[2])[:2]]
    keyword = next((w for w, _ in words.most_common(20) if w not in names), None)
    shown = ", ".join(chosen) or "untitled"
    return f"{shown}: {keyword}" if keyword else shown


def date_range(counts: Sequence[Counts]) -> tuple[str, str] | None:
    dates = sorted(c.date[:10] for c in counts if c.date and _YEAR.search(c.date))
    return (dates[0], dates[-1]) if dates else None


def story_id(name: str, taken: set[str]) -> str:
    slug = re.sub(r"[^\w]+", "-", name.lower()).strip("-")[:48].strip("-") or "story"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


# --- the cache ----------------------------------------------------------------------------
#
# Two files in the cache folder: each article's counts (kept by content hash, so that a changed
# article is counted again and no other), and the stories found from them (kept while the same
# articles, hashes and settings make them).

CACHE_KIND, COUNTS_KIND = "stories", "counts"
Loader = Callable[[Sequence[str]], Sequence[Article]]


def find(docs: Sequence[tuple[str, str]], cache: Cache, load: Loader) -> list[Story]:
    """The stories of the documents `docs` ((id, content hash) pairs, in corpus order), from
    the cache where it holds them: as they are when no article changed, with the new ones joined
    in when articles were only added, else clustered anew. `load` gives the articles of the ids
    it is passed; it is called only for those whose counts the cache lacks."""
    key = hashlib.sha256(f"{VERSION} {LINK} {INNER} {FRAGMENT} {cache.fingerprint}".encode()).hexdigest()
    counts_key = hashlib.sha256(f"{COUNTS_VERSION} {cache.fingerprint}".encode()).hexdigest()
    known = _cached(cache, CACHE_KIND, key, _known_stories, as_json=True)
    shas = dict(docs)
    if known is not None and known[0] == shas:   # the same articles as last time: nothing to work out
        return known[2]
    known_counts = _cached(cache, COUNTS_KIND, counts_key, _known_counts, as_json=True) or {}
    counts = {d: c for d, (sha, c) in known_counts.items() if shas.get(d) == sha}
    missing = [d for d, _ in docs if d not in counts]
    if missing:
        counts |= {a.id: counts_of(a) for a in load(missing)}
    ids = [d for d, _ in docs if d in counts]
    found = _stories(ids, counts, {d: shas[d] for d in ids}, known)
    try:
        if missing or len(known_counts) != len(ids):
            cache.store_story(COUNTS_KIND, "", counts_key, {"docs": {d: _counts_row(shas[d], counts[d]) for d in ids}},
                              as_json=True)
        cache.store_story(CACHE_KIND, "", key, {
            "docs": {d: shas[d] for d in ids},
            "stories": [[s.id, s.topic, s.name, list(s.dates or ()), list(s.docs)] for s in found]}, as_json=True)
    except OSError:
        pass  # a read-only cache: worked out again next time
    return found


def _cached(cache: Cache, kind: str, key: str, decode: Callable[[dict], Any], *, as_json: bool = False) -> Any:  # noqa: ANN401
    try:
        body = cache.load_story(kind, "", key, as_json=as_json)
        with reading(kind):
            return decode(body)
    except (FileNotFoundError, CacheInvalid, OSError):
        return None  # none yet, or one that cannot be used: worked out anew


def _known_counts(body: dict) -> dict[str, tuple[str, Counts]]:
    out = {}
    for d, (sha, words, names, date, labels) in body["docs"].items():
        bags = [dict(zip(bag[0], bag[1], strict=True)) for bag in (words, names, labels)]
        if not all(isinstance(k, str) and isinstance(v, int) for bag in bags for k, v in bag.items()):
            raise ValueError("unreadable counts")
        out[str(d)] = (str(sha), Counts(bags[0], bags[1], str(date) or None, bags[2]))
    return out


def _counts_row(sha: str, c: Counts) -> list:
    """One article's counts as the counts file keeps them: each bag as its terms and their counts."""
    return [sha, *([list(bag), list(bag.values())] for bag in (c.words, c.names)), c.date or "",
            [list(c.labels), list(c.labels.values())]]


def _known_stories(body: dict) -> tuple[dict[str, str], list[tuple[str, int, list[str]]], list[Story]]:
    shas = {str(d): str(s) for d, s in body["docs"].items()}
    found = [Story(str(s), str(name), tuple(str(d) for d in docs), (str(dates[0]), str(dates[1])) if dates else None, int(t))
             for s, t, name, dates, docs in body["stories"]]
    if sorted(d for s in found for d in s.docs) != sorted(shas):
        raise ValueError("stories and documents disagree")
    return shas, [(s.id, s.topic, list(s.docs)) for s in found], found


def _stories(ids: Sequence[str], counts: Mapping[str, Counts], shas: Mapping[str, str], known) -> list[Story]:  # noqa: ANN001
    position = {d: i for i, d in enumerate(ids)}
    unchanged = known is not None and all(shas.get(d) == s for d, s in known[0].items())
    order = [d for d in known[0] if d in position] + [d for d in ids if d not in known[0]] if unchanged else list(ids)
    at = {d: i for i, d in enumerate(order)}
    rows = [counts[d] for d in order]
    if unchanged:  # articles were only added: they join a story or start one
        old = [(topic, [at[d] for d in docs]) for _, topic, docs in known[1]]
        groups = join(rows, old, [at[d] for d in ids if d not in known[0]])
        names = [s for s, _, _ in known[1]]
    else:
        groups, names = cluster(rows), []
    taken = set(names)
    out = []
    for k, (topic, group) in enumerate(groups):
        members = [rows[i] for i in group]
        name = name_of(members)
        sid = names[k] if k < len(names) else story_id(name, taken)
        docs = tuple(sorted((order[i] for i in group), key=position.__getitem__))
        out.append(Story(sid, name, docs, date_range(members), topic))
    return out


# --- stories for the rest of the program ----------------------------------------------------


def is_flat(articles: Sequence[Article]) -> bool:
    """Whether a corpus has no story folders: every article sits at its top level."""
    return all(a.story == "" for a in articles)


def assign(articles: Sequence[Article], cache: Cache, *, regroup: bool = False) -> tuple[list[Article], list[Story]]:
    """The articles with their stories, and the stories: a corpus's story folders as they are,
    or, for a flat corpus (or any, with `regroup`), the stories `find` groups by event."""
    if (regroup or is_flat(articles)) and len(articles) > 1:
        by_id = {a.id: a for a in articles}
        found = find([(a.id, a.sha256) for a in articles], cache, lambda ids: [by_id[d] for d in ids])
        story_of = {d: s.id for s in found for d in s.docs}
        if not regroup:
            manifest.restory(cache, story_of, {s.id: s.name for s in found})
        return [dataclasses.replace(a, story=story_of[a.id]) for a in articles], found
    folders: dict[str, list[Article]] = {}
    for a in articles:
        folders.setdefault(a.story, []).append(a)
    return list(articles), [Story(f, f or "(top level)", tuple(a.id for a in members),
                                  date_range([Counts({}, {}, a.meta.date) for a in members]))
                            for f, members in folders.items()]


def matching(stories: Sequence[Story], wanted: str) -> Story:
    """The story `wanted` names: its id or name, any case, or a part of one that no other story
    has. Raises `NotFound` saying what matched."""
    from ..model import NotFound

    key = wanted.casefold()
    exact = [s for s in stories if key in (s.id.casefold(), s.name.casefold())]
    if len(exact) == 1:
        return exact[0]
    found = [s for s in stories if key in s.id.casefold() or key in s.name.casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"no story '{wanted}' (see 'parallax stories')")
    shown = ", ".join(s.id for s in found[:5])
    raise NotFound(f"'{wanted}' matches {len(found)} stories: {shown}{' ...' if len(found) > 5 else ''}")


def listed(found: manifest.Manifest) -> list[Story]:
    """The stories a corpus manifest names, with their articles and date ranges; stories found
    by event largest first, as `find` gives them, story folders in corpus order."""
    members: dict[str, list[manifest.Entry]] = {}
    for e in found.entries.values():
        if e.skipped is None:
            members.setdefault(e.story, []).append(e)
    out = []
    for story, rows in members.items():
        dates = sorted(e.date[:10] for e in rows if e.date)
        out.append(Story(story, found.names.get(story, story or "(top level)"), tuple(e.id for e in rows),
                         (dates[0], dates[-1]) if dates else None))
    if found.names:
        out.sort(key=lambda s: -len(s.docs))
    return out
