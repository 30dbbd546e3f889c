"""Cross-document entity resolution: one entity per real-world person, organisation, place or
group in a story, from the parser's mentions.

Steps, per story (entities never cross stories):
1. Clean each mention's span: a leading title ("President", "Coroner") or a place glued before a
   name ("Germany Olaf Scholz") is cut off; a possessive or a dangling hyphen is dropped; a hyphen
   compound of two known names ("North Korea-Russia") becomes two mentions.
2. Group mentions by normalised surface, except one-word person names ("Kim"), which differ by
   article and are resolved in step 5.
3. Map surfaces through acronyms the story's articles define and a small gazetteer of official
   names and common abbreviations (DPRK = Democratic People's Republic of Korea = North Korea).
4. Merge person-name variants: word order ("Kishida Fumio"), a dropped middle name, a one-letter
   typo in a word of four letters or more ("Yook Suk Yeol"); two names that differ in more than
   that stay apart (Kim Jong Un, Kim Keon Hee and Kim Tae-hyo are three people).
5. A one-word name joins the full name containing it that is mentioned nearest before it in the
   same article (else nearest after); without one there, the only full name in the story that
   contains it; otherwise it stays an entity of its own.
6. Each entity takes the majority label of its mentions and its most frequent full form as name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .acronyms import definitions
from .gazetteer import ALIASES, SUFFIXES, TITLES
from .model import ENTITY_KINDS, Article, Entity, Mention

RESOLVER_VERSION = 1
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " "})
_HYPHENS = re.compile(r"[\-‐‑‒–—]+")
_TOKEN = re.compile(r"[^\s]+")


def normalise(surface: str) -> str:
    """The key mentions are grouped by: case, quote marks, hyphens, dots in abbreviations,
    a leading "the" and a possessive ignored."""
    s = surface.translate(_QUOTES).strip().strip("\"'").strip()
    s = re.sub(r"^the\s+", "", s, flags=re.IGNORECASE)
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b|\s|$)", "", s)  # U.S. -> US, D.P.R.K. -> DPRK
    s = _HYPHENS.sub(" ", s)
    return " ".join(s.split()).casefold().strip(" .,;:")


def display_form(surface: str) -> str:
    """A surface as a name: possessive and leading "the" dropped, spacing tidied."""
    s = " ".join(surface.split())
    s = re.sub(r"[’']s?$", "", s)
    s = re.sub(r"^[Tt]he\s+", "", s)
    return s.strip(" \"“”‘’'-–—,.") or surface


_CANON: dict[str, str] = {}
for _name, _others in ALIASES.items():
    for _other in (_name, *_others):
        _CANON[normalise(_other)] = normalise(_name)


@dataclass(slots=True)
class _M:
    """A mention under resolution."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    key: str
    order: int

    @property
    def words(self) -> list[str]:
        return self.key.split()


def _clean_span(text: str, start: int, end: int, label: str, places: set[str]) -> tuple[int, int]:
    """Trim a mention's span: possessive, dangling hyphen or quote, leading title or place."""
    while end > start and text[end - 1] in " -–—'’\".,;:":
        end -= 1
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            end -= 2
    if label != "PERSON":
        return start, end
    words = [(m.start() + start, m.end() + start) for m in _TOKEN.finditer(text[start:end])]
    i = 0
    while i < len(words) - 1 and text[words[i][0] : words[i][1]].lower().rstrip(".") in TITLES:
        i += 1
    # a place glued before a name of two words or more: "Germany Olaf Scholz"
    for j in range(min(3, len(words) - 2), 0, -1):
        if i < j and normalise(text[words[i][0] : words[j - 1][1]]) in places:
            i = j
            break
    return (words[i][0] if words else start), end


def _split_compound(text: str, start: int, end: int, known: set[str]) -> list[tuple[int, int]]:
    """"North Korea-Russia" -> two spans when both sides are names known in the story."""
    surface = text[start:end]
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^\-–—]+", surface)]
    if len(parts) == 2 and all(normalise(surface[a:b]) in known for a, b in parts):
        return [(start + a, start + b) for a, b in parts]
    return [(start, end)]


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _core(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in SUFFIXES]


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two full names (lists of normalised words, two or more each) name one person."""
    a, b = _core(a), _core(b)
    if len(a) < 2 or len(b) < 2:
        return False
    if sorted(a) == sorted(b) or "".join(a) == "".join(b):
        return True  # word order, or spacing ("Jong Un" / "Jongun")
    if len(a) == len(b):
        differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(differ) == 1:
            x, y = differ[0]
            return min(len(x), len(y)) >= 4 and Levenshtein.distance(x, y) == 1 and x[0] == y[0]
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    # a middle name dropped: same first and last word, the rest a subset
    return short[0] == long_[0] and short[-1] == long_[-1] and set(short) <= set(long_)


def resolve(articles: Sequence[Article]) -> list[Entity]:
    """Resolve the entities of every story of `articles`."""
    stories: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        stories[a.story].append(a)
    out: list[Entity] = []
    for story, members in stories.items():
        out += resolve_story(story, members)
    return out


def resolve_story(story: str, articles: Sequence[Article]) -> list[Entity]:
    """The entities of one story's articles."""
    order = {a.id: i for i, a in enumerate(articles)}
    raw = [(a, e) for a in articles for e in a.entities if e.label in ENTITY_KINDS]
    known = {normalise(a.text[e.start : e.end]) for a, e in raw} | set(_CANON)
    places = {k for k in known if k in _CANON} | {
        normalise(a.text[e.start : e.end]) for a, e in raw if e.label in ("GPE", "LOC", "NORP")}

    mentions: list[_M] = []
    for a, e in raw:
        start, end = _clean_span(a.text, e.start, e.end, e.label, places)
        for s, t in _split_compound(a.text, start, end, known):
            while s < t and not a.text[s].isalnum():
                s += 1
            key = normalise(a.text[s:t])
            if key and any(c.isalpha() for c in key):
                mentions.append(_M(a.id, s, t, a.text[s:t], e.label, key, order[a.id]))
    if not mentions:
        return []

    # Acronyms defined in the story, through the gazetteer: key -> canonical key
    canon = dict(_CANON)
    for a in articles:
        for short, long_form in definitions(a.text):
            long_key = normalise(long_form)
            canon.setdefault(normalise(short), canon.get(long_key, long_key))
            canon.setdefault(long_key, canon.get(long_key, long_key))

    labels: dict[str, Counter[str]] = defaultdict(Counter)   # by surface key and by canonical key
    for m in mentions:
        labels[m.key][m.label] += 1
        if canon.get(m.key, m.key) != m.key:
            labels[canon[m.key]][m.label] += 1

    def person_like(key: str) -> bool:
        return labels[key].most_common(1)[0][0] == "PERSON"

    uf = _Union(len(mentions))
    short_ones: list[int] = []
    first_of: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if len(m.words) == 1 and person_like(m.key):
            short_ones.append(i)
            continue
        key = canon.get(m.key, m.key)
        if key in first_of:
            uf.union(first_of[key], i)
        else:
            first_of[key] = i

    # person-name variants among full names
    full = [k for k in first_of if len(k.split()) >= 2 and person_like(k)]
    for x in range(len(full)):
        for y in range(x + 1, len(full)):
            if same_person(full[x].split(), full[y].split()):
                uf.union(first_of[full[x]], first_of[full[y]])

    # one-word names: nearest full name in the article, else the story's only candidate
    full_in_doc: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if len(m.words) >= 2 and person_like(m.key):
            full_in_doc[m.doc].append(i)
    unresolved: dict[str, int] = {}
    for i in short_ones:
        m = mentions[i]
        word = m.key
        here = [j for j in full_in_doc.get(m.doc, ()) if word in _core(mentions[j].words)]
        before = [j for j in here if mentions[j].start < m.start]
        target = max(before, key=lambda j: mentions[j].start) if before else (
            min(here, key=lambda j: mentions[j].start) if here else None)
        if target is None:
            roots = {uf.find(first_of[k]) for k in full if word in _core(k.split())}
            target = roots.pop() if len(roots) == 1 else None
        if target is not None:
            uf.union(target, i)
        elif word in unresolved:
            uf.union(unresolved[word], i)
        else:
            unresolved[word] = i

    clusters: dict[int, list[_M]] = defaultdict(list)
    for i, m in enumerate(mentions):
        clusters[uf.find(i)].append(m)
    return _entities(story, clusters.values())


def _entities(story: str, clusters: Iterable[list[_M]]) -> list[Entity]:
    built = []
    for members in clusters:
        label = Counter(m.label for m in members).most_common(1)[0][0]
        forms = Counter(display_form(m.text) for m in members)
        if label == "PERSON":  # a full name over a surname, then the most frequent
            name = max(forms, key=lambda f: (len(f.split()) >= 2, forms[f], len(f), f))
        else:
            name = max(forms, key=lambda f: (forms[f], len(f), f))
        aliases = tuple(sorted({f for f in forms if normalise(f) != normalise(name)}, key=str.casefold))
        mentions = tuple(Mention(m.doc, m.start, m.end, m.text)
                         for m in sorted(members, key=lambda m: (m.order, m.start)))
        built.append((label, name, aliases, mentions))
    built.sort(key=lambda b: (-len(b[3]), b[1].casefold()))
    return [Entity(f"{story}/e{i}" if story else f"e{i}", name, label, story, aliases, mentions)
            for i, (label, name, aliases, mentions) in enumerate(built, 1)]
