"""`/`: fuzzy search over the corpus; Enter goes to the hit."""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ...analysis.entities import EntityIndex
from ...analysis.search import FUZZY, SearchIndex
from ...model import ONE_OF_KIND, Article, article_labels
from ..messages import Place
from .base import FilterScreen

_SNIPPET = 200


class SearchScreen(FilterScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Search

Type to search every sentence, headline and entity name of the corpus. Words match whole
("Troy" finds Troy, not "destroyed"); put a phrase in double quotes to find it as written.
First the entity of that name, then every passage with those words (names, headlines, then
sentences), then near matches for small typos. Each result names its outlet and story.

- `↓` / `↑`: move through the results; `Enter`: go there
- `Esc`: back
"""

    def __init__(self, articles: Mapping[str, Article], entities: EntityIndex | None, index: SearchIndex,
                 story_names: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.articles = articles
        self.index = index
        self.entities = entities
        self.story_names = story_names or {}
        self.labels = article_labels(articles.values())

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Input(placeholder="search the corpus…", id="search-input")
        yield OptionList(id="search-results")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Search"
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        found = self.index.search(event.value)
        options = []
        for h in found.hits:
            a = self.articles[h.doc]
            if h.what == "headline":
                body = a.title
            elif h.what == "entity" and self.entities:
                e = self.entities.by_id[h.entity_id]  # type: ignore[index]
                n, docs = len(e.mentions), len({m.doc for m in e.mentions})
                body = (f"{e.name} · {ONE_OF_KIND[e.kind]} · {n} mention{'s' * (n != 1)} "
                        f"in {docs} article{'s' * (docs != 1)}")
            else:
                body = a.text[h.start : h.end].replace("\n", " ")
            if len(body) > _SNIPPET:
                body = body[: _SNIPPET - 1] + "…"
            story = self.story_names.get(a.story, a.story)
            where = f"  {story} · {h.what}" if story else f"  {h.what}"
            options.append(Option(Content.assemble((self.labels.get(a.id, a.outlet), "bold"), (where, "$foreground-muted"),
                                                   (" · near match" if h.tier == FUZZY else "", "$foreground-muted italic"),
                                                   "\n", body), id=f"{len(options)}"))
        self._hits = found.hits
        results = self.query_one(OptionList)
        results.set_options(options)
        if options:
            results.highlighted = 0
        shown = len(found.hits)
        if not event.value.strip():
            self.sub_title = ""
        elif shown < found.total:
            self.sub_title = f"{found.total} results, the first {shown} shown; type more to narrow them"
        else:
            self.sub_title = f"{found.total} result{'s' * (found.total != 1)}"

    @on(Input.Submitted)
    def _submit(self) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is not None:
            self._go_to(results.highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._go_to(event.option_index)

    def _go_to(self, i: int) -> None:
        h = self._hits[i]
        self.dismiss(Place(h.doc, h.start, h.entity_id))
