"""Direct quotations: where an article quotes someone, who it quotes, and the same quotation in
other outlets.

**Extraction.** Quotation marks are paired within a paragraph. A mark's role comes from its
glyph where it has one (“ opens, ” closes) and from its neighbours where it has not (a straight
`"` after a space and before a word opens). What the marks get wrong is repaired, best effort:
a second opening mark ends the quote left open before it; marks written the wrong way round
(`their” 15 Most Wanted “list`) are paired backwards; and a paragraph that opens a quote and
never closes it follows the newspaper convention for quotes running over several paragraphs,
so the quote runs on into the next paragraph when that one opens with a mark. Single marks
(‘…’ or '…') are quotation marks only outside double ones, never between two letters (an
apostrophe), and an unclosed one only at the start of a paragraph or after a colon.

Not every quoted phrase is a quotation. A title-case phrase in marks ("The Hunger Games",
"Riot") is a title or a name, and a phrase of one or two words is a scare quote, unless a
reporting verb frames it as someone's words.

**Attribution.** The speaker is found in the dependency parse of the sentences the quote sits in:
- the reporting verb that governs the quote ("X said", "said X", "X told Reuters", "X added",
  "X, who said", "X was quoted as saying"), or failing that the nearest reporting verb outside
  the quote in its own sentence or in a short sentence right after it;
- its subject, or, for a participle ("saying", "adding"), the subject of the verb it hangs on;
- "according to X" where the verb's subject names no entity (or there is no verb);
- a quote with no frame of its own continues the quote just before it, in the same paragraph
  or the one before, as newspapers write a long quotation.
The subject is then resolved to an entity: the mention it is or contains ("Kim Tae-hyo, the
first deputy director ..." is Kim Tae-hyo; "NATO leaders" is NATO); "he" or "she" to the
nearest earlier person, subjects first; "it" and "they" to the organisation last quoted or
named; a role noun ("the spokesman", "the president") to the nearest earlier person given that
title; a document ("the declaration", "the statement") to the entity named after it, else to
the organisation last quoted. An unnamed source ("a senior official", "a witness") has no
speaker: its words are kept as the quote's `source`.

**Groups.** Quotes of one story that render the same words are grouped: they share a run of
six words, or one speaker's two renderings share most of their content words (two
translations of one remark). Each group's members can then be diffed word by word.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import Indel

from .gazetteer import TITLES
from .match import DELETE, INSERT, PUNCT_ONLY, REPLACE, Edit, fold, word_diff
from .model import Article, Entity, Mention, Span
from .resolve import normalise, same_person

__all__ = ["Quote", "QuoteIndex", "as_json", "find_quotes", "quote_spans"]

# --- extraction ----------------------------------------------------------------------------------

_DOUBLE = re.compile(r"''|[“”\"„«»]")
_SINGLE = re.compile(r"[‘’']")
_OPENS = frozenset("“„«‘")
_CLOSES = frozenset("”»’")
_BEFORE_OPEN = frozenset("([{—–-/:")            # an opening mark may follow these directly
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-…")        # a closing mark may be followed by these
_SENTENCE_END = frozenset(",.!?…")               # punctuation before a closing mark in speech
_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from as vs de la le del nor but".split())
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
_MIN_WORDS = 3       # fewer words in marks is a scare quote unless a reporting verb frames it
_TITLE_WORDS = 8     # a title-case phrase in marks of up to this many words is a title


@dataclass(frozen=True, slots=True)
class _Marked:
    """A stretch of a paragraph between quotation marks (marks excluded)."""

    start: int
    end: int
    open_end: bool = False    # the paragraph ended before a closing mark
    unclosed: bool = False    # no closing mark: the paragraph ended, or another quote opened
    speechlike: bool = False  # closes with , . ! or ? inside the marks, as speech does


def _role(text: str, pos: int, width: int, start: int, end: int) -> str:
    """"open", "close" or "either" for the mark at `pos`: by its glyph, else by its neighbours."""
    glyph = text[pos]
    if width == 1 and glyph in _OPENS:
        return "open"
    if width == 1 and glyph in _CLOSES:
        return "close"
    before = text[pos - 1] if pos > start else " "
    after = text[pos + width] if pos + width < end else " "
    left = before.isspace() or before in _BEFORE_OPEN
    right = after.isspace() or after in _AFTER_CLOSE
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _after_speech_punct(text: str, pos: int, start: int) -> bool:
    """A mark that follows ", " or ". " closes a quote even when a space was lost or added after
    it (`there, 'he said`): scraped and re-joined text does that."""
    i = pos - 1
    while i > start and text[i] == " ":
        i -= 1
    return i >= start and text[i] in _SENTENCE_END and i < pos - 1


def _pair(text: str, start: int, end: int, marks: list[tuple[int, int]], single: bool) -> list[_Marked]:
    found: list[_Marked] = []
    opened: int | None = None       # position just after the open mark
    stray: int | None = None        # a closing mark met before any opening one
    for pos, width in marks:
        role = _role(text, pos, width, start, end)
        if single and text[pos] in "'’" and pos > start and text[pos - 1].isalnum() \
                and pos + width < end and text[pos + width].isalnum():
            continue  # an apostrophe
        if opened is None:
            if role == "close" or (single and role == "either"):
                if stray is None:
                    stray = pos
                continue
            opened = pos + width
            continue
        if role == "open" and not (not single and text[pos] == '"' and _after_speech_punct(text, pos, start)):
            if text[pos] in "'’‘" and not single:
                continue
            found.append(_Marked(opened, pos, unclosed=True))  # the mark before was never closed
            opened = pos + width
            continue
        found.append(_Marked(opened, pos, speechlike=text[pos - 1] in _SENTENCE_END))
        opened = None
    if opened is not None:
        mark = opened - 1
        if stray is not None and not found and stray < mark and not single:
            found.append(_Marked(stray + 1, mark))  # marks written the wrong way round
        elif opened < end and (text[opened].isalnum() or text[opened] in "([‘'…") and (
                not single or mark == start or text[start:mark].rstrip().endswith(":")):
            found.append(_Marked(opened, end, open_end=True, unclosed=True))
    return found


def _in_paragraph(text: str, start: int, end: int) -> list[_Marked]:
    doubles = [(m.start(), m.end() - m.start()) for m in _DOUBLE.finditer(text, start, end)]
    spans = _pair(text, start, end, doubles, single=False)
    inside = [(s.start, s.end) for s in spans]
    singles = [(m.start(), 1) for m in _SINGLE.finditer(text, start, end)
               if not any(s - 1 <= m.start() <= e for s, e in inside)]
    if singles:
        # between two double-quoted stretches a single-quoted one is paired on its own
        cuts = sorted({start, end, *(x for s, e in inside for x in (s - 1, e + 1))})
        for lo, hi in itertools.pairwise(cuts):
            part = [(p, w) for p, w in singles if lo <= p < hi]
            if part and not any(s - 1 <= lo < e for s, e in inside):
                spans += _pair(text, lo, hi, part, single=True)
    return sorted(spans, key=lambda s: s.start)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _is_title(words: list[str]) -> bool:
    return 0 < len(words) <= _TITLE_WORDS and all(
        w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and any(w[0].isupper() for w in words)


def quote_spans(article: Article) -> list[Span]:
    """Every stretch of an article between quotation marks (marks excluded), quotation or not,
    in text order; the stretches of a quote running over several paragraphs are separate."""
    out = []
    for block in article.blocks:
        for m in _in_paragraph(article.text, block.start, block.end):
            s, e = _trimmed(article.text, m.start, m.end)
            if e > s:
                out.append(Span(s, e))
    return out


# --- attribution ---------------------------------------------------------------------------------

REPORTING = frozenset("""
say tell add state note write read declare announce warn stress emphasize emphasise insist argue
claim explain ask reply respond answer continue urge call describe criticize criticise condemn
express vow pledge promise admit acknowledge deny confirm suggest recall comment remark tweet post
conclude observe mention report predict complain boast assert affirm reiterate repeat maintain
contend allege caution welcome praise reaffirm concede testify shout scream yell joke quip recount
label dub term brand hail slam blast accuse demand plead chant cry whisper exclaim reveal disclose
quote cite lament decry retort rebut hope advise instruct
tweet recommend propose threaten signal insist thank apologize apologise
""".split())
_PERSON_PRONOUNS = frozenset({"he", "she"})
_THING_PRONOUNS = frozenset({"it", "they"})
_RELATIVE = frozenset({"who", "which", "that"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLIMB = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp", "prep", "pobj"})  # not into a noun's clause
# Nouns that name a person by role: "the spokesman said" refers back to whoever was given the title.
ROLE_NOUNS = frozenset("""
president minister spokesman spokeswoman spokesperson official officer chancellor secretary doctor
ambassador director chief head leader premier governor mayor senator representative lawmaker
commissioner commander general admiral captain sheriff chairman chairwoman chair ceo founder
executive manager coach lawyer attorney prosecutor judge adviser advisor aide envoy diplomat
king queen prince pope emperor actor actress singer star player producer writer author
""".split())
# Nouns that name a document or body by what it is: "the declaration read".
DOCUMENT_NOUNS = frozenset("""
declaration statement communique communiqué report document text letter release article paper
resolution memo note announcement post tweet filing complaint ruling verdict decision study survey
""".split())
# Nouns that name an organisation by its kind: "the company said" is the one the article is about.
BODY_NOUNS = frozenset("company firm maker giant corporation agency carrier operator retailer studio network "
                       "broadcaster publisher manufacturer developer startup bank insurer airline".split())
_PERSON_LABELS = frozenset({"PERSON"})
_BODY_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})
_PRONOUN_WINDOW = 4   # sentences back where "he" / "she" looks for its person
_GENDER = {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_GENDER_WORDS = {w: "m" for w in "mr sir lord king prince father son brother husband uncle nephew grandfather "
                                  "man boy businessman chairman spokesman".split()} | {
                 w: "f" for w in "mrs ms miss dame lady queen princess mother daughter sister wife aunt niece "
                                  "grandmother woman girl businesswoman chairwoman spokeswoman actress".split()}


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation in one article.

    `start`/`end` span the quoted words (marks excluded) in the cleaned text; a quote running
    over several paragraphs has one part per paragraph, and `text` joins them with a newline.
    `speaker` is an entity id or None; `source` is how the article names the speaker ("he",
    "a senior official", "Kim Tae-hyo"); `how` says how it was found (the reporting verb,
    "according to", or "continues" for a quote that carries on the one before).
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


class _Story:
    """A story's entities by id, by normalised name or alias, and persons by surname: where a
    speaker the parser did not tag is looked up. Built once per story."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.by_id = {e.id: e for e in entities}
        self.names: dict[str, Entity] = {}
        self.surnames: dict[str, set[str]] = defaultdict(set)
        for e in self.by_id.values():
            for name in (e.name, *e.aliases):
                self.names.setdefault(normalise(name), e)
            if e.label in _PERSON_LABELS and len(e.name.split()) >= 2:
                self.surnames[normalise(e.name).split()[-1]].add(e.id)


class _Doc:
    """One article's parse, with the lookups attribution needs."""

    def __init__(self, article: Article, mentions: Sequence[tuple[Mention, Entity]], story: _Story) -> None:
        self.article = article
        self.by_id = story.by_id | {e.id: e for _, e in mentions}
        self.names = story.names
        self.surnames = story.surnames
        self.text = article.text
        self.t = article.tokens
        self.n = len(self.t)
        self.sent_starts = [s.start for s in article.sentences]
        self.mentions = list(mentions)
        self.mention_starts = [m.start for m, _ in self.mentions]
        self.quoted: list[tuple[int, int]] = []     # filled once the quotes are known
        self._genders: dict[str, str] | None = None
        self.children: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.t.head):
            if h != i and 0 <= h < self.n:
                self.children[h].append(i)

    # tokens
    def word(self, i: int) -> str:
        return self.text[self.t.idx[i] : self.t.idx[i] + self.t.length[i]]

    def lemma(self, i: int) -> str:
        return self.t.lemma_of(i, self.text)

    def token_range(self, start: int, end: int) -> range:
        lo = bisect.bisect_left(self.t.idx, start)
        hi = bisect.bisect_left(self.t.idx, end)
        return range(lo, hi)

    def sentence_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, offset) - 1, 0)

    def subtree(self, i: int) -> tuple[int, int]:
        """The token range of `i` and everything under it (spaCy's trees are projective)."""
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            lo, hi = min(lo, j), max(hi, j)
            stack.extend(self.children[j])
        return lo, hi + 1

    def subject_of(self, v: int) -> int | None:
        for c in self.children[v]:
            if self.t.dep[c] == "agent":  # "was quoted by X"
                for g in self.children[c]:
                    if self.t.dep[g] == "pobj":
                        return g
        for c in self.children[v]:
            if self.t.dep[c] in _SUBJECTS:
                return c
        return None

    # mentions
    def mentions_in(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        """The mentions overlapping `start`-`end`, in text order (mentions never overlap, so
        only the one just before `start` can reach into it)."""
        i = max(bisect.bisect_left(self.mention_starts, start) - 1, 0)
        out = []
        while i < len(self.mentions) and self.mentions[i][0].start < end:
            if self.mentions[i][0].end > start:
                out.append(self.mentions[i])
            i += 1
        return out

    def in_quote(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quoted)

    def gender(self, entity: str) -> str | None:
        """"m" or "f" where this article shows a person's sex, else None: by a title or a kin
        word bound to a mention ("Mrs", "his sister Katie"), or by the first "he"/"his" or
        "she"/"her" after the person, as a subject, in the same sentence."""
        if self._genders is None:
            votes: dict[str, Counter[str]] = defaultdict(Counter)
            for m, e in self.mentions:
                if e.label not in _PERSON_LABELS or self.in_quote(m.start):
                    continue
                toks = self.token_range(m.start, m.end)
                if not toks:
                    continue
                before = [toks.start - 1] if toks.start > 0 else []
                bound = [c for i in toks for c in self.children[i] if c not in toks] + before
                for c in bound:
                    g = _GENDER_WORDS.get(self.word(c).lower().rstrip("."))
                    if g:
                        votes[e.id][g] += 2
                if any(self.t.dep[i] in _SUBJECTS for i in toks):
                    sentence = self.article.sentences[self.sentence_of(m.start)] if self.article.sentences else None
                    stop = sentence.end if sentence else m.end
                    for i in self.token_range(m.end, stop):
                        g = _GENDER.get(self.word(i).lower())
                        if g and not self.in_quote(self.t.idx[i]):
                            votes[e.id][g] += 1
                            break
            self._genders = {k: v.most_common(1)[0][0] for k, v in votes.items()
                             if len(v) == 1 or v.most_common(2)[0][1] > v.most_common(2)[1][1]}
        return self._genders.get(entity)


@dataclass(slots=True)
class _Found:
    speaker: Entity | None
    source: str | None
    how: str | None


_GROUP_HEADS = frozenset("""
member leader country state nation government ministry office official representative delegate
delegation spokesman spokeswoman spokesperson
""".split())
_CORE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "nummod"})


def _core(doc: _Doc, head: int) -> set[int]:
    """The tokens that name what a noun phrase is: its head, the words bound to it ("NATO
    leaders", "Foreign Ministry spokesman Lim"), an appositive, and for a group head the body it
    belongs to ("members of NATO"); not a phrase hanging further off ("trade between X and Y")."""
    core = {head}
    for c in doc.children[head]:
        dep = doc.t.dep[c]
        if dep in _CORE_DEPS or (dep == "conj" and doc.lemma(head).lower() in ROLE_NOUNS):
            lo, hi = doc.subtree(c)  # ... and "president and chief executive Rory Read" is Read
            core.update(range(lo, hi))
        elif dep == "prep" and doc.word(c).lower() == "of" and doc.lemma(head).lower() in _GROUP_HEADS:
            for g in doc.children[c]:
                if doc.t.dep[g] == "pobj":
                    core.add(g)
                    core.update(x for x in doc.children[g] if doc.t.dep[x] in _CORE_DEPS)
    return core


def _speaker_of(doc: _Doc, np: int, recent: list[Quote]) -> tuple[Entity | None, str]:
    """The entity a subject token stands for, and the words the article uses for it."""
    if doc.lemma(np).lower() in _RELATIVE and doc.t.dep[doc.t.head[np]] == "relcl":
        np = doc.t.head[doc.t.head[np]]  # "X, who said": the noun the clause hangs on
        words_lo, words_hi = min([np, *(c for c in doc.children[np] if doc.t.dep[c] == "compound")]), np + 1
    else:
        words_lo, words_hi = doc.subtree(np)
    start = doc.t.idx[words_lo]
    end = doc.t.idx[words_hi - 1] + doc.t.length[words_hi - 1]
    words = " ".join(doc.text[start:end].split()).strip(" ,;:—–-")
    word = doc.word(np).lower()
    if doc.t.pos[np] == "PRON" or word in _PERSON_PRONOUNS | _THING_PRONOUNS:
        return _antecedent(doc, word, doc.t.idx[np], recent), doc.word(np)
    if doc.word(words_hi - 1).lower().rstrip(".") in TITLES:  # "Lt. Gerry Scherlinck", cut in two by the parser
        k = doc.token_range(end, end + 3).start
        while k < min(doc.n, words_hi + 3) and doc.t.pos[k] in ("PUNCT", "SPACE"):
            k += 1  # the abbreviation's dot
        run = k
        while run < doc.n and doc.t.pos[run] == "PROPN":
            run += 1
        if run > k:
            stop = doc.t.idx[run - 1] + doc.t.length[run - 1]
            tagged = [e for m, e in doc.mentions_in(end, stop) if e.label in _PERSON_LABELS]
            known = tagged[0] if tagged else doc.names.get(normalise(doc.text[doc.t.idx[k] : stop]))
            if known is not None and known.label in _PERSON_LABELS:
                return known, " ".join(doc.text[start:stop].split())
    core = _core(doc, np)
    named: list[tuple[Mention, Entity]] = []
    for i in sorted(core):
        for m, e in doc.mentions_in(doc.t.idx[i], doc.t.idx[i] + doc.t.length[i]):
            if (m, e) not in named and not doc.in_quote(m.start):
                named.append((m, e))
    head_at = doc.t.idx[np]
    for m, e in named:
        if m.start <= head_at < m.end:
            return e, words
    people = [e for _, e in named if e.label in _PERSON_LABELS]
    if people:
        return people[0], words
    if (doc.t.pos[np] == "PROPN" or doc.word(np)[:1].isupper()) and not named:
        by_name = _by_name(doc, np)
        if by_name is not None:
            return by_name, words
    role = doc.lemma(np).lower()
    if role in ROLE_NOUNS:
        if named and doc.t.tag[np] in ("NNS", "NNPS"):
            return named[0][1], words   # "NATO leaders", "Russian officials": the body speaks
        if named:
            return None, words          # "Putin's spokesman": someone of, not the entity itself
        return _titled(doc, role, start), words
    if named:
        bodies = [e for _, e in named if e.label in _BODY_LABELS] or [e for _, e in named]
        return bodies[0], words
    if role in DOCUMENT_NOUNS:
        return _document(doc, role, start, recent), words
    if role in BODY_NOUNS:  # "the company said": the organisation the article names most, so far
        bodies = Counter(e.id for m, e in doc.mentions_in(0, start) if e.label == "ORG" and not doc.in_quote(m.start))
        return (doc.by_id[bodies.most_common(1)[0][0]] if bodies else None), words
    return None, words


def _by_name(doc: _Doc, np: int) -> Entity | None:
    """A name the parser did not tag, looked up among the story's entities: the whole name
    ("Charlene Kafoury", "T-Mobile"), titles and roles aside ("Undersheriff James Gage"), or a surname
    ("Storms"); of several people of that surname, the one this article names most."""
    lo = doc.subtree(np)[0]
    while lo < np and doc.t.pos[lo] in ("DET", "PUNCT"):
        lo += 1
    words = normalise(doc.text[doc.t.idx[lo] : doc.t.idx[np] + doc.t.length[np]]).split()
    for k in range(len(words)):  # leading titles and descriptions dropped one by one
        key = " ".join(words[k:])
        if key in doc.names and (k == 0 or len(words) - k >= 2 or words[k - 1] in TITLES):
            return doc.names[key]
    while len(words) > 2 and words[0] in TITLES:
        words = words[1:]
    if not words or (len(words) > 1 and not doc.surnames.get(words[-1])):
        return None
    people = [doc.by_id[i] for i in doc.surnames.get(words[-1], ())]
    if len(words) > 1:
        people = [e for e in people if same_person(words, normalise(e.name).split())]
    if not people:
        return None
    here = Counter(e.id for _, e in doc.mentions)
    return max(people, key=lambda e: (here[e.id], len(e.mentions)))


def _antecedent(doc: _Doc, pronoun: str, at: int, recent: list[Quote]) -> Entity | None:
    """The entity a pronoun refers to: for "he"/"she" the nearest earlier person, a subject
    before others, unless an unnamed source was quoted since ("a neighbour said"), who is then
    the one speaking; never a person the article shows to be of the other sex (`_Doc.gender`);
    for "it"/"they" the organisation last quoted, else the nearest named."""
    if pronoun in _PERSON_PRONOUNS:
        here = doc.sentence_of(at)
        for s in range(here, max(here - _PRONOUN_WINDOW, -1), -1):
            span = doc.article.sentences[s] if doc.article.sentences else Span(0, at)
            hi = min(span.end, at)
            people = [(m, e) for m, e in doc.mentions_in(span.start, hi)
                      if e.label in _PERSON_LABELS and m.end <= hi and not doc.in_quote(m.start)
                      and doc.gender(e.id) in (None, _GENDER[pronoun])]
            if people:
                subjects = [(m, e) for m, e in people if _is_subject(doc, m)]
                m, e = (subjects or people)[0]
                unnamed = next((q for q in reversed(recent) if q.how and q.how != "continues"), None)
                if unnamed is not None and unnamed.speaker is None and unnamed.source \
                        and unnamed.source.lower() not in _PERSON_PRONOUNS and unnamed.end > m.end:
                    return None  # "a neighbour said ... she said": the unnamed source spoke last
                return e
        for q in reversed(recent):
            if q.speaker and doc.by_id[q.speaker].label in _PERSON_LABELS \
                    and doc.gender(q.speaker) in (None, _GENDER[pronoun]):
                return doc.by_id[q.speaker]
        return None
    if pronoun in _THING_PRONOUNS:
        for q in reversed(recent):
            if q.speaker and doc.by_id[q.speaker].label not in _PERSON_LABELS:
                return doc.by_id[q.speaker]
        if pronoun == "it":
            return None
        here = doc.sentence_of(at)
        span = doc.article.sentences[max(here - 1, 0)] if doc.article.sentences else Span(0, at)
        bodies = [e for m, e in doc.mentions_in(span.start, at) if e.label == "ORG" and not doc.in_quote(m.start)]
        return bodies[-1] if bodies else None
    return None


def _is_subject(doc: _Doc, m: Mention) -> bool:
    return any(doc.t.dep[i] in _SUBJECTS for i in doc.token_range(m.start, m.end))


def _titled(doc: _Doc, role: str, before: int) -> Entity | None:
    """The nearest earlier person the article gave this title ("spokesman Lim Soo-suk",
    "Kim Tae-hyo, the first deputy director", "the spokesman, Tomas Berg,")."""
    for m, e in reversed(doc.mentions_in(0, before)):
        if e.label not in _PERSON_LABELS or doc.in_quote(m.start):
            continue
        toks = doc.token_range(m.start, m.end)
        near: set[int] = set()
        for i in toks:
            for c in doc.children[i]:
                if c not in toks and doc.t.dep[c] in ("compound", "appos", "amod", "nmod"):
                    lo, hi = doc.subtree(c)
                    near.update(range(lo, hi))
            if doc.t.dep[i] == "appos" and doc.t.head[i] not in toks:  # "the spokesman, Tomas Berg,"
                near.add(doc.t.head[i])
        lo = toks.start
        while lo > 0 and doc.t.pos[lo - 1] in ("PROPN", "NOUN", "ADJ") and lo > toks.start - 4:
            lo -= 1
            near.add(lo)
        if any(doc.lemma(i).lower().rstrip("s") == role.rstrip("s") for i in near):
            return e
    return None


def _document(doc: _Doc, noun: str, before: int, recent: list[Quote]) -> Entity | None:
    for m, e in reversed(doc.mentions_in(0, before)):
        if noun in fold(e.name).split():
            return e
    for q in reversed(recent):
        if q.speaker and doc.by_id[q.speaker].label not in _PERSON_LABELS:
            return doc.by_id[q.speaker]
    return None


def _according_to(doc: _Doc, tokens: Iterable[int]) -> int | None:
    for i in tokens:
        if doc.lemma(i).lower() == "accord" and doc.word(i).lower() == "according":
            for c in doc.children[i]:
                if doc.word(c).lower() == "to":
                    for g in doc.children[c]:
                        if doc.t.dep[g] == "pobj":
                            return g
    return None


def _adjacent(doc: _Doc, inside: range) -> list[int]:
    """A reporting verb right against the quote: `"...," he said` or `"...," said X` after it
    (within four words, before the sentence ends), or `X said: "..."` before it."""
    found = []
    k, n = inside.stop, 0
    starts = set(doc.sent_starts)
    while k < doc.n and n < 4:
        word = doc.word(k)
        if word in (".", "!", "?", ";") or "\n" in word or (word in "“”\"'‘’" and n) \
                or (k > inside.stop and doc.t.idx[k] in starts):
            break
        if doc.t.pos[k] == "VERB" and doc.lemma(k).lower() in REPORTING:
            found.append(k)
            break
        n += doc.t.pos[k] not in ("PUNCT", "SPACE")
        k += 1
    k = inside.start - 1
    while k >= 0 and doc.t.pos[k] in ("PUNCT", "SPACE") and doc.word(k) in (",", ":", "\n\n", "\n"):
        k -= 1
    if k >= 0 and k < inside.start - 1 and doc.t.pos[k] == "VERB" and doc.lemma(k).lower() in REPORTING:
        found.append(k)
    return found


def _cue_verbs(doc: _Doc, inside: range) -> list[int]:
    """Reporting verbs outside the quote that frame it, best first: one right against it, those
    on the path from the quote up its tree, then its sentences' other reporting verbs that
    govern the sentence or the quote, nearest first."""
    if not inside:
        return []
    in_quote = set(inside)
    path: list[int] = []
    for i in inside:
        h = doc.t.head[i]
        if h in in_quote or h == i:
            continue
        seen = set()
        while h not in seen:
            seen.add(h)
            if h not in in_quote and doc.lemma(h).lower() in REPORTING and doc.t.pos[h] in ("VERB", "AUX"):
                path.append(h)
                break
            if doc.t.head[h] == h:
                break
            h = doc.t.head[h]
        if path:
            break
    # verbs outside the quote that hang on it ("said" as a parataxis of the quoted clause), and
    # the nearest reporting verb of the sentences the quote is in
    s_first = doc.sentence_of(doc.t.idx[inside.start])
    s_last = doc.sentence_of(doc.t.idx[inside.stop - 1])
    sents = doc.article.sentences
    lo = doc.token_range(sents[s_first].start, sents[s_first].end).start if sents else 0
    hi = doc.token_range(sents[s_last].start, sents[s_last].end).stop if sents else doc.n
    others = [i for i in range(lo, hi) if i not in in_quote and doc.t.pos[i] == "VERB"
              and doc.lemma(i).lower() in REPORTING and not doc.in_quote(doc.t.idx[i])
              and (doc.t.head[i] == i or doc.t.head[i] in in_quote)]
    others.sort(key=lambda i: min(abs(i - inside.start), abs(i - inside.stop)))
    return list(dict.fromkeys(_adjacent(doc, inside) + path + others))


def _next_sentence_cue(doc: _Doc, end: int) -> list[int]:
    """A short sentence right after the quote that is only its attribution ("Yoon said.")."""
    sents = doc.article.sentences
    k = doc.sentence_of(end)
    if k + 1 < len(sents) and sents[k].end <= end + 2:
        k += 1
    if k >= len(sents) or not (0 <= sents[k].start - end <= 3):
        return []
    toks = doc.token_range(sents[k].start, sents[k].end)
    if len(toks) > 14:
        return []
    return [i for i in toks if doc.t.pos[i] == "VERB" and doc.lemma(i).lower() in REPORTING]


def _subject_for(doc: _Doc, v: int, marks: tuple[int, int]) -> int | None:
    """Who does the reporting verb `v`: its subject; for a participle or a clause without one
    ("saying", "adding"), the subject of the verb it hangs on; "said the article", which the
    parser may read as an object, when the verb follows the quote."""
    subject = doc.subject_of(v)
    hops = 0
    u = v
    while subject is None and doc.t.dep[u] in _CLIMB and doc.t.head[u] != u and hops < 3:
        u = doc.t.head[u]
        hops += 1
        if doc.t.pos[u] in ("VERB", "AUX"):
            subject = doc.subject_of(u)
    if subject is None and doc.t.idx[v] >= marks[1]:
        after = [c for c in doc.children[v] if c > v and doc.t.dep[c] in ("dobj", "attr", "npadvmod")]
        subject = after[0] if after else None
    if subject is not None and marks[0] <= doc.t.idx[subject] < marks[1]:
        return None
    return subject


def _attribute(doc: _Doc, q: Quote, marks: tuple[int, int], recent: list[Quote]) -> _Found | None:
    inside = doc.token_range(marks[0], marks[1])
    cues = _cue_verbs(doc, inside) or (_next_sentence_cue(doc, marks[1]) if inside else [])
    sents = doc.article.sentences
    first, last = doc.sentence_of(q.start), doc.sentence_of(max(q.end - 1, q.start))
    around = doc.token_range(sents[first].start, sents[last].end) if sents else range(0)
    outside = [i for i in around if i not in inside]
    found: _Found | None = None
    for v in cues:
        subject = _subject_for(doc, v, marks)
        if subject is not None:
            who, words = _speaker_of(doc, subject, recent)
            found = _Found(who, words, doc.lemma(v).lower())
            break
    if found is None or found.speaker is None:
        according = _according_to(doc, outside)
        if according is not None:
            who, words = _speaker_of(doc, according, recent)
            if who is not None or found is None:
                return _Found(who, words, "according to")
    return found


def find_quotes(article: Article, mentions: Sequence[tuple[Mention, Entity]] = (),
                entities: Iterable[Entity] | _Story = ()) -> list[Quote]:
    """The direct quotations of one article, with their speakers, in text order.

    `mentions` are the article's entity mentions, sorted by start (`EntityIndex.in_doc`);
    `entities` those of its story, where a name the parser missed is looked up.
    """
    text = article.text
    # 1. marked stretches, joined across paragraphs where a quote runs on
    runs: list[tuple[list[_Marked], int]] = []   # (stretches, block index)
    for b, block in enumerate(article.blocks):
        for m in _in_paragraph(text, block.start, block.end):
            prev = runs[-1] if runs else None
            if prev and prev[0][-1].open_end and prev[1] == b - 1 and m.start - 1 == block.start:
                prev[0].append(m)
                runs[-1] = (prev[0], b)
            else:
                runs.append(([m], b))
    doc = _Doc(article, mentions, entities if isinstance(entities, _Story) else _Story(entities))
    # 2. a quote never closed (and not carried on by the next paragraph) lost its closing mark,
    #    or its opening mark was stray: it is taken to end with its first sentence
    for stretches, _ in runs:
        last = stretches[-1]
        if last.unclosed:
            k = bisect.bisect_right(doc.sent_starts, last.start) - 1
            if 0 <= k < len(article.sentences) and article.sentences[k].end < last.end:
                stretches[-1] = replace(last, end=article.sentences[k].end)
    doc.quoted = [(m.start, m.end) for ms, _ in runs for m in ms]
    quotes: list[Quote] = []
    last_block = -2   # the paragraph of the last quotation kept
    for stretches, b in runs:
        parts = []
        for m in stretches:
            s, e = _trimmed(text, m.start, m.end)
            if e > s:
                parts.append(Span(s, e))
        if not parts:
            continue
        words = _WORDS.findall(" ".join(text[p.start : p.end] for p in parts))
        if not words:
            continue
        q = Quote(article.id, parts[0].start, parts[-1].end,
                  "\n".join(text[p.start : p.end] for p in parts), tuple(parts))
        marks = (stretches[0].start - 1, stretches[-1].end + 1)
        found = _attribute(doc, q, marks, quotes)
        frame = found is not None
        first_block = b - len(stretches) + 1
        if not frame and quotes and last_block >= first_block - 1:
            before = quotes[-1]
            found = _Found(doc.by_id.get(before.speaker) if before.speaker else None, before.source, "continues")
        speechlike = stretches[-1].speechlike or stretches[-1].open_end
        if _is_title(words) and not (frame and speechlike) or (not frame and len(words) < _MIN_WORDS):
            continue  # a title, a name or a scare quote, not someone's words
        if found:
            q = replace(q, speaker=found.speaker.id if found.speaker else None, source=found.source, how=found.how)
        quotes.append(q)
        last_block = b
    return quotes


# --- grouping across outlets ---------------------------------------------------------------------

GROUP_COVER = 0.7       # share of the shorter rendering found word for word in the other ...
GROUP_LONG_RUN = 10     # ... or a run of this many words, which one remark alone explains
GROUP_CONTENT = 0.6     # one speaker's two renderings: weighted share of a sentence's content words
_RUN = 3                # shorter common runs are chance
_TOKEN = re.compile(r"\w+")
_STOP = frozenset("""
a an the of and or in on at to for with by from as is are was were be been being it its this that
these those we our us i my me you your he his him she her they their them will would can could
should may might must not no but also so than then there here which who whom what when where how
has have had do does did just very more most about into over under up out all any
""".split())
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def _words(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _stems(text: str) -> list[frozenset[str]]:
    """The content words of each sentence of a quote, cut to six letters ("recent", "recently")."""
    return [frozenset(w[:6] for w in _words(s) if w not in _STOP and len(w) > 2) for s in _SENTENCES.split(text)]


def _covered(a: list[str], b: list[str]) -> tuple[int, int]:
    """Words of `a` in runs of three or more it shares with `b`, and the longest such run."""
    total = longest = 0
    for op in Indel.opcodes(a, b):
        n = op.src_end - op.src_start
        if op.tag == "equal" and n >= _RUN:
            total += n
            longest = max(longest, n)
    return total, longest


class _Grouper:
    """Decides whether two quotations of one story render the same remark."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.words = [_words(q.text) for q in quotes]
        self.stems = [_stems(q.text) for q in quotes]
        df: Counter[str] = Counter(w for st in self.stems for s in st for w in s)
        n = sum(len(st) for st in self.stems) or 1
        self.weight = {w: math.log((n + 1) / c) for w, c in df.items()}

    def similarity(self, a: Quote, b: Quote, i: int, j: int) -> float:
        """How surely two quotations render one remark: 0 when they do not, else the share of
        the shorter found word for word in the other, or of a sentence's weighted content words."""
        wa, wb = self.words[i], self.words[j]
        short = min(len(wa), len(wb))
        best = 0.0
        if short >= _MIN_WORDS:
            covered, longest = _covered(wa, wb) if len(wa) <= len(wb) else _covered(wb, wa)
            if covered >= GROUP_COVER * short or longest >= GROUP_LONG_RUN:
                best = 1.0 + covered / short  # word for word outranks content
        if best or a.speaker is None or a.speaker != b.speaker:
            return best
        w = self.weight
        for x in self.stems[i]:
            for y in self.stems[j]:
                shared = x & y
                if len(shared) < 4:
                    continue
                share = sum(w[t] for t in shared) / min(sum(w[t] for t in x), sum(w[t] for t in y))
                if share >= GROUP_CONTENT:
                    best = max(best, share)
        return best


def group(quotes: Sequence[Quote], story_of: dict[str, str]) -> list[Quote]:
    """`quotes` with `group` set: one id per remark, shared by its renderings in the other
    articles of the story ("q1", "q2", ... in the order first met).

    The likeliest pairs are joined first. Two groups are not joined where that would put two
    quotations of one article with different speakers together, nor through a quotation with no
    speaker when their speakers differ: a long quotation of a whole passage (one outlet quoting
    another) does not make the remarks of the people it quotes one.
    """
    parent = list(range(len(quotes)))
    voices: list[dict[str, set[str | None]]] = [{q.doc: {q.speaker}} for q in quotes]
    named: list[frozenset[str]] = [frozenset({q.speaker} if q.speaker else ()) for q in quotes]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_story: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        by_story[story_of.get(q.doc, "")].append(i)
    for members in by_story.values():
        grouper = _Grouper([quotes[i] for i in members])
        pairs = []
        for x, i in enumerate(members):
            for y in range(x + 1, len(members)):
                j = members[y]
                if quotes[i].doc != quotes[j].doc:
                    score = grouper.similarity(quotes[i], quotes[j], x, y)
                    if score:
                        pairs.append((-score, i, j))
        for _, i, j in sorted(pairs):
            ri, rj = find(i), find(j)
            if ri == rj or any(len(v | voices[rj].get(d, v)) > 1 for d, v in voices[ri].items()):
                continue
            named_i, named_j = named[ri], named[rj]
            if (quotes[i].speaker is None or quotes[j].speaker is None) and named_i and named_j \
                    and not named_i & named_j:
                continue  # an unattributed passage does not bridge two speakers' remarks
            parent[rj] = ri
            named[ri] = named_i | named_j
            for d, v in voices[rj].items():
                voices[ri].setdefault(d, set()).update(v)
    names: dict[int, str] = {}
    out = []
    for i, q in enumerate(quotes):
        root = find(i)
        if root not in names:
            names[root] = f"q{len(names) + 1}"
        out.append(replace(q, group=names[root]))
    return out


def compare(a: Quote, b: Quote) -> list[Edit]:
    """The word diff of two renderings of one remark, over the stretch they share: where one
    quotes only part of the other, the words it leaves out at either end are not changes."""
    edits = word_diff(" ".join(a.text.split()), " ".join(b.text.split()))

    def unshared(e: Edit) -> bool:  # words only one side has, give or take a punctuation mark
        return e.op in (DELETE, INSERT) or (e.op == REPLACE and bool(PUNCT_ONLY.match(e.old) or PUNCT_ONLY.match(e.new)))

    lo, hi = 0, len(edits)
    while lo < hi and unshared(edits[lo]):
        lo += 1
    while hi > lo and unshared(edits[hi - 1]):
        hi -= 1
    if lo >= hi:
        return edits
    return [replace(edits[lo], space_a=False, space_b=False), *edits[lo + 1 : hi]]


def reference(q: Quote, renderings: Sequence[Quote]) -> Quote | None:
    """The rendering `q` is best compared with: the first of the group from another article."""
    return next((r for r in renderings if r.doc != q.doc), None)


# --- the corpus's quotations -----------------------------------------------------------------------

@dataclass(slots=True)
class QuoteIndex:
    """Every quotation of a corpus, with the lookups the views need."""

    quotes: list[Quote]
    entities: dict[str, Entity]
    outlets: dict[str, str] = field(default_factory=dict)   # doc id -> outlet
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
              entities: Iterable[Entity]) -> QuoteIndex:
        by_story: dict[str, list[Entity]] = defaultdict(list)
        for e in entities:
            by_story[e.story].append(e)
        arts = list(articles)
        stories = {story: _Story(members) for story, members in by_story.items()}
        found = [q for a in arts for q in find_quotes(a, in_doc.get(a.id, ()), stories.get(a.story) or _Story(()))]
        return cls(group(found, {a.id: a.story for a in arts}),
                   {e.id: e for members in by_story.values() for e in members}, {a.id: a.outlet for a in arts})

    def speaker_name(self, q: Quote) -> str | None:
        return self.entities[q.speaker].name if q.speaker else None



def by_speaker(quotes: Iterable[Quote]) -> dict[str | None, dict[str, list[Quote]]]:
    """Quotations by speaker (None: no speaker named), then by remark (group), in the order met."""
    out: dict[str | None, dict[str, list[Quote]]] = defaultdict(lambda: defaultdict(list))
    for q in quotes:
        out[q.speaker][q.group].append(q)
    return out


def as_json(index: QuoteIndex, quotes: Iterable[Quote] | None = None) -> dict:
    """What `parallax quotes --json` prints."""
    return {"quotes": [
        {"doc": q.doc, "start": q.start, "end": q.end, "text": q.text, "speaker": index.speaker_name(q),
         "group": q.group, "source": q.source, "how": q.how}
        for q in (index.quotes if quotes is None else quotes)]}
