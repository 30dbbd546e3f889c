"""`?` / F1: help for the pane that has focus, and the keys active there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Markdown


def help_for(screen: Screen, focused: Widget | None) -> str:
    """The focused pane's help (or the nearest ancestor's), then the screen's, then its keys."""
    parts = []
    node = focused
    while node is not None and node is not screen:
        text = getattr(type(node), "HELP", None)
        if text:
            parts.append(text)
            break
        node = node.parent  # type: ignore[assignment]
    screen_help = getattr(type(screen), "HELP", None)
    if screen_help and screen_help not in parts:
        parts.append(screen_help)
    keys = []
    seen = set()
    for key, active in screen.active_bindings.items():
        b = active.binding
        if not active.enabled or not b.description or (b.id or key) in seen:
            continue
        seen.add(b.id or key)
        keys.append(f"| `{screen.app.get_key_display(b)}` | {b.description} | `{b.id or ''}` |")
    if keys:
        parts.append("## Keys here\n\n| key | does | id (for remapping) |\n|---|---|---|\n" + "\n".join(keys))
    parts.append("Remap keys in `config.yaml` of the config folder: `keys: {binding id: key}`. "
                 "`Ctrl+P` lists every command.")
    return "\n\n".join(parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%; border: round $primary;
                                  background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, screen: Screen, focused: Widget | None) -> None:
        super().__init__()
        self.text = help_for(screen, focused)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.text)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
