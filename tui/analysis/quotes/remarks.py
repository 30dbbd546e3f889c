"""One remark across outlets: quotations of a story that render the same words are grouped, and
each group's members can be diffed word by word.

Two quotations are one remark when they share a run of words that covers most of the shorter
(a partial quote of a longer one) or is long enough that one remark alone explains it, or when
one speaker's two renderings share most of their content words, weighted by rarity (two
translations of one remark). A long quoted passage never joins two speakers' remarks.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Indel

from ...model import Quote
from ..match import DELETE, INSERT, PUNCT_ONLY, REPLACE, Edit, fold, word_diff
from .marks import MIN_WORDS

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
        if short >= MIN_WORDS:
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
