"""The terminal app: for now a minimal window, the article list beside the article.

Article text is untrusted: it reaches widgets only as `Content`, never as markup.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from .model import BODY, HEADING, HEADLINE, Article


def article_content(article: Article) -> Content:
    """An article's header and paragraphs, styled by kind, with its text taken literally."""
    m = article.meta
    facts = " · ".join(x for x in (m.outlet or "unknown outlet", m.byline, m.date) if x)
    parts = [Content.styled(article.title, "bold"), Content("\n"), Content.styled(facts, "dim"), Content("\n\n")]
    for block in article.blocks:
        if block.kind == HEADLINE:
            continue
        text = article.text[block.start : block.end]
        style = "bold" if block.kind == HEADING else "" if block.kind == BODY else "italic dim"
        parts += [Content.styled(text, style) if style else Content(text), Content("\n\n")]
    return Content("").join(parts)


class ParallaxApp(App[None]):
    TITLE = "Parallax"
    CSS = """
    #articles { width: 38%; min-width: 24; border-right: solid $primary; }
    #text { padding: 0 1; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("tab", "focus_next", "Next pane", id="focus_next", show=False),
    ]

    def __init__(self, corpus_name: str, articles: list[Article]) -> None:
        super().__init__()
        self.corpus_name = corpus_name
        self.articles = articles
        self.animation_level = "none"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(
                *(Option(Content.assemble((a.outlet, "bold"), "\n", a.title), id=a.id) for a in self.articles),
                id="articles",
            )
            with VerticalScroll(id="text"):
                yield Static(id="article")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.corpus_name} · {len(self.articles)} articles"
        if self.articles:
            self.show(self.articles[0])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(self.articles[event.option_index])

    def show(self, article: Article) -> None:
        self.query_one("#article", Static).update(article_content(article))
        self.query_one("#text", VerticalScroll).scroll_home(animate=False)
