"""Cleaning scraped article text, keeping a map from every cleaned character to the raw file.

Stages, each one a pass that copies slices of the previous stage's text together with their
raw positions (so the offset map is built by construction, never reconstructed):

1. terminal control sequences and characters, invisible format characters -> dropped;
   every newline convention -> "\\n";
2. (Markdown files) heading marks, link and image syntax, emphasis marks -> dropped;
3. lines: boilerplate (share widgets, newsletter sign-ups, comment prompts, teasers, ...)
   dropped, and lines the corpus shows to be furniture (`recurring`: the caller names them),
   whitespace collapsed, lines of one paragraph rejoined (a word broken across a line
   is glued back together), duplicate paragraphs dropped;
4. paragraphs classified: headline, standfirst, byline, dateline, heading, body, caption,
   credit, source.

Every removal is recorded with its raw offsets and reason so the user can see what was dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import model
from ..model import Block, Cleaned, Lines, OffsetMap, Removal
from ..untrusted import CONTROL
from . import dumps
from .metadata import SOURCE_LINE, infer_meta, parse_date

# --- stage 1: control characters -------------------------------------------------------------


# --- stage 2: Markdown syntax ----------------------------------------------------------------

_MARKDOWN = re.compile(
    r"(?m)^(?P<heading>[ \t]{0,3}#{1,6}[ \t]+)"
    r"|^(?P<quote>[ \t]{0,3}>[ \t]?)"
    r"|^(?P<rule>[ \t]*(?:[-*_][ \t]*){3,})$"
    r"|(?P<img>!)?(?P<open>\[)(?=[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<close>\]\([^)\n]*\))"
    r"|(?P<emph>\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))"
)

# --- stage 3: boilerplate lines --------------------------------------------------------------

_SHARE_WORDS = {
    "share", "shares", "shared", "send", "to", "email", "e-mail", "mail", "print", "tweet", "facebook",
    "twitter", "x", "linkedin", "whatsapp", "reddit", "pinterest", "telegram", "flipboard", "messenger",
    "copy", "link", "copied", "save", "bookmark", "this", "article", "story", "page", "on", "via", "kakaotalk",
    "line", "sms", "more", "threads", "bluesky", "mastodon", "gift",
}
_SHARE_CUE = {"share", "send", "email", "e-mail", "print", "tweet", "facebook", "twitter", "linkedin",
              "whatsapp", "reddit", "pinterest", "telegram", "flipboard", "bookmark", "copy", "save"}

_BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("newsletter", r"(?:sign(?:ing)? ?up|subscribe|register|join|get|receive)\b.{0,60}"
                       r"\b(?:e-?newsletters?|newsletters?|mailing list|inbox|alerts|briefing|digest)\b.{0,60}"),
        ("newsletter", r"(?:e-?newsletters?|newsletters?|subscribe(?: now)?|subscribe to .{1,40})"),
        ("comments", r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?"),
        ("comments", r".{0,40}\b(?:leave|post|add|write|view|show|load|read|see)\s+(?:a\s+|the\s+|all\s+|\d+\s+)?"
                     r"comments?\b.{0,40}"),
        ("comments", r".{0,60}\b(?:issues?|problems?|trouble)\s+(?:with\s+)?comment(?:ing|s)?\b.{0,20}"),
        ("comments", r"(?:comments?\s+(?:are|is|have been)\s+(?:closed|disabled).*|join the (?:conversation|discussion).*"
                     r"|be the first to comment.*)"),
        ("teaser", r"(?:related(?: stories| articles| coverage| content| news)?|read more|read also|also read|see also"
                   r"|more on this(?: story)?|recommended(?: reading)?|don'?t miss|watch|video|listen|read next|up next"
                   r"|also see|more from [\w ]{1,30})\s*[:|»›>–—-]\s*.{0,200}"),
        ("list", r"(?:top \d+ (?:stories|news|articles|headlines|videos|reads)|most (?:read|popular|viewed|shared)(?: stories)?"
                 r"|trending(?: now| stories| news)?|popular(?: now| stories)?|editor'?s'? picks?|latest (?:news|stories)"
                 r"|more stories|you (?:may|might) (?:also )?like|recommended for you|more (?:top )?stories)"),
        ("advertisement", r"(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
                          r"|continue reading(?: below| the main story)?|skip (?:ad|advert(?:isement)?)s?)"),
        ("navigation", r"(?:back to top|skip to (?:main )?content|toggle navigation|menu|search|close|log ?in|sign ?in"
                       r"|click here\b.{0,80}|tap here\b.{0,80}|follow us\b.{0,60}|loading\W*|please wait\W*)"),
        ("legal", r"(?:copyright|©|\(c\))\s.{0,120}|.{0,80}\ball rights reserved\b.{0,40}"),
    )
)
_LINE_PUNCT = " \t:|»›>–—-•·"
_WORD = re.compile(r"\S+")
_TERMINAL = ".!?:;\"”’)»…"
_LOWER_START = re.compile(r"[a-z\u00df-\u00f6\u00f8-\u00ff]")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    runs: list[tuple[int, int]]
    text: str
    blank: bool
    removed: str | None = None

    @property
    def words(self) -> int:
        return len(self.runs)


# --- stage 4: paragraph kinds ----------------------------------------------------------------

_AGENCY = (r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|Yonhap|Xinhua|Kyodo|Bloomberg|Shutterstock|ANP|dpa|UPI"
           r"|Sputnik|TASS|KCNA|Anadolu|Newsis|News1|Imago|Alamy|Pool|File)")
_CREDIT = re.compile(
    r"(?i:photo|image|picture|video|credit|photograph|illustration|graphic)s?\s*(?i:by\b|:|courtesy).{0,80}"
    r"|.{0,80}\bvia\s+" + _AGENCY + r".{0,30}"
    r"|(?:[A-Z][\w.'’-]*\s?){1,4}/\s?(?:[A-Z][\w.&'’-]*\s?){1,5}"
    r"|(?:" + _AGENCY + r"(?:\s+Photo)?[/ -]?)+"
    r"|\(?(?:AP|AFP) Photo.{0,60}",
)
_CREDIT_TAIL = r"(?:[\w&]*[/-])?" + _AGENCY + r"|[A-Z][\w&]*(?: [A-Z][\w&]*)*\s?/\s?[A-Z][\w&]*(?: [A-Z][\w&]*)*|.{0,40}\b(?:Photo|Images)\b.{0,40}"
_INLINE_CREDIT = re.compile(
    r"(?:[.!?\"”’]\s*\((?:" + _CREDIT_TAIL + r")\)"                       # ... Wednesday. (Yonhap)
    r"|(?<![A-Z])(?<!Mr|Ms|Dr|St|Jr|Sr|Lt)(?<!Mrs|Gen|Sen|Rep|Gov|Col|Sgt)\.\s+"
    r"(?:" + _CREDIT_TAIL + r"))$"                                            # ... 2023. Reuters-Yonhap
)
# "(left)", "(L-R)", "(From left, front row)", "(second from right)": where people stand in a photo.
_POSITION_CUE = re.compile(
    r"\((?:from |second from |third from |far )?(?:left|right|cent(?:er|re)|L|R|C)(?:\s*(?:to|-)\s*(?:right|R))?(?:,[^)]{0,40})?\)",
    re.IGNORECASE,
)


RECURRING = "recurs in other articles of the outlet"


def clean_source(src: model.Source, recurring: frozenset[str] = frozenset()) -> Cleaned:
    """`clean` of an article as read (`corpus.source`): its text, file stem, kind and captions."""
    return clean(src.text, Path(src.path).stem, markdown=src.path.lower().endswith(".md"), recurring=recurring,
                 captions=src.captions)


def clean(raw: str, stem: str = "", markdown: bool = False, recurring: frozenset[str] = frozenset(),
          captions: frozenset[str] = frozenset()) -> Cleaned:
    """Clean one article's decoded text. `stem` is its file name without extension;
    `recurring` holds the keys (`Cleaned.lines`) of lines other articles of the outlet repeat,
    and `captions` the paragraphs the source marks as captions (a web page's figure captions)."""
    removals: list[Removal] = []
    text, pos = _strip_controls(raw, removals)
    if markdown:
        text, pos = _strip_markdown(text, pos, removals)
    lines = _lines(text)
    _mark_boilerplate(lines)
    _mark_outside_article(lines, text)
    marked = {" ".join(c.split()) for c in captions}
    keyed = _keyed(lines, marked)
    for line, key, removable in keyed:
        if removable and key in recurring:
            line.removed = RECURRING
    paragraphs = _paragraphs(lines, text)
    text, pos, spans = _emit(text, pos, lines, paragraphs, removals)
    blocks = _classify(text, spans, [p.credit_after for p in paragraphs if not p.duplicate], marked)
    removals.sort(key=lambda r: (r.raw_start, r.raw_end))
    keys = tuple((key, line.words) for line, key, _ in keyed)
    fixed = frozenset(key for _, key, removable in keyed if not removable)
    return Cleaned(text, tuple(blocks), tuple(removals), _anchors(pos), infer_meta(text, blocks, stem),
                   Lines(keys, (recurring & {k for k, _ in keys}) - fixed, fixed))


# --- builders --------------------------------------------------------------------------------


class _Builder:
    """Copies slices of `src` (whose characters sit at raw positions `pos`) into a new text."""

    def __init__(self, src: str, pos: np.ndarray) -> None:
        self.src, self.pos = src, pos
        self.parts: list[str] = []
        self.maps: list[np.ndarray] = []

    def copy(self, a: int, b: int) -> None:
        if b > a:
            self.parts.append(self.src[a:b])
            self.maps.append(self.pos[a:b])

    def insert(self, s: str, at: int) -> None:
        """Insert text cleaning made up; it maps to the raw position of `src[at]`."""
        raw_at = self.pos[min(at, len(self.pos) - 1)] if len(self.pos) else 0
        self.parts.append(s)
        self.maps.append(np.full(len(s), raw_at, dtype=np.int64))

    def removal(self, a: int, b: int, reason: str, text: str | None = None) -> Removal:
        return Removal(int(self.pos[a]), int(self.pos[b - 1]) + 1, reason, self.src[a:b] if text is None else text)

    def result(self) -> tuple[str, np.ndarray]:
        if not self.parts:
            return "", np.zeros(0, dtype=np.int64)
        return "".join(self.parts), np.concatenate(self.maps)


def _anchors(pos: np.ndarray) -> OffsetMap:
    if len(pos) == 0:
        return OffsetMap()
    breaks = np.flatnonzero(np.diff(pos) != 1) + 1
    starts = np.concatenate(([0], breaks))
    return OffsetMap(tuple((int(i), int(pos[i])) for i in starts))


def _visible(s: str) -> str:
    """A control sequence spelt out, so a record of it is safe to print."""
    return s.encode("unicode_escape").decode("ascii")


def _strip_controls(raw: str, removals: list[Removal]) -> tuple[str, np.ndarray]:
    b = _Builder(raw, np.arange(len(raw), dtype=np.int64))
    last = 0
    for m in CONTROL.finditer(raw):   # the sequences `untrusted` takes out of names, out of article text
        b.copy(last, m.start())
        last = m.end()
        if m.lastgroup == "nl":
            b.insert("\n", m.start())
            continue
        reason = "invisible characters" if m.lastgroup == "inv" else "control characters"
        r = b.removal(m.start(), m.end(), reason, _visible(m.group()))
        if removals and removals[-1].reason == reason and removals[-1].raw_end == r.raw_start:
            prev = removals.pop()
            r = Removal(prev.raw_start, r.raw_end, reason, prev.text + r.text)
        removals.append(r)
    b.copy(last, len(raw))
    return b.result()


def _strip_markdown(text: str, pos: np.ndarray, removals: list[Removal]) -> tuple[str, np.ndarray]:
    b = _Builder(text, pos)
    last = 0
    for m in _MARKDOWN.finditer(text):
        if m.end() == m.start():
            continue
        b.copy(last, m.start())
        last = m.end()
        removals.append(b.removal(m.start(), m.end(), "markdown syntax"))
    b.copy(last, len(text))
    return b.result()


# --- lines -----------------------------------------------------------------------------------


def _lines(text: str) -> list[_Line]:
    out = []
    start = 0
    for part in text.split("\n"):
        end = start + len(part)
        runs = [(start + m.start(), start + m.end()) for m in _WORD.finditer(part)]
        out.append(_Line(start, end, runs, " ".join(text[a:b] for a, b in runs), not runs))
        start = end + 1
    return out


def boilerplate_reason(line: str) -> str | None:
    """Why a line (whitespace already collapsed) is page furniture rather than article text."""
    s = line.strip(_LINE_PUNCT)
    if not s:
        return "decoration" if line.strip() else None
    words = s.lower().replace("|", " ").replace("•", " ").replace("·", " ").split()
    if len(words) <= 8 and all(w.strip(":.,!") in _SHARE_WORDS for w in words) and any(
        w.strip(":.,!") in _SHARE_CUE for w in words
    ):
        return "share widget"
    if len(words) > 40:
        return None
    for reason, pattern in _BOILERPLATE:
        if pattern.fullmatch(s):
            return reason
    return None


def _is_short_label(line: _Line) -> bool:
    return 0 < line.words <= 3 and not line.text.endswith(tuple(".!?\"”")) and not any(c.isdigit() for c in line.text)


def _mark_boilerplate(lines: list[_Line]) -> None:
    for line in lines:
        if not line.blank:
            line.removed = boilerplate_reason(line.text)
    content = [ln for ln in lines if not ln.blank]
    # A short label wedged between two pieces of page furniture belongs to them ("Top 10 Stories",
    # "LETTER", "Sign up ..."); at the very top or bottom one neighbour is enough.
    for i, line in enumerate(content):
        if line.removed or not _is_short_label(line):
            continue
        before = content[i - 1].removed if i > 0 else "edge"
        after = content[i + 1].removed if i + 1 < len(content) else "edge"
        if before and after and not (before == after == "edge"):
            line.removed = "widget label"
    # A one- or two-word section label above the headline ("General", "World", "Politics").
    kept = [ln for ln in content if not ln.removed]
    if len(kept) >= 2 and kept[0].words <= 2 and _is_short_label(kept[0]) and kept[1].words >= 4:
        if not _CREDIT.fullmatch(kept[0].text):
            kept[0].removed = "section label"


def _mark_outside_article(lines: list[_Line], text: str) -> None:
    """In a full-page dump, everything but the article and the page's title is furniture
    (see `dumps`); any other text is left as it is."""
    content = [ln for ln in lines if not ln.blank]
    raw = [text[ln.start : ln.end] for ln in content]
    if not dumps.is_dump(raw):
        return
    span = dumps.article_span(raw)
    if span is None:
        return
    for i, line in enumerate(content):
        if i and not span[0] <= i <= span[1] and not line.removed:
            line.removed = "page furniture"


# A quotation of four words or more: what somebody said, which two articles may both report.
_QUOTATION = re.compile(r"[\"“„«][^\"“”„«»]{1,1000}[\"”»]")


def _quotes_somebody(text: str) -> bool:
    return any(len(m.group().split()) >= 4 for m in _QUOTATION.finditer(text))


def line_key(text: str) -> str:
    """A short key for a line's text, the same for the same words whatever their case and spacing."""
    folded = " ".join(text.strip(_LINE_PUNCT).casefold().split())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()


def _keyed(lines: list[_Line], captions: set[str]) -> list[tuple[_Line, str, bool]]:
    """The lines the article's own cleaning kept, with their keys and whether the corpus may
    still show them to be furniture. Never the first (the headline), a separator ("___"), a line
    of metadata (a byline, dateline, credit, source line or a caption the source marks: an
    outlet's articles repeat those by nature), nor one that quotes somebody (two articles of
    one outlet may report the same words). All of them count when two articles are compared."""
    kept = [ln for ln in lines if not ln.blank and not ln.removed]
    out = []
    for i, line in enumerate(kept):
        t = line.text
        fixed = (i == 0 or not any(c.isalnum() for c in t) or _is_credit(t) or _is_dateline(t) or t in captions
                 or (len(t.split()) <= 16 and bool(_BYLINE.fullmatch(t)))
                 or (len(t.split()) <= 8 and bool(SOURCE_LINE.fullmatch(t))) or _quotes_somebody(t))
        out.append((line, line_key(t), not fixed))
    return out


# --- paragraphs ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Paragraph:
    lines: list[_Line]
    joins: list[str]            # between lines[i] and lines[i+1]: "space", "glue", "unhyphen"
    credit_after: bool = False  # directly followed, on the next line, by a photo credit
    duplicate: bool = False


def _is_credit(text: str) -> bool:
    return len(text.split()) <= 14 and bool(_CREDIT.fullmatch(text.strip()))


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # its word lists load on first use, at index time only

    return zipf_frequency(word, "en")


def _join_kind(a: str, b: str, wrapped: bool) -> str | None:
    """How line `b` continues line `a` in the same paragraph, or None for a paragraph break."""
    if _is_credit(b):
        return None
    left = re.search(r"[^\W\d_]+(-?)$", a)
    right = re.match(r"[^\W\d_]+", b)
    if left and right and b[:1].islower():
        word_l, word_r = left.group()[: len(left.group()) - len(left.group(1))], right.group()
        glued = word_l + word_r
        z_glued = _zipf(glued.lower())
        if left.group(1):  # "extra-" + "ordinary" is a hyphenated word; "well-" + "known" a compound
            return "unhyphen" if z_glued >= 3.0 and z_glued >= _zipf(f"{word_l}-{word_r}".lower()) else "glue"
        z_l, z_r = _zipf(word_l.lower()), _zipf(word_r.lower())
        if z_glued >= 2.5 and (z_r < 2.0 or z_glued > max(z_l, z_r)):
            return "glue"
        return "space"
    if wrapped or _LOWER_START.match(b) or a.endswith((",", "-", "–", "—")):
        return "space"
    return None


def _paragraphs(lines: list[_Line], text: str) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    block: list[_Line] = []

    def flush() -> None:
        if not block:
            return
        kept = block[:]
        block.clear()
        inner = kept[:-1]
        wrapped = len(kept) >= 3 and sum(not ln.text.endswith(tuple(_TERMINAL)) for ln in inner) >= 0.6 * len(inner)
        cur = _Paragraph([kept[0]], [])
        for prev, line in zip(kept, kept[1:]):
            kind = _join_kind(prev.text, line.text, wrapped)
            if kind is None:
                cur.credit_after = _is_credit(line.text)
                paragraphs.append(cur)
                cur = _Paragraph([line], [])
            else:
                cur.lines.append(line)
                cur.joins.append(kind)
        paragraphs.append(cur)

    for line in lines:
        if line.blank or line.removed:
            flush()
        else:
            block.append(line)
    flush()
    seen: set[str] = set()
    for p in paragraphs:
        key = " ".join(ln.text for ln in p.lines).casefold()
        if len(key.split()) >= 5 and key in seen:
            p.duplicate = True
        seen.add(key)
    return paragraphs


def _emit(
    text: str, pos: np.ndarray, lines: list[_Line], paragraphs: list[_Paragraph], removals: list[Removal]
) -> tuple[str, np.ndarray, list[tuple[int, int]]]:
    b = _Builder(text, pos)
    for line in lines:
        if line.removed and line.runs:
            removals.append(b.removal(line.runs[0][0], line.runs[-1][1], line.removed, line.text))
    spans: list[tuple[int, int]] = []
    out_len = 0
    for p in paragraphs:
        if p.duplicate:
            first, last = p.lines[0].runs[0][0], p.lines[-1].runs[-1][1]
            removals.append(b.removal(first, last, "duplicate paragraph", " ".join(ln.text for ln in p.lines)))
            continue
        if spans:
            b.insert("\n\n", p.lines[0].runs[0][0])
            out_len += 2
        start = out_len
        for i, line in enumerate(p.lines):
            runs = line.runs
            if i and p.joins[i - 1] == "space":
                b.insert(" ", runs[0][0])
                out_len += 1
            for j, (a, e) in enumerate(runs):
                if j:
                    gap_a = runs[j - 1][1]
                    if a - gap_a == 1 and text[gap_a] == " ":
                        b.copy(gap_a, a)
                    else:
                        b.insert(" ", gap_a)
                    out_len += 1
                if j == len(runs) - 1 and i + 1 < len(p.lines) and p.joins[i] == "unhyphen":
                    e -= 1
                b.copy(a, e)
                out_len += e - a
        spans.append((start, out_len))
    out, out_pos = b.result()
    assert len(out) == out_len
    return out, out_pos, spans


# --- classification --------------------------------------------------------------------------

_BYLINE = re.compile(r"(?:.{0,60}\s)?By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4}(?:\s*(?:,|and|&|\||-|–|—).{0,80})?")
_DATE_VOCAB = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september "
    "october november december mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday am pm a m p published updated posted last modified created edited first story article date "
    "time on at by of in th st nd rd hrs local gmt utc bst cet cest est edt cst cdt mst mdt pst pdt et pt ist kst "
    "jst akdt".split()
)


def _is_dateline(para: str) -> bool:
    """A line that only says when: "Updated: May 16, 2005, 6:03 PM ET", "10:10 AM PDT 6/6/2013"."""
    words = re.findall(r"[^\W\d_]+|\d+", para)
    numbers = [w for w in words if w.isdigit()]
    if not numbers or len(para.split()) > 14:
        return False
    if not (parse_date(para) or re.search(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b", para)):
        return False
    return all(w.isdigit() or w.lower() in _DATE_VOCAB or (w.isupper() and len(w) <= 4) for w in words)


def _classify(text: str, spans: list[tuple[int, int]], credit_after: list[bool], captions: set[str]) -> list[Block]:
    kinds: list[str] = []
    for i, (a, e) in enumerate(spans):
        para = text[a:e]
        words = len(para.split())
        if para in captions:
            kind = model.CAPTION
        elif SOURCE_LINE.fullmatch(para) and words <= 8 and model.BODY in kinds and not para.endswith("."):
            kind = model.SOURCE
        elif _is_credit(para):
            kind = model.CREDIT
        elif words <= 16 and _BYLINE.fullmatch(para) and (para.startswith("By") or parse_date(para)):
            kind = model.BYLINE
        elif _is_dateline(para):
            kind = model.DATELINE
        elif credit_after[i] or (words <= 80 and (_INLINE_CREDIT.search(para) or _POSITION_CUE.search(para))):
            kind = model.CAPTION
        else:
            kind = model.BODY
        kinds.append(kind)
    _mark_headings(text, spans, kinds)
    return [Block(a, e, k) for (a, e), k in zip(spans, kinds)]


def _title_like(para: str, max_words: int) -> bool:
    return 0 < len(para.split()) <= max_words and not para.rstrip("\"”’'").endswith(".")


def _mark_headings(text: str, spans: list[tuple[int, int]], kinds: list[str]) -> None:
    first = next((i for i, k in enumerate(kinds) if k not in (model.CAPTION, model.CREDIT, model.DATELINE, model.BYLINE)), None)
    if first is not None and kinds[first] == model.BODY:
        if _title_like(text[slice(*spans[first])], 30):
            kinds[first] = model.HEADLINE
            nxt = first + 1
            if nxt < len(kinds) and kinds[nxt] == model.BODY and _title_like(text[slice(*spans[nxt])], 40):
                kinds[nxt] = model.STANDFIRST
    for i, k in enumerate(kinds):
        para = text[slice(*spans[i])]
        if (k == model.BODY and len(para.split()) <= 10 and para[:1].isupper()
                and not para.endswith(tuple(_TERMINAL + ",")) and i + 1 < len(kinds) and kinds[i + 1] == model.BODY):
            kinds[i] = model.HEADING
