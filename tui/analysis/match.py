"""Word-level diffs of two aligned passages, and the text folding that matching uses.

The word diff runs over word and punctuation tokens, so a moved comma or a swapped quote mark
is one small change, not a rewritten word, and each change is named: a spelling variant,
punctuation or quote marks, case, an insertion, a deletion or a substitution. Which passages
are aligned is decided in `align.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..model import Article, Span

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                       "–": "-", "—": "-", "‐": "-", "\u00a0": " "})
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
PUNCT_ONLY = re.compile(r"^[^\w]+$")


def fold(text: str) -> str:
    """Text as the matcher compares it: case, quote marks, dashes and spacing folded."""
    return " ".join(text.translate(_FOLD).casefold().split())


def sentence_text(article: Article, span: Span) -> str:
    return article.text[span.start : span.end]


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


SPELLING, PUNCTUATION, CASE = "spelling variant", "punctuation or quote marks", "case"
INSERTION, DELETION, SUBSTITUTION = "insertion", "deletion", "substitution"
MINOR = frozenset({SPELLING, PUNCTUATION, CASE})   # changes that leave the wording the same
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "r", "er", "st", "est", "'s", "’s")


def changed(old: str, new: str) -> str:
    """A change's words as the listings name them: "fuelling → fueling", or the words inserted
    or deleted alone."""
    return f"{old} → {new}" if old and new else (old or new)


def spelling_variant(a: str, b: str) -> bool:
    """Whether two words are one word spelt two ways: British and American spelling
    ("fuelling", "fueling"; "defence", "defense"), a romanisation, a typo. Not an inflection
    ("year", "years"), which changes what is said, nor a word of under five letters, where one
    letter makes another word ("Iran", "Iraq")."""
    x, y = a.casefold(), b.casefold()
    if x == y or min(len(x), len(y)) < 5 or not (x.isalpha() and y.isalpha()):
        return False
    short, long_ = sorted((x, y), key=len)
    if long_.startswith(short) and long_[len(short):] in _INFLECTIONS:
        return False
    return Indel.normalized_similarity(x, y) >= 0.75


def _kind(op: str, old: Sequence[str], new: Sequence[str]) -> str:
    if op == EQUAL:
        return "same"
    if all(PUNCT_ONLY.match(t) for t in (*old, *new)):
        return PUNCTUATION
    if op == REPLACE and fold(" ".join(old)) == fold(" ".join(new)):
        return CASE if " ".join(old).casefold() == " ".join(new).casefold() else PUNCTUATION
    if op == REPLACE and len(old) == len(new) == 1 and spelling_variant(old[0], new[0]):
        return SPELLING
    return {DELETE: DELETION, INSERT: INSERTION}.get(op, SUBSTITUTION)


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
