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


_TIME = re.compile(
    r"(?:,|\s)\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*"
    r"(?P<half>[ap]\.?\s?m\.?)?(?:\s*(?P<zone>UTC|GMT|Z|[+-]\d{2}:?\d{2}))?", re.IGNORECASE)
_ISO = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?"
                  r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?")


def _zone(zone: str | None) -> str:
    if not zone:
        return ""
    zone = zone.upper()
    if zone in ("Z", "UTC", "GMT"):
        return "Z"
    return zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"


def _timed(day: str, time: str) -> str:
    """`day` with its time of day, where that is a time there is ("25:61" and an offset of 99
    hours are not): else the day alone."""
    try:
        dt.datetime.fromisoformat(f"{day}T{time}")
    except ValueError:
        return day
    return f"{day}T{time}"


def moment(value: object) -> str | None:
    """A publication date as ISO 8601: `YYYY-MM-DD`, with `THH:MM[:SS]` where a time is given and
    an offset (`Z`, `+09:00`) where the time says which; None where no date can be read. Reads ISO
    forms ("2024-07-11T09:30:00Z"), e-mail dates ("Thu, 11 Jul 2024 09:30:00 +0000"), Unix
    times and written dates with a time after them ("July 11, 2024 9:30 a.m.")."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes" if not value.second else "seconds").replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 < value < 10**10:   # seconds since 1970, as some scrapers store them
            return dt.datetime.fromtimestamp(value, dt.timezone.utc).isoformat(timespec="minutes").replace("+00:00", "Z")
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:200]
    if text.isdigit() and 9 <= len(text) <= 10:
        return moment(int(text))
    if m := _ISO.match(text):
        try:
            dt.date.fromisoformat(m.group("date"))
        except ValueError:
            return None
        if not m.group("time"):
            return m.group("date")
        return _timed(m.group("date"), m.group("time") + _zone(m.group("zone")))
    if re.match(r"[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}", text):
        from email.utils import parsedate_to_datetime

        try:
            return moment(parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            pass
    return _written(text)


def _written(text: str) -> str | None:
    """A written date, and the time of day written just after it."""
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            month = m.group("month")
            month_no = int(month) if month.isdigit() else _month_number(month)
            try:
                day = dt.date(int(m.group("year")), month_no or 0, int(m.group("day"))).isoformat()
            except ValueError:
                continue
            t = _TIME.match(text, m.end())
            if not t:
                return day
            hour, minute = int(t.group("hour")), int(t.group("minute"))
            half = (t.group("half") or "").lower()[:1]
            if half:
                if not 1 <= hour <= 12:
                    return day
                hour = hour % 12 + (12 if half == "p" else 0)
            second = f":{int(t.group('second')):02d}" if t.group("second") else ""
            return _timed(day, f"{hour:02d}:{minute:02d}{second}{_zone(t.group('zone'))}")
    return None


def parse_date(text: str) -> str | None:
    """The first calendar date written in `text`, as ISO `YYYY-MM-DD`."""
    found = _written(text)
    return found[:10] if found else None


def infer_meta(text: str, blocks: Sequence[Block], stem: str = "") -> Meta:
    """Headline, byline, date and outlet where the text shows them; the rest stays unknown."""
    of = {k: [text[b.start : b.end] for b in blocks if b.kind == k] for k in model.BLOCK_KINDS}
    headline = of[model.HEADLINE][0] if of[model.HEADLINE] else None
    byline = date = None
    for line in of[model.BYLINE] + of[model.DATELINE]:
        if byline is None and (m := _BY.search(line)):
            byline = m.group("name").rstrip(" .,-")
        date = date or _written(line)
    outlet = None
    for line in of[model.SOURCE]:
        if (m := SOURCE_LINE.fullmatch(line)) and m.group("cue").lower().startswith("source"):
            outlet = m.group("name").strip(" .")
            break
    if outlet is None and stem and not _ID_LIKE.fullmatch(stem) and re.fullmatch(r"[A-Za-z][\w .&'-]*", stem):
        outlet = re.sub(r"[_-]\d+$", "", stem)  # "bbc_2": the second article from the same outlet
    return Meta(outlet=outlet, headline=headline, byline=byline, date=date)
