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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import safe_yaml
from ..model import Meta, NotFound, Source, story_of
from .decode import Unreadable, decode

ARTICLE_SUFFIXES = (".txt", ".md")
# A news article is 3 to 30 KB of text and a long feature 100 KB; 8 MiB is a book of a million
# words. Anything larger is a dump, not an article, and would take minutes and gigabytes to parse.
MAX_ARTICLE_BYTES = 8 << 20
# Stories are one folder deep; a corpus with sub-sections might use three or four levels.
MAX_DEPTH = 16
MANIFEST = "corpus.yaml"
_META_FIELDS = ("outlet", "headline", "byline", "date")
# Files that travel with a corpus but are never articles.
_NOT_ARTICLES = re.compile(r"(?:readme|license|licence|copying|changelog|notice|authors)(?:[-_.].*)?", re.IGNORECASE)



class CorpusError(Exception):
    """The corpus folder cannot be used at all (missing, not a folder, unreadable)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(slots=True)
class Corpus:
    """A corpus folder: where its articles are and what its manifest says of them."""

    root: Path
    files: dict[str, Path]                      # doc id -> file
    manifest: dict[str, Meta] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.root.name

    def subset(self, doc_ids: Iterable[str], *, warnings: bool = True) -> Corpus:
        """The same corpus restricted to `doc_ids` (in corpus order)."""
        wanted = set(doc_ids)
        return Corpus(self.root, {d: p for d, p in self.files.items() if d in wanted}, self.manifest,
                      list(self.warnings) if warnings else [])

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
            raise NotFound(f"no article '{wanted}' in {self.root} (see 'parallax info')")
        raise NotFound(f"'{wanted}' matches {len(matches)} articles: {', '.join(matches[:5])}"
                          f"{' ...' if len(matches) > 5 else ''}")

    def read(self, doc_id: str) -> Source:
        """Read and decode one article. Raises `Unreadable` with the reason."""
        path = self.files[doc_id]
        try:
            with open(path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                data = fh.read(MAX_ARTICLE_BYTES + 1)
        except OSError as exc:
            raise Unreadable(f"cannot read: {exc.strerror or exc}") from exc
        if len(data) > MAX_ARTICLE_BYTES:
            raise Unreadable(f"too large to be an article ({size / (1 << 20):.1f} MiB; "
                             f"the limit is {MAX_ARTICLE_BYTES >> 20} MiB)")
        decoded = decode(data)
        return Source(
            id=doc_id,
            path=str(path),
            story=story_of(doc_id),
            sha256=hashlib.sha256(data).hexdigest(),
            text=decoded.text,
            encoding=decoded.encoding,
            warnings=(decoded.warning,) if decoded.warning else (),
        )

    def read_all(self) -> Iterator[Source | Skipped]:
        for doc_id in self.files:
            try:
                yield self.read(doc_id)
            except Unreadable as exc:
                yield Skipped(str(self.files[doc_id]), str(exc))


def open_corpus(root: str | os.PathLike[str]) -> Corpus:
    """List a corpus folder's articles and read its manifest (if any)."""
    root = Path(root).expanduser()
    if not root.exists():
        raise CorpusError(f"no such folder: {root}")
    if not root.is_dir():
        raise CorpusError(f"not a folder: {root}")
    root = root.resolve()
    files: dict[str, Path] = {}
    too_deep: list[str] = []
    try:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            if dirnames and len(Path(dirpath).relative_to(root).parts) >= MAX_DEPTH:
                too_deep.append(Path(dirpath, dirnames[0]).relative_to(root).as_posix())
                dirnames[:] = []  # os.walk recurses: an unbounded tree would overflow the stack
            for name in sorted(filenames):
                if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES) or _NOT_ARTICLES.fullmatch(name):
                    continue
                path = Path(dirpath, name)
                rel = path.relative_to(root).with_suffix("").as_posix()
                files.setdefault(rel, path)
    except OSError as exc:
        raise CorpusError(f"cannot list {root}: {exc}") from exc
    corpus = Corpus(root, files)
    if too_deep:
        first = too_deep[0] if len(too_deep[0]) <= 60 else f"{too_deep[0][:28]}…{too_deep[0][-28:]}"
        corpus.warnings.append(f"folders more than {MAX_DEPTH} levels deep were not read ({first}"
                               f"{f' and {len(too_deep) - 1} more' if len(too_deep) > 1 else ''})")
    _read_manifest(corpus)
    return corpus


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
        doc_id = str(doc_id)
        if doc_id not in corpus.files:
            corpus.warnings.append(f"{where}: no article '{doc_id}' in the corpus")
            continue
        if not isinstance(fields, dict):
            corpus.warnings.append(f"{where}: '{doc_id}' should map to outlet/headline/byline/date")
            continue
        unknown = sorted(set(map(str, fields)) - set(_META_FIELDS))
        if unknown:
            corpus.warnings.append(f"{where}: '{doc_id}' has unknown field(s) {', '.join(unknown)}")
        values = {k: None if fields.get(k) is None else str(fields[k]).strip() or None for k in _META_FIELDS}
        corpus.manifest[doc_id] = Meta(**values)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
