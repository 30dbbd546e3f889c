"""Scraper and export files: many articles in one file, each record one article.

- news-please JSON: one record (`title`, `maintext`, `authors`, `date_publish`, `source_domain`,
  `url`), or a list of them;
- JSON Lines (`.jsonl`, `.ndjson`) and CSV / TSV, whose fields are found by name (`COLUMNS`: a
  text, a title, a URL, an outlet, a date, an author, and a story, topic or event when there is
  one, which then is the record's story);
- WARC (`.warc`, `.warc.gz`, with the optional `warcio`): each HTML response is a web page.

A record's document id is stable while the file grows: the file's name and the record's URL
where it has one, else its place in the file ("exports/wire/00012"), so the cache and
`aliases.yaml` keep working. A record that cannot be read is named with its line or number and
skipped; a file with no recognisable layout is named with the fields it was expected to have.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Meta
from .metadata import moment

JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
TABLE_SUFFIXES = (".csv", ".tsv")
WARC_SUFFIXES = (".warc", ".warc.gz")
SUFFIXES = (*JSON_SUFFIXES, *TABLE_SUFFIXES, *WARC_SUFFIXES)
# An export of ten thousand articles is some 60 MB of text; past 256 MiB a file is read into
# memory no further.
MAX_FILE_BYTES = 256 << 20

# Field names, in the order tried, for what an article record holds.
COLUMNS = {
    "text": ("maintext", "text", "body", "content", "article", "article_text", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "outlet": ("outlet", "source", "source_domain", "domain", "site", "sitename", "publisher", "source_name"),
    "date": ("date_publish", "date", "published", "published_at", "publish_date", "pubdate", "datetime"),
    "author": ("authors", "author", "byline"),
    "story": ("story", "topic", "event", "cluster", "story_id", "event_id"),
}


class LayoutError(Exception):
    """A file whose records have no recognisable layout; the message names what was expected."""


@dataclass(frozen=True, slots=True)
class Record:
    """One article of an export file: its text and what the record says of it, or a web page."""

    key: str                      # the document id's last part: the URL's slug, else the record number
    story: str | None
    raw: bytes                    # what the cache's content hash is taken of
    text: str = ""
    meta: Meta = field(default_factory=Meta)
    page: str | None = None       # a WARC response's HTML, extracted like a saved page

    def source_text(self) -> str:
        title = self.meta.headline
        return (f"{title}\n\n" if title else "") + self.text.strip() + "\n"


@dataclass(slots=True)
class Contents:
    records: list[Record]
    problems: list[str]           # records that could not be read, each with where and why


def read(path: Path) -> Contents:
    """The records of an export file. Raises `LayoutError` for a file with no recognisable
    layout, `OSError` when it cannot be read."""
    name = path.name.lower()
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise LayoutError(f"too large to read ({len(data) >> 20}+ MiB; the limit is {MAX_FILE_BYTES >> 20} MiB)")
    if name.endswith(WARC_SUFFIXES):
        return _warc(data)
    text = data.decode("utf-8-sig", errors="replace")
    if name.endswith((".jsonl", ".ndjson")):
        return _json_lines(text)
    if name.endswith(".json"):
        return _json(text)
    return _table(text, "\t" if name.endswith(".tsv") else ",")


def _pick(fields: dict, what: str) -> str | None:
    for name in COLUMNS[what]:
        for key in (name, name.upper(), name.capitalize()):
            value = fields.get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value if v)
            if value not in (None, ""):
                return " ".join(str(value).split()) if what != "text" else str(value)
    return None


_SLUG = re.compile(r"[^\w.-]+")


def _key(url: str | None, number: int) -> str:
    """The record's id within its file: its URL's last path part where that is distinctive, with
    a short hash of the whole URL, else its number."""
    if not url:
        return f"{number:05d}"
    tail = _SLUG.sub("-", url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]).strip("-.")[:60] or "page"
    return f"{tail}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def _record(fields: object, number: int, where: str) -> Record:
    if not isinstance(fields, dict):
        raise LayoutError(f"{where}: not a record (a mapping of fields)")
    text = _pick(fields, "text")
    if text is None or not text.strip():
        raise LayoutError(f"{where}: no text field (expected one of: {', '.join(COLUMNS['text'])}; "
                          f"it has: {', '.join(map(str, list(fields)[:12]))})")
    url = _pick(fields, "url")
    meta = Meta(outlet=_pick(fields, "outlet"), headline=_pick(fields, "title"), byline=_pick(fields, "author"),
                date=moment(_pick(fields, "date")), url=url)
    story = _pick(fields, "story")
    raw = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return Record(_key(url, number), _SLUG.sub("_", story).strip("_") if story else None, raw, text, meta)


def _json(text: str) -> Contents:
    try:
        data = json.loads(text, strict=False)  # control characters in strings are cleaned later
    except json.JSONDecodeError as exc:
        raise LayoutError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    items = data if isinstance(data, list) else [data]
    out = Contents([], [])
    for n, item in enumerate(items, 1):
        try:
            out.records.append(_record(item, n, f"record {n}"))
        except LayoutError as exc:
            if len(items) == 1:
                raise LayoutError(f"not a news-please record: {str(exc).split(': ', 1)[1]}") from None
            out.problems.append(str(exc))
    return out


def _json_lines(text: str) -> Contents:
    out = Contents([], [])
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.records.append(_record(json.loads(line, strict=False), n, f"line {n}"))
        except json.JSONDecodeError as exc:
            out.problems.append(f"line {n}: not valid JSON ({exc.msg})")
        except LayoutError as exc:
            out.problems.append(str(exc))
    if not out.records and out.problems:
        raise LayoutError(out.problems[0])
    return out


def _table(text: str, delimiter: str) -> Contents:
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [c.strip() for c in reader.fieldnames or []]
    if not any(c.lower() in COLUMNS["text"] for c in columns):
        raise LayoutError(f"no text column (expected one of: {', '.join(COLUMNS['text'])}); "
                          f"the columns are: {', '.join(columns) or 'none'}")
    out = Contents([], [])
    try:
        for n, row in enumerate(reader, 1):
            fields = {(k or "").strip().lower(): v for k, v in row.items() if k}
            try:
                out.records.append(_record(fields, n, f"row {n}"))
            except LayoutError as exc:
                out.problems.append(str(exc))
    except csv.Error as exc:
        out.problems.append(f"row {reader.line_num}: {exc}")
    return out


def _warc(data: bytes) -> Contents:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise LayoutError("reading WARC files needs warcio: pip install 'parallax-news[warc]'") from None
    from . import html
    from .decode import Unreadable, decode

    out = Contents([], [])
    n = 0
    try:
        for rec in ArchiveIterator(io.BytesIO(data)):
            if rec.rec_type != "response" or not rec.http_headers:
                continue
            kind = rec.http_headers.get_header("Content-Type") or ""
            if "html" not in kind.lower():
                continue
            n += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            body = rec.content_stream().read()
            declared = re.search(r"charset=([\w.:-]+)", kind, re.IGNORECASE)
            try:
                page = decode(body, declared=declared.group(1) if declared else html.charset(body)).text
            except Unreadable as exc:
                out.problems.append(f"response {n} ({url}): {exc}")
                continue
            out.records.append(Record(_key(url, n), None, body, meta=Meta(url=url), page=page))
    except Exception as exc:  # warcio raises several kinds for a damaged archive  # noqa: BLE001
        out.problems.append(f"response {n + 1}: unreadable ({type(exc).__name__}: {exc})")
    return out
