"""The article pane: a line-virtualised view of one article with a sentence cursor.

Only the lines on screen are rendered (`render_line`), each from offsets into the article's text,
and kept in an LRU cache; wrapping is one pass over the text per width. So a 5 MB article
scrolls like a short one. Text reaches the terminal as `rich.text.Text` built from plain
strings, never as markup.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import BYLINE, CAPTION, CREDIT, DATELINE, HEADING, HEADLINE, SOURCE, STANDFIRST, Article, Entity, Span
from .colours import solid_component_style

if TYPE_CHECKING:
    from ...analysis.entities import EntityIndex
    from ...analysis.quotes import Quote, QuoteIndex

_WORD = re.compile(r"\S+\s*")
GUTTER = 2
_ASIDE = {CAPTION, CREDIT, SOURCE}
_KIND_CLASS = {"people": "person", "organisations": "organisation", "places": "place", "groups": "group"}


@functools.cache
def _not_one_cell() -> re.Pattern[str]:
    """Characters below U+2E80 that rich does not measure as one cell (combining marks,
    zero-width and bidi controls, wide symbols), and everything from U+2E80 (CJK and beyond).
    Built from rich's own width table once, so the fast wrap agrees with how lines are drawn."""
    ranges: list[list[int]] = []
    for code in range(0x80, 0x2E80):
        if cell_len(chr(code)) != 1:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    ranges.append([0x2E80, 0x10FFFF])
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text[start:end]` to `width` cells, as (start, end) offsets per line."""
    width = max(width, 1)
    if start >= end:
        return [(start, start)]
    segment = text[start:end]
    ascii_only = segment.isascii()
    one_cell = ascii_only or not _not_one_cell().search(segment)
    if one_cell and "\t" not in segment and "\n" not in segment:
        return _wrap_ascii(text, start, end, width)  # every character one cell wide
    return _wrap_words(text, start, end, width, ascii_only)


def _wrap_words(text: str, start: int, end: int, width: int, ascii_only: bool) -> list[tuple[int, int]]:
    """Greedy wrap one word at a time, measuring cells (wide CJK characters take two)."""
    measure = len if ascii_only else cell_len
    lines = []
    line_start = start
    col = measure(text[start:end]) - measure(text[start:end].lstrip())  # leading blanks take room too
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        ink = measure(word.rstrip())
        if col and col + ink > width:
            lines.append((line_start, m.start()))
            line_start, col = m.start(), 0
        if ink > width:  # a word longer than the line is cut; its tail starts the next line
            while ink > width:
                cut = line_start + width if ascii_only else _cut(text, line_start, width)
                lines.append((line_start, cut))
                line_start = cut
                ink = measure(text[cut : m.start() + len(word.rstrip())])
            col = ink + measure(word) - measure(word.rstrip())
        else:
            col += measure(word)
    lines.append((line_start, end))
    return lines


def _wrap_ascii(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """The same greedy wrap for text of one-cell characters (ASCII, accents, curly quotes), one `rfind` per line instead of a
    step per word: a 5 MB article lays out in a fraction of a second."""
    lines = []
    pos = start
    while True:
        rest_end = end
        while rest_end > pos and text[rest_end - 1] == " ":
            rest_end -= 1
        if rest_end - pos <= width:
            lines.append((pos, end))
            return lines
        space = text.rfind(" ", pos, pos + width + 1)
        if space > pos and text[pos:space].strip():
            nxt = space + 1
            while nxt < end and text[nxt] == " ":
                nxt += 1
        else:  # no room to break before the edge: cut the word
            nxt = pos + width if text[pos] != " " else pos + (len(text[pos:end]) - len(text[pos:end].lstrip(" ")))
        lines.append((pos, nxt))
        pos = nxt


def _cut(text: str, start: int, width: int) -> int:
    used, i = 0, start
    while i < len(text):
        w = cell_len(text[i])
        if used + w > width and i > start:
            break
        used += w
        i += 1
    return i


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a sorted list of non-overlapping spans that overlap [start, end)."""
    i = bisect.bisect_right(spans, (start, start))
    if i and spans[i - 1][1] > start:
        i -= 1
    out = []
    while i < len(spans) and spans[i][0] < end:
        out.append(spans[i])
        i += 1
    return out


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    kind: str          # a block kind, "title", "facts", "blank" or "speakers"
    indent: int = 0
    label: int = -1    # for "speakers": which paragraph's speakers (an index into `_speakers`)


class ArticleView(ScrollView, can_focus=True):
    """One article, wrapped to the pane, with entity mentions, quotes and a sentence cursor."""

    HELP = """\
## Article

The cleaned text of the article. Names are coloured by type (people, organisations, places,
groups), quotations are in italics, captions and credits are set apart with a bar. Under a
paragraph that quotes someone, a line starting `❝` names who is quoted and which other outlets
carry the same remark (`w` lists every quotation of the story).

The **cursor** is a sentence, marked with `▌` in the margin: the diff view (`d`) compares it
with the other outlets.

- `↑` `↓` / `k` `j`: previous / next sentence
- `PgUp` `PgDn` / `space`: a screen up / down
- `Home` `End`: first / last sentence
- `a` / `A`: next / previous sentence that another outlet of the story also reports
- `y`: copy the sentence at the cursor, with its outlet, headline, date and URL (through the
  terminal, so over SSH too; in tmux, with `set -g set-clipboard on`)
- click a sentence to put the cursor on it; click a name to select its entity
"""

    COMPONENT_CLASSES = {
        "article-view--title", "article-view--facts", "article-view--aside", "article-view--heading",
        "article-view--person", "article-view--organisation", "article-view--place", "article-view--group",
        "article-view--quote", "article-view--cursor", "article-view--gutter", "article-view--selected",
        "article-view--speakers",
    }
    DEFAULT_CSS = """
    ArticleView { background: $surface; }
    ArticleView > .article-view--title { text-style: bold; color: $text; }
    ArticleView > .article-view--facts { color: $foreground-muted; }
    ArticleView > .article-view--aside { color: $foreground-muted; text-style: italic; }
    ArticleView > .article-view--heading { text-style: bold; }
    ArticleView > .article-view--person { color: $text-accent; }
    ArticleView > .article-view--organisation { color: $text-primary; }
    ArticleView > .article-view--place { color: $text-warning; }
    ArticleView > .article-view--group { color: $text-secondary; }
    ArticleView > .article-view--quote { text-style: italic; }
    ArticleView > .article-view--speakers { color: $foreground-muted; }
    ArticleView > .article-view--cursor { background: $boost; }
    ArticleView > .article-view--gutter { color: $primary; }
    ArticleView > .article-view--selected { text-style: bold reverse; }
    """
    BINDINGS = [
        Binding("up,k", "move(-1)", "Sentence ↑", show=False, id="article.prev_sentence"),
        Binding("down,j", "move(1)", "Sentence ↓", show=False, id="article.next_sentence"),
        Binding("pageup", "page(-1)", "Page ↑", show=False, id="article.page_up"),
        Binding("pagedown,space", "page(1)", "Page ↓", show=False, id="article.page_down"),
        Binding("home", "edge(0)", "First", show=False, id="article.first"),
        Binding("end", "edge(1)", "Last", show=False, id="article.last"),
        Binding("y", "copy", "Copy", id="article.copy",
                tooltip="copy the sentence at the cursor with its outlet, headline, date and URL"),
        Binding("a", "screen.aligned(1)", "Next shared", show=False, id="article.next_aligned",
                tooltip="next sentence another outlet also reports"),
        Binding("A", "screen.aligned(-1)", "Prev shared", show=False, id="article.previous_aligned",
                tooltip="previous sentence another outlet also reports"),
    ]

    class MentionClicked(Message):
        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.article: Article | None = None
        self.entities: EntityIndex | None = None
        self.selected: Entity | None = None
        self.cursor = 0
        self.mention_anchor: int | None = None   # the mention `n` / `N` last jumped to
        self._lines: list[_Line] = []
        self._line_starts: list[int] = []
        self._head = ""
        self._width = 0
        self.quotes: QuoteIndex | None = None
        self._quotes: list[tuple[int, int]] = []
        self._speakers: list[list[tuple[str, str, list[str]]]] = []   # per quoting paragraph: name, kind, also in
        self._selected_spans: list[tuple[int, int]] = []
        self._mentions: list[tuple[int, int, str]] = []
        self._mention_starts: list[int] = []
        self._sentence_starts: list[int] = []
        self._cache: LRUCache[tuple[int, int, int], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}

    # --- content -----------------------------------------------------------------------------

    def show(self, article: Article, entities: EntityIndex | None, offset: int | None = None,
             quotes: QuoteIndex | None = None) -> None:
        """Show `article`, with the cursor on the sentence at `offset` (else the first)."""
        same = self.article is not None and self.article.id == article.id
        self.mention_anchor = None
        self.article = article
        self.entities = entities
        self.quotes = quotes
        here = quotes.by_doc.get(article.id, []) if quotes else []
        self._quotes = [(p.start, p.end) for q in here for p in q.parts]
        mentions = entities.in_doc.get(article.id, []) if entities else []
        self._mentions = [(m.start, m.end, _KIND_CLASS[e.kind]) for m, e in mentions]
        self._mention_starts = [m[0] for m in self._mentions]
        self._sentence_starts = [s.start for s in article.sentences]
        self._selected_spans = self._spans_of(self.selected)
        self._width = 0
        self._relayout()
        if offset is not None:
            self.cursor = self._sentence_at(offset)
        elif not same:
            self.cursor = 0
            self.scroll_to(y=0, animate=False)
        self._cursor_into_view(center=offset is not None)

    def select(self, entity: Entity | None) -> None:
        self.selected = entity
        self._selected_spans = self._spans_of(entity)
        self._refresh_all()

    def _spans_of(self, entity: Entity | None) -> list[tuple[int, int]]:
        if entity is None or self.article is None:
            return []
        return sorted((m.start, m.end) for m in entity.mentions if m.doc == self.article.id)

    @property
    def sentence(self) -> Span | None:
        if self.article and self.article.sentences:
            return self.article.sentences[min(self.cursor, len(self.article.sentences) - 1)]
        return None

    @property
    def cursor_offset(self) -> int:
        s = self.sentence
        return s.start if s else 0

    def position(self) -> float:
        """Where mention navigation counts from: the mention last jumped to while the cursor is
        still on its sentence, else just before the cursor sentence (so its own mentions come next)."""
        s = self.sentence
        if s is None:
            return 0
        if self.mention_anchor is not None and s.start <= self.mention_anchor < s.end:
            return self.mention_anchor
        return s.start - 0.5

    def _sentence_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self._sentence_starts, offset) - 1, 0)

    # --- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self.article and self._text_width() != self._width:
            self._relayout()
            self._cursor_into_view()

    def _laid_out_late(self, article: Article) -> None:
        """Lay out the text deferred for want of a width, once the screen has been laid out."""
        if self.article is article and not self._lines and self.content_region.width > GUTTER + 1:
            self._relayout()
            self._cursor_into_view()

    def _text_width(self) -> int:
        """The width the text wraps to: the pane's, less the gutter and the vertical scrollbar
        (reserved even before it shows, so that it showing never leaves the text too wide)."""
        return max(self.content_region.width - self.styles.scrollbar_size_vertical - GUTTER - 1, 10)

    def _relayout(self) -> None:
        article = self.article
        if article is None:
            return
        if self.content_region.width <= GUTTER + 1:
            # not laid out yet (a pane just made visible): wrapping now would draw the text a
            # word a line until the first resize; the resize with the real width lays it out
            self._width = 0
            self._lines, self._line_starts, self._speakers = [], [], []
            self.virtual_size = Size(0, 0)
            self._refresh_all()
            self.call_after_refresh(self._laid_out_late, article)   # no resize may follow: try once laid out
            return
        width = self._width = self._text_width()
        m = article.meta
        facts = " · ".join(x for x in (m.outlet or "outlet not named", m.byline, m.date, m.url) if x)
        title = m.headline or ""  # without one, the text's own first paragraph is the title
        self._head = f"{title}\n{facts}"
        lines = [_Line(s, e, "title") for s, e in wrap_offsets(self._head, 0, len(title), width)] if title else []
        lines += [_Line(s, e, "facts") for s, e in wrap_offsets(self._head, len(title) + 1, len(self._head), width)]
        lines.append(_Line(0, 0, "blank"))
        ending = self._quotes_by_paragraph()
        self._speakers = []
        for block in article.blocks:
            if block.kind == HEADLINE:
                continue
            indent = 2 if block.kind in _ASIDE else 0
            lines += [_Line(s, e, block.kind, indent) for s, e in wrap_offsets(article.text, block.start, block.end, width - indent)]
            if block.start in ending:
                lines.append(_Line(block.end, block.end, "speakers", label=len(self._speakers)))
                self._speakers.append(self._speaker_labels(ending[block.start]))
            lines.append(_Line(block.end, block.end, "blank"))
        self._lines = lines
        self._line_starts = [ln.start if ln.kind not in ("title", "facts") else -1 for ln in lines]
        self.virtual_size = Size(width + GUTTER, len(lines))
        self._refresh_all()

    def _quotes_by_paragraph(self) -> dict[int, list[Quote]]:
        """The article's quotations by the start of the paragraph each ends in."""
        article = self.article
        if article is None or self.quotes is None:
            return {}
        starts = [b.start for b in article.blocks]
        out: dict[int, list[Quote]] = {}
        for q in self.quotes.by_doc.get(article.id, []):
            block = article.blocks[max(bisect.bisect_right(starts, q.end - 1) - 1, 0)]
            out.setdefault(block.start, []).append(q)
        return out

    def _speaker_labels(self, quotes: list[Quote]) -> list[tuple[str, str, list[str]]]:
        """Who a paragraph quotes, in order, each once: name, kind, and the other outlets that
        carry the same remark."""
        index = self.quotes
        assert index is not None and self.article is not None
        seen: dict[str, tuple[str, str, list[str]]] = {}
        for q in quotes:
            entity = index.entities.get(q.speaker) if q.speaker else None
            name = entity.name if entity else "speaker not named" + (f" ({q.source})" if q.source else "")
            if entity and q.confidence == "guess":
                name += f" ({q.source}: a guess)" if q.source else " (a guess)"
            elif q.confidence == "checked":
                name += " (corrected)"
            kind = _KIND_CLASS[entity.kind] if entity else "speakers"
            _, _, also = seen.setdefault(name, (name, kind, []))
            for other in index.groups.get(q.group, []):
                outlet = index.outlets.get(other.doc, other.doc)
                if other.doc != self.article.id and outlet not in also:
                    also.append(outlet)
        return list(seen.values())

    def _refresh_span(self, span: Span | None) -> None:
        if span is None:
            return
        first, last = self._line_of(span.start), self._line_of(max(span.end - 1, span.start))
        for key in [k for k in self._cache.keys() if first <= k[0] <= last]:
            self._cache.discard(key)
        self.refresh_lines(first, last - first + 1)

    def _refresh_all(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _line_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self._line_starts, offset) - 1, 0)

    # --- rendering ---------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = solid_component_style(self, f"article-view--{name}")
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        key = (index, width, scroll_x)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render(index).crop_extend(scroll_x, scroll_x + width, self.rich_style)
            self._cache[key] = strip
        return strip

    def _render(self, index: int) -> Strip:
        if self.article is None or index >= len(self._lines):
            return Strip([])
        line = self._lines[index]
        if line.kind in ("title", "facts"):
            text = Text(self._head[line.start : line.end].rstrip(), style=self._style(line.kind))
            return self._strip(" " * GUTTER, text)
        if line.kind == "blank":
            return Strip([])
        if line.kind == "speakers":
            return self._strip(" " * GUTTER, self._speakers_text(self._speakers[line.label]))
        article = self.article
        raw = article.text[line.start : line.end].rstrip().replace("\t", " ")
        text = Text(raw)
        end = line.start + len(raw)
        if line.kind in _ASIDE:
            text.stylize(self._style("aside"))
        elif line.kind in (HEADING, STANDFIRST, BYLINE, DATELINE):
            text.stylize(self._style("heading" if line.kind == HEADING else "facts"))
        for s, e in _overlapping(self._quotes, line.start, end):
            text.stylize(self._style("quote"), max(s - line.start, 0), e - line.start)
        first = max(bisect.bisect_left(self._mention_starts, line.start) - 8, 0)
        for s, e, kind in self._mentions[first:]:
            if s >= end:
                break
            if e > line.start:
                text.stylize(self._style(kind), max(s - line.start, 0), e - line.start)
        for s, e in _overlapping(self._selected_spans, line.start, end):
            text.stylize(self._style("selected"), max(s - line.start, 0), e - line.start)
        sentence = self.sentence
        on_cursor = sentence is not None and sentence.start < max(end, line.start + 1) and sentence.end > line.start
        if on_cursor:
            text.stylize(self._style("cursor"), max(sentence.start - line.start, 0), sentence.end - line.start)
        gutter = "▌ " if on_cursor else "  "
        if line.indent:
            gutter += "│ "[: line.indent]
        return self._strip(gutter, text, on_cursor)

    def _speakers_text(self, speakers: list[tuple[str, str, list[str]]]) -> Text:
        """"❝ name (also in outlets)" for each speaker; where that is too wide for the pane, the
        outlets are counted instead ("+2 outlets", "+2"), and what still does not fit is cut
        with an ellipsis."""
        muted = self._style("speakers")
        for brief in (0, 1, 2):
            text = Text("❝ ", style=muted)
            for n, (name, kind, also) in enumerate(speakers):
                if n:
                    text.append(" · ", style=muted)
                text.append(name, style=self._style(kind) if kind != "speakers" else muted)
                if also:
                    more = (f"also in {', '.join(also)}", f"+{len(also)} outlet{'s' * (len(also) != 1)}",
                            f"+{len(also)}")[brief]
                    text.append(f" ({more})", style=muted)
            if text.cell_len <= self._width:
                break
        text.truncate(max(self._width, 1), overflow="ellipsis")
        return text

    def _strip(self, gutter: str, text: Text, marked: bool = False) -> Strip:
        segments = [Segment(gutter, self._style("gutter") if marked else Style())]  # NO_COLOR's filter needs a style
        segments += list(text.render(self.app.console))
        return Strip(segments).apply_style(self.rich_style)

    # --- cursor ------------------------------------------------------------------------------

    def _cursor_into_view(self, center: bool = False) -> None:
        s = self.sentence
        if s is None:
            return
        top, bottom = self._line_of(s.start), self._line_of(max(s.end - 1, s.start))
        height = self.scrollable_content_region.height or 1
        y = self.scroll_offset.y
        if center and not (y <= top and bottom < y + height):
            self.scroll_to(y=max(top - height // 3, 0), animate=False)
        elif top < y:
            self.scroll_to(y=top, animate=False)
        elif bottom >= y + height:
            self.scroll_to(y=min(top, bottom - height + 1), animate=False)

    def move_to(self, index: int) -> None:
        if not self.article or not self.article.sentences:
            return
        index = max(0, min(index, len(self.article.sentences) - 1))
        if index != self.cursor:
            before = self.sentence
            self.cursor = index
            self.mention_anchor = None
            for span in (before, self.sentence):  # only the lines of the two sentences change
                self._refresh_span(span)
        self._cursor_into_view()

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False, immediate=True)
        first_visible = self._lines[min(self.scroll_offset.y, len(self._lines) - 1)] if self._lines else None
        if first_visible and first_visible.kind not in ("title", "facts"):
            self.move_to(self._sentence_at(first_visible.start))

    def action_copy(self) -> None:
        from ...model import cited

        if self.article and self.sentence:
            self.app.copy_cited(cited(self.article.text[self.sentence.start : self.sentence.end], self.article), "the sentence")

    def action_edge(self, end: int) -> None:
        if self.article:
            self.move_to(len(self.article.sentences) - 1 if end else 0)

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if not self.article or not 0 <= index < len(self._lines):
            return
        line = self._lines[index]
        if line.kind in ("title", "facts", "blank", "speakers"):
            return
        offset = min(line.start + max(event.x - GUTTER - line.indent, 0), max(line.end - 1, line.start))
        self.move_to(self._sentence_at(offset))
        entity = self.entities.entity_at(self.article.id, offset) if self.entities else None
        if entity:
            self.post_message(self.MentionClicked(entity))
