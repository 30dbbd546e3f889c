"""Facts by outlet: the story's statements as rows, its outlets as columns, and under the grid
every outlet's wording of the highlighted statement."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.content import Content
from textual.widgets import DataTable, Static

from ...analysis.align import Alignment
from ...analysis.facts import MARKS, REFERENCE, Facts, Statement, story_facts
from ...model import Article, article_labels
from ..messages import Place
from ..widgets.diff_text import change_summary
from .base import ViewScreen
from .coverage import LABEL, letters

ONLY = "●"
_COLOUR = {"verbatim": "text-success", "variant": "text-warning", "paraphrase": "text-accent"}   # theme variables
_BOLD = frozenset({"verbatim", "variant"})   # the marks of the same words stand out; a paraphrase's does not
_STYLE = {kind: "bold " * (kind in _BOLD) + f"${colour}" for kind, colour in _COLOUR.items()}


class FactsScreen(ViewScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Facts by outlet

Each row is a statement of the story: sentences of different articles the aligner found
reporting the same thing. Each column is an article (its outlet): `★` is the wording the
others are compared with, `=` the same words, `≈` a variant (spelling, punctuation, a few
words), `~` a paraphrase, `·` not carried. **n** counts the articles carrying it; rows start
with the most widely carried. After them come each outlet's exclusives (`●`): what only that
article reports. Under the grid, every outlet's wording of the highlighted row, with its
changes from the reference named (spelling variant, insertion…).

- `↑` `↓` `←` `→`: move; `Enter`: open the sentence in the column's article (on the statement
  column, the reference's)
- `x`: shared statements only, exclusives only, or both
- `y`: copy the highlighted row, every outlet's wording with its citation
- `Esc` / `q`: back
"""
    BINDINGS = [Binding("x", "exclusives", "Shared/only", id="facts.exclusives",
                        tooltip="show shared statements, each outlet's exclusives, or both"),
                Binding("y", "copy", "Copy", id="facts.copy", tooltip="copy the row's wordings with their citations")]
    SHOWS = ("both", "shared", "exclusives")

    def __init__(self, story: Sequence[Article], alignment: Alignment, at: tuple[str, int] | None = None) -> None:
        super().__init__()
        self.story = list(story)
        self.by_id = {a.id: a for a in self.story}
        self.labels = article_labels(self.story)
        self.facts: Facts = story_facts(self.story, alignment.pairs)
        self.at = at          # (doc, sentence start): the row to start on
        self.shows = "both"
        self._rows: list[tuple[Statement | None, str, int, int]] = []   # statement, or (doc, start, end) of an exclusive

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(id="facts-legend")
        yield DataTable(id="facts-table", cursor_type="cell", zebra_stripes=True)
        yield Static(id="facts-detail", classes="source")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Facts by outlet"
        self._fill()
        table = self.query_one(DataTable)
        if self.at is not None:
            doc, start = self.at
            for n, (s, d, a, _) in enumerate(self._rows):
                if (s and any(p.doc == doc and p.start == start for c in s.cells for p in c.passages)) or (d == doc and a == start):
                    table.cursor_coordinate = table.validate_cursor_coordinate((n, 1 + self.facts.docs.index(doc)))
                    break
        table.focus()

    def on_resize(self) -> None:
        if self.is_mounted:
            self._fill()

    def _lettered(self) -> bool:
        width = self.size.width or self.app.size.width
        return sum(min(LABEL, len(self.labels[d])) + 2 for d in self.facts.docs) + 40 > width

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        at = table.cursor_coordinate
        table.clear(columns=True)
        lettered = self._lettered()
        docs = self.facts.docs
        table.add_column(Text("n", justify="right"), key="n", width=2)
        for n, d in enumerate(docs):
            label = letters(n) if lettered else self.labels[d][:LABEL]
            table.add_column(Text(label, justify="center"), key=d, width=max(len(label), 1))
        used = 2 + sum((len(letters(n)) if lettered else len(self.labels[d][:LABEL])) + 2 for n, d in enumerate(docs))
        width = max(20, (self.size.width or self.app.size.width) - used - 6)
        table.add_column(Text("statement"), key="text", width=width)
        legend = [Content.assemble((k, "bold"), "\u00a0", v) for k, v in (
            (REFERENCE, "reference"), *((m, kind) for kind, m in MARKS.items()), (ONLY, "only here"))]
        if lettered:
            legend = [Content.assemble((letters(n), "bold"), "\u00a0", self.labels[d]) for n, d in enumerate(docs)] + legend
        self.query_one("#facts-legend", Static).update(Content("   ").join(legend))
        self._rows = []
        styles = {kind: self._style(kind) for kind in MARKS}
        if self.shows != "exclusives":
            for s in self.facts.statements:
                cells = []
                for d in docs:
                    c = s.cell(d)
                    style = "dim" if c is None else "bold" if d == s.reference else styles[c.kind]
                    cells.append(Text(s.mark(d), style=style, justify="center"))
                ref = s.cell(s.reference)
                table.add_row(Text(str(s.carried), justify="right"), *cells,
                              Text(" ".join(ref.text.split()) if ref else "", overflow="ellipsis", no_wrap=True),
                              key=f"s{s.id}")
                self._rows.append((s, "", 0, 0))
        if self.shows != "shared":
            for d in docs:
                text = self.by_id[d].text
                for span in self.facts.exclusives.get(d, ()):
                    cells = [Text(ONLY if x == d else "", justify="center", style="bold") for x in docs]
                    table.add_row(Text("1", justify="right"), *cells,
                                  Text(" ".join(text[span.start : span.end].split()), overflow="ellipsis", no_wrap=True),
                                  key=f"x{d}\0{span.start}")
                    self._rows.append((None, d, span.start, span.end))
        if self._rows:
            table.cursor_coordinate = table.validate_cursor_coordinate(at)
        shared = len(self.facts.statements)
        only = sum(len(v) for v in self.facts.exclusives.values())
        self.sub_title = (f"{shared} shared statements · {only} exclusive sentences · {len(docs)} articles"
                          + ("" if self.shows == "both" else f" · showing {self.shows} only"))
        self._detail()

    def _style(self, kind: str) -> Style:
        """A mark's colour from the theme (an ANSI theme's "ansi_green" too), bold but for a paraphrase."""
        colour = self.app.theme_variables.get(_COLOUR[kind])
        try:
            rich_colour = Color.parse(colour).rich_color if colour else None
        except ColorParseError:
            rich_colour = None
        return Style(color=rich_colour, bold=kind in _BOLD)

    def _detail(self) -> None:
        detail = self.query_one("#facts-detail", Static)
        table = self.query_one(DataTable)
        if not self._rows:
            detail.update(Content.styled("No statement here: the story has one article, or none of its sentences "
                                         "has a counterpart.", "italic"))
            return
        row = min(table.cursor_coordinate.row, len(self._rows) - 1)
        statement, doc, start, end = self._rows[row]
        if statement is None:
            detail.update(Content.assemble((self.labels[doc], "bold"), ("  only this outlet reports it\n", "$foreground-muted"),
                                           self.by_id[doc].text[start:end]))
            return
        parts = []
        for c in statement.cells:
            what = "reference" if c.doc == statement.reference else c.kind
            head = Content.assemble((self.labels[c.doc], "bold"), "  ", (what, "italic " + _STYLE.get(what, "")))
            body = Content(" ".join(c.text.split()))
            changes = c.changes()
            lines = [head, body]
            if c.doc != statement.reference and c.kind != "paraphrase":
                lines.append(change_summary(changes))
            parts.append(Content("\n").join(lines))
        missing = [self.labels[d] for d in self.facts.docs if statement.cell(d) is None]
        if missing:
            parts.append(Content.styled("Not carried by " + ", ".join(missing), "$foreground-muted"))
        detail.update(Content("\n\n").join(parts))

    @on(DataTable.CellHighlighted)
    def _moved(self) -> None:
        self._detail()

    def action_copy(self) -> None:
        from ...model import cited

        table = self.query_one(DataTable)
        if not self._rows:
            return
        statement, doc, start, end = self._rows[min(table.cursor_coordinate.row, len(self._rows) - 1)]
        if statement is None:
            self.app.copy_cited(cited(self.by_id[doc].text[start:end], self.by_id[doc]), "the sentence")
            return
        parts = [f"{'reference' if c.doc == statement.reference else c.kind}: {cited(c.text, self.by_id[c.doc])}"
                 for c in statement.cells]
        self.app.copy_cited("\n".join(parts), "the statement")

    def action_exclusives(self) -> None:
        self.shows = self.SHOWS[(self.SHOWS.index(self.shows) + 1) % len(self.SHOWS)]
        self._fill()

    @on(DataTable.CellSelected)
    def _go(self, event: DataTable.CellSelected) -> None:
        row = event.coordinate.row
        if not 0 <= row < len(self._rows):
            return
        statement, doc, start, _ = self._rows[row]
        if statement is None:
            self.dismiss(Place(doc, start))
            return
        column = str(event.cell_key.column_key.value)
        cell = statement.cell(column) or statement.cell(statement.reference)
        if cell is not None:
            self.dismiss(Place(cell.doc, cell.passages[0].start))
