"""Cross-document entity resolution: one entity per real-world person, organisation, place or
group in a story, from the parser's mentions.

Steps, per story (entities never cross stories):
1. Repair each mention's span: a leading title ("President", "Coroner") or a place glued before
   a name ("Germany Olaf Scholz") is cut off; a possessive or a dangling hyphen is dropped; a
   name cut short is extended ("Yoon Suk" + "-yeol") when the longer one is known; a hyphen
   compound of two known names ("North Korea-Russia") becomes two mentions. Long names the story
   knows (acronym definitions, the gazetteer) are found in the text even where the parser split
   or mis-tagged them.
2. Group mentions by normalised surface, except one-word person names ("Kim"), which differ by
   article and are resolved in step 5.
3. Map surfaces through acronyms the story's articles define and a small gazetteer of official
   names and common abbreviations (DPRK = Democratic People's Republic of Korea = North Korea).
4. Merge person-name variants: word order ("Kishida Fumio"), a dropped middle name or initial, a
   shortened first name or a nickname ("Fred" / "Frederick"), a one-letter typo or two letters
   swapped in a word of four letters or more ("Yook Suk Yeol"); two names that differ in more than
   that stay apart (Kim Jong Un, Kim Keon Hee and Kim Tae-hyo are three people). Merge an
   organisation's short form into the one longer name it abbreviates: initials ("HP"), the head
   at the end ("Colts"), or the start ("Yonhap").
5. A one-word name joins the full name containing it that is mentioned nearest before it in the
   same article (else nearest after); without one there, the story's only full name containing
   it, or the one named at least twice as often as any other; otherwise it stays its own entity.
   A nationality standing for a person ("the Australian", "Australian Duncan Rait") joins the
   one person the story gives it to; otherwise it is the group.
6. Each entity takes the majority label of its mentions, and its most frequent form as its name
   (for a person, a full name first).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from ..model import ENTITY_KINDS, HEADLINE, Article, Entity, Mention
from .acronyms import definitions
from .gazetteer import ALIASES, NICKNAMES, ORG_WORDS, ORGANISATIONS, PARTICLES, SUFFIXES, TITLES

RESOLVER_VERSION = 22  # bump whenever resolution output changes: cached entities are then redone
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
    s = " ".join(s.split()).casefold().strip(" .,;:")
    return _COMPANY.sub("", s) or s


_COMPANY = re.compile(r"(?:,?\s+(?:inc|corp|corporation|co|ltd|llc|plc|gmbh|ag|sa|nv|bv))+\.?$")


def in_alias_order(forms: Iterable[str]) -> tuple[str, ...]:
    """Distinct written forms in the order they are listed: alphabetical whatever the case, and
    forms that differ only in case ("CREEP", "Creep") capitals first, so the order never depends
    on how a set happened to iterate."""
    return tuple(sorted(set(forms), key=lambda f: (f.casefold(), f)))


def display_form(surface: str) -> str:
    """A surface as a name: possessive and leading "the" dropped, spacing tidied."""
    s = " ".join(surface.split())
    s = re.sub(r"[’']s?$", "", s)
    s = re.sub(r"^[Tt]he\s+", "", s)
    s = s.strip(" \"“”‘’'-–—,")
    if not _ABBREVIATION.search(s):  # "U.S." keeps its last dot
        s = s.rstrip(".")
    return s or surface


_CANON: dict[str, str] = {}
for _name, _others in ALIASES.items():
    for _other in (_name, *_others):
        _CANON[normalise(_other)] = normalise(_name)
_ORG_KEYS = {normalise(n) for n in ORGANISATIONS}
_COUNTRIES = {k for k, v in _CANON.items() if v not in _ORG_KEYS}


def _phrase_pattern(keys: set[str]) -> re.Pattern[str] | None:
    """One pattern finding any of `keys` (normalised names) in text, whole words, any case,
    with "the" and hyphens as `normalise` treats them."""
    if not keys:
        return None
    alternatives = sorted((r"[\s\-]+".join(map(re.escape, k.split())) for k in keys), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)


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
    descriptor: bool = False   # a word standing for the entity, not its name: "the American", a team's city
    personal: bool = False     # the text says this is a person: a title before it, an age after it
    said_he: bool = False      # a subject that a "he" or "she" takes up later in its sentence

    @property
    def words(self) -> list[str]:
        return self.key.split()


def _clean_span(text: str, start: int, end: int, label: str, places: set[str],
                persons: set[str], common: set[str]) -> list[tuple[int, int, str]]:
    """Repair a mention's span, as (start, end, label) pieces: possessive, dangling hyphen or
    quote dropped; a leading title dropped; a place glued before a name split off ("Germany
    Olaf Scholz", whatever the tag); a name cut short extended ("Yoon Suk" + "-yeol") when the
    longer name is mentioned elsewhere in the story."""
    while end > start and text[end - 1] in " -–—'’\".,;:" and not _ABBREVIATION.search(text, start, end):
        end -= 1
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            end -= 2
    more = _CONTINUATION.match(text, end)
    if more and normalise(text[start : more.end()]) in persons:
        end, label = more.end(), "PERSON"
    words = [(m.start() + start, m.end() + start) for m in _TOKEN.finditer(text[start:end])]
    i = 0
    if label == "PERSON":
        while i < len(words) - 1 and text[words[i][0] : words[i][1]].lower().rstrip(".") in TITLES:
            i += 1
    for j in range(min(3, len(words) - 2), 0, -1):  # a place, then a name of two words or more
        rest = text[words[j][0] : end]
        if (i < j and normalise(text[words[i][0] : words[j - 1][1]]) in places
                and (label == "PERSON" or normalise(rest) in persons or _looks_personal(rest, common))):
            return [(words[i][0], words[j - 1][1], "GPE"), (words[j][0], end, "PERSON")]
    if label == "PERSON":   # a body, its title word, then the name: "Colts QB Andrew Luck", "Apple CEO Tim Cook"
        title = [k for k in range(i + 1, len(words) - 2) if _word(text, words[k]) in TITLES]
        if title:
            k = title[0]
            rest = [_word(text, w) for w in words[title[-1] + 1 :]]
            if (all(t == k + n for n, t in enumerate(title)) and len(rest) >= 2 and not any(w in TITLES for w in rest)
                    and all(text[w[0]].isupper() for w in words[i : k] + words[title[-1] + 1 :])):
                body_end = words[k - 1][1]
                while body_end > words[i][0] and text[body_end - 1] in "'’s" and text[body_end - 2 : body_end] in ("'s", "’s"):
                    body_end -= 2
                body = normalise(text[words[i][0] : body_end])
                return [(words[i][0], body_end, "GPE" if body in places else "ORG"),
                        (words[title[-1] + 1][0], end, "PERSON")]
    return [((words[i][0] if words else start), end, label)]


def _word(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]].lower().rstrip(".,")


# Words before a name that make it a person's whatever the parser's tag ("first lady Olena
# Zelenska", "Sgt. Paul Riva"): titles, ranks and offices; not the adjectives of TITLES ("former").
_PERSONAL_TITLES = frozenset("""
    mr mrs ms miss dr sir dame lady lord madam sgt lt capt cpl pvt gen col maj adm det insp supt gov sen rep
    president minister premier chancellor senator governor mayor judge king queen prince princess pope
    rev reverend father pastor rabbi imam bishop cardinal actor actress singer comedian rapper coach
    spokesman spokeswoman sheriff detective inspector constable trooper captain chairman chairwoman
    congressman congresswoman councilman councilwoman ambassador undersheriff deputy
""".split())
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,")


def _personal(text: str, start: int, end: int) -> bool:
    """Whether the text marks the name at `start:end` as a person's: a personal title just before
    it ("first lady", "Sgt.", "Mr"), or an age just after it ("Paul Riva, 32,")."""
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 24) : start])
    if before and text[start - 1 : start].isspace() and before[-1].lower() in _PERSONAL_TITLES:
        return True
    return bool(_AGE_AFTER.match(text, end))


# A relative brought in by a kin word after a possessive, with up to two words between them and
# three between it and the name ("his father, Creighton coach Greg McDermott", "Kim's younger
# sister Kim Yo Jong", "her university student daughter Katie Jenkin").
_KIN = ("father mother son daughter brother sister wife husband uncle aunt cousin nephew niece grandson "
        "granddaughter grandfather grandmother widow widower stepson stepdaughter stepfather stepmother "
        "twin fiancé fiancée fiance fiancee").split()
_RELATIVE_BEFORE = re.compile(
    r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w'’.-]*['’]s?)[ \t]+(?:[a-z-]+[ \t]+){0,2}"
    rf"({'|'.join(_KIN)})s?\b,?[ \t]+(?:[\w'’-]+,?[ \t]+){{0,3}}$")
_MALE = frozenset("mr sir lord father son brother husband uncle nephew grandson grandfather widower stepson "
                  "stepfather".split())
_FEMALE = frozenset("mrs ms miss dame lady mother daughter sister wife aunt niece granddaughter grandmother "
                    "widow stepdaughter stepmother".split())
_GENDER_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\.?[ \t]+$")


def _gender_before(text: str, start: int) -> str | None:
    """"m" or "f" where the words just before a name say it: a title ("Miss Jenkin") or a kin
    word ("his sister Katie Jenkin"); else None."""
    for pattern, width in ((_GENDER_TITLE, 8), (_RELATIVE_BEFORE, 80)):
        found = pattern.search(text, max(0, start - width), start)
        if found:
            word = found.group(1).lower()
            return "m" if word in _MALE else "f" if word in _FEMALE else None
    return None
# Head nouns that name a place of care or of work by its kind, which outlets swap for one another.
_PLACE_HEADS = frozenset("center centre clinic rehab facility hospital institute institution".split())
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_QUOTE_MARKS = frozenset("\"“”«»")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_SAID_HE = 2   # mentions with that cue that make an entity a person: one can be a parse slip


def _said_he(article: Article, start: int, end: int) -> bool:
    """Whether the name at `start:end` is a sentence's subject that a "he" or "she" takes up
    as a subject later in that sentence, outside quotation marks and with no other name in
    between ("Varoufakis said he would resign", not "Kansas City's kick by Ryan Succop, but he
    missed"): the text treats it as a person, whatever the parser's tag."""
    t = article.tokens
    lo, hi = bisect.bisect_left(t.idx, start), bisect.bisect_left(t.idx, end)
    if not any(t.dep[i] in _SUBJECT_DEPS for i in range(lo, hi)):
        return False
    starts = [s.start for s in article.sentences]
    at = bisect.bisect_right(starts, start) - 1
    stop = article.sentences[at].end if 0 <= at < len(article.sentences) else end
    if any(end <= e.start < stop and e.label in _NAME_LABELS for e in article.entities):
        stop = min(e.start for e in article.entities if end <= e.start < stop and e.label in _NAME_LABELS)
    for i in range(hi, bisect.bisect_left(t.idx, stop)):
        word = article.text[t.idx[i] : t.idx[i] + t.length[i]]
        if word in _QUOTE_MARKS or "\n" in word:
            return False
        if word.lower() in ("he", "she") and t.dep[i] in _SUBJECT_DEPS:
            return True
    return False


def _without_headline_verb(text: str, start: int, end: int, common: set[str], verbs: Container[str] = ()) -> int:
    """Where a name in a headline ends when title case glued the headline's verb to it
    ("Lindsay Lohan Checks", "Lohan Enters Rehab", "Colts Beat Chiefs"): before the first word
    after the first that is a verb in the present ("Checks") the story also writes in lower case
    ("checked", "checks", "checking"), or that the story's body uses as a verb (`verbs`: "the
    Colts beat the Chiefs"). Else `end`."""
    words = list(_TOKEN.finditer(text, start, end))
    for w in words[1:]:
        word = w.group().lower()
        if not w.group()[:1].isupper():
            continue
        if word in verbs:
            cut = w.start()
            while cut > start and text[cut - 1] in " -–—":
                cut -= 1
            return cut
        if len(word) < 4 or not word.endswith("s"):
            continue
        stems = {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]}
        if word in common or any(f"{s}{e}" in common for s in stems for e in ("ed", "d", "ing")):
            cut = w.start()
            while cut > start and text[cut - 1] in " -–—":
                cut -= 1
            return cut
    return end


def _body_verbs(article: Article, headlines: Sequence[tuple[int, int]]) -> set[str]:
    """The words an article's body writes in lower case where the parser reads a verb."""
    t, text = article.tokens, article.text
    found = {text[i : i + n] for i, n, pos in zip(t.idx, t.length, t.pos) if pos == "VERB"}
    found = {w for w in found if w.islower()}
    for s, e in headlines:   # a verb only in a headline is no evidence: that is what is in doubt
        lo, hi = bisect.bisect_left(t.idx, s), bisect.bisect_left(t.idx, e)
        only_there = {text[t.idx[k] : t.idx[k] + t.length[k]] for k in range(lo, hi)} & found
        found -= {w for w in only_there if not re.search(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", text[e:])}
    return found


def _looks_personal(name: str, common: set[str]) -> bool:
    """Two or three capitalised words, none an organisation head word or a word the story also
    writes in lower case ("Dick Schoof", not "Treaty Organization" or "Summit Declaration")."""
    words = [w.strip(".,").lower() for w in name.split()]
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in name.split()) and not any(
        w in ORG_WORDS or w in common for w in words)


_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z]+(?![\w'’])")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # "U.S.", "D.P.R.K.": the last dot belongs
_CONTINUATION = re.compile(r"[\-‐‑ ]([A-Za-z][a-z]+)\b")


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


def _near(word: str, words: set[str]) -> bool:
    """A typo of one of `words`: one edit or two swapped letters, in words of six letters or more."""
    return len(word) >= 6 and any(len(w) >= 6 and OSA.distance(w, word) <= 1 for w in words)


def _initials(key: str, text: str = "") -> set[str]:
    """"hewlett packard" -> {"hp"}; "bank of america" -> {"ba"}; and where the name was written
    with an abbreviation (`text` "U.S. Geological Survey"), its letters count whole: {"ugs", "usgs"}."""
    words = [w for w in key.split() if w not in ("of", "and", "the", "for", "&", "de")]
    abbreviated = {w.replace(".", "").lower() for w in text.split() if re.fullmatch(r"(?:[A-Za-z]\.){2,}", w)}
    out = {"".join(w[0] for w in words)}
    if abbreviated & set(words):
        out.add("".join(w if w in abbreviated else w[0] for w in words))
    return out


_ROLE_GAP = re.compile(r"\s+(?:[a-z][a-z\-]*\s+){0,2}")


def _nominal(article: Article, start: int, end: int) -> bool:
    """Whether a nationality word is a noun here ("the Australian won"), not an adjective
    ("Australian officials", "Australian Duncan Rait"), by its parse."""
    tokens = article.tokens
    if not len(tokens):
        return False
    i = bisect.bisect_right(tokens.idx, end - 1) - 1
    if i < 0 or tokens.idx[i] < start:
        return False
    before = article.text[max(0, start - 40) : start].lower().split()
    the = bool(before) and (before[-1] == "the" or "the" in before[-3:])
    if i + 1 < len(tokens) and tokens.pos[i + 1] in ("NOUN", "PROPN", "ADJ", "NUM"):
        # "the North Korean threat": an adjective after all; but "the 40-year-old American
        # southpaw" is a person, described by a noun that names people by what they do
        nxt = article.text[tokens.idx[i + 1] : tokens.idx[i + 1] + tokens.length[i + 1]].lower()
        return the and tokens.pos[i + 1] == "NOUN" and nxt in TITLES
    if tokens.dep[i] == "poss":   # "the American's challenge" is a person's, "American's" alone may be a firm's
        return bool(before) and before[-1] == "the"
    return tokens.dep[i] not in ("amod", "compound", "nmod", "npadvmod") and tokens.pos[i] in (
        "NOUN", "PROPN") and the


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two full names (lists of normalised words, two or more each) name one person."""
    a, b = _core(a), _core(b)
    if len(a) < 2 or len(b) < 2:
        return False
    if sorted(a) == sorted(b) or "".join(a) == "".join(b):
        return True  # word order, or spacing ("Jong Un" / "Jongun")
    if len(a) == len(b):
        differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if len(differ) == 1 and min(len(differ[0][0]), len(differ[0][1])) >= 4:
            x, y = differ[0]  # a one-letter typo or two letters swapped ("Yook Suk Yeol", "Klistchko")
            if OSA.distance(x, y) == 1 and x[0] == y[0]:
                return True
    # middle names and initials dropped, a first name shortened: "Fred LaRue" / "Frederick C. LaRue"
    x, y = [w for w in a if len(w) > 1], [w for w in b if len(w) > 1]
    if len(x) < 2 or len(y) < 2 or x[-1] != y[-1] or not _same_first_name(x[0], y[0]):
        return False
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return set(short[1:-1]) <= set(long_[1:-1])


def _same_first_name(x: str, y: str) -> bool:
    if x == y:
        return True
    if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
        return True  # Fred / Frederick, Chris / Christopher
    return any(x in group and y in group for group in NICKNAMES)


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
    """The entities of one story's articles, in the steps of the module docstring."""
    canon = _story_canon(articles)
    mentions = _story_mentions(articles, canon)
    if not mentions:
        return []
    _teams_by_place(articles, mentions)
    r = _Resolution(articles, mentions, canon)
    r.group_by_name()
    r.join_person_variants()
    r.join_particle_surnames()
    r.join_organisation_short_forms()
    r.join_place_head_variants()
    r.join_short_names()
    r.join_nationalities()
    return _entities(story, r.clusters())


def _story_canon(articles: Sequence[Article]) -> dict[str, str]:
    """Normalised name -> canonical key: the gazetteer, and the acronyms the story defines."""
    canon = dict(_CANON)
    for a in articles:
        for short, long_form in definitions(a.text):
            long_key = normalise(long_form)
            canon.setdefault(normalise(short), canon.get(long_key, long_key))
            canon.setdefault(long_key, canon.get(long_key, long_key))
    return canon


def _story_mentions(articles: Sequence[Article], canon: dict[str, str]) -> list[_M]:
    """Step 1: the story's mentions with repaired spans. Long names the story knows are found in
    the text first; the parser's mentions they overlap are dropped."""
    order = {a.id: i for i, a in enumerate(articles)}
    # mentions of the kinds shown, and of any tag where the name is a known one ("The Democratic
    # People's Republic of Korea" tagged WORK_OF_ART)
    raw = [(a, e) for a in articles for e in a.entities
           if e.label in ENTITY_KINDS or normalise(a.text[e.start : e.end]) in canon]
    surface_labels: dict[str, Counter[str]] = defaultdict(Counter)
    for a, e in raw:
        surface_labels[normalise(a.text[e.start : e.end])][e.label] += 1
    known = set(surface_labels) | set(canon)
    places = {k for k, c in surface_labels.items() if c.most_common(1)[0][0] in ("GPE", "LOC", "NORP")} | _COUNTRIES
    headlines = {a.id: [(b.start, b.end) for b in a.blocks if b.kind == HEADLINE] for a in articles}
    in_body = {normalise(a.text[e.start : e.end]) for a, e in raw if not any(s <= e.start < t for s, t in headlines[a.id])}
    persons = {k for k, c in surface_labels.items()   # full names as the body writes them: a headline's title case misleads
               if len(k.split()) >= 2 and c.most_common(1)[0][0] == "PERSON" and k in in_body}
    common = {w for a in articles for w in _LOWER_WORD.findall(a.text)}  # words the story writes in lower case
    verbs = {w for a in articles for w in _body_verbs(a, headlines[a.id])}

    mentions: list[_M] = []
    phrases = _phrase_pattern({k for k in canon if len(k.split()) >= 2} | {v for v in canon.values() if len(v.split()) >= 2})
    for a in articles:  # known long names the parser split or mis-tagged ("Democratic" + "People's ...")
        for m in phrases.finditer(a.text.translate(_QUOTES)) if phrases else ():
            key = normalise(m.group())
            label = "ORG" if canon.get(key, key) in _ORG_KEYS or key not in _CANON else "GPE"
            mentions.append(_M(a.id, m.start(), m.end(), a.text[m.start() : m.end()], label, key, order[a.id]))
    claimed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        claimed[m.doc].append((m.start, m.end))
    raw = [(a, e) for a, e in raw if not any(s < e.end and e.start < t for s, t in claimed[a.id])]
    for a, e in raw:
        end = e.end
        if any(s <= e.start < t for s, t in headlines[a.id]):
            cut = _without_headline_verb(a.text, e.start, e.end, common, verbs)
            # a person's name, or a name of anything else when what is left is one the body uses ("Seoul Succeeds")
            if e.label == "PERSON" or normalise(a.text[e.start : cut]) in in_body:
                end = cut
        for start, end, label in _clean_span(a.text, e.start, end, e.label, places, persons, common):
            for s, t in _split_compound(a.text, start, end, known):
                while s < t and not a.text[s].isalnum():
                    s += 1
                key = normalise(a.text[s:t])
                if key and any(c.isalpha() for c in key) and key not in TITLES:   # "Sgt", "Sheriff" alone name nobody
                    mentions.append(_M(a.id, s, t, a.text[s:t], label if label in ENTITY_KINDS else "ORG", key,
                                       order[a.id], personal=_personal(a.text, s, t),
                                       said_he=label != "PERSON" and _said_he(a, s, t)))
    return mentions


_TEAM_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})
_AGAINST = frozenset({"beat", "beats", "over", "against", "vs", "vs.", "versus", "defeated", "edged", "routed"})


def _teams_by_place(articles: Sequence[Article], mentions: list[_M]) -> None:
    """A place that stands for its team: where the story names a team by its place and a
    nickname ("Indianapolis Colts", "New Orleans Saints", "Creighton Bluejays") and writes the
    nickname alone ("the Colts"), a mention of the place that acts ("Indianapolis beat Kansas
    City", "Indianapolis's defense", "Indianapolis 24", "a win over Indianapolis") is the team;
    one that only locates ("in Indianapolis") stays the place. A nickname that is an
    organisation's head noun ("Times", "Post") is no team's; two teams of one place name
    neither."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        labels[m.key][m.label] += 1
    places = {k for k, c in labels.items() if c.most_common(1)[0][0] in ("GPE", "LOC")}
    texts = [a.text for a in articles]
    teams: dict[str, set[tuple[str, str]]] = defaultdict(set)   # place key -> (team key, label)
    for m in mentions:
        words = m.words
        if m.label == "PERSON" or len(words) < 2:
            continue
        for cut in range(1, min(3, len(words) - 1) + 1):
            place, nick = " ".join(words[:cut]), words[cut:]
            if place in places and nick[-1][-1:] in "sx" and not ORG_WORDS & set(nick):
                written = re.compile(rf"\bthe {r'[ -]'.join(map(re.escape, nick))}\b", re.IGNORECASE)
                if any(written.search(t) for t in texts):
                    teams[place].add((m.key, labels[m.key].most_common(1)[0][0]))
    teams = {p: next(iter(t)) for p, t in teams.items() if len({k for k, _ in t}) == 1}
    if not teams:
        return
    by_id = {a.id: a for a in articles}
    for m in mentions:
        if m.key in teams and _acts(by_id[m.doc], m.start, m.end):
            (m.key, m.label), m.descriptor = teams[m.key], True


def _acts(article: Article, start: int, end: int) -> bool:
    """Whether a name is a subject, an object or a possessor in its sentence, is followed by a
    score, or follows a word of contest ("over", "against", "beat")."""
    t = article.tokens
    lo, hi = bisect.bisect_left(t.idx, start), bisect.bisect_left(t.idx, end)
    if any(t.dep[i] in _TEAM_DEPS for i in range(lo, hi)):
        return True
    if re.match(r"['’](?:s\b|\s)|\s*\(?\d{1,3}\b(?![.,]?\d)", article.text[end : end + 6]):
        return True
    before = article.text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in _AGAINST


class _Resolution:
    """One story's mentions joined into entities, step by step (a union-find over `mentions`).
    Each `join_*` step relies on the ones before it, so `resolve_story` runs them in order."""

    def __init__(self, articles: Sequence[Article], mentions: list[_M], canon: dict[str, str]) -> None:
        self.mentions = mentions
        self.canon = canon
        self.by_id = {a.id: a for a in articles}
        self.uf = _Union(len(mentions))
        self.first_of: dict[str, int] = {}      # canonical key -> first mention of that name
        self.short_ones: list[int] = []         # one-word person names, resolved in step 5
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)   # by surface key and by canonical key
        for m in mentions:
            self.labels[m.key][m.label] += 1
            if canon.get(m.key, m.key) != m.key:
                self.labels[canon[m.key]][m.label] += 1
        # Full names in headlines are no guide: title case confuses the parser ("Colts Beat Chiefs").
        self.headline = {a.id: [(b.start, b.end) for b in a.blocks if b.kind == HEADLINE] for a in articles}
        self.full_names = [m for m in mentions if len(m.words) >= 2 and self.person_like(m.key)
                           and not self.in_headline(m)]
        self.name_words = {w for m in self.full_names for w in _core(m.words)}
        self.surnames = {_core(m.words)[-1] for m in self.full_names}
        self.name_ends: dict[str, set[str]] = defaultdict(set)   # doc -> first and last words of its full names
        for m in self.full_names:
            core = _core(m.words)
            self.name_ends[m.doc] |= {core[0], core[-1]}
        self.in_body_keys = {canon.get(m.key, m.key) for m in mentions if not self.in_headline(m)}
        self._find_nationalities()

    def person_like(self, key: str) -> bool:
        return self.labels[key].most_common(1)[0][0] == "PERSON"

    def in_headline(self, m: _M) -> bool:
        return any(s <= m.start < e for s, e in self.headline[m.doc])

    def short_name(self, m: _M) -> bool:
        """A one-word mention that names a person: tagged so mostly; or the surname of one of the
        story's full names, tagged a person somewhere and not mostly a place ("Luck" tagged ORG
        here and PERSON there); or the first or last word of a full name in the same article,
        however tagged ("Zelenskyy in Kyiv" as a place)."""
        if len(m.words) != 1 or "." in m.text or (m.text.isupper() and len(m.text) > 1):
            return False  # "U.N." and "UN" are not the "Un" of Kim Jong Un
        tags = self.labels[m.key]
        top = tags.most_common(1)[0][0]
        return (top == "PERSON" or (m.key in self.surnames and tags["PERSON"] > 0 and top not in ("GPE", "LOC", "FAC"))
                or m.key in self.name_ends[m.doc] or (tags["PERSON"] > 0 and _near(m.key, self.surnames)))

    def _find_nationalities(self) -> None:
        """A nationality as a noun ("the Australian") or right before a name ("Australian Duncan
        Rait") describes a person, not the group: set aside here, resolved after the names."""
        person_at = {(m.doc, m.start): i for i, m in enumerate(self.mentions)
                     if m.label == "PERSON" and len(m.words) >= 2}
        self.before_name: dict[int, int] = {}   # nationality mention -> the full name right after it
        for i, m in enumerate(self.mentions):
            if m.label == "NORP":
                gap = _ROLE_GAP.match(self.by_id[m.doc].text, m.end)
                j = person_at.get((m.doc, gap.end())) if gap else None
                if j is not None:
                    self.before_name[i] = j
        self.descriptors = [i for i, m in enumerate(self.mentions) if m.label == "NORP" and (
            i in self.before_name or _nominal(self.by_id[m.doc], m.start, m.end))]

    def _join_name(self, i: int) -> None:
        key = self.canon.get(self.mentions[i].key, self.mentions[i].key)
        if key in self.first_of:
            self.uf.union(self.first_of[key], i)
        else:
            self.first_of[key] = i

    def group_by_name(self) -> None:
        """Steps 2 and 3: one entity per canonical name; one-word person names and nationalities
        standing for a person are left for later steps."""
        descriptors = set(self.descriptors)
        for i, m in enumerate(self.mentions):
            if self.short_name(m):
                self.short_ones.append(i)
            elif i not in descriptors:
                self._join_name(i)

    def join_particle_surnames(self) -> None:
        """A surname that starts with a particle ("Van Rompuy", "de Blasio", "bin Salman") is the
        person the story names in full with it ("Herman Van Rompuy"), when one person only ends
        so: two words that would otherwise pass for a first name and a last."""
        mentions, uf = self.mentions, self.uf
        ends: dict[str, set[int]] = defaultdict(set)
        for i, m in enumerate(mentions):
            words = m.words
            if len(words) >= 3 and self.person_like(m.key) and not self.in_headline(m):
                for k in range(1, len(words) - 1):
                    if words[k] in PARTICLES:
                        ends[" ".join(words[k:])].add(i)
        for i, m in enumerate(mentions):
            if len(m.words) >= 2 and m.words[0] in PARTICLES and m.key in ends and m.label == "PERSON":
                roots = {uf.find(j) for j in ends[m.key]}
                if len(roots) == 1:
                    uf.union(roots.pop(), i)

    def join_person_variants(self) -> None:
        """Step 4, people: variants among full names, and a name the parser mis-tagged that is a
        variant of one ("Mo Cheeks" tagged a place, "Maurice Cheeks" a person)."""
        uf, first_of = self.uf, self.first_of
        full = [k for k in first_of if len(k.split()) >= 2 and self.person_like(k)]
        for x in range(len(full)):
            for y in range(x + 1, len(full)):
                if same_person(full[x].split(), full[y].split()):
                    uf.union(first_of[full[x]], first_of[full[y]])
        for k in first_of:
            if 2 <= len(k.split()) <= 4 and not self.person_like(k) and k in self.in_body_keys:
                match = {uf.find(first_of[f]) for f in full if same_person(f.split(), k.split())}
                if len(match) == 1:
                    uf.union(match.pop(), first_of[k])

    def join_place_head_variants(self) -> None:
        """Step 4b: names of one place that differ only by a generic head noun ("Betty Ford
        Center", "Betty Ford Clinic", "Betty Ford Rehab"), when the story writes them in
        different articles (outlets naming one place their own way; one article naming two
        places keeps them apart) and no other name of the story shares their core."""
        uf, first_of, labels = self.uf, self.first_of, self.labels
        by_core: dict[str, list[str]] = defaultdict(list)
        for k in first_of:
            words = k.split()
            if (len(words) >= 3 and words[-1] in _PLACE_HEADS and k in self.in_body_keys
                    and labels[k].most_common(1)[0][0] in ("ORG", "FAC", "GPE", "LOC")):
                by_core[" ".join(words[:-1])].append(k)
        docs: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            docs[m.key].add(m.doc)
        for core, keys in by_core.items():
            if len(keys) < 2:
                continue
            if any(docs[a] & docs[b] for i, a in enumerate(keys) for b in keys[i + 1:]):
                continue   # one article names two of them: two places ("the Ford Center and the Ford Clinic")
            for k in keys[1:]:
                uf.union(first_of[keys[0]], first_of[k])

    def join_organisation_short_forms(self) -> None:
        """Step 4, organisations: a short form is the start or end of longer names that are one
        entity ("EYP" of "EYP Mission Critical Facilities", "Department of Criminal Justice" of
        "Texas Department of Criminal Justice"), or their initials ("HP" of "Hewlett-Packard").
        Names seen only in headlines are left out: title case makes "HP Acquires EYP" an
        organisation."""
        uf, first_of, labels = self.uf, self.first_of, self.labels
        orgs = sorted((k for k in first_of if labels[k].most_common(1)[0][0] == "ORG" and k in self.in_body_keys),
                      key=len, reverse=True)
        others = [k for k in first_of
                  if labels[k].most_common(1)[0][0] not in ("PERSON", "GPE", "LOC") and k in self.in_body_keys]
        for k in sorted(others, key=len, reverse=True):
            for test in (lambda o: k.isalnum() and k in _initials(o, self.mentions[first_of[o]].text),  # noqa: B023 (most telling first)
                         lambda o: o.endswith(" " + k),                  # noqa: B023 (the head of an English name)
                         lambda o: o.startswith(k + " ")):               # noqa: B023
                longer = {uf.find(first_of[o]) for o in orgs if o != k and test(o)}
                if longer:
                    if len(longer) == 1:
                        uf.union(longer.pop(), first_of[k])
                    break

    def join_short_names(self) -> None:
        """Step 5: a one-word name joins the full name containing it mentioned nearest before it
        in the article (else nearest after), else the story's one full name containing it, or the
        one named far more often than any other; otherwise it is one entity per word. The full
        names are indexed by word, so a long article with thousands of names stays fast."""
        mentions, uf = self.mentions, self.uf
        full_in_doc: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(mentions):
            if len(m.words) >= 2 and self.person_like(m.key) and not self.in_headline(m):
                full_in_doc[m.doc].append(i)
        full = [j for js in full_in_doc.values() for j in js]
        # each full name's entity as it is before this step: joining short names moves the roots,
        # so what is known of an entity (its weight, its sex) is keyed by these
        home = {j: uf.find(j) for j in full}
        holding: dict[str, list[int]] = defaultdict(list)   # word -> full names holding it, in the order met
        spread: dict[int, set[str]] = defaultdict(set)
        for j in full:
            spread[home[j]].add(mentions[j].doc)
            for w in dict.fromkeys(_core(mentions[j].words)):
                holding[w].append(j)
        # how many articles name each person in full: the one the story is about
        weight = {root: len(docs) for root, docs in spread.items()}
        in_doc: dict[tuple[str, str], tuple[list[int], list[int]]] = {}   # (doc, word) -> (starts, names) by start
        every: dict[tuple[str, str], list[int]] = {}   # the same names, relatives included
        for w, js in holding.items():
            per_doc: dict[str, list[int]] = defaultdict(list)
            for j in js:
                per_doc[mentions[j].doc].append(j)
            for doc, names in per_doc.items():
                names.sort(key=lambda j: (mentions[j].start, j))
                every[(doc, w)] = names
                names = self._without_relatives(names)
                in_doc[(doc, w)] = ([mentions[j].start for j in names], names)
        gender: dict[int, str | None] = {}   # full name's entity -> "m" / "f" where its articles say, None if they disagree
        for j in full:
            g = _gender_before(self.by_id[mentions[j].doc].text, mentions[j].start)
            if g:
                gender[home[j]] = g if gender.get(home[j], g) == g else None
        respelt: dict[str, str] = {}
        unresolved: dict[str, int] = {}
        for i in self.short_ones:
            m = mentions[i]
            word = m.key
            if word not in self.name_words and len(word) >= 6:  # "Klistchko" for "Klitschko"
                if word not in respelt:
                    close = [w for w in self.name_words if len(w) >= 6 and OSA.distance(w, word) <= 1]
                    respelt[word] = close[0] if len(close) == 1 else word
                word = respelt[word]
            starts, here = in_doc.get((m.doc, word), ([], []))
            wanted = _gender_before(self.by_id[m.doc].text, m.start)   # "Miss Jenkin": his sister, not him
            everyone = every.get((m.doc, word), [])
            if wanted and len({home[j] for j in everyone}) > 1:
                fits = [j for j in everyone if gender.get(home[j]) == wanted] or \
                    [j for j in here if gender.get(home[j]) is None]
                if fits:
                    here = fits
                    starts = [mentions[j].start for j in here]
            before = bisect.bisect_left(starts, m.start)   # here[:before] start before this mention
            if before:
                target: int | None = here[bisect.bisect_left(starts, starts[before - 1])]
            else:
                target = here[0] if here else None
            if target is None:
                ranked = Counter({uf.find(j): weight[home[j]] for j in holding.get(word, ())}).most_common(2)
                if len(ranked) == 1 or (len(ranked) == 2 and ranked[0][1] >= 2 * ranked[1][1]):
                    target = ranked[0][0]
            if target is not None:
                uf.union(target, i)
                m.label = "PERSON"  # resolved as a person, whatever the tag
            elif word in unresolved:
                uf.union(unresolved[word], i)
            else:
                unresolved[word] = i

    def _without_relatives(self, names: list[int]) -> list[int]:
        """Of the full names of one article that share a word, in text order, those left when
        the people the article first brings in as someone's relative ("his father, coach Greg
        McDermott") are set aside: news writing gives a relative their full name, and keeps the
        bare surname for the person the story is about. All of them when that leaves none, or
        when they are all one person."""
        first: dict[int, int] = {}
        for j in names:
            first.setdefault(self.uf.find(j), j)
        if len(first) < 2:
            return names
        text = self.by_id[self.mentions[names[0]].doc].text
        kin = {root for root, j in first.items()
               if _RELATIVE_BEFORE.search(text, max(0, self.mentions[j].start - 80), self.mentions[j].start)}
        kept = [j for j in names if self.uf.find(j) not in kin]
        return kept if kept and len(kin) < len(first) else names

    def join_nationalities(self) -> None:
        """"The Australian" as a noun is the person the story calls "Australian Duncan Rait", when
        it gives that nationality to one person only; otherwise it is the group."""
        described: dict[str, set[int]] = defaultdict(set)
        for i, j in self.before_name.items():
            described[self.mentions[i].key].add(self.uf.find(j))
        for i in self.descriptors:
            people = {self.uf.find(self.before_name[i])} if i in self.before_name else \
                described.get(self.mentions[i].key, set())
            if len(people) == 1:
                self.uf.union(next(iter(people)), i)   # not pop(): the set is the story's, for every descriptor
                self.mentions[i].label, self.mentions[i].descriptor = "PERSON", True
            else:
                self._join_name(i)

    def clusters(self) -> list[list[_M]]:
        out: dict[int, list[_M]] = defaultdict(list)
        for i, m in enumerate(self.mentions):
            out[self.uf.find(i)].append(m)
        return list(out.values())


def _entities(story: str, clusters: Iterable[list[_M]]) -> list[Entity]:
    built = []
    for members in clusters:
        label = Counter(m.label for m in members).most_common(1)[0][0]
        if label != "PERSON" and any(m.personal for m in members) and any(len(m.words) >= 2 for m in members):
            label = "PERSON"   # a full name the story gives a title or an age is a person's, whatever the tag
        elif label != "PERSON" and sum(m.said_he for m in members) >= _SAID_HE and not any(
                ORG_WORDS & set(m.words) for m in members):
            label = "PERSON"   # a name the story takes up with "he" or "she", twice
        forms = Counter(display_form(m.text) for m in members if not m.descriptor) or Counter(
            display_form(m.text) for m in members)
        if label == "PERSON":  # a full name over a surname ("Van Rompuy" is one), then the most frequent
            name = max(forms, key=lambda f: (len(f.split()) >= 2 and f.split()[0].lower() not in PARTICLES,
                                             forms[f], len(f), f))
        else:
            name = max(forms, key=lambda f: (forms[f], len(f), f))
        aliases = in_alias_order(f for f in forms if normalise(f) != normalise(name))
        mentions = tuple(Mention(m.doc, m.start, m.end, m.text)
                         for m in sorted(members, key=lambda m: (m.order, m.start)))
        built.append((label, name, aliases, mentions))
    built.sort(key=lambda b: (-len(b[3]), b[1].casefold()))
    return [Entity(f"{story}/e{i}" if story else f"e{i}", name, label, story, aliases, mentions)
            for i, (label, name, aliases, mentions) in enumerate(built, 1)]
