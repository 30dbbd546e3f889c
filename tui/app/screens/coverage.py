"""Coverage: a matrix of the story's entities by outlet, showing who is named by whom.

The entity column stays put while the outlets scroll; where the outlets' names do not fit the
width, the columns are lettered and a legend above names them. Counts are shaded by how often
the outlet names the entity, and any column sorts the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import ascii_uppercase

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.content import Content
from textual.widgets import DataTable, Static

from ...analysis.entities import EntityIndex
from ...model import KIND_ORDER, ONE_OF_KIND, Article, Entity, article_labels
from ..messages import Place
from .base import ViewScreen

MISSING = "·"
NAME = 24          # characters of an entity's name in its column
LABEL = 14         # characters of an outlet's name in a column heading
SHADES = 4         # steps of shading, from a count of one to the story's most


def _contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two colours."""
    def lum(c: Color) -> float:
        def ch(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def letters(n: int) -> str:
    """A, B, ..., Z, AA, AB, ...: the n-th column's letter (from 0)."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = ascii_uppercase[r] + out
    return out


class CoverageScreen(ViewScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Coverage

One row per entity of the story, one column per article (its outlet). **in** counts the
articles that name the entity; in an article's column, a number is how many times that outlet
names it (shaded: darker is more) and `·` means it does not name it at all. The entity column
stays in place while the outlets scroll; where the outlets do not fit, their columns are
lettered and the line above the table names them. Rows start ordered by how many outlets name
the entity.

- `↑` `↓` `←` `→`: move; `Enter`: go to the entity's first mention in that column's article
  (in the entity column: its first mention)
- `s`: sort by the column of the cursor (again: the other way); a click on a heading does too
- `t`: show one type at a time (people, organisations, places, groups, all)
- `Esc` / `q`: back
"""
    BINDINGS = [
        Binding("t", "kind", "Type", id="coverage.type", tooltip="show one entity type at a time"),
        Binding("s", "sort", "Sort", id="coverage.sort", tooltip="sort the rows by the cursor's column"),
    ]

    def __init__(self, story: Sequence[Article], index: EntityIndex) -> None:
        super().__init__()
        self.story = list(story)
        self.index = index
        self.kind: str | None = None
        self.labels = article_labels(self.story)
        self._sorted: tuple[str, bool] | None = None   # (column key, descending)
        self._entities: list[Entity] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(id="coverage-legend")
        yield DataTable(id="coverage-table", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Coverage"
        self._fill()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted and self._entities:
            self._fill()

    def _lettered(self) -> bool:
        """Whether the outlets' names do not fit beside the entity column at this width."""
        width = self.size.width or self.app.size.width
        named = sum(min(LABEL, len(self.labels[a.id])) + 2 for a in self.story)
        return NAME + 2 + 5 + named > width

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        at = table.cursor_coordinate
        table.clear(columns=True)
        lettered = self._lettered()
        story = self.story[0].story if self.story else ""
        entities = [e for e in self.index.ranked(story) if self.kind in (None, e.kind)]
        most = max((self.index.count_in(e, a.id) for e in entities for a in self.story), default=1) or 1
        digits = len(str(most))
        table.add_column(Text("entity"), key="name", width=NAME)
        table.add_column(Text("in", justify="right"), key="named", width=len(f"{len(self.story)}/{len(self.story)}"))
        for n, a in enumerate(self.story):
            label = letters(n) if lettered else self.labels[a.id][:LABEL]
            table.add_column(Text(label, justify="right"), key=a.id, width=max(len(label), digits))
        legend = self.query_one("#coverage-legend", Static)
        legend.display = lettered
        if lettered:
            legend.update(Content("   ").join(   # a letter never parts from its outlet's name
                Content.assemble((letters(n), "bold"), "\u00a0", self.labels[a.id]) for n, a in enumerate(self.story)))
        if self._sorted:
            key, descending = self._sorted
            entities.sort(key=lambda e: self._sort_key(e, key), reverse=descending)
        self._entities = entities
        shades = self._shades()
        for e in entities:
            counts = [self.index.count_in(e, a.id) for a in self.story]
            cells = [Text(str(n), justify="right", style=shades[min(SHADES - 1, (n - 1) * SHADES // most)])
                     if n else Text(MISSING, style="dim", justify="right") for n in counts]
            named = sum(1 for n in counts if n)
            name = Text(e.name[:NAME])
            name.append(f" {ONE_OF_KIND[e.kind]}", style="italic")
            table.add_row(name, Text(f"{named}/{len(counts)}", justify="right"), *cells, key=e.id)
        if entities:
            table.cursor_coordinate = table.validate_cursor_coordinate(at)
        order = ""
        if self._sorted:
            key, descending = self._sorted
            column = {"name": "entity", "named": "in"}.get(key) or self.labels.get(key, key)
            order = f" · sorted by {column}{'' if descending else ', ascending'}"
        self.sub_title = f"{len(entities)} {self.kind or 'entities'} × {len(self.story)} articles{order}"

    def _shades(self) -> list[Style]:
        """Backgrounds from faint to strong, blended from the theme's primary colour and its
        background, each with whichever of the theme's text and background colours reads on it
        (a blend is weakened until one does, at the 4.5:1 of WCAG AA)."""
        variables = self.app.theme_variables
        ground = Color.parse(variables.get("background", "#000000"))
        primary = Color.parse(variables.get("primary", "#0178D4"))
        texts = [Color.parse(variables.get("foreground", "#ffffff")), ground]
        out = []
        for step in range(SHADES):
            share = 0.15 + 0.6 * step / max(1, SHADES - 1)
            while True:
                bg = ground.blend(primary, share)
                text = max(texts, key=lambda t: _contrast(t, bg))
                if _contrast(text, bg) >= 4.5 or share <= 0.05:
                    break
                share -= 0.05
            out.append(Style(bgcolor=bg.rich_color, color=text.rich_color))
        return out

    def _sort_key(self, e: Entity, key: str) -> tuple:
        if key == "name":
            return (e.name.casefold(),)
        if key == "named":
            return (len(self.index.outlets(e)), len(e.mentions))
        return (self.index.count_in(e, key), len(e.mentions))

    def _sort_by(self, key: str) -> None:
        descending = key != "name"
        if self._sorted and self._sorted[0] == key:
            descending = not self._sorted[1]
        self._sorted = (key, descending)
        self._fill()

    def action_sort(self) -> None:
        table = self.query_one(DataTable)
        column = table.ordered_columns[table.cursor_coordinate.column]
        self._sort_by(str(column.key.value))

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        self._sort_by(str(event.column_key.value))

    def action_kind(self) -> None:
        cycle = [None, *KIND_ORDER]
        self.kind = cycle[(cycle.index(self.kind) + 1) % len(cycle)]
        self._fill()

    @on(DataTable.CellSelected)
    def _go(self, event: DataTable.CellSelected) -> None:
        entity = self.index.by_id.get(str(event.cell_key.row_key.value))
        if not entity or not entity.mentions:
            return
        doc = str(event.cell_key.column_key.value)
        here = [m for m in entity.mentions if m.doc == doc]
        first = here[0] if here else entity.mentions[0]
        self.dismiss(Place(first.doc, first.start, entity.id))
