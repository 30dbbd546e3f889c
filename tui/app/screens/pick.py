"""Choose one of a list, narrowed by typing: the target of a merge, a form to split off, a
quotation's speaker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from .base import FilterScreen

MIN_SCORE = 80     # rapidfuzz's partial ratio, as the stories list: part of a name, a slip in five letters


@dataclass(frozen=True)
class Choice:
    key: str            # what the screen returns
    prompt: Content     # how the list shows it
    text: str           # what typing matches


class PickScreen(FilterScreen[str | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Choose

Type part of a name to narrow the list (small typos still match).

- `↓` / `↑`: move through the list; `Enter`: choose
- `Esc`: back, changing nothing
"""

    SHOWN = 200   # choices listed at a time: typing narrows a list of thousands

    def __init__(self, title: str, question: Content | None, choices: Sequence[Choice], placeholder: str = "filter…",
                 noun: str = "") -> None:
        super().__init__()
        self.heading = title
        self.question = question
        self.choices = list(choices)
        self.placeholder = placeholder
        self.noun = noun   # what the sub-title counts ("stories"); nothing for "3 of 12"
        self._shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        if self.question is not None:
            yield Static(self.question, classes="heading")
        yield Input(placeholder=self.placeholder, id="pick-input")
        yield OptionList(id="pick-list")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = self.heading
        self._show(self.choices)
        self.query_one(Input).focus()

    def _show(self, choices: Sequence[Choice]) -> None:
        self._shown = list(choices[: self.SHOWN])
        found = self.query_one(OptionList)
        found.set_options([Option(c.prompt) for c in self._shown]
                          or [Option(Content.styled("Nothing matches; Backspace to widen, Esc to go back.", "italic"),
                                     disabled=True)])
        if self._shown:
            found.highlighted = 0
        more = f", {self.SHOWN} shown" if len(choices) > self.SHOWN else ""
        self.sub_title = f"{len(choices)} of {len(self.choices)}{f' {self.noun}' if self.noun else ''}{more}"

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if not query:
            self._show(self.choices)
            return
        hits = process.extract(query, [c.text for c in self.choices], scorer=fuzz.partial_ratio,
                               processor=str.casefold, limit=None, score_cutoff=MIN_SCORE)
        self._show([self.choices[i] for _, _, i in sorted(hits, key=lambda h: (-h[1], h[2]))])

    @on(Input.Submitted)
    def _submit(self) -> None:
        found = self.query_one(OptionList)
        if found.highlighted is not None and self._shown:
            self.dismiss(self._shown[found.highlighted].key)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self._shown):
            self.dismiss(self._shown[event.option_index].key)
