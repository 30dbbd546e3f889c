"""`?` / F1: help for the pane that has focus, and the keys active there."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static


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
        where = f"`{b.id}`" if b.id else "Textual's own, not remapped"
        keys.append(f"| `{screen.app.get_key_display(b)}` | {b.description} | {where} |")
    if keys:
        parts.append("## Keys here\n\n| key | does | id (for remapping) |\n|---|---|---|\n" + "\n".join(keys))
    config = getattr(getattr(screen.app, "config", None), "path", None)
    parts.append(f"Remap keys in `{config or 'config.yaml'}`: `keys: {{binding id: key}}`, for example "
                 "`keys: {entity.next: j}`. `Ctrl+P` lists every command.")
    return "\n\n".join(parts)


_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*")


def _inline(text: str) -> Content:
    """`code`, **bold** and *italic* of one line of help, in the theme's colours."""
    parts: list[Content | tuple[str, str] | str] = []
    at = 0
    for m in _INLINE.finditer(text):
        parts.append(text[at : m.start()])
        code, bold, italic = m.groups()
        parts.append((code, "bold $text-accent") if code else (bold, "bold") if bold else (italic, "italic"))
        at = m.end()
    parts.append(text[at:])
    return Content.assemble(*parts)


def render(text: str) -> Content:
    """The help's small Markdown (headings, paragraphs, bullets, tables, inline code) as Content:
    drawn at once, in the colours of the theme, where a Markdown widget took half a second."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            blocks.append([])
        elif (blocks and blocks[-1] and not stripped.startswith(("- ", "#", "|"))
              and not blocks[-1][-1].startswith(("#", "|"))):
            blocks[-1][-1] += " " + stripped   # a wrapped line of a paragraph or a bullet
        else:
            if not blocks:
                blocks.append([])
            blocks[-1].append(stripped)
    out: list[Content] = []
    for block in (b for b in blocks if b):
        if block[0].startswith("|"):
            rows = [[c.strip() for c in r.strip("|").split("|")] for r in block if not set(r) <= set("|-: ")]
            widths = [max(len(_inline(r[i]).plain) for r in rows if i < len(r)) for i in range(len(rows[0]))]
            for n, row in enumerate(rows):
                cells = [_inline(c).pad_right(w - len(_inline(c).plain)) for c, w in zip(row, widths)]
                line = Content("  ").join(cells)
                out.append(line.stylize("bold") if n == 0 else line)
        else:
            for line in block:
                if line.startswith("#"):
                    out.append(Content.styled(line.lstrip("# "), "bold $text-primary"))
                elif line.startswith("- "):
                    out.append(Content.assemble("• ", _inline(line[2:])))
                else:
                    out.append(_inline(line))
        out.append(Content(""))
    return Content("\n").join(out[:-1])


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
            yield Static(render(self.text), id="help-text")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
