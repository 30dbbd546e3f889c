"""Attributing speakers: who said each quotation, from the dependency parse of the sentences it
sits in.

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
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ...model import Article, Entity, Mention, Quote, Span
from ..gazetteer import TITLES
from ..match import fold
from ..resolve import normalise, same_person
from .lookups import GENDER, PERSON_LABELS, SUBJECTS, Doc, Story
from .marks import MIN_WORDS, WORDS, Marked, in_paragraph, is_title, trimmed

REPORTING = frozenset("""
say tell add state note write read declare announce warn stress emphasize emphasise insist argue
claim explain ask reply respond answer continue urge call describe criticize criticise condemn
express vow pledge promise admit acknowledge deny confirm suggest recall comment remark tweet post
conclude observe mention report predict complain boast assert affirm reiterate repeat maintain
contend allege caution welcome praise reaffirm concede testify shout scream yell joke quip recount
label dub term brand hail slam blast accuse demand plead chant cry whisper exclaim reveal disclose
quote cite lament decry retort rebut hope advise instruct
tweet recommend propose threaten signal insist thank apologize apologise
brag fume mumble mutter murmur grumble gush sob sigh snap bark rant rave muse marvel wonder
""".split())
_PERSON_PRONOUNS = frozenset({"he", "she"})
_THING_PRONOUNS = frozenset({"it", "they"})
_RELATIVE = frozenset({"who", "which", "that"})
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
journal diary entry excerpt page passage email e-mail message transcript record notebook blog
""".split())
_DOCUMENT_WINDOW = 3   # sentences back where a document's writer is looked for
# Nouns that name an organisation by its kind: "the company said" is the one the article is about.
BODY_NOUNS = frozenset("company firm maker giant corporation agency carrier operator retailer studio network "
                       "broadcaster publisher manufacturer developer startup bank insurer airline".split())
_BODY_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})
_PRONOUN_WINDOW = 4   # sentences back where "he" / "she" looks for its person
_RELAYING = frozenset({"report", "quote", "write", "cite"})   # what a publication does with someone's words


# How sure an attribution is, by how its speaker was found: named in the frame; a surname, a role
# noun or a document matched to the one entity that fits ("likely"); a pronoun's antecedent or the
# organisation an article names most ("guess": worth checking). A continuation keeps the
# confidence of the quotation it continues.
CONFIDENCE = {"name": "named", "surname": "likely", "role": "likely", "document": "likely",
              "pronoun": "guess", "body": "guess"}


@dataclass(slots=True)
class Found:
    speaker: Entity | None
    source: str | None
    how: str | None
    by: str | None = None   # how the speaker was found: name, surname, role, document, pronoun, body


_GROUP_HEADS = frozenset("""
member leader country state nation government ministry office official representative delegate
delegation spokesman spokeswoman spokesperson
""".split())
_CORE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "nummod"})


def _core(doc: Doc, head: int) -> set[int]:
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


def _speaker_of(doc: Doc, np: int, recent: list[Quote]) -> tuple[Entity | None, str, str | None]:
    """The entity a subject token stands for, the words the article uses for it, and how it was
    found (`BY`)."""
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
        return _antecedent(doc, word, doc.t.idx[np], recent), doc.word(np), "pronoun"
    if doc.word(words_hi - 1).lower().rstrip(".") in TITLES:  # "Lt. Gerry Scherlinck", cut in two by the parser
        k = doc.token_range(end, end + 3).start
        while k < min(doc.n, words_hi + 3) and doc.t.pos[k] in ("PUNCT", "SPACE"):
            k += 1  # the abbreviation's dot
        run = k
        while run < doc.n and doc.t.pos[run] == "PROPN":
            run += 1
        if run > k:
            stop = doc.t.idx[run - 1] + doc.t.length[run - 1]
            tagged = [e for m, e in doc.mentions_in(end, stop) if e.label in PERSON_LABELS]
            known = tagged[0] if tagged else doc.names.get(normalise(doc.text[doc.t.idx[k] : stop]))
            if known is not None and known.label in PERSON_LABELS:
                return known, " ".join(doc.text[start:stop].split()), "name"
    core = _core(doc, np)
    named: list[tuple[Mention, Entity]] = []
    for i in sorted(core):
        for m, e in doc.mentions_in(doc.t.idx[i], doc.t.idx[i] + doc.t.length[i]):
            if (m, e) not in named and not doc.in_quote(m.start):
                named.append((m, e))
    head_at = doc.t.idx[np]
    for m, e in named:
        if m.start <= head_at < m.end:
            return e, words, "name"
    # the phrase's own name before any other: "Flynn's father, Herbert Flynn" is Herbert Flynn,
    # "Putin's spokesman, Dmitry Peskov" is Peskov; a possessor is someone else
    named.sort(key=lambda me: _bond(doc, np, me[0]))
    people = [e for _, e in named if e.label in PERSON_LABELS]
    if people:
        return people[0], words, "name"
    if (doc.t.pos[np] == "PROPN" or doc.word(np)[:1].isupper()) and not named:
        by_name, how = _by_name(doc, np)
        if by_name is not None:
            return by_name, words, how
    role = doc.lemma(np).lower()
    if role in ROLE_NOUNS:
        if named and doc.t.tag[np] in ("NNS", "NNPS"):
            return named[0][1], words, "name"   # "NATO leaders", "Russian officials": the body speaks
        if named:
            return None, words, None            # "Putin's spokesman": someone of, not the entity itself
        return _titled(doc, role, start), words, "role"
    if named:
        bodies = [e for _, e in named if e.label in _BODY_LABELS] or [e for _, e in named]
        return bodies[0], words, "name"
    if role in DOCUMENT_NOUNS:
        return _document(doc, role, start, recent, np), words, "document"
    if role in BODY_NOUNS:  # "the company said": the organisation the article names most, so far
        bodies = Counter(e.id for m, e in doc.mentions_in(0, start)
                         if e.label == "ORG" and not doc.in_quote(m.start) and e.id not in doc.mute)
        return (doc.by_id[bodies.most_common(1)[0][0]] if bodies else None), words, "body"
    return None, words, None


def _bond(doc: Doc, np: int, m: Mention) -> int:
    """How a mention inside a noun phrase headed by `np` names it: 0 as its appositive ("the
    spokesman, Tomas Berg"), 1 otherwise, 2 as its possessor ("Flynn's father")."""
    toks = doc.token_range(m.start, m.end)
    deps = {doc.t.dep[i] for i in toks if doc.t.head[i] not in toks}
    if "appos" in deps:
        return 0
    return 2 if "poss" in deps else 1


def _by_name(doc: Doc, np: int) -> tuple[Entity | None, str | None]:
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
            return doc.names[key], "name"
    while len(words) > 2 and words[0] in TITLES:
        words = words[1:]
    if not words or (len(words) > 1 and not doc.surnames.get(words[-1])):
        return None, None
    people = [doc.by_id[i] for i in doc.surnames.get(words[-1], ())]
    if len(words) > 1:
        people = [e for e in people if same_person(words, normalise(e.name).split())]
    if not people:
        return None, None
    here = Counter(e.id for _, e in doc.mentions)
    return max(people, key=lambda e: (here[e.id], len(e.mentions))), "surname" if len(words) == 1 else "name"


def _antecedent(doc: Doc, pronoun: str, at: int, recent: list[Quote]) -> Entity | None:
    """The entity a pronoun refers to: for "he"/"she" the nearest earlier person, a subject
    before others, unless an unnamed source was quoted since ("a neighbour said"), who is then
    the one speaking; never a person the article shows to be of the other sex (`Doc.gender`);
    for "it"/"they" the organisation last quoted, else the nearest named."""
    if pronoun in _PERSON_PRONOUNS:
        here = doc.sentence_of(at)
        for s in range(here, max(here - _PRONOUN_WINDOW, -1), -1):
            span = doc.article.sentences[s] if doc.article.sentences else Span(0, at)
            hi = min(span.end, at)
            people = [(m, e) for m, e in doc.mentions_in(span.start, hi)
                      if e.label in PERSON_LABELS and m.end <= hi and not doc.in_quote(m.start) and e.id not in doc.mute
                      and doc.gender(e.id) in (None, GENDER[pronoun])]
            people = sorted(people + [(m, e) for m, e in _untagged_people(doc, span.start, hi)
                                      if doc.gender(e.id) in (None, GENDER[pronoun])], key=lambda me: me[0].start)
            if people:
                subjects = [(m, e) for m, e in people if _is_subject(doc, m)]
                # in the pronoun's own sentence the nearest subject before it ("Lyons said that
                # Comeaux used a wheelchair - he claimed"); in one before, its first (the main clause's)
                m, e = (subjects or people)[-1 if s == here else 0]
                unnamed = next((q for q in reversed(recent) if q.how and q.how != "continues"), None)
                if unnamed is not None and unnamed.speaker is None and unnamed.source \
                        and unnamed.source.lower() not in _PERSON_PRONOUNS and unnamed.end > m.end:
                    return None  # "a neighbour said ... she said": the unnamed source spoke last
                return e
        for q in reversed(recent):
            if q.speaker and doc.by_id[q.speaker].label in PERSON_LABELS \
                    and doc.gender(q.speaker) in (None, GENDER[pronoun]):
                return doc.by_id[q.speaker]
        return None
    if pronoun in _THING_PRONOUNS:
        for q in reversed(recent):
            if q.speaker and doc.by_id[q.speaker].label not in PERSON_LABELS:
                return doc.by_id[q.speaker]
        if pronoun == "it":
            return None
        here = doc.sentence_of(at)
        span = doc.article.sentences[max(here - 1, 0)] if doc.article.sentences else Span(0, at)
        bodies = [e for m, e in doc.mentions_in(span.start, at)
                  if e.label == "ORG" and not doc.in_quote(m.start) and e.id not in doc.mute]
        return bodies[-1] if bodies else None
    return None


def _untagged_people(doc: Doc, start: int, end: int) -> list[tuple[Mention, Entity]]:
    """The story's people named by surname where the parser tagged nothing ("Jeffs stood up",
    with "Jeffs" read as a common noun): a capitalised word outside any mention and any quote
    that is the surname of exactly one person of the story."""
    out = []
    for i in doc.token_range(start, end):
        word = doc.word(i)
        at = doc.t.idx[i]
        if not word[:1].isupper() or doc.in_quote(at) or doc.mentions_in(at, at + len(word)):
            continue
        ids = doc.surnames.get(normalise(word), ())
        if len(ids) == 1:
            e = doc.by_id[next(iter(ids))]
            if e.id not in doc.mute:
                out.append((Mention(doc.article.id, at, at + len(word), word), e))
    return out


def _is_subject(doc: Doc, m: Mention) -> bool:
    """A subject, or the name set beside one ("Horton's mother, Denise Peace, said"); not the
    possessor of a subject ("Horton's")."""
    toks = doc.token_range(m.start, m.end)
    for i in toks:
        if doc.t.dep[i] in SUBJECTS:
            return True
        if doc.t.dep[i] == "appos" and doc.t.head[i] not in toks and doc.t.dep[doc.t.head[i]] in SUBJECTS:
            return True
    return False


def _titled(doc: Doc, role: str, before: int) -> Entity | None:
    """The nearest earlier person the article gave this title ("spokesman Lim Soo-suk",
    "Kim Tae-hyo, the first deputy director", "the spokesman, Tomas Berg,")."""
    for m, e in reversed(doc.mentions_in(0, before)):
        if e.label not in PERSON_LABELS or doc.in_quote(m.start):
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


def _document(doc: Doc, noun: str, before: int, recent: list[Quote], np: int | None = None) -> Entity | None:
    """Whose words a document's are: the entity named after it ("the Washington Summit
    Declaration"); else its writer, named in the subject itself ("an excerpt from Jeffs'
    journals") or in the sentences just before ("Willoughby wrote a letter ... the letter
    read", "a page from his journals ... The 2005 entry says"); else the organisation last quoted."""
    for m, e in reversed(doc.mentions_in(0, before)):
        if noun in fold(e.name).split():
            return e
    if np is not None:
        lo, hi = doc.subtree(np)
        writer = _writer(doc, range(lo, hi))
        if writer is not None:
            return writer
    here = doc.sentence_of(before)
    sents = doc.article.sentences
    for k in range(here, max(here - _DOCUMENT_WINDOW, -1), -1):
        span = doc.token_range(sents[k].start, min(sents[k].end, before)) if sents else range(0)
        writer = _writer(doc, reversed(span))
        if writer is not None:
            return writer
    for q in reversed(recent):
        if q.speaker and doc.by_id[q.speaker].label not in PERSON_LABELS:
            return doc.by_id[q.speaker]
    return None


def _writer(doc: Doc, tokens: Iterable[int]) -> Entity | None:
    """The person a document noun among `tokens` belongs to: its possessor ("Jeffs' journals"),
    or the subject of the verb it is the object of ("Willoughby wrote a letter")."""
    for i in tokens:
        if doc.t.pos[i] != "NOUN" or doc.lemma(i).lower() not in DOCUMENT_NOUNS:
            continue
        owners = [c for c in doc.children[i] if doc.t.dep[c] == "poss"]
        if doc.t.dep[i] == "dobj":
            owners += [c for c in [doc.subject_of(doc.t.head[i])] if c is not None]
        for o in owners:   # the owner's phrase: "The principal, Matthew Willoughby, wrote a letter"
            found = [(m, e) for k in sorted(_core(doc, o))
                     for m, e in doc.mentions_in(doc.t.idx[k], doc.t.idx[k] + doc.t.length[k])
                     if e.label in PERSON_LABELS and not doc.in_quote(m.start)]
            if found:
                return min(found, key=lambda me: _bond(doc, o, me[0]))[1]
    return None


def _according_to(doc: Doc, tokens: Iterable[int]) -> int | None:
    for i in tokens:
        if doc.lemma(i).lower() == "accord" and doc.word(i).lower() == "according":
            for c in doc.children[i]:
                if doc.word(c).lower() == "to":
                    for g in doc.children[c]:
                        if doc.t.dep[g] == "pobj":
                            return g
    return None


def _adjacent(doc: Doc, inside: range) -> list[int]:
    """A reporting verb right against the quote: `"...," he said` or `"...," said X` after it
    (within four words, before the sentence ends), or `X said: "..."` before it."""
    found = []
    k, n = inside.stop, 0
    starts = set(doc.sent_starts)
    while k < doc.n and n < 4:
        word = doc.word(k)
        if word in (".", "!", "?", ";") or "\n" in word or (word in "“”\"'‘’" and n) \
                or (doc.t.idx[k] in starts and (k > inside.stop or not doc.word(k)[:1].islower())):
            break
        if doc.t.pos[k] == "VERB" and doc.lemma(k).lower() in REPORTING:
            found.append(k)
            break
        n += doc.t.pos[k] not in ("PUNCT", "SPACE")
        k += 1
    if not found:
        found += _subject_then_verb(doc, inside.stop)
    k = inside.start - 1
    colon = False
    while k >= 0 and doc.t.pos[k] in ("PUNCT", "SPACE") and doc.word(k) in (",", ":", "\n\n", "\n"):
        colon |= doc.word(k) == ":"
        k -= 1
    if k >= 0 and k < inside.start - 1 and doc.t.pos[k] == "VERB" and doc.lemma(k).lower() in REPORTING:
        if colon and found and doc.lemma(found[0]).lower() in _RELAYING:
            found.insert(0, k)   # 'X said: "...", the Daily News reported': X speaks, the paper relays
        else:
            found.append(k)
    return found


_APPOSITIVE_SPAN = 20   # tokens between a subject right after a quote and its verb: a name and its description


def _subject_then_verb(doc: Doc, after: int) -> list[int]:
    """`"...," Williams, a critic of NYPD policy, said`: the subject right after the quote (past
    its closing marks), whose reporting verb comes after a description too long for the
    four-word window, in the same sentence as the subject."""
    k = after
    while k < doc.n and doc.t.pos[k] in ("PUNCT", "SPACE") and "\n" not in doc.word(k):
        k += 1
    if k >= doc.n:
        return []
    subject = k if doc.t.dep[k] in SUBJECTS else doc.t.head[k] if doc.t.dep[k] == "compound" else None
    if subject is None or doc.t.dep[subject] not in SUBJECTS:
        return []
    v = doc.t.head[subject]
    if not (subject < v <= subject + _APPOSITIVE_SPAN) or doc.t.pos[v] != "VERB" \
            or doc.lemma(v).lower() not in REPORTING:
        return []
    if any(doc.word(i) in (".", "!", "?", ";") or "\n" in doc.word(i) for i in range(subject, v)):
        return []
    if _reports_clause(doc, v):
        return []   # "Police say that on Saturday ...": a verb that reports a clause of its own
    return [v]


def _reports_clause(doc: Doc, v: int) -> bool:
    """Whether a reporting verb has a clause of its own to report: a clausal complement, or a
    "that" or "whether" after it (which a parse cut short may take for an object)."""
    for c in doc.children[v]:
        if c > v and doc.t.pos[c] == "SCONJ" and doc.word(c).lower() in _REPORTED:
            return True
        if doc.t.dep[c] in ("ccomp", "xcomp"):
            marks = [doc.word(g).lower() for g in doc.children[c] if doc.t.dep[g] == "mark"]
            if all(m in _REPORTED for m in marks):   # not "said before Kelly appeared": that is when
                return True
    return False


_REPORTED = frozenset({"that", "whether", "if"})


def _cue_verbs(doc: Doc, inside: range, adjacent: list[int]) -> list[int]:
    """Reporting verbs outside the quote that frame it, best first: those right against it (`adjacent`), those
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
    return list(dict.fromkeys(adjacent + path + others))


def _next_sentence_cue(doc: Doc, end: int) -> list[int]:
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
    # only a verb that reports nothing else: "Police say that on Saturday ..." reports its own clause
    return [i for i in toks if doc.t.pos[i] == "VERB" and doc.lemma(i).lower() in REPORTING
            and not _reports_clause(doc, i)]


def _subject_for(doc: Doc, v: int, marks: tuple[int, int]) -> int | None:
    """Who does the reporting verb `v`: its subject; for a participle or a clause without one
    ("saying", "adding"), the subject of the verb it hangs on; "said the article", which the
    parser may read as an object, when the verb follows the quote; for "the paper quoted X as
    saying", X."""
    if doc.lemma(v).lower() == "quote":
        quoted = [c for c in doc.children[v] if doc.t.dep[c] == "dobj" and not marks[0] <= doc.t.idx[c] < marks[1]]
        if quoted and any(doc.lemma(c).lower() == "as" or doc.word(c).lower() == "as" for c in doc.children[v]):
            return quoted[0]
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


# What an article says when it keeps a source's name back: the source stays unnamed, even when a
# pronoun ("he said") would otherwise go to the last person named.
_ANONYMOUS = re.compile(
    r"\b(?:not to be (?:identified|named)|on (?:the )?condition that (?:he|she|they) not be (?:identified|named)"
    r"|on (?:the )?condition of anonymity|(?:declined|refused) to (?:be )?(?:identified|named|give (?:his|her|their) names?)"
    r"|not authori[sz]ed to (?:speak|comment|discuss|talk)|(?:requested|asked for|was granted|were granted) anonymity"
    r"|speaking anonymously|(?:would|did) not (?:give|provide) (?:his|her|their) names?)\b", re.IGNORECASE)


def _kept_anonymous(doc: Doc, q: Quote) -> bool:
    """Whether the sentence that ends the quotation, or the one after it in the same paragraph,
    says the source asked not to be named."""
    sents = doc.article.sentences
    if not sents:
        return False
    last = doc.sentence_of(max(q.end - 1, q.start))
    spans = [sents[last]] + ([sents[last + 1]] if last + 1 < len(sents)
                             and "\n\n" not in doc.text[sents[last].end : sents[last + 1].start] else [])
    return any(_ANONYMOUS.search(doc.text, s.start, s.end) for s in spans)


def attribute(doc: Doc, q: Quote, marks: tuple[int, int], recent: list[Quote]) -> Found | None:
    found = _attributed(doc, q, marks, recent)
    if found is not None and found.speaker is not None and (found.source or "").lower() in _PERSON_PRONOUNS | {"they"} \
            and _kept_anonymous(doc, q):
        return Found(None, found.source, found.how, None)   # "he asked not to be identified": not the last man named
    return found


def _attributed(doc: Doc, q: Quote, marks: tuple[int, int], recent: list[Quote]) -> Found | None:
    inside = doc.token_range(marks[0], marks[1])
    adjacent = _adjacent(doc, inside) if inside else []   # the verbs right against the quote
    cues = _cue_verbs(doc, inside, adjacent) or (_next_sentence_cue(doc, marks[1]) if inside else [])
    sents = doc.article.sentences
    first, last = doc.sentence_of(q.start), doc.sentence_of(max(q.end - 1, q.start))
    around = doc.token_range(sents[first].start, sents[last].end) if sents else range(0)
    outside = [i for i in around if i not in inside]
    found: Found | None = None
    framed = False   # by a verb right against the quote
    for v in cues:
        subject = _subject_for(doc, v, marks)
        if subject is not None:
            who, words, by = _speaker_of(doc, subject, recent)
            found = Found(who, words, doc.lemma(v).lower(), by)
            framed = v in adjacent
            break
    if found is None or found.speaker is None and (
            not framed or (found.source or "").lower() in _PERSON_PRONOUNS | _THING_PRONOUNS):
        # not where a verb against the quote gives it a speaker, named or not: '"...", police said,
        # according to The New York Times' is the police's, relayed by the paper
        according = _according_to(doc, outside)
        if according is not None:
            who, words, by = _speaker_of(doc, according, recent)
            if who is not None or found is None:
                return Found(who, words, "according to", by)
    return found


def find_quotes(article: Article, mentions: Sequence[tuple[Mention, Entity]] = (),
                entities: Iterable[Entity] | Story = ()) -> list[Quote]:
    """The direct quotations of one article, with their speakers, in text order.

    `mentions` are the article's entity mentions, sorted by start (`EntityIndex.in_doc`);
    `entities` those of its story, where a name the parser missed is looked up.
    """
    text = article.text
    # 1. marked stretches, joined across paragraphs where a quote runs on
    runs: list[tuple[list[Marked], int]] = []   # (stretches, block index)
    for b, block in enumerate(article.blocks):
        for m in in_paragraph(text, block.start, block.end):
            prev = runs[-1] if runs else None
            if prev and prev[0][-1].open_end and prev[1] == b - 1 and m.start - 1 == block.start:
                prev[0].append(m)
                runs[-1] = (prev[0], b)
            else:
                runs.append(([m], b))
    doc = Doc(article, mentions, entities if isinstance(entities, Story) else Story(entities))
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
            s, e = trimmed(text, m.start, m.end)
            if e > s:
                parts.append(Span(s, e))
        if not parts:
            continue
        words = WORDS.findall(" ".join(text[p.start : p.end] for p in parts))
        if not words:
            continue
        q = Quote(article.id, parts[0].start, parts[-1].end,
                  "\n".join(text[p.start : p.end] for p in parts), tuple(parts))
        marks = (stretches[0].start - 1, stretches[-1].end + 1)
        found = attribute(doc, q, marks, quotes)
        frame = found is not None
        first_block = b - len(stretches) + 1
        if not frame and quotes and last_block >= first_block - 1:
            before = quotes[-1]
            found = Found(doc.by_id.get(before.speaker) if before.speaker else None, before.source, "continues",
                          "continues")
        speechlike = stretches[-1].speechlike or stretches[-1].open_end
        if is_title(words) and not (frame and speechlike) or (not frame and len(words) < MIN_WORDS):
            continue  # a title, a name or a scare quote, not someone's words
        if found and found.speaker is not None and found.speaker.id in doc.mute:
            found = Found(None, found.source, found.how)   # a headline's words or a time zone says nothing
        if found:
            confidence = (quotes[-1].confidence if found.by == "continues" and quotes else CONFIDENCE.get(found.by))
            q = replace(q, speaker=found.speaker.id if found.speaker else None, source=found.source, how=found.how,
                        confidence=confidence if found.speaker else None, by=found.by if found.speaker else None)
        quotes.append(q)
        last_block = b
    return quotes
