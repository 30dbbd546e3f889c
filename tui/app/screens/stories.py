"""`g`: go to a story by its name; Enter opens its first article."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ...analysis.stories import Story
from ..widgets.article_list import story_heading
from .base import ViewScreen

SHOWN = 200        # stories listed at a time: a filter narrows a corpus of thousands
MIN_SCORE = 80     # rapidfuzz's partial ratio: part of a name, with a slip in five letters


class StoriesScreen(ViewScreen[str | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Go to a story

Every story of the corpus, largest first, with its article count and dates. Type part of a
story's name (or its folder's) to narrow the list; small typos still match.

- `↓` / `↑`: move through the stories; `Enter`: open the story's first article
- `Esc`: back
"""

    def __init__(self, stories: Sequence[Story]) -> None:
        super().__init__()
        self.stories = sorted(stories, key=lambda s: -len(s.docs))

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Input(placeholder="a story's name…", id="stories-input")
        yield OptionList(id="stories-list")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Stories"
        self._show(self.stories)
        self.query_one(Input).focus()

    def _show(self, stories: Sequence[Story]) -> None:
        self._shown = list(stories[:SHOWN])
        found = self.query_one(OptionList)
        found.set_options([Option(story_heading(s.id, s, len(s.docs)), id=str(i)) for i, s in enumerate(self._shown)])
        if self._shown:
            found.highlighted = 0
        more = f", {SHOWN} shown" if len(stories) > SHOWN else ""
        self.sub_title = f"{len(stories)} of {len(self.stories)} stories{more}"

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if not query:
            self._show(self.stories)
            return
        names = [f"{s.name} {s.id}" for s in self.stories]
        hits = process.extract(query, names, scorer=fuzz.partial_ratio, processor=str.casefold, limit=None,
                               score_cutoff=MIN_SCORE)
        self._show([self.stories[i] for _, _, i in sorted(hits, key=lambda h: (-h[1], h[2]))])

    @on(Input.Submitted)
    def _submit(self) -> None:
        found = self.query_one(OptionList)
        if found.highlighted is not None and self._shown:
            self.dismiss(self._shown[found.highlighted].id)

    def on_key(self, event) -> None:  # noqa: ANN001
        found = self.query_one(OptionList)
        if self.query_one(Input).has_focus and event.key in ("down", "up") and found.option_count:
            event.stop()
            found.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index].id)
