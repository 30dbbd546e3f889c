"""The corpus manifest: one small file in the cache folder that says, for every article, what the
list of articles shows and where it comes from, so that nothing else need be read to start.

Each row holds a document's id, story, outlet, headline, date, word count, URL and content hash,
with the size and modification time of its file. A full load writes it (`index.load`); when every
file of the corpus still has the size and time the manifest gives, the corpus is unchanged and
`parallax index`, `--story` and the app's first paint read the manifest alone. It is JSON, not
YAML like the cache entries: ten thousand rows load in milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import astuple, dataclass, fields, replace
from pathlib import Path

from ..model import Article
from .cache import Cache, atomic_write

NAME = "manifest.json"
FORMAT = 1
# A manifest of a million rows would be some 200 MB; past this it is not read (and is rebuilt).
MAX_BYTES = 256 << 20


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    story: str
    outlet: str | None
    headline: str | None
    date: str | None
    words: int
    url: str | None
    sha256: str
    size: int        # of the article's file (an export file for its records), when it was read
    mtime_ns: int
    skipped: str | None = None   # why the file gave no article (then only id, size and time count)


FIELDS = tuple(f.name for f in fields(Entry))


@dataclass(frozen=True, slots=True)
class Manifest:
    entries: dict[str, Entry]          # by document id, in corpus order
    names: dict[str, str]              # story id -> its name, where stories were found by event


def stat_of(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def entry(article: Article, path: Path) -> Entry:
    size, mtime = stat_of(path)
    m = article.meta
    return Entry(article.id, article.story, m.outlet, m.headline, m.date, article.word_count(), m.url,
                 article.sha256, size, mtime)


def skipped(doc_id: str, story: str, path: Path, reason: str) -> Entry:
    size, mtime = stat_of(path)
    return Entry(doc_id, story, None, None, None, 0, None, "", size, mtime, reason)


def restory(cache: Cache, story_of: dict[str, str], names: dict[str, str]) -> None:
    """Rewrite the manifest's stories (a flat folder's, once grouped by event) and their names."""
    found = read(cache)
    if found is not None and (names != found.names or
                              any(story_of.get(d, e.story) != e.story for d, e in found.entries.items())):
        write(cache, [replace(e, story=story_of.get(e.id, e.story)) for e in found.entries.values()], names)


def write(cache: Cache, entries: list[Entry], names: dict[str, str] | None = None) -> None:
    """Store the manifest (a read-only cache is left as it is)."""
    body = json.dumps({"format": FORMAT, "fingerprint": cache.fingerprint, "fields": FIELDS,
                       "rows": [astuple(e) for e in entries], "names": names or {}},
                      ensure_ascii=False, separators=(",", ":"))
    data = body.encode("utf-8")
    try:
        cache.root.mkdir(parents=True, exist_ok=True)
        atomic_write(cache.root / NAME, hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
    except OSError:
        pass


def read(cache: Cache) -> Manifest | None:
    """The manifest, or None when there is none or it cannot be used (another version's,
    truncated, edited, too large)."""
    path = cache.root / NAME
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    digest, _, data = raw.partition(b"\n")
    if digest.decode("ascii", "replace") != hashlib.sha256(data).hexdigest():
        return None
    try:
        body = json.loads(data)
        if body.get("format") != FORMAT or body.get("fingerprint") != cache.fingerprint or \
                tuple(body.get("fields", ())) != FIELDS:
            return None
        rows = [Entry(*row) for row in body["rows"]]
        names = {str(k): str(v) for k, v in body.get("names", {}).items()}
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    if not all(isinstance(e.id, str) and isinstance(e.story, str) and isinstance(e.words, int) for e in rows):
        return None
    return Manifest({e.id: e for e in rows}, names)


def knows_stories(found: Manifest | None) -> bool:
    """Whether a manifest says each article's story: a corpus of story folders, a single
    article, or a flat folder once grouped by event (not one still waiting to be)."""
    return found is not None and (len(found.entries) <= 1 or any(e.story != "" for e in found.entries.values()))


def usable(files: dict[str, Path], found: Manifest | None) -> bool:
    """Whether the manifest can stand for the corpus: current, and saying each article's story."""
    return knows_stories(found) and current(files, found)


def current(files: dict[str, Path], found: Manifest | None) -> bool:
    """Whether the manifest describes exactly these files as they are now: the same documents,
    and every file the size and modification time it had when it was read."""
    if found is None or set(found.entries) != set(files):
        return False
    entries = found.entries
    seen: dict[Path, tuple[int, int]] = {}
    try:
        for doc, path in files.items():
            if path not in seen:
                seen[path] = stat_of(path)
            if seen[path] != (entries[doc].size, entries[doc].mtime_ns):
                return False
    except OSError:
        return False
    return True
