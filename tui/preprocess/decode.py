"""Turning an article file's bytes into text, or saying why not."""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in text files, whatever the 8-bit encoding (ESC is allowed: cleaning
# strips terminal escape sequences, and a file carrying them is text with junk in it).
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_SNIFF = 8192


class Unreadable(Exception):
    """The file is not an article: empty, binary or undecodable. The message says which."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def decode(data: bytes) -> Decoded:
    """Decode an article file: UTF-8 (with or without BOM), UTF-16/32 with BOM, else detect.

    Raises `Unreadable` for empty and binary files. A file that is not UTF-8 decodes with a
    warning naming the encoding that was guessed.
    """
    if not data.strip():
        raise Unreadable("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise Unreadable(f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}")
    head = data[:_SNIFF]
    if b"\x00" in head or len(head) - len(head.translate(None, _BINARY_BYTES)) > len(head) // 20:
        raise Unreadable("binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _detect(data)
    text = data.decode(encoding, errors="replace")
    if not text.strip():
        raise Unreadable("empty file")
    return Decoded(text, encoding, f"not UTF-8; decoded as {encoding}")


_FOREIGN_RUN = re.compile(r"[^\x00-\x7f\W\d_]{3,}")
_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")


def _western(data: bytes) -> str | None:
    """cp1252 (or latin-1) when the file reads as Western European text in it.

    Western languages put an accented letter here and there among ASCII ones ("café", "Größe");
    bytes of another encoding read as cp1252 give runs of them ("Ïðèâåò"), so most words with a
    non-ASCII letter holding a run of three or more means the guess is wrong.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    words = _NON_ASCII_WORD.findall(text)
    if words and sum(bool(_FOREIGN_RUN.search(w)) for w in words) > len(words) // 3:
        return None
    return "cp1252" if any(0x80 <= b <= 0x9F for b in data) else "iso8859-1"


def _detect(data: bytes) -> str:
    western = _western(data)
    if western:
        return western
    from charset_normalizer import from_bytes  # only non-Western files pay for the import

    best = from_bytes(data).best()
    if best is not None:
        return codecs.lookup(best.encoding).name
    return "iso8859-1"


def line_numbers(path: str | Path) -> Callable[[int], int] | None:
    """A function from an offset into the decoded file at `path` to its 1-based line number, or
    None when the file cannot be read any more."""
    try:
        raw = decode(Path(path).read_bytes()).text
    except (OSError, Unreadable):
        return None
    starts = [0] + [i + 1 for i, c in enumerate(raw) if c == "\n"]
    return lambda offset: bisect.bisect_right(starts, offset)
