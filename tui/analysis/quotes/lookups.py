"""What attribution looks up: one article's parse (tokens, dependency children, sentences,
entity mentions, the sex the article shows for each person) and its story's entities by name and
surname. Built once per article and once per story."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from ...model import BYLINE, CREDIT, DATELINE, HEADLINE, SOURCE, Article, Entity, Mention
from ..resolve import normalise

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PERSON_LABELS = frozenset({"PERSON"})
GENDER = {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_GENDER_WORDS = {w: "m" for w in "mr sir lord king prince father son brother husband uncle nephew grandfather "
                                  "man boy businessman chairman spokesman".split()} | {
                 w: "f" for w in "mrs ms miss dame lady queen princess mother daughter sister wife aunt niece "
                                  "grandmother woman girl businesswoman chairwoman spokeswoman actress".split()}


class Story:
    """A story's entities by id, by normalised name or alias, and persons by surname: where a
    speaker the parser did not tag is looked up. Built once per story."""

    def __init__(self, entities: Iterable[Entity], mute: Iterable[str] = ()) -> None:
        self.by_id = {e.id: e for e in entities}
        self.mute = frozenset(mute)   # entities that name no one who speaks (`mute`)
        self.names: dict[str, Entity] = {}
        self.surnames: dict[str, set[str]] = defaultdict(set)
        for e in self.by_id.values():
            for name in (e.name, *e.aliases):
                self.names.setdefault(normalise(name), e)
            if e.label in PERSON_LABELS and len(e.name.split()) >= 2:
                self.surnames[normalise(e.name).split()[-1]].add(e.id)


_SILENT_BLOCKS = frozenset({HEADLINE, DATELINE, BYLINE, CREDIT, SOURCE})
_INDEFINITE = re.compile(r"(?<![\w'’])(?:a|an|A|An)\s+(?:[a-z][\w-]*\s+){0,2}$")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*\(?$", re.IGNORECASE)


def mute(entities: Iterable[Entity], articles: dict[str, Article]) -> set[str]:
    """The entities that cannot be anyone speaking: named only in headlines (a headline's title
    case makes names of its words: "Riot Deaths 'Murder'"), datelines, bylines and credits, only
    right after a clock time (a time zone: "10:36 BST"), or only after "a" or "an" ("a Texas
    Ranger", "a local Rite Aid": someone or something of that kind, no one in particular)."""
    heads = {d: [(b.start, b.end) for b in a.blocks if b.kind in _SILENT_BLOCKS] for d, a in articles.items()}

    def speaks(m: Mention) -> bool:
        article = articles.get(m.doc)
        if article is None:
            return True
        if any(s <= m.start < e for s, e in heads[m.doc]):
            return False
        return not (_CLOCK.search(article.text, max(0, m.start - 16), m.start)
                    or _INDEFINITE.search(article.text, max(0, m.start - 30), m.start))

    return {e.id for e in entities if not any(speaks(m) for m in e.mentions)}


class Doc:
    """One article's parse, with the lookups attribution needs."""

    def __init__(self, article: Article, mentions: Sequence[tuple[Mention, Entity]], story: Story) -> None:
        self.article = article
        self.by_id = story.by_id | {e.id: e for _, e in mentions}
        self.names = story.names
        self.surnames = story.surnames
        self.mute = story.mute
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
        stack, seen = [i], {i}
        while stack:  # each token once, so even a malformed tree cannot keep this going
            j = stack.pop()
            lo, hi = min(lo, j), max(hi, j)
            for c in self.children[j]:
                if c not in seen:
                    seen.add(c)
                    stack.append(c)
        return lo, hi + 1

    def subject_of(self, v: int) -> int | None:
        for c in self.children[v]:
            if self.t.dep[c] == "agent":  # "was quoted by X"
                for g in self.children[c]:
                    if self.t.dep[g] == "pobj":
                        return g
        subjects = [c for c in self.children[v] if self.t.dep[c] in SUBJECTS]
        if len(subjects) > 1:   # a parse that split a subject from its name ("One of Gray's friends, Devonte Brown told")
            before = [c for c in subjects if c < v]
            return max(before) if before else subjects[0]
        return subjects[0] if subjects else None

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
                if e.label not in PERSON_LABELS or self.in_quote(m.start):
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
                if any(self.t.dep[i] in SUBJECTS for i in toks):
                    sentence = self.article.sentences[self.sentence_of(m.start)] if self.article.sentences else None
                    stop = sentence.end if sentence else m.end
                    for i in self.token_range(m.end, stop):
                        g = GENDER.get(self.word(i).lower())
                        if g and not self.in_quote(self.t.idx[i]):
                            votes[e.id][g] += 1
                            break
            self._genders = {k: v.most_common(1)[0][0] for k, v in votes.items()
                             if len(v) == 1 or v.most_common(2)[0][1] > v.most_common(2)[1][1]}
        return self._genders.get(entity)
