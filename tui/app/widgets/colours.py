"""Component colours as a terminal can draw them.

A widget that paints its own lines (`render_line`) takes its component classes' styles as Rich
styles, and Rich knows neither Textual's automatic colours (`$text`, `$text-muted`: "auto 60%",
black or white by the background) nor transparency (`$boost` is white at 4%). Left as they are,
such a colour comes out as plain black or white whatever the theme, which hides the text. Here
each colour is worked out against the widget's own background: a translucent background is laid
over it, an automatic text colour becomes the contrasting text colour of that ground, and a
translucent text colour is blended over it.
"""

from __future__ import annotations

from rich.style import Style
from textual.color import Color
from textual.widget import Widget


def solid_component_style(widget: Widget, component: str) -> Style:
    """The partial Rich style of `widget`'s `component` class, with its colours made solid."""
    style = widget.get_component_rich_style(component, partial=True)
    styles = widget.get_component_styles(component)
    ground = widget.background_colors[1]
    if ground.ansi is not None:
        return style  # the terminal's own colours (ANSI themes)
    solid = Style()
    if styles.has_rule("background") and _translucent(styles.background):
        ground = ground + styles.background
        solid += Style(bgcolor=ground.rich_color)
    if styles.has_rule("color") and (_translucent(styles.color) or styles.color.auto):
        colour = ground.get_contrast_text(styles.color.a) if styles.color.auto else styles.color
        solid += Style(color=(ground + colour).rich_color)
    return style + solid


def _translucent(colour: Color) -> bool:
    return colour.ansi is None and colour.a < 1
