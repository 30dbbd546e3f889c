"""The main screen: article list, article pane and entity sidebar.

Wide terminals get three columns; narrow ones (under 120 columns) stack the list above the
sidebar on the left, so all three panes stay visible at 80x24.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, ProgressBar, Static

from ...model import Article, Entity, Mention, short_title
from ..messages import (
    ArticleChosen,
    ArticleRead,
    CorpusListed,
    CorpusLoaded,
    Corrected,
    EntityChosen,
    LoadFailed,
    LoadProgress,
    Place,
)
from ..widgets.article_list import ArticleList
from ..widgets.article_view import ArticleView
from ..widgets.entity_sidebar import EntitySidebar

if TYPE_CHECKING:   # imported by the loader, after the first paint
    from ...analysis.align import Aligner
    from ...analysis.entities import EntityIndex
    from ...analysis.quotes import QuoteIndex
    from ...analysis.search import SearchIndex


def next_mention(entity: Entity, order: dict[str, int], doc_id: str, offset: float, step: int) -> Mention | None:
    """The mention after (`step` 1) or before (-1) position (`doc_id`, `offset`), in corpus
    order, wrapping around at either end."""
    if not entity.mentions:
        return None
    here = (order.get(doc_id, -1), offset)
    keyed = sorted(entity.mentions, key=lambda m: (order.get(m.doc, -1), m.start))
    if step > 0:
        return next((m for m in keyed if (order.get(m.doc, -1), m.start) > here), keyed[0])
    return next((m for m in reversed(keyed) if (order.get(m.doc, -1), m.start) < here), keyed[-1])


# Actions bound to printable keys: while a text box has focus they are typed, not run.
_TYPED = frozenset({"search", "stories", "mention", "concordance", "diff", "compare", "coverage", "quotes", "zoom",
                    "focus_pane", "facts", "wording"})


class MainScreen(Screen[None]):
    CSS_PATH = "main.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    HELP = """\
## Parallax

See how different outlets tell the same story.

- `Tab` / `Shift+Tab`, or `1` `2` `3`: articles, article text, entities
- `n` / `N`: next / previous mention of the selected entity, across articles
- `e`: concordance of the selected entity; `Esc` clears the selection
- `d`: the sentence at the cursor beside its counterparts in other outlets
- `c`: compare this article with another, passage by passage
- `w`: who said what: every quotation of the story by speaker, across outlets
- `m`: coverage matrix: which outlet names whom
- `f`: facts by outlet: the story's statements, who carries each, in what words
- `v`: wording contrast: the words and names each outlet uses more than the others
- `a` / `A` in the article: next / previous sentence another outlet also reports
- `/`: search the corpus; `Ctrl+P`: every command
- `z`: zoom the focused pane; `Ctrl+T`: change theme; `q`: quit
"""
    BINDINGS = [
        Binding("slash", "search", "Search", id="corpus.search", tooltip="search sentences, headlines and names"),
        Binding("g", "stories", "Stories", show=False, id="corpus.stories", tooltip="go to a story by its name"),
        Binding("n", "mention(1)", "Next", id="entity.next", tooltip="next mention of the selected entity"),
        Binding("N", "mention(-1)", "Prev", show=False, id="entity.previous",
                tooltip="previous mention of the selected entity"),
        Binding("e", "concordance", "Mentions", id="entity.concordance",
                tooltip="every mention of the selected entity (concordance)"),
        Binding("d", "diff", "Diff", id="view.diff", tooltip="this sentence in the other outlets (diff)"),
        Binding("c", "compare", "Compare", id="view.compare", tooltip="compare this article with another"),
        Binding("m", "coverage", "Coverage", id="view.coverage", tooltip="coverage matrix: who names whom"),
        Binding("w,quotation_mark", "quotes", "Quotes", id="view.quotes",
                tooltip="who said what: the story's quotations by speaker, across outlets"),
        Binding("f", "facts", "Facts", id="view.facts",
                tooltip="facts by outlet: the story's statements, which outlet carries each and how"),
        Binding("v", "wording", "Wording", id="view.wording",
                tooltip="wording contrast: the words and names each outlet uses more than the others"),
        Binding("escape", "clear_entity", "Clear", show=False, id="entity.clear", tooltip="clear the selected entity"),
        Binding("z", "zoom", "Zoom", show=False, id="pane.zoom", tooltip="zoom the focused pane (again to restore)"),
        Binding("1", "focus_pane('#articles')", "Articles", show=False, id="pane.articles", tooltip="go to the article list"),
        Binding("2", "focus_pane('#article')", "Text", show=False, id="pane.text", tooltip="go to the article text"),
        Binding("3", "focus_pane('#entity-filter')", "Entities", show=False, id="pane.entities",
                tooltip="go to the entity sidebar"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[str, Article] = {}
        self.order: dict[str, int] = {}
        self.entities: EntityIndex | None = None
        self.aligner: Aligner | None = None
        self.quotes: QuoteIndex | None = None
        self.selected: Entity | None = None
        self._search: SearchIndex | None = None
        self.partial = True  # later stories still loading
        self.listing: dict[str, str] = {}   # doc id -> story, for a corpus read one story at a time
        self._wanted: str | None = None     # the article to show once its story is read
        self._reading: str | None = None    # the story being read
        self.stories: list = []               # the corpus's stories, named (analysis.stories.Story)
        self._wording = None                   # analysis.contrast.Wording, built on first use per load

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Vertical(id="loading"):
            yield Static(Content("Opening the corpus…"), id="loading-message")
            yield ProgressBar(id="loading-bar", show_eta=True)
        with Grid(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="article")
            yield EntitySidebar(id="entities")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#panes").display = False
        self.query_one("#loading-bar").display = False

    # --- loading -----------------------------------------------------------------------------

    @on(LoadProgress)
    def _progress(self, event: LoadProgress) -> None:
        if self.articles:  # the first story is shown; the rest parses behind it
            self.sub_title = f"{self.app.sub_title_base} · parsing {event.done} of {event.total}"
            return
        bar = self.query_one("#loading-bar", ProgressBar)
        bar.display = True
        bar.update(total=event.total, progress=event.done)
        what = f": {event.doc_id}" if event.doc_id else " (loading the language model)"
        self.query_one("#loading-message", Static).update(
            Content(f"Parsing articles not yet in the cache, {event.done} of {event.total}{what}"))

    @on(LoadFailed)
    def _failed(self, event: LoadFailed) -> None:
        self.query_one("#loading-message", Static).update(Content(event.reason))
        self.query_one("#loading-bar").display = False

    @on(CorpusListed)
    def _listed(self, event: CorpusListed) -> None:
        """A large corpus: its list at once, from the manifest; its first story follows."""
        self.listing = {e.id: e.story for e in event.rows}
        self.stories = list(event.stories)
        self._reading = event.rows[0].story if event.rows else None
        self.query_one(ArticleList).set_rows(event.rows, event.stories)
        self.query_one("#loading").display = False
        self.query_one("#panes").display = True
        self.sub_title = "reading the first story…"

    @on(ArticleRead)
    def _read(self, event: ArticleRead) -> None:
        """The first article, before its story: its text now, its entities with the story."""
        if not self.articles and self.view.article is None:
            self.view.show(event.article, None)
            self.query_one(ArticleList).follow(event.article.id)
        self.call_after_refresh(self.app.painted.set)

    @on(CorpusLoaded)
    def _loaded(self, event: CorpusLoaded) -> None:
        if event.listed:
            self._story_loaded(event)
            return
        self.listing = {}   # listed from a manifest that turned out stale: the corpus is read whole
        self.stories = list(event.stories)
        first = not self.articles
        self.articles = {a.id: a for a in event.articles}
        self.order = {a.id: i for i, a in enumerate(event.articles)}
        self.entities = event.entities
        self.aligner = event.aligner
        self.quotes = event.quotes
        self._search = None
        self._wording = None
        self.partial = not event.finished
        if not event.articles:
            if event.finished:
                self._failed(LoadFailed(f"No readable articles in {event.corpus.name}."))
            return
        self.query_one("#loading").display = False
        self.query_one("#panes").display = True
        self.query_one(ArticleList).set_articles(event.articles, event.stories, event.copied)
        if first:
            self.show_article(event.articles[0].id)
            self.query_one(ArticleList).focus()
        elif self.current:  # a later stage: same article, same cursor, entities from the new index
            if self.selected:
                self.select(self.entities.by_id.get(self.selected.id))
            self.show_article(self.current.id, self.view.cursor_offset)
        self.refresh_bindings()

    def _story_loaded(self, event: CorpusLoaded) -> None:
        """One story of a corpus read a story at a time: it replaces the one shown before."""
        first = not self.articles
        self._reading = None
        self.articles = {a.id: a for a in event.articles}
        self.order = {a.id: i for i, a in enumerate(event.articles)}
        self.entities, self.aligner, self.quotes = event.entities, event.aligner, event.quotes
        self._search = None
        self._wording = None
        self.partial = False
        self.query_one(ArticleList).set_copied(event.copied)
        self.selected = None
        self.view.select(None)
        self.query_one("#loading").display = False
        self.query_one("#panes").display = True
        wanted = self._wanted if self._wanted in self.articles else (event.articles[0].id if event.articles else None)
        self._wanted = None
        if wanted:
            self.show_article(wanted)
        if first:
            self.query_one(ArticleList).focus()
        self.refresh_bindings()

    @on(Corrected)
    def _corrected(self, event: Corrected) -> None:
        """A correction saved from the sidebar or the quotes view: everything shown is redrawn
        from the rebuilt entities and quotations, at the same place."""
        from ...analysis.resolve import normalise
        from .quotes import QuotesScreen

        self.entities, self.aligner, self.quotes = event.entities, event.aligner, event.quotes
        self._search = None
        self._wording = None
        chosen = self.entities.by_id.get(self.selected.id) if self.selected else None
        if event.select:
            story, name = event.select
            chosen = next((e for e in self.entities.by_story.get(story, [])
                           if normalise(name) in {normalise(e.name), *map(normalise, e.aliases)}), chosen)
        if self.current:
            self.show_article(self.current.id, self.view.cursor_offset)
        self.select(chosen)
        for screen in self.app.screen_stack:
            if isinstance(screen, QuotesScreen):
                screen.reload(event.quotes)
        self.notify(event.note, title="Saved", markup=False)
        for problem in event.problems:
            self.notify(problem, severity="warning", timeout=10, markup=False)

    # --- navigation --------------------------------------------------------------------------

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def current(self) -> Article | None:
        return self.view.article

    def show_article(self, doc_id: str, offset: int | None = None) -> None:
        article = self.articles.get(doc_id)
        if article is None and doc_id in self.listing:   # another story of a corpus read a story at a time
            self._wanted = doc_id
            story = self.listing[doc_id]
            if story != self._reading:
                self._reading = story
                self.sub_title = f"reading the story of {doc_id}…"
                self.app.load_story(story)
            return
        if article is None or self.entities is None:
            return
        self.view.show(article, self.entities, offset, self.quotes)
        self.query_one(ArticleList).follow(doc_id)
        self.query_one(EntitySidebar).show(self.entities, doc_id)
        self._subtitle()
        self.refresh_bindings()

    def go(self, place: Place | None) -> None:
        """Show a place a modal view chose, selecting its entity if it names one."""
        if place is None:
            return
        if place.entity_id and self.entities:
            self.select(self.entities.by_id.get(place.entity_id))
        self.show_article(place.doc_id, place.offset)
        self.view.focus()

    def select(self, entity: Entity | None) -> None:
        self.selected = entity
        self.view.select(entity)
        if entity:
            self.query_one(EntitySidebar).highlight(entity.id)
        self._subtitle()
        self.refresh_bindings()

    def _subtitle(self) -> None:
        """Outlet and selected entity first, so a narrow header cuts the corpus summary, not them."""
        parts = []
        if self.current:
            parts.append(self.current.meta.outlet or short_title(self.current.title))
        if self.selected and self.entities:
            here = self.entities.count_in(self.selected, self.current.id) if self.current else 0
            parts.append(f"{self.selected.name}: {here} here, {len(self.selected.mentions)} in story")
        parts.append(getattr(self.app, "sub_title_base", ""))
        self.sub_title = " · ".join(p for p in parts if p)

    @on(ArticleChosen)
    def _article_chosen(self, event: ArticleChosen) -> None:
        self.show_article(event.doc_id)

    @on(EntityChosen)
    def _entity_chosen(self, event: EntityChosen) -> None:
        if not self.entities:
            return
        entity = self.entities.by_id.get(event.entity_id)
        self.select(entity)
        if entity and self.current:
            mentions_here = [m for m in entity.mentions if m.doc == self.current.id]
            target = mentions_here[0] if mentions_here else entity.mentions[0]
            self.show_article(target.doc, target.start)
            self.view.mention_anchor = target.start
        self.view.focus()

    @on(ArticleView.MentionClicked)
    def _mention_clicked(self, event: ArticleView.MentionClicked) -> None:
        self.select(event.entity)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from textual.widgets import Input

        if action in _TYPED and isinstance(self.focused, Input):
            return False   # the filter box takes the key as a letter: the footer must not offer it
        if action in ("mention", "concordance", "clear_entity"):
            return self.selected is not None
        if action == "search":  # searches the whole corpus, so waits for all of it
            return self.current is not None and not self.partial
        if action in ("diff", "compare", "coverage", "facts", "wording", "aligned"):
            return self.current is not None
        if action == "quotes":
            return self.current is not None and self.quotes is not None
        if action == "stories":
            return len(self.stories) > 1
        return True

    def action_mention(self, step: int) -> None:
        if not self.selected or not self.current:
            return
        target = next_mention(self.selected, self.order, self.current.id, self.view.position(), step)
        if target:
            self.show_article(target.doc, target.start)
            self.view.mention_anchor = target.start

    def action_clear_entity(self) -> None:
        self.select(None)

    def action_focus_pane(self, selector: str) -> None:
        self.query_one(selector).focus()

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        focused: Widget | None = self.focused
        while focused is not None and focused.parent is not None and focused.parent.id != "panes":
            focused = focused.parent  # type: ignore[assignment]
        if focused is not None:
            self.maximize(focused, container=False)

    def action_search(self) -> None:
        from .search import SearchScreen

        if self._search is None:  # built once per load: it folds every sentence of the corpus
            from ...analysis.search import SearchIndex

            self._search = SearchIndex(list(self.articles.values()), self.entities)
        names = {s.id: s.name for s in self.stories}
        self.app.push_screen(SearchScreen(self.articles, self.entities, self._search, names), self.go)

    def action_stories(self) -> None:
        from .stories import StoriesScreen

        def chosen(story: str | None) -> None:
            doc_id = self.query_one(ArticleList).first_of(story) if story else None
            if doc_id:
                self.query_one(ArticleList).follow(doc_id)
                self.show_article(doc_id)

        self.app.push_screen(StoriesScreen(self.stories), chosen)

    def action_concordance(self) -> None:
        from .concordance import ConcordanceScreen

        if self.selected and self.entities:
            self.app.push_screen(ConcordanceScreen(self.selected, self.entities), self.go)

    def action_diff(self) -> None:
        from .diff import DiffScreen

        if self.current and self.view.sentence and self.aligner:
            story = [a for a in self.articles.values() if a.story == self.current.story]
            alignment = self.aligner.story(self.current.story)
            self.app.push_screen(DiffScreen(self.current, self.view.cursor, story, alignment), self.go)

    def action_compare(self) -> None:
        from .compare import CompareScreen, PickArticleScreen

        current = self.current
        if current is None:
            return
        others = [a for a in self.articles.values() if a.story == current.story and a.id != current.id]
        if not others:
            self.notify("No other article in this story to compare with.", severity="warning")
            return

        def chosen(doc_id: str | None) -> None:
            if doc_id and self.aligner:
                alignment = self.aligner.story(current.story)
                self.app.push_screen(CompareScreen(current, self.articles[doc_id], alignment), self.go)

        self.app.push_screen(PickArticleScreen(current, others), chosen)

    def action_coverage(self) -> None:
        from .coverage import CoverageScreen

        if self.current and self.entities:
            story = [a for a in self.articles.values() if a.story == self.current.story]
            self.app.push_screen(CoverageScreen(story, self.entities), self.go)

    def action_quotes(self) -> None:
        from .quotes import QuotesScreen

        if self.current and self.quotes:
            story = [a for a in self.articles.values() if a.story == self.current.story]
            here = self.view.sentence
            at = next((q for q in self.quotes.by_doc.get(self.current.id, [])
                       if here and q.start < here.end and q.end > here.start), None)
            self.app.push_screen(QuotesScreen(story, self.quotes, at), self.go)

    def _story(self) -> list[Article]:
        return [a for a in self.articles.values() if self.current and a.story == self.current.story]

    def action_facts(self) -> None:
        from .facts import FactsScreen

        if self.current and self.aligner:
            here = self.view.sentence
            at = (self.current.id, here.start) if here else None
            self.app.push_screen(FactsScreen(self._story(), self.aligner.story(self.current.story), at), self.go)

    def action_wording(self) -> None:
        from .wording import ContrastScreen

        if not self.current or not self.entities:
            return
        if self._wording is None:   # counted once per load: the corpus comparison reuses every article's terms
            from ...analysis.contrast import Wording
            from ...model import article_labels

            articles = list(self.articles.values())
            self._wording = Wording(articles, self.entities.entities, article_labels(articles))
        from ...analysis.contrast import group_of

        outlet = group_of(self.current, self._wording.labels)
        self.app.push_screen(ContrastScreen(self._story(), self._wording, outlet), self.go)

    def action_aligned(self, step: int) -> None:
        """Move the cursor to the next (`step` 1) or previous (-1) sentence of the article that
        another article of the story also reports."""
        if not self.current or not self.aligner or not self.current.sentences:
            return
        alignment = self.aligner.story(self.current.story)
        marked = [n for n, s in enumerate(self.current.sentences) if alignment.counterparts(self.current.id, s.start, s.end)]
        here = self.view.cursor
        target = next((n for n in marked if n > here), None) if step > 0 else next((n for n in reversed(marked) if n < here), None)
        if target is None:
            self.notify("No other sentence of this article has a counterpart "
                        + ("after this one." if step > 0 else "before this one.") if marked else
                        "No sentence of this article is reported by another outlet.", timeout=3)
            return
        self.view.move_to(target)
