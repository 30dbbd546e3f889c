"""Coverage: a matrix of the story's entities by outlet, showing who is named by whom."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from ...analysis.entities import EntityIndex
from ...model import KIND_ORDER, Article, article_labels
from ..messages import Place
from .base import ViewScreen

MISSING = "·"


class CoverageScreen(ViewScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Coverage

One row per entity of the story, one column per article (its outlet). **named in** counts the
articles that name the entity; in an article's column, a number is how many times that outlet
names it and `·` means it does not name it at all. Rows are ordered by how many outlets name
the entity.

- `↑` `↓` `←` `→`: move; `Enter`: select the entity and go to its first mention
- `t`: show one type at a time (people, organisations, places, groups, all)
- `Esc` / `q`: back
"""
    BINDINGS = [Binding("t", "kind", "Type", id="coverage.type", tooltip="show one entity type at a time")]

    def __init__(self, story: Sequence[Article], index: EntityIndex) -> None:
        super().__init__()
        self.story = list(story)
        self.index = index
        self.kind: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield DataTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Coverage"
        self._fill()
        self.query_one(DataTable).focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(Text("entity"), key="name")
        table.add_column(Text("type"), key="type")
        table.add_column(Text("named in"), key="named")
        labels = article_labels(self.story)
        for a in self.story:
            table.add_column(Text(labels[a.id][:14]), key=a.id)
        story = self.story[0].story if self.story else ""
        entities = [e for e in self.index.by_story.get(story, []) if self.kind in (None, e.kind)]
        entities.sort(key=lambda e: (-len(self.index.outlets(e)), -len(e.mentions), e.name.casefold()))
        for e in entities:
            counts = [self.index.count_in(e, a.id) for a in self.story]
            cells = [Text(str(n), justify="right") if n else Text(MISSING, style="dim", justify="right") for n in counts]
            named = sum(1 for n in counts if n)
            name = Text(e.name[:32])
            if e.aliases:
                name.append(f" · {', '.join(e.aliases)}"[: max(0, 40 - len(name))], style="italic")
            table.add_row(name, Text(e.kind[:-1] if e.kind != "people" else "person", style="italic"),
                          Text(f"{named}/{len(counts)}", justify="right"), *cells, key=e.id)
        self.sub_title = f"{len(entities)} {self.kind or 'entities'} × {len(self.story)} articles"

    def action_kind(self) -> None:
        cycle = [None, *KIND_ORDER]
        self.kind = cycle[(cycle.index(self.kind) + 1) % len(cycle)]
        self._fill()

    @on(DataTable.RowSelected)
    def _go(self, event: DataTable.RowSelected) -> None:
        entity = self.index.by_id.get(str(event.row_key.value))
        if entity and entity.mentions:
            first = entity.mentions[0]
            self.dismiss(Place(first.doc, first.start, entity.id))
