"""Matching sentences across outlets, and word-level diffs of a matched pair.

Sentences are compared after folding case, quote marks, dashes and spacing, with rapidfuzz: a
whole-sentence ratio, and a partial ratio so that a statement quoted inside a longer sentence
still finds its source. The word diff runs over word and punctuation tokens, so a moved comma
or a swapped quote mark is one small change, not a rewritten word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .model import Article, Span

MIN_SCORE = 60.0
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                       "–": "-", "—": "-", "‐": "-", "\u00a0": " "})
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
PUNCT_ONLY = re.compile(r"^[^\w]+$")


def fold(text: str) -> str:
    """Text as the matcher compares it: case, quote marks, dashes and spacing folded."""
    return " ".join(text.translate(_FOLD).casefold().split())


def _score(a: str, b: str, **_: object) -> float:
    """Similarity of two folded sentences, 0-100: the whole-sentence ratio, or the partial ratio
    of the shorter within the longer when the shorter is long enough to mean something."""
    whole = fuzz.ratio(a, b)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 40 or len(short) < 0.25 * len(long_):
        return whole
    return max(whole, fuzz.partial_ratio(short, long_) * 0.95)


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A sentence of another article that reports the same thing, and how alike the two are."""

    doc: str
    span: Span
    score: float


def sentence_text(article: Article, span: Span) -> str:
    return article.text[span.start : span.end]


def counterparts(article: Article, sentence: Span, others: Sequence[Article],
                 min_score: float = MIN_SCORE) -> list[Counterpart]:
    """For one sentence, the best-matching sentence of each other article, best first."""
    query = fold(sentence_text(article, sentence))
    found = []
    for other in others:
        if other.id == article.id or not other.sentences:
            continue
        choices = [fold(sentence_text(other, s)) for s in other.sentences]
        best = process.extractOne(query, choices, scorer=_score, score_cutoff=min_score)
        if best:
            found.append(Counterpart(other.id, other.sentences[best[2]], round(best[1], 1)))
    found.sort(key=lambda c: -c.score)
    return found


@dataclass(frozen=True, slots=True)
class Pair:
    """Two sentences, one from each of two articles, that report the same thing."""

    a: Span
    b: Span
    score: float


def align_articles(a: Article, b: Article, min_score: float = MIN_SCORE) -> tuple[list[Pair], list[Span], list[Span]]:
    """Match the sentences of two articles one to one, best pairs first.

    Returns the pairs in A's order, then A's sentences without a counterpart, then B's.
    """
    fa = [fold(sentence_text(a, s)) for s in a.sentences]
    fb = [fold(sentence_text(b, s)) for s in b.sentences]
    if not fa or not fb:
        return [], list(a.sentences), list(b.sentences)
    matrix = process.cdist(fa, fb, scorer=_score, score_cutoff=min_score, workers=1)
    candidates = sorted(((matrix[i][j], i, j) for i in range(len(fa)) for j in range(len(fb))
                         if matrix[i][j] >= min_score), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for score, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append(Pair(a.sentences[i], b.sentences[j], round(float(score), 1)))
    pairs.sort(key=lambda p: p.a.start)
    only_a = [s for i, s in enumerate(a.sentences) if i not in used_a]
    only_b = [s for j, s in enumerate(b.sentences) if j not in used_b]
    return pairs, only_a, only_b


# --- word diff -----------------------------------------------------------------------------------

EQUAL, DELETE, INSERT, REPLACE = "equal", "delete", "insert", "replace"


@dataclass(frozen=True, slots=True)
class Edit:
    """One step of a word diff: `old` (from A) became `new` (in B); `kind` names the change.
    `space_a` / `space_b`: whether a space comes before `old` in A / before `new` in B."""

    op: str
    old: str
    new: str
    kind: str
    space_a: bool = False
    space_b: bool = False


def _kind(op: str, old: Sequence[str], new: Sequence[str]) -> str:
    if op == EQUAL:
        return "same"
    if all(PUNCT_ONLY.match(t) for t in (*old, *new)):
        return "punctuation"
    if op == REPLACE and fold(" ".join(old)) == fold(" ".join(new)):
        return "case or quote marks"
    if op == REPLACE and len(old) == len(new) == 1 and fuzz.ratio(old[0].casefold(), new[0].casefold()) >= 75:
        return "spelling"
    return {DELETE: "deletion", INSERT: "insertion"}.get(op, "substitution")


def word_diff(a: str, b: str) -> list[Edit]:
    """The word-level edits that turn `a` into `b`, equal runs included.

    Tokens are aligned on their longest common subsequence after folding case and quote marks,
    so a swapped quote mark stays a small change in place instead of pulling the alignment
    apart. Inside a changed stretch, a second pass pairs words spelt alike ("fuelling" and
    "fueling"); what is left of a deletion next to an insertion is one substitution.
    """
    ta = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(a)]
    tb = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(b)]
    steps = _align([t for t, _, _ in ta], [t for t, _, _ in tb], 0, 0, fuzzy=False)

    def text(s: str, toks: list[tuple[str, int, int]], i: int, j: int) -> str:
        return s[toks[i][1] : toks[j - 1][2]] if j > i else ""

    def space(s: str, toks: list[tuple[str, int, int]], i: int, j: int) -> bool:
        return 0 < i < len(toks) and j > i and toks[i - 1][2] < toks[i][1]

    return [
        Edit(tag, text(a, ta, s1, s2), text(b, tb, d1, d2),
             _kind(tag, [t for t, _, _ in ta[s1:s2]], [t for t, _, _ in tb[d1:d2]]),
             space(a, ta, s1, s2), space(b, tb, d1, d2))
        for tag, s1, s2, d1, d2 in steps
    ]


def _align(old: list[str], new: list[str], base_a: int, base_b: int, fuzzy: bool) -> list[tuple[str, int, int, int, int]]:
    keys_a = [fold(t) for t in old]
    keys_b = [fold(t) for t in new]
    if fuzzy:  # a word of B spelt like a word of A takes its key
        for j, kb in enumerate(keys_b):
            if len(kb) >= 4 and kb not in keys_a:
                close = [ka for ka in keys_a if len(ka) >= 4 and fuzz.ratio(ka, kb) >= 80]
                if close:
                    keys_b[j] = close[0]
    steps: list[tuple[str, int, int, int, int]] = []
    for op in Indel.opcodes(keys_a, keys_b):
        s1, s2, d1, d2 = op.src_start + base_a, op.src_end + base_a, op.dest_start + base_b, op.dest_end + base_b
        if op.tag == EQUAL:  # one step per run of identical tokens, one per token that differs
            for i in range(s2 - s1):
                same = old[s1 - base_a + i] == new[d1 - base_b + i]
                if same and steps and steps[-1][0] == EQUAL and steps[-1][2] == s1 + i:
                    steps[-1] = (EQUAL, steps[-1][1], s1 + i + 1, steps[-1][3], d1 + i + 1)
                else:
                    steps.append((EQUAL if same else REPLACE, s1 + i, s1 + i + 1, d1 + i, d1 + i + 1))
        elif steps and steps[-1][0] in (DELETE, INSERT) and steps[-1][0] != op.tag:
            _, p1, _, q1, _ = steps.pop()
            steps.append((REPLACE, p1, s2, q1, d2))
        else:
            steps.append((op.tag, s1, s2, d1, d2))
    if fuzzy:
        return steps
    out: list[tuple[str, int, int, int, int]] = []
    for step in steps:
        tag, s1, s2, d1, d2 = step
        if tag == REPLACE and (s2 - s1 > 1 or d2 - d1 > 1):
            out += _align(old[s1 - base_a : s2 - base_a], new[d1 - base_b : d2 - base_b], s1, d1, fuzzy=True)
        else:
            out.append(step)
    return out


def marked(edits: Sequence[Edit]) -> str:
    """A diff as plain text, `[-old-]{+new+}`, for piped output and monochrome terminals."""
    return "".join(text for text, _ in pieces(edits))


def pieces(edits: Sequence[Edit]) -> list[tuple[str, str]]:
    """A diff as runs of text, each "same", "old" or "new", spaced as the sentences are spaced,
    deletions in `[-…-]` and insertions in `{+…+}`."""
    out: list[tuple[str, str]] = []
    for e in edits:
        if e.op == EQUAL:
            out.append((" " * e.space_b + e.new, "same"))
            continue
        if e.old:
            out.append((" " * e.space_a + f"[-{e.old}-]", "old"))
        if e.new:
            out.append((" " * (e.space_b and not e.old) + f"{{+{e.new}+}}", "new"))
    return out


def side_pieces(edits: Sequence[Edit], which: str) -> list[tuple[str, str]]:
    """One side of a diff: A's text with its deletions marked, or B's with its insertions."""
    out: list[tuple[str, str]] = []
    for e in edits:
        text, space = (e.old, e.space_a) if which == "a" else (e.new, e.space_b)
        if not text:
            continue
        if e.op == EQUAL:
            out.append((" " * space + text, "same"))
        else:
            out.append((" " * space + (f"[-{text}-]" if which == "a" else f"{{+{text}+}}"), which == "a" and "old" or "new"))
    return out
