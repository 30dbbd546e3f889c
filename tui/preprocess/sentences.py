"""Sentence boundaries the parser gets wrong, repaired on its spans.

The small English model ends sentences where news text does not:

- after a title or a rank before a name ("Troy police Lt." | "Robert Jones said"), which it takes
  for the end of a sentence because of the full stop;
- after a quotation, where the closing mark is left as a sentence of its own ('"');
- inside a dateline or a timestamp ("11/30/09" | "05:40" | "PM" | "ET").

Each is a class of problem, so each is repaired by what it is, not by the stories it was seen
in: the titles and ranks of English (a closed list) and middle initials, sentences of punctuation
alone, and runs of date and time tokens on one line. Sentences never join across a line break.
The repair is a function of the text and the parser's spans, so
it applies to a new parse and to a cached one alike; applied twice it changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Span

# English titles and ranks written with a full stop before a name: civil, military, police, clerical.
TITLES = frozenset("""
    mr mrs ms messrs mme mlle dr prof rev revd fr msgr sr sra srta hon
    gov sen rep del pres supt insp det sgt lt capt cpt col gen maj adm cmdr cdr cpl pvt pfc spc
    brig atty dist dep asst assoc sec treas amb ald cllr
    st mt ft
""".split())
_TITLE_END = re.compile(r"(?:^|[\s(\"'“‘])([A-Z][a-z]{0,5})\.$")
_INITIAL_END = re.compile(r"(?:^|\s)[A-Z][a-z]+\s+[A-Z]\.$")   # "John F." | "Kennedy": a middle initial
_PUNCTUATION_ONLY = re.compile(r"[\W_]+")
_DATE_TIME = re.compile(
    r"(?:\d{1,4}(?:[/:.\-]\d{1,4}){0,2}(?:am|pm|a\.m\.|p\.m\.)?"
    r"|[AaPp]\.?[Mm]\.?|GMT|UTC|BST|CET|CEST|[ECMP][SD]?T|EST|EDT|PST|PDT|CST|CDT|MST|MDT|ET|PT"
    r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?"
    r"|updated|posted|published|last|at|on|[,:|\-–—])",
    re.IGNORECASE)


def repaired(text: str, sentences: Sequence[Span]) -> tuple[Span, ...]:
    """`sentences` (spans of `text`, in order) with the splits above undone."""
    out: list[Span] = []
    for s in sentences:
        if out and _joins(text, out[-1], s):
            out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return tuple(out)


def _joins(text: str, before: Span, after: Span) -> bool:
    gap = text[before.end : after.start]
    if "\n\n" in gap:
        return False   # a paragraph break always ends a sentence
    first, second = text[before.start : before.end], text[after.start : after.end]
    if _PUNCTUATION_ONLY.fullmatch(second) and "\n" not in gap:
        return True    # a closing quotation mark or bracket left alone
    if "\n" in gap:
        return False
    title = _TITLE_END.search(first)
    if second[:1].isupper() and ((title and title[1].lower() in TITLES) or _INITIAL_END.search(first)):
        return True    # "Lt." | "Robert Jones": the title's full stop ended nothing
    return _is_date_time(first) and _is_date_time(second)   # pieces of one dateline or timestamp


def _is_date_time(sentence: str) -> bool:
    words = sentence.split()
    return bool(words) and len(words) <= 6 and all(_DATE_TIME.fullmatch(w) for w in words)
