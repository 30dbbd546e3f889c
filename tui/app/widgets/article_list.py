"""The article list: every article, grouped by story, with outlet, date and headline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Article
from ..messages import ArticleChosen

if TYPE_CHECKING:
    from ...analysis.stories import Story
    from ...preprocess.manifest import Entry


def article_prompt(article: Article) -> Content:
    """Two lines: outlet and date, then the headline. Both are untrusted text, never markup."""
    return _prompt(article.outlet, article.meta.date, article.title)


def _prompt(outlet: str, date: str | None, title: str) -> Content:
    return Content.assemble((outlet, "bold"), ("  " + date if date else "", "$foreground-muted"), "\n", title)


def story_heading(story: str, found: Story | None, count: int) -> Content:
    """"Gary Ross, Hunger Games: sequel · 11 · 2012-04-04 to 2012-04-07": name, size, dates."""
    name = found.name if found else (story or "(top level)")
    dates = " to ".join(dict.fromkeys(found.dates)) if found and found.dates else ""
    return Content.assemble((name, "bold $text-primary"), (f" · {count}", "$text-primary"),
                            (f" · {dates}" if dates else "", "$foreground-muted"))


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

    def set_articles(self, articles: Sequence[Article], stories: Sequence[Story] = ()) -> None:
        """Fill the list, keeping the highlighted article (the list grows while a corpus loads).
        A story's heading gives its name (a story folder's, or the one found for a flat
        folder's group of articles), its article count and its date range."""
        self._fill([(a.id, a.story, article_prompt(a)) for a in articles], stories)

    def set_rows(self, rows: Sequence[Entry], stories: Sequence[Story] = ()) -> None:
        """Fill the list from a corpus manifest's rows, before any article is read."""
        self._fill([(e.id, e.story, _prompt(e.outlet or e.id, e.date, e.headline or e.id)) for e in rows], stories)

    def _fill(self, items: list[tuple[str, str, Content]], stories: Sequence[Story]) -> None:
        keep = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = []
        self._index = {}
        named = {s.id: s for s in stories}
        members: dict[str, list[tuple[str, Content]]] = {}
        for doc_id, story, prompt in items:
            members.setdefault(story, []).append((doc_id, prompt))
        grouped = len(members) > 1
        for story, group in members.items():
            if grouped:
                options.append(Option(story_heading(story, named.get(story), len(group)), disabled=True))
            for doc_id, prompt in group:
                self._index[doc_id] = len(options)
                options.append(Option(prompt, id=doc_id))
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
