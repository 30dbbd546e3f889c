"""The article list: every article, grouped by story, with outlet, date and headline."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Article
from ..messages import ArticleChosen


def article_prompt(article: Article) -> Content:
    """Two lines: outlet and date, then the headline. Both are untrusted text, never markup."""
    date = article.meta.date or ""
    return Content.assemble((article.outlet, "bold"), ("  " + date if date else "", "$foreground-muted"), "\n", article.title)


class ArticleList(OptionList):
    """Highlighting an article shows it; the list follows when another view changes article."""

    HELP = """\
## Articles

Every article of the corpus, grouped by story: outlet, date and headline.
Moving the highlight shows the article in the article pane.

- `↑` `↓`, `PgUp` `PgDn`, `Home` `End`: move through the list
- `Enter`: go to the article pane
"""
    BINDINGS = [Binding("enter", "open", "Read", id="articles.read")]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._index: dict[str, int] = {}
        self._quiet = False

    def set_articles(self, articles: Sequence[Article]) -> None:
        """Fill the list, keeping the highlighted article (the list grows while a corpus loads)."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = []
        self._index = {}
        stories = list(dict.fromkeys(a.story for a in articles))
        grouped = len(stories) > 1
        for story in stories:
            if grouped:
                members = [a for a in articles if a.story == story]
                options.append(Option(Content.styled(f"{story or '(top level)'} · {len(members)}", "bold $text-primary"),
                                      disabled=True))
            for a in articles:
                if a.story == story:
                    self._index[a.id] = len(options)
                    options.append(Option(article_prompt(a), id=a.id))
        self.set_options(options)
        if keep:
            self.follow(keep)

    def follow(self, doc_id: str) -> None:
        """Highlight `doc_id` without announcing it (another view already shows it)."""
        index = self._index.get(doc_id)
        if index is not None and index != self.highlighted:
            self._quiet = True
            self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._quiet:
            self._quiet = False
            return
        if event.option.id:
            self.post_message(ArticleChosen(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def action_open(self) -> None:
        self.screen.query_one("ArticleView").focus()
