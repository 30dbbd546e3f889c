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


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode an article file: UTF-8 (with or without BOM), UTF-16/32 with BOM, the encoding the
    file `declared` (a web page's charset), else detect; then repair mojibake.

    Raises `Unreadable` for empty and binary files. A file that is not UTF-8 decodes with a
    warning naming the encoding used; a mostly UTF-8 file with a few bad bytes is UTF-8, its bad
    bytes replaced and counted in the warning; repaired mojibake is counted too.
    """
    if not data.strip():
        raise Unreadable("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _repaired(Decoded(data.decode(encoding), encoding.replace("-sig", "")))
            except UnicodeDecodeError as exc:
                raise Unreadable(f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}")
    head = data[:_SNIFF]
    wide = _utf16_without_bom(data)
    if wide is not None:
        return _repaired(wide)
    if b"\x00" in head or len(head) - len(head.translate(None, _BINARY_BYTES)) > len(head) // 20:
        raise Unreadable("binary file, not text")
    try:
        return _repaired(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly:
        return _repaired(mostly)
    if declared and _known(declared) not in (None, "utf-8"):
        text = data.decode(_known(declared), errors="replace")
        return _repaired(Decoded(text, _known(declared), f"decoded as {_known(declared)}, as the file declares"))
    encoding = _detect(data)
    text = data.decode(encoding, errors="replace")
    if not text.strip():
        raise Unreadable("empty file")
    return _repaired(Decoded(text, encoding, f"not UTF-8; decoded as {encoding}"))


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text with no byte-order mark, which would pass for binary: in text of Latin
    letters, every other byte is NUL, at odd offsets (little-endian) or even ones (big-endian).
    Taken for UTF-16 when two in five bytes of one parity are NUL and almost none of the other,
    and the text decodes with no binary control character."""
    head = data[: _SNIFF - _SNIFF % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= 0.4 * half and even <= 0.05 * half:
        encoding = "utf-16-le"
    elif even >= 0.4 * half and odd <= 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    if any(c in text[:_SNIFF] for c in map(chr, _BINARY_BYTES)):
        return None
    return Decoded(text, encoding, f"UTF-16 without a byte-order mark; decoded as {encoding}")


def _known(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


# A file is UTF-8 with a few bad bytes when its valid multi-byte characters outnumber its
# invalid bytes. In text of an 8-bit encoding read as UTF-8 nearly every accented letter is an
# invalid byte, and a valid sequence happens only by chance (in cp1252, a capital accented letter
# followed by a symbol or a curly quote: "É»"), so such text has far more bad than good; a UTF-8
# file with a stray byte (a page cut or spliced badly, one character typed in another encoding)
# has more good than bad even when it holds only a few curly quotes and dashes. (A ratio of ten
# to one, tried first, sent a UTF-8 article with three curly quotes and one bad byte to cp1252.)
_GOOD_PER_BAD = 1
_INVALID = re.compile(r"\ufffd")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _mostly_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    bad_chars = len(_INVALID.findall(text)) - data.count("\ufffd".encode())
    good = len(_NON_ASCII.findall(text)) - len(_INVALID.findall(text))
    if bad_chars <= 0 or good <= _GOOD_PER_BAD * bad_chars:
        return None
    first = text.index("\ufffd")
    line = text.count("\n", 0, first) + 1
    return Decoded(text, "utf-8", f"UTF-8 with {bad_chars} invalid byte sequence{'s' * (bad_chars > 1)} "
                                  f"(the first on line {line}), replaced with \ufffd")


# What ftfy may change: mis-decoded text (mojibake) and C1 control characters standing for
# cp1252 punctuation, before cleaning strips control characters and with them the bytes a
# repair needs. Nothing else: quotes, widths, ligatures, line breaks and HTML entities stay.
_FTFY = None


def _repaired(decoded: Decoded) -> Decoded:
    text = decoded.text
    if text.isascii():
        return decoded
    global _FTFY
    import ftfy  # only text with non-ASCII characters pays for the import

    if _FTFY is None:
        _FTFY = ftfy.TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
                                     fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
                                     remove_control_chars=False, normalization=None, explain=False)
    fixed = ftfy.fix_text(text, _FTFY)
    if fixed == text:
        return decoded
    lines = sum(a != b for a, b in zip(text.splitlines(), fixed.splitlines()))
    note = f"mojibake repaired on {lines} line{'s' * (lines != 1)}"
    return Decoded(fixed, decoded.encoding, f"{decoded.warning}; {note}" if decoded.warning else note)


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
