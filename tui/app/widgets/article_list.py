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
    from ...analysis.copied import Copied
    from ...analysis.stories import Story
    from ...preprocess.manifest import Entry


def article_prompt(article: Article, copied: float | None = None) -> Content:
    """Two lines: outlet, date and the share of its body copied from another article of the
    story, then the headline. Both are untrusted text, never markup."""
    return _prompt(article.meta.outlet, article.meta.date, article.title, copied)


def shown_date(date: str | None) -> str:
    """An ISO 8601 date as the list shows it: "2024-07-11 09:30" (offset kept, "Z" as UTC)."""
    from ...preprocess.metadata import moment

    iso = moment(date) if date else None
    if iso is None:
        return date or ""
    return iso[:10] + (" " + iso[11:16] + (" UTC" if iso.endswith("Z") else iso[-6:] if iso[-6] in "+-" else "")
                       if len(iso) > 10 else "")


def _prompt(outlet: str | None, date: str | None, title: str, copied: float | None = None) -> Content:
    name = (outlet, "bold") if outlet else ("outlet not named", "italic")   # the row's own colour: readable highlighted
    when = shown_date(date)
    share = f" · {copied:.0%} copied" if copied is not None else ""
    # date and share in the row's own colour, as the outlet: a muted one is unreadable on the highlight
    return Content.assemble(name, "  " + when if when else "", share, "\n", title)


_HEADING = "/story/"   # the option id of a story's heading (a document id never starts with "/")


def story_heading(story: str, found: Story | None, count: int) -> Content:
    """"Gary Ross, Hunger Games: sequel · 11 · 2012-04-04 to 2012-04-07": name, size, dates."""
    name = found.name if found else (story or "(top level)")
    dates = " to ".join(dict.fromkeys(found.dates)) if found and found.dates else ""
    return Content.assemble((name, "bold $text-primary"), (f" · {count}", "$text-primary"),
                            (f" · {dates}" if dates else "", "$foreground-muted"))


def _when(source: Article | Entry) -> tuple[bool, str]:
    """Where an article comes in publication order: by its ISO date and time, undated last."""
    from ...preprocess.metadata import moment

    iso = moment(source.meta.date if isinstance(source, Article) else source.date)
    return iso is None, iso or ""


class ArticleList(OptionList):
    """Highlighting an article shows it; the list follows when another view changes article."""

    HELP = """\
## Articles

Every article of the corpus, grouped by story: outlet, date and headline.
Moving the highlight shows the article in the article pane.

- `↑` `↓`, `PgUp` `PgDn`, `Home` `End`: move through the list
- `Enter`: go to the article pane (on a story's heading: open or close the story)
- `o`: order each story's articles by publication time (earliest first), or as the corpus has them

Beside the date, *copied* is the share of the article's body that another article of the
story has word for word (runs of eight words or more): wire copy shows as a high figure.

In a corpus of a thousand articles or more, stories are listed closed (`▸`), with their
article count and dates; `Enter` on one opens it (`▾`). `g` goes to a story by its name.
"""
    BINDINGS = [Binding("enter", "open", "Read", id="articles.read"),
                Binding("o", "order", "Order", id="articles.order",
                        tooltip="order each story's articles by publication time, or as the corpus has them")]
    # Past this many articles a list of every one is too long to scroll and slow to lay out
    # (10,000 rows took 1.4 s): stories are listed closed, and opened one at a time.
    CLOSED_FROM = 1000

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._index: dict[str, int] = {}
        self._quiet = False
        self._rows: list[tuple[str, str, Article | Entry]] = []   # doc id, story, what its prompt says
        self._prompts: dict[str, Content] = {}   # made when a row is first listed open
        self._names: dict[str, Story] = {}
        self._row_story: dict[str, str] = {}
        self._unfolded: set[str] = set()
        self._folding = False          # stories listed closed (a long list); not `_closing`, which is Textual's
        self._copied: dict[str, float] = {}   # doc id -> share of its body another article of the story has
        self.by_date = False

    def set_articles(self, articles: Sequence[Article], stories: Sequence[Story] = (),
                     copied: dict[str, Copied] | None = None) -> None:
        """Fill the list, keeping the highlighted article (the list grows while a corpus loads).
        A story's heading gives its name (a story folder's, or the one found for a flat
        folder's group of articles), its article count and its date range; an article of a
        story of several, its `copied` share."""
        self._copied.update({doc: c.share for doc, c in (copied or {}).items()})
        self._fill([(a.id, a.story, a) for a in articles], stories)

    def set_rows(self, rows: Sequence[Entry], stories: Sequence[Story] = ()) -> None:
        """Fill the list from a corpus manifest's rows, before any article is read; the first
        story is listed open, as it is the one shown first."""
        self._fill([(e.id, e.story, e) for e in rows], stories, rows[0].story if rows else None)

    def _fill(self, items: list[tuple[str, str, Article | Entry]], stories: Sequence[Story],
              first: str | None = None) -> None:
        self._rows, self._names, self._prompts = items, {s.id: s for s in stories}, {}
        self._row_story = {doc_id: story for doc_id, story, _ in items}
        self._folding = len(items) >= self.CLOSED_FROM and len(set(self._row_story.values())) > 1
        if self._folding and first is not None:
            self._unfolded.add(first)
        self._rebuild()

    def _rebuild(self, highlight: str | None = None) -> None:
        keep = highlight or (self.highlighted_option.id if self.highlighted_option else None)
        options: list[Option] = []
        self._index = {}
        members: dict[str, list[tuple[str, Article | Entry]]] = {}
        for doc_id, story, source in self._rows:
            members.setdefault(story, []).append((doc_id, source))
        if self.by_date:
            for group in members.values():   # undated last; a date before the same date with a time
                group.sort(key=lambda d: _when(d[1]))
        grouped = len(members) > 1
        for story, group in members.items():
            shut = self._folding and story not in self._unfolded
            if grouped:
                heading = story_heading(story, self._names.get(story), len(group))
                if self._folding:
                    heading = Content.assemble(("▸ " if shut else "▾ ", "$text-primary"), heading)
                self._index[_HEADING + story] = len(options)
                options.append(Option(heading, id=_HEADING + story if self._folding else None,
                                      disabled=not self._folding))
            if shut:
                continue
            for doc_id, source in group:
                self._index[doc_id] = len(options)
                options.append(Option(self._prompt_of(doc_id, source), id=doc_id))
        self.set_options(options)
        if keep and keep in self._index:
            self._quiet = True
            self.highlighted = self._index[keep]

    def _prompt_of(self, doc_id: str, source: Article | Entry) -> Content:
        prompt = self._prompts.get(doc_id)
        if prompt is None:
            if isinstance(source, Article):
                prompt = article_prompt(source, self._copied.get(doc_id))
            else:
                prompt = _prompt(source.outlet, source.date, source.headline or source.id, self._copied.get(doc_id))
            self._prompts[doc_id] = prompt
        return prompt

    def set_copied(self, copied: dict[str, Copied]) -> None:
        """The copied shares of a story read after the list was filled (a corpus read a story at a time)."""
        shares = {doc: c.share for doc, c in copied.items()}
        if shares and any(self._copied.get(d) != v for d, v in shares.items()):
            self._copied.update(shares)
            for doc in shares:
                self._prompts.pop(doc, None)
            self._rebuild()

    def action_order(self) -> None:
        self.by_date = not self.by_date
        self._rebuild()
        self.notify("Each story's articles by publication time, earliest first" if self.by_date
                    else "Articles in the corpus's order", timeout=3)

    def toggle(self, story: str) -> None:
        """Open a closed story of a long list, or close an open one."""
        self._unfolded.symmetric_difference_update({story})
        self._rebuild(_HEADING + story)

    def follow(self, doc_id: str) -> None:
        """Highlight `doc_id` without announcing it (another view already shows it), opening
        its story if it is closed."""
        story = self._row_story.get(doc_id)
        if doc_id not in self._index and story is not None and self._folding:
            self._unfolded.add(story)
            self._rebuild()
        index = self._index.get(doc_id)
        if index is not None and index != self.highlighted:
            self._quiet = True
            self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._quiet:
            self._quiet = False
            return
        if event.option.id and not event.option.id.startswith(_HEADING):
            self.post_message(ArticleChosen(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()   # Enter on an option (OptionList binds it before this class can)
        self.action_open()

    def action_open(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id and option.id.startswith(_HEADING):
            self.toggle(option.id[len(_HEADING):])
            return
        self.screen.query_one("ArticleView").focus()

    def first_of(self, story: str) -> str | None:
        """The first article of `story` in the list."""
        return next((doc_id for doc_id, s, _ in self._rows if s == story), None)
