"""What every full-screen view shares: header, compact footer, Esc or q to go back."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

R = TypeVar("R")


class ViewScreen(Screen[R]):
    BINDINGS = [Binding("escape,q", "back", "Back", id="view.back")]

    def compose_frame(self) -> ComposeResult:
        yield Header(icon="≡")

    def compose_footer(self) -> ComposeResult:
        yield Footer(compact=True)

    def action_back(self) -> None:
        self.dismiss(None)
