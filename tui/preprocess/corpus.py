"""Finding a corpus's articles and reading them.

Any folder is a corpus: `.txt` and `.md` files, optionally in sub-folders (one sub-folder is one
story). A document's id is its path relative to the corpus root without the extension, with `/`
separators. An optional `corpus.yaml` gives per-article metadata:

    articles:
      001_b851d7e6de4fbf2a: {outlet: ..., headline: ..., byline: ..., date: 2024-07-11}
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import safe_yaml
from ..model import CorpusError, Meta, NotFound, Source, corpus_root, story_of
from ..untrusted import plain_line, shown, without_controls
from . import html, records
from .decode import Decoded, Unreadable, decode
from .metadata import moment
from .records import Record

TEXT_SUFFIXES = (".txt", ".md")   # files whose text is the article, so removals' offsets are the file's
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *records.SUFFIXES)
# A news article is 3 to 30 KB of text and a long feature 100 KB; 8 MiB is a book of a million
# words. Anything larger is a dump, not an article, and would take minutes and gigabytes to parse.
MAX_ARTICLE_BYTES = 8 << 20
# Stories are one folder deep; a corpus with sub-sections might use three or four levels.
MAX_DEPTH = 16
MANIFEST = "corpus.yaml"
_META_FIELDS = Meta.FIELDS
# Files that travel with a corpus but are never articles.
_NOT_ARTICLES = re.compile(r"(?:readme|license|licence|copying|changelog|notice|authors)(?:[-_.].*)?", re.IGNORECASE)



@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that gave no article, and why; both shown as they are (`untrusted.shown`)."""

    path: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", shown(self.path))
        object.__setattr__(self, "reason", shown(self.reason))


@dataclass(slots=True)
class Corpus:
    """A corpus folder: where its articles are and what its manifest says of them."""

    root: Path
    files: dict[str, Path]                      # doc id -> file
    manifest: dict[str, Meta] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    unread: list[Skipped] = field(default_factory=list)   # files in the folder that are not articles
    records: dict[str, Record] = field(default_factory=dict)   # doc id -> its record, for export files
    whole: bool = True         # every article of the folder, not a `subset`

    @property
    def name(self) -> str:
        return shown(self.root.name)

    def subset(self, doc_ids: Iterable[str], *, warnings: bool = True) -> Corpus:
        """The same corpus restricted to `doc_ids` (in corpus order)."""
        wanted = set(doc_ids)
        return Corpus(self.root, {d: p for d, p in self.files.items() if d in wanted}, self.manifest,
                      list(self.warnings) if warnings else [], list(self.unread) if warnings else [],
                      {d: r for d, r in self.records.items() if d in wanted}, whole=False)

    def find(self, wanted: str) -> str:
        """The document id `wanted` names: an id (a file name's extension may be left on), a
        unique prefix of one, or a unique file stem. Raises `NotFound` saying what matched."""
        wanted = wanted.removesuffix(".txt").removesuffix(".md")
        if wanted in self.files:
            return wanted
        matches = [d for d in self.files if d.startswith(wanted) or d.rsplit("/", 1)[-1] == wanted]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFound(f"no article '{shown(wanted)}' in {shown(self.root)} (see 'parallax info')")
        raise NotFound(f"'{wanted}' matches {len(matches)} articles: {', '.join(matches[:5])}"
                          f"{' ...' if len(matches) > 5 else ''}")

    def read(self, doc_id: str) -> Source:
        """Read and decode one article. Raises `Unreadable` with the reason."""
        return self.source(doc_id, self.read_bytes(doc_id))

    def read_bytes(self, doc_id: str) -> bytes:
        """An article file's bytes, read no further than the size limit for its kind. Raises
        `Unreadable` when it cannot be read or is too large."""
        if doc_id in self.records:
            return self.records[doc_id].raw
        path = self.files[doc_id]
        limit = html.MAX_PAGE_BYTES if _is_page(path) else MAX_ARTICLE_BYTES
        try:   # not blocking on a FIFO put where the file was since the folder was listed
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb") as fh:
                st = os.fstat(fh.fileno())
                if not stat.S_ISREG(st.st_mode):
                    raise Unreadable("not a regular file")
                size = st.st_size
                data = fh.read(limit + 1)
        except OSError as exc:
            raise Unreadable(f"cannot read: {exc.strerror or exc}") from exc
        if len(data) > limit:
            raise Unreadable(f"too large to be {'a page' if _is_page(path) else 'an article'} "
                             f"({size / (1 << 20):.1f} MiB; the limit is {limit >> 20} MiB)")
        return data

    def source(self, doc_id: str, data: bytes) -> Source:
        """The article in a file's bytes: decoded, and for a web page extracted. Raises
        `Unreadable` with the reason. Callers that only need to know whether the cache holds the
        article hash the bytes first and never pay for this."""
        path = self.files[doc_id]
        record = self.records.get(doc_id)
        page = _is_page(path) or (record is not None and record.page is not None)
        if record is not None:
            decoded = Decoded(record.page or record.source_text(), "utf-8")
        else:
            decoded = decode(data, declared=html.charset(data) if page else None)
        text, meta = decoded.text, record.meta if record is not None else Meta()
        captions: frozenset[str] = frozenset()
        if page:
            try:  # an escape sequence's payload must not survive the markup parser as text
                found = html.extract(without_controls(decoded.text))
            except html.NoArticle as exc:
                raise Unreadable(str(exc)) from None
            text, captions, meta = found.text, found.captions, found.meta.merged(meta)
        return Source(
            id=doc_id,
            path=str(path),
            story=story_of(doc_id),
            sha256=hashlib.sha256(data).hexdigest(),
            text=text,
            encoding=decoded.encoding,
            warnings=(decoded.warning,) if decoded.warning else (),
            meta=Meta(**{f: plain_line(getattr(meta, f)) for f in Meta.FIELDS}),  # untrusted, like the text
            captions=captions,
        )

    def read_all(self) -> Iterator[Source | Skipped]:
        for doc_id in self.files:
            try:
                yield self.read(doc_id)
            except Unreadable as exc:
                yield Skipped(str(self.files[doc_id]), str(exc))


def open_corpus(root: str | os.PathLike[str]) -> Corpus:
    """List a corpus folder's articles and read its manifest (if any)."""
    root = corpus_root(root)
    files: dict[str, Path] = {}
    too_deep: list[str] = []
    unread: list[Skipped] = []
    found_records: dict[str, Record] = {}
    def unreadable(exc: OSError) -> None:   # a folder os.walk cannot list: named, not lost
        unread.append(Skipped(str(exc.filename or root), f"cannot read the folder: {exc.strerror or exc}"))

    try:
        for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            if dirnames and len(Path(dirpath).relative_to(root).parts) >= MAX_DEPTH:
                too_deep.append(Path(dirpath, dirnames[0]).relative_to(root).as_posix())
                dirnames[:] = []  # os.walk recurses: an unbounded tree would overflow the stack
            for name in sorted(filenames):
                path = Path(dirpath, name)
                if name.startswith(".") or (dirpath == str(root) and name in _CORPUS_FILES):
                    continue
                why = _not_an_article(name) or _not_a_file(path)
                if why:
                    unread.append(Skipped(str(path), why))
                    continue
                if name.lower().endswith(records.SUFFIXES):
                    _add_records(root, path, files, found_records, unread)
                    continue
                rel = shown(path.relative_to(root).with_suffix("").as_posix())   # a name is untrusted too
                if not rel:
                    unread.append(Skipped(str(path), "a name with no visible characters"))
                    continue
                if rel in files:
                    unread.append(Skipped(str(path), f"same document id as {files[rel].name}"))
                    continue
                files[rel] = path
    except OSError as exc:
        raise CorpusError(f"cannot list {shown(root)}: {shown(exc)}") from exc
    corpus = Corpus(root, files, unread=unread, records=found_records)
    if too_deep:
        first = too_deep[0] if len(too_deep[0]) <= 60 else f"{too_deep[0][:28]}…{too_deep[0][-28:]}"
        corpus.warnings.append(f"folders more than {MAX_DEPTH} levels deep were not read ({first}"
                               f"{f' and {len(too_deep) - 1} more' if len(too_deep) > 1 else ''})")
    _read_manifest(corpus)
    return corpus


# Parallax's own files beside the articles: the manifest, the user's corrections (written by
# hand or by the app, which keeps the file it rewrote as .bak), never articles themselves.
_CORPUS_FILES = {MANIFEST, "aliases.yaml", "corrections.yaml", "aliases.yaml.bak", "corrections.yaml.bak"}


def _add_records(root: Path, path: Path, files: dict[str, Path], found: dict[str, Record],
                 unread: list[Skipped]) -> None:
    """The records of an export file as articles: in a story folder named by the record's
    story, else by the file; a record that cannot be read, or the whole file, is named."""
    try:
        contents = records.read(path)
    except (records.LayoutError, OSError) as exc:
        unread.append(Skipped(str(path), str(exc) if isinstance(exc, records.LayoutError) else f"cannot read: {exc}"))
        return
    folder = path.parent.relative_to(root).as_posix()
    stem = path.name.split(".")[0]
    for problem in contents.problems:
        unread.append(Skipped(str(path), problem))
    if not contents.records and not contents.problems:
        unread.append(Skipped(str(path), "no records in the file"))
    for record in contents.records:
        story = record.story or stem
        doc_id = shown("/".join(p for p in (folder if folder != "." else "", story, record.key if not record.story
                                            else f"{stem}-{record.key}") if p))
        if doc_id in files:
            unread.append(Skipped(str(path), f"record {record.key}: same document id as {files[doc_id].name}"))
            continue
        files[doc_id], found[doc_id] = path, record


def _not_a_file(path: Path) -> str | None:
    """Why `path` is not read: a FIFO would block every read, and a device (a symlink to
    /dev/zero) never ends; only regular files are articles. None for a regular file."""
    try:
        mode = path.stat().st_mode   # through a symlink: what it points to
    except OSError as exc:
        if len(str(path)) >= 4096 or getattr(exc, "errno", None) == 36:   # ENAMETOOLONG
            return "the path is too long to open"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    return f"not a regular file: {kind}{' (through a symlink)' if path.is_symlink() else ''}"


def _is_page(path: Path) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES


def _not_an_article(name: str) -> str | None:
    """Why a file of a corpus folder is not read as an article, or None when it is one."""
    if _NOT_ARTICLES.fullmatch(name):
        return "not an article (a README, licence or notes file)"
    suffix = Path(name).suffix.lower()
    if not name.lower().endswith(ARTICLE_SUFFIXES):
        return f"unknown file type: {suffix}" if suffix else "unknown file type: no extension"
    return None


def _read_manifest(corpus: Corpus) -> None:
    path = corpus.root / MANIFEST
    if not path.is_file():
        return
    where = f"{MANIFEST}"
    try:
        data = safe_yaml.load_file(path, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        corpus.warnings.append(f"{where} ignored: {_first_line(exc)}")
        return
    articles = (data or {}).get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, dict):
        corpus.warnings.append(f"{where} ignored: it needs an 'articles:' mapping of document ids to metadata")
        return
    for doc_id, fields in articles.items():
        doc_id = shown(doc_id)
        if doc_id not in corpus.files:
            corpus.warnings.append(f"{where}: no article '{doc_id}' in the corpus")
            continue
        if not isinstance(fields, dict):
            corpus.warnings.append(f"{where}: '{doc_id}' should map to outlet/headline/byline/date")
            continue
        unknown = sorted(set(map(shown, fields)) - set(_META_FIELDS))
        if unknown:
            corpus.warnings.append(f"{where}: '{doc_id}' has unknown field(s) {', '.join(unknown)}")
        values = {k: None if fields.get(k) is None else plain_line(str(fields[k])) for k in _META_FIELDS}
        if values["date"] is not None:
            values["date"] = moment(fields["date"]) or moment(values["date"])
            if values["date"] is None:
                corpus.warnings.append(f"{where}: '{doc_id}' has a date that is not one ({plain_line(str(fields['date']))}); "
                                       "write it as 2024-07-11 or 2024-07-11T09:30")
        corpus.manifest[doc_id] = Meta(**values)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
