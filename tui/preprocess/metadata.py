"""Inferring an article's headline, byline, date and outlet from its own text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .. import model
from ..model import Block, Meta

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})\b",          # July 11, 2024 / Dec. 20 2005
    r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b",  # 7 July 2012 / 18th September 2013
    r"\b(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})\b",      # 2012-04-04 (day-first and month-first
))                                                                        # numeric dates are ambiguous: not read)
_BY = re.compile(r"\bBy\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&)){0,6})")
# "Source: Yonhap News Agency", "Reporting by Jane Doe": who the text comes from.
SOURCE_LINE = re.compile(
    r"(?P<cue>sources?|reporting by|edited by|with reporting from)\s*:?\s+(?P<name>.{2,80})", re.IGNORECASE)
# File names that are ids, not outlet names: hashes, numbers, "doc_0001".
_ID_LIKE = re.compile(r".*(?:\d{3,}|[0-9a-f]{8,}).*", re.IGNORECASE)


def _month_number(word: str) -> int | None:
    """1-12 for a month's name, its abbreviation or a one-letter slip ("Novemer"), else None."""
    from rapidfuzz.distance import Levenshtein

    word = word.lower()
    for number, name in enumerate(_MONTHS, start=1):
        if (len(word) >= 3 and name.startswith(word)) or word == "sept" or Levenshtein.distance(word, name) <= 1:
            return 9 if word == "sept" else number
    return None


def parse_date(text: str) -> str | None:
    """The first calendar date written in `text`, as ISO `YYYY-MM-DD`."""
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            month = m.group("month")
            month_no = int(month) if month.isdigit() else _month_number(month)
            try:
                return dt.date(int(m.group("year")), month_no or 0, int(m.group("day"))).isoformat()
            except ValueError:
                continue
    return None


def infer_meta(text: str, blocks: Sequence[Block], stem: str = "") -> Meta:
    """Headline, byline, date and outlet where the text shows them; the rest stays unknown."""
    of = {k: [text[b.start : b.end] for b in blocks if b.kind == k] for k in model.BLOCK_KINDS}
    headline = of[model.HEADLINE][0] if of[model.HEADLINE] else None
    byline = date = None
    for line in of[model.BYLINE] + of[model.DATELINE]:
        if byline is None and (m := _BY.search(line)):
            byline = m.group("name").rstrip(" .,-")
        date = date or parse_date(line)
    outlet = None
    for line in of[model.SOURCE]:
        if (m := SOURCE_LINE.fullmatch(line)) and m.group("cue").lower().startswith("source"):
            outlet = m.group("name").strip(" .")
            break
    if outlet is None and stem and not _ID_LIKE.fullmatch(stem) and re.fullmatch(r"[A-Za-z][\w .&'-]*", stem):
        outlet = re.sub(r"[_-]\d+$", "", stem)  # "bbc_2": the second article from the same outlet
    return Meta(outlet=outlet, headline=headline, byline=byline, date=date)
