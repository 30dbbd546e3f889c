"""The parse cache: one YAML file per article, so the app opens instantly the second time.

A cache file starts with a `checksum:` line (SHA-256 of everything after it), so a truncated or
hand-edited file is caught before YAML even sees it; the rest is one YAML mapping that
`yaml.safe_load` reads whole. An entry is used only when its source hash and its pipeline
fingerprint (parser, spaCy and model versions) match; anything else is re-parsed.

Every YAML node costs load time, and a corpus of a few hundred articles holds a few hundred
thousand tokens and tens of thousands of sentences and mentions. So token attributes are stored as
space-separated columns, and blocks, sentences, entities and offset anchors as one readable line
each ("0-45 46-120", "12-25:PERSON", "0:0 45:47"): a few dozen nodes per article, not thousands.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .. import safe_yaml
from ..model import Article, Block, EntitySpan, Lines, Meta, OffsetMap, Removal, Span, Tokens, story_of
from ..safe_yaml import SafeDumper as _BaseDumper
from .sentences import repaired

T = TypeVar("T")

FORMAT = 3
ENV_VAR = "PARALLAX_CACHE_DIR"
_CHECKSUM = b"checksum: "


class _Literal(str):
    """A string written as a YAML literal block, so cached text reads like the article."""


class Row(list):
    """A short list written on one line ("[12, 40, removed, text]"), so the file stays compact."""


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the reader refuses aliases, so none are ever written


def _literal(dumper: Any, value: _Literal) -> Any:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


_Dumper.add_representer(_Literal, _literal)
_Dumper.add_representer(Row, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(Meta, lambda d, v: d.represent_mapping(
    "tag:yaml.org,2002:map", {k: getattr(v, k) for k in Meta.FIELDS}, flow_style=False))


class CacheInvalid(Exception):
    """A cache file that cannot be used; the message says why."""


def default_base() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("parallax", appauthor=False))


def cache_dir_for(corpus_root: Path, base: str | os.PathLike[str] | None = None) -> Path:
    """Where a corpus's cache lives: `base` (else $PARALLAX_CACHE_DIR, else the user cache
    directory), then a folder named after the corpus and a hash of its absolute path."""
    base_path = Path(base or os.environ.get(ENV_VAR) or default_base()).expanduser()
    resolved = str(Path(corpus_root).resolve())
    slug = re.sub(r"[^\w.-]+", "-", Path(resolved).name or "corpus").strip("-") or "corpus"
    return base_path / "corpora" / f"{slug}-{hashlib.sha256(resolved.encode()).hexdigest()[:12]}"


@dataclass(slots=True)
class Cache:
    """The cache folder of one corpus."""

    root: Path
    fingerprint: str

    def path_for(self, doc_id: str) -> Path:
        """The entry's file: the document id's own path, or, where that is longer than a file
        system takes (a name over NAME_MAX, a path over PATH_MAX), a name made of its hash
        (the entry holds its id, so a hash collision is caught like any foreign entry)."""
        return _fitting(self.root, f"{doc_id}.yaml", "")

    def load(self, doc_id: str, sha256: str) -> Article:
        """The cached article for `doc_id` if it was built from this exact source by this exact
        pipeline. Raises `FileNotFoundError` when there is none, `CacheInvalid` when it is unusable."""
        data = _read(self.path_for(doc_id))
        article = decode_entry(data, doc_id, self.fingerprint)
        if article.sha256 != sha256:
            raise CacheInvalid("the article changed since it was parsed")
        return article

    def store(self, article: Article) -> Path:
        """Write an article's entry atomically: a reader sees the old file or the new, never half."""
        path = self.path_for(article.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, encode_entry(article, self.fingerprint))
        return path

    def sweep(self) -> int:
        """Remove temporary files left by a run that was killed mid-write. Returns how many."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for tmp in self.root.rglob(".*.tmp"):
            m = re.fullmatch(r"\..*\.(\d+)\.tmp", tmp.name)
            if m and _alive(int(m.group(1))):
                continue
            try:
                tmp.unlink()
                removed += 1
            except OSError:
                pass
        return removed

    def entries(self) -> list[Path]:
        return sorted(self.root.rglob("*.yaml")) if self.root.is_dir() else []

    # What analysis works out per story (resolved entities, alignments): one file per story and
    # kind under `.KIND/` (no document id starts with a dot). The body is plain data; the analysis
    # module that owns a kind converts its results to and from it.

    def _story_path(self, kind: str, story: str, as_json: bool = False) -> Path:
        slug = re.sub(r"[^\w.-]+", "_", story) or "_top"
        return _fitting(self.root, f"{slug}.{'json' if as_json else 'yaml'}", f".{kind}")

    def load_story(self, kind: str, story: str, key: str, *, as_json: bool = False) -> dict[str, Any]:
        """The `kind` body stored for `story` if it was built with `key` (a hash of its inputs and
        the version of what built it). Raises `FileNotFoundError` or `CacheInvalid`. `as_json`
        for a body of many small values that only the program reads (a corpus's counts): JSON
        loads many times faster than YAML."""
        body = _checked_body(_read(self._story_path(kind, story, as_json)), as_json)
        if body.get("key") != key or body.get("story") != story:
            raise CacheInvalid("built from other articles or by another version")
        return body

    def store_story(self, kind: str, story: str, key: str, body: dict[str, Any], *, as_json: bool = False) -> None:
        """Store `body` (plain data: strings, numbers, lists, mappings, `Row`s) for `story`."""
        path = self._story_path(kind, story, as_json)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, _framed({"key": key, "story": story, **body}, as_json))


@contextmanager
def reading(what: str) -> Iterator[None]:
    """Turn the errors of decoding a malformed body into `CacheInvalid("malformed WHAT (...)")`."""
    try:
        yield
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise CacheInvalid(f"malformed {what} ({type(exc).__name__})") from None


def cached(load: Callable[[], T], compute: Callable[[], T], store: Callable[[T], None]) -> T:
    """What `load` reads from the cache; where the cache lacks it or holds a stale or broken copy,
    what `compute` makes, stored for next time (a read-only cache is left as it is)."""
    try:
        return load()
    except (FileNotFoundError, CacheInvalid, OSError):
        pass
    value = compute()
    try:
        store(value)
    except OSError:
        pass  # a read-only cache: worked out again next time
    return value


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


NAME_MAX = 255     # bytes in one file name, on every common Linux and macOS file system
PATH_MAX = 1024    # bytes in a whole path: macOS's limit per call, a quarter of Linux's


def _fitting(root: Path, rel: str, folder: str) -> Path:
    """`root/folder/rel`, or `root/.long/HASH.yaml` when that path could not be created."""
    path = root / folder / rel if folder else root / rel
    # room for the temporary file an atomic write goes through (".NAME.PID.tmp")
    too_long = any(len(part.encode()) > NAME_MAX - 16 for part in Path(rel).parts) or \
        len(str(path).encode()) > PATH_MAX - 32
    if not too_long:
        return path
    return root / ".long" / f"{folder.strip('.') + '-' if folder else ''}{hashlib.sha256(rel.encode()).hexdigest()[:40]}.yaml"


def _read(path: Path) -> bytes:
    """A cache file's bytes, read no further than the largest a cache file can be."""
    with open(path, "rb") as fh:
        data = fh.read(safe_yaml.CACHE_BYTES + 1)
    if len(data) > safe_yaml.CACHE_BYTES:
        raise CacheInvalid(f"larger than any cache entry can be ({safe_yaml.CACHE_BYTES >> 20} MiB)")
    return data


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


# --- encoding --------------------------------------------------------------------------------


def _join(values: tuple[Any, ...]) -> str:
    return " ".join(map(str, values))


def encode_entry(article: Article, fingerprint: str) -> bytes:
    t = article.tokens
    body = {
        "format": FORMAT,
        "fingerprint": fingerprint,
        "id": article.id,
        "source": article.path,
        "sha256": article.sha256,
        "encoding": article.encoding,
        "meta": article.meta,
        "text": _Literal(article.text) if "\n" in article.text else article.text,
        "blocks": " ".join(f"{b.start}-{b.end}:{b.kind}" for b in article.blocks),
        "removals": [Row((r.raw_start, r.raw_end, r.reason, r.text)) for r in article.removals],
        "offsets": " ".join(f"{c}:{r}" for c, r in article.offsets.anchors),
        "sentences": " ".join(f"{x.start}-{x.end}" for x in article.sentences),
        "entities": " ".join(f"{e.start}-{e.end}:{e.label}" for e in article.entities),
        "tokens": {"idx": _join(t.idx), "len": _join(t.length), "pos": _join(t.pos), "tag": _join(t.tag),
                   "dep": _join(t.dep), "head": _join(t.head), "lemma": _join(t.lemma)},
        "lines": " ".join(f"{k}:{n}" for k, n in article.lines.keys),
        "recurring": " ".join(sorted(article.lines.recurring)),
        "fixed": " ".join(sorted(article.lines.fixed)),
    }
    return _framed(body)


def _framed(body: dict[str, Any], as_json: bool = False) -> bytes:
    """A cache file's bytes: the checksum line, then `body` as YAML (or JSON)."""
    if as_json:
        payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    else:
        payload = yaml.dump(body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=2**30,
                            default_flow_style=False).encode("utf-8")
    return _CHECKSUM + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _checked_body(data: bytes, as_json: bool = False) -> dict[str, Any]:
    """The YAML (or JSON) mapping of a cache file whose checksum holds. Raises `CacheInvalid`
    saying what is wrong."""
    head, sep, payload = data.partition(b"\n")
    if not head.startswith(_CHECKSUM) or not sep:
        raise CacheInvalid("not a Parallax cache file")
    if head[len(_CHECKSUM):].strip().decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
        raise CacheInvalid("checksum mismatch: the file is truncated or was edited")
    if as_json:
        try:
            body = json.loads(payload)
        except (ValueError, RecursionError) as exc:
            raise CacheInvalid(f"unreadable JSON ({type(exc).__name__})") from None
        if not isinstance(body, dict):
            raise CacheInvalid("not a Parallax cache file")
        return body
    try:
        body = safe_yaml.load(payload.decode("utf-8"), max_bytes=safe_yaml.CACHE_BYTES)
    except safe_yaml.Refused as exc:
        raise CacheInvalid(f"refused YAML: {exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CacheInvalid(f"unreadable YAML ({type(exc).__name__})") from None
    if not isinstance(body, dict):
        raise CacheInvalid("not a Parallax cache file")
    return body


def decode_entry(data: bytes, doc_id: str, fingerprint: str | None = None) -> Article:
    """Check and decode a cache file's bytes. Raises `CacheInvalid` saying what is wrong."""
    from .parse import fingerprint as current

    body = _checked_body(data)
    if body.get("format") != FORMAT or body.get("fingerprint") != (fingerprint or current()):
        raise CacheInvalid(f"built by another version ({body.get('fingerprint')})")
    if body.get("id") != doc_id:
        raise CacheInvalid(f"belongs to another article ({body.get('id')!r})")
    try:
        return _article(body)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CacheInvalid(f"malformed entry ({type(exc).__name__}: {exc})") from None


_SPAN = re.compile(r"(\d+)-(\d+)(?::(\S+))?")
_ANCHOR = re.compile(r"(\d+):(\d+)")
_LINE_KEY = re.compile(r"([0-9a-f]{16}):(\d+)")


def _spans(line: str, labelled: bool) -> list[tuple[int, int, str]]:
    """Parse "0-45 46-120" or "12-25:PERSON 30-41:GPE"; anything else is malformed."""
    if not isinstance(line, str):
        raise TypeError("span list is not a string")
    out = []
    for item in line.split():
        m = _SPAN.fullmatch(item)
        if not m or bool(m[3]) != labelled:
            raise ValueError(f"unreadable span {item!r}")
        out.append((int(m[1]), int(m[2]), m[3]))
    return out


def _ints(column: str) -> tuple[int, ...]:
    return tuple(map(int, column.split())) if column else ()


def _strs(column: str, n: int) -> tuple[str, ...]:
    values = tuple(column.split(" ")) if n else ()
    if len(values) != n:
        raise ValueError(f"token column has {len(values)} values for {n} tokens")
    return values


def _acyclic(head: tuple[int, ...]) -> bool:
    """Whether every token's chain of heads ends at a root (a token that is its own head), as a
    parse's must; a cycle would send any walk up the tree round for ever. Pointer doubling: after
    k rounds each token points 2**k steps up, so a tree of depth d settles in log2(d) rounds."""
    up = list(head)
    for _ in range(len(head).bit_length() + 1):
        nxt = [up[j] for j in up]
        if nxt == up:
            break
        up = nxt
    return all(head[r] == r for r in set(up))


def _article(b: dict[str, Any]) -> Article:
    text = b["text"]
    if not isinstance(text, str):
        raise TypeError("text is not a string")
    n_chars = len(text)

    def span(s: Any, e: Any) -> tuple[int, int]:
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= n_chars):
            raise ValueError(f"span {s}-{e} outside the text")
        return s, e

    tk = b["tokens"]
    idx = _ints(tk["idx"])
    n = len(idx)
    tokens = Tokens(
        idx=idx, length=_ints(tk["len"]), pos=_strs(tk["pos"], n), tag=_strs(tk["tag"], n),
        dep=_strs(tk["dep"], n), head=_ints(tk["head"]), lemma=_strs(tk["lemma"], n),
    )
    if len(tokens.length) != n or len(tokens.head) != n or (n and not 0 <= min(tokens.head) <= max(tokens.head) < n):
        raise ValueError("token columns disagree")
    if n and (idx[0] < 0 or min(tokens.length) < 0 or not all(map(operator.lt, idx, idx[1:]))):
        raise ValueError("token offsets out of order")
    if n and idx[-1] + tokens.length[-1] > n_chars:
        raise ValueError("tokens run past the text")
    if not _acyclic(tokens.head):
        raise ValueError("token heads form a cycle")
    anchors = tuple((int(c), int(r)) for c, r in _ANCHOR.findall(b["offsets"])) or ((0, 0),)
    if any(c1 < c0 or r1 < r0 for (c0, r0), (c1, r1) in itertools.pairwise(anchors)) or anchors[-1][0] > n_chars:
        raise ValueError("offset anchors out of order")
    meta = b["meta"] or {}
    if not isinstance(meta, dict) or not all(v is None or isinstance(v, (str, int, float)) for v in meta.values()):
        raise TypeError("metadata is not a mapping of plain values")
    return Article(
        id=str(b["id"]),
        path=str(b["source"]),
        story=story_of(str(b["id"])),
        sha256=str(b["sha256"]),
        encoding=str(b["encoding"]),
        meta=Meta(**{k: (None if meta.get(k) is None else str(meta[k])) for k in Meta.FIELDS}),
        text=text,
        blocks=tuple(Block(*span(s, e), k) for s, e, k in _spans(b["blocks"], True)),
        removals=tuple(Removal(int(s), int(e), str(r), str(t)) for s, e, r, t in b["removals"]),
        offsets=OffsetMap(anchors),
        sentences=repaired(text, [Span(*span(s, e)) for s, e, _ in _spans(b["sentences"], False)]),
        entities=tuple(EntitySpan(*span(s, e), lb) for s, e, lb in _spans(b["entities"], True)),
        tokens=tokens,
        lines=_lines(b["lines"], b["recurring"], b["fixed"]),
    )


def _lines(keys: Any, recurring: Any, fixed: Any) -> Lines:
    if not all(isinstance(v, str) for v in (keys, recurring, fixed)):
        raise TypeError("line keys are not a string")
    pairs = [_LINE_KEY.fullmatch(item) for item in keys.split()]
    if not all(pairs):
        raise ValueError("unreadable line key")
    known = {m[1] for m in pairs}
    taken, kept = frozenset(recurring.split()), frozenset(fixed.split())
    if not taken <= known or not kept <= known:
        raise ValueError("a recurring line the article does not hold")
    return Lines(tuple((m[1], int(m[2])) for m in pairs), taken, kept)
