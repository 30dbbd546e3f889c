"""What every full-screen view shares: header, compact footer, Esc or q to go back."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList

R = TypeVar("R")


class ViewScreen(Screen[R]):
    BINDINGS = [Binding("escape,q", "back", "Back", id="view.back")]

    def compose_frame(self) -> ComposeResult:
        yield Header(icon="≡")

    def compose_footer(self) -> ComposeResult:
        yield Footer(compact=True)

    def action_back(self) -> None:
        self.dismiss(None)


class FilterScreen(ViewScreen[R]):
    """A view of a text box over a list (search, pickers): `↓` or `↑` in the box moves into the list."""

    def on_key(self, event: events.Key) -> None:
        found = self.query_one(OptionList)
        if self.query_one(Input).has_focus and event.key in ("down", "up") and found.option_count:
            event.stop()
            found.focus()
