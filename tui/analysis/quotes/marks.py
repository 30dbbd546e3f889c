"""Finding quotation marks: the stretches of each paragraph between them, and which of those are
someone's words rather than a title or a scare quote.

Quotation marks are paired within a paragraph. A mark's role comes from its glyph where it has
one (“ opens, ” closes) and from its neighbours where it has not (a straight `"` after a space
and before a word opens). What the marks get wrong is repaired, best effort: a second opening
mark ends the quote left open before it; marks written the wrong way round (`their” 15 Most
Wanted “list`) are paired backwards; and a paragraph that opens a quote and never closes it is
marked `open_end`, so the caller can run it on into the next paragraph when that one opens with
a mark (the newspaper convention for quotes over several paragraphs). Single marks (‘…’ or '…')
are quotation marks only outside double ones, never between two letters (an apostrophe), and an
unclosed one only at the start of a paragraph or after a colon.

Not every quoted phrase is a quotation. A title-case phrase in marks ("The Hunger Games",
"Riot") is a title or a name, and a phrase of one or two words is a scare quote, unless a
reporting verb frames it as someone's words (`is_title`, `MIN_WORDS`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ...model import Article, Span

_DOUBLE = re.compile(r"''|[“”\"„«»]")
_SINGLE = re.compile(r"[‘’']")
_OPENS = frozenset("“„«‘")
_CLOSES = frozenset("”»’")
_BEFORE_OPEN = frozenset("([{—–-/:")            # an opening mark may follow these directly
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-…")        # a closing mark may be followed by these
_SENTENCE_END = frozenset(",.!?…")               # punctuation before a closing mark in speech
_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from as vs de la le del nor but".split())
WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
MIN_WORDS = 3       # fewer words in marks is a scare quote unless a reporting verb frames it
_TITLE_WORDS = 8     # a title-case phrase in marks of up to this many words is a title


@dataclass(frozen=True, slots=True)
class Marked:
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


def _pair(text: str, start: int, end: int, marks: list[tuple[int, int]], single: bool) -> list[Marked]:
    found: list[Marked] = []
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
            found.append(Marked(opened, pos, unclosed=True))  # the mark before was never closed
            opened = pos + width
            continue
        found.append(Marked(opened, pos, speechlike=text[pos - 1] in _SENTENCE_END))
        opened = None
    if opened is not None:
        mark = opened - 1
        if stray is not None and not found and stray < mark and not single:
            found.append(Marked(stray + 1, mark))  # marks written the wrong way round
        elif opened < end and (text[opened].isalnum() or text[opened] in "([‘'…") and (
                not single or mark == start or text[start:mark].rstrip().endswith(":")):
            found.append(Marked(opened, end, open_end=True, unclosed=True))
    return found


def in_paragraph(text: str, start: int, end: int) -> list[Marked]:
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


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def is_title(words: list[str]) -> bool:
    return 0 < len(words) <= _TITLE_WORDS and all(
        w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and any(w[0].isupper() for w in words)


def quote_spans(article: Article) -> list[Span]:
    """Every stretch of an article between quotation marks (marks excluded), quotation or not,
    in text order; the stretches of a quote running over several paragraphs are separate."""
    out = []
    for block in article.blocks:
        for m in in_paragraph(article.text, block.start, block.end):
            s, e = trimmed(article.text, m.start, m.end)
            if e > s:
                out.append(Span(s, e))
    return out
