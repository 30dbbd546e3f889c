"""Reading a rendered screen's colours: every run of text with the colour it is drawn in and the
colour behind it, and their WCAG contrast ratio.

The screen is rendered the way `App.export_screenshot` does (the compositor's full update, in
true colour), and each segment's style resolved as a terminal would draw it: reverse swaps the
two colours, dim draws the text halfway to the background. Only segments with a letter or a
digit count as text; rules, borders, scroll bars and the cursor bar are graphics.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich.cells import cell_len
from rich.color import Color
from rich.console import Console
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from textual.screen import ModalScreen

AA = 4.5   # WCAG 2 AA for body text


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Run:
    text: str
    fg: tuple[int, int, int]
    bg: tuple[int, int, int]
    ratio: float
    line: int


def _rgb(color: Color | None, foreground: bool) -> tuple[int, int, int]:
    if color is None:
        t = DEFAULT_TERMINAL_THEME.foreground_color if foreground else DEFAULT_TERMINAL_THEME.background_color
        return t.red, t.green, t.blue
    t = color.get_truecolor(DEFAULT_TERMINAL_THEME, foreground=foreground)
    return t.red, t.green, t.blue


def text_runs(app) -> list[Run]:  # noqa: ANN001
    """Every run of text on `app`'s screen, with its colours as drawn. On a modal screen only
    the dialog counts: what shows through around it is the screen below, dimmed on purpose."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    area = app.screen.children[0].region if isinstance(app.screen, ModalScreen) else app.screen.region
    runs, line, x = [], 0, 0
    for segment in console._record_buffer:
        text, style = segment.text, segment.style
        if segment.control:  # cursor moves: no cells
            continue
        if "\n" in text:
            line, x = line + text.count("\n"), 0
            continue
        at, x = x, x + cell_len(text)
        if not style or not any(c.isalnum() for c in text) or not area.contains(at, line):
            continue
        fg, bg = _rgb(style.color, True), _rgb(style.bgcolor, False)
        if style.reverse:
            fg, bg = bg, fg
        if style.dim:
            fg = tuple((f + b) // 2 for f, b in zip(fg, bg))
        runs.append(Run(text.strip(), fg, bg, ratio(fg, bg), line))
    return runs


def failures(app, minimum: float = AA) -> list[Run]:  # noqa: ANN001
    return [r for r in text_runs(app) if r.ratio < minimum]
