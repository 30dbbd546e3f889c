"""Themes from YAML files: the bundled `themes/` folder, then the user's `themes/` folder.

A theme file holds the fields of `textual.theme.Theme` (name, primary, background, ...). A file
that is not valid YAML, lacks a field or names a colour Textual cannot parse is skipped with a
notice; the app never fails to start over a theme.

Whatever the theme, text stays readable: `readable` moves each text colour of the theme's
variables towards black or white until it reaches WCAG AA contrast (4.5:1) against the grounds
it is drawn on, so a theme whose accent is too pale for its background (many light themes'
are) still shows every name and key. Colours that already pass are left exactly as they are.
Secondary text (counts, dates, attributions) is `$foreground-muted`, which this makes solid and
readable too: Textual's `$text-muted` is an automatic colour that Rich draws at full strength in
styled text, and `dim` leaves the contrast to the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml
from textual.color import Color, ColorParseError
from textual.theme import Theme

from .. import safe_yaml
from ..untrusted import shown

_FIELDS = {f.name for f in fields(Theme)}
_COLOURS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground", "background",
            "surface", "panel", "boost")


class ThemeError(Exception):
    pass


@dataclass(slots=True)
class LoadedThemes:
    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


_NAME = re.compile(r"[\w][\w .+-]{0,63}")   # a theme's name: what `theme:` in the config and the picker show
_TYPES = {"dark": (bool,), "luminosity_spread": (int, float), "text_alpha": (int, float)}
_ALPHA = re.compile(r"\s+\d{1,3}%$")          # "ansi_default 50%": a colour at an opacity


def theme_from_file(path: Path) -> Theme:
    """Read one theme file. Raises `ThemeError` saying what is wrong with it, and on which line.

    Everything is checked here, so that a theme that loads can be chosen: each colour parses,
    each variable is a colour or (for a `...-style` variable) a text style, each field has its
    type, and the name is plain text (letters, digits, spaces, `.`, `+`, `-`, `_`)."""
    try:
        text = safe_yaml.read_bounded(path).decode("utf-8")   # read once, within the bound: the YAML and its lines
        data = safe_yaml.load(text)
    except yaml.YAMLError as exc:
        raise ThemeError(safe_yaml.problem(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeError(f"unreadable ({type(exc).__name__})") from None

    def at(key: str) -> str:
        found = re.search(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:", text, re.MULTILINE)
        return f" (line {text.count(chr(10), 0, found.start()) + 1})" if found else ""

    if not isinstance(data, dict):
        raise ThemeError("expected a mapping of theme fields")
    unknown = sorted(shown(k) for k in set(data) - _FIELDS)
    if unknown:
        raise ThemeError(f"unknown field(s): {', '.join(unknown)}{at(unknown[0])}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError("needs a 'name'")
    if not _NAME.fullmatch(name):
        raise ThemeError(f"the name '{shown(name)}' should be letters, digits, spaces, '.', '+', '-' or '_'{at('name')}")
    if not isinstance(data.get("primary"), str):
        raise ThemeError("needs a 'primary' colour")
    for key, types in _TYPES.items():
        if key in data and (not isinstance(data[key], types) or (bool not in types and isinstance(data[key], bool))):
            raise ThemeError(f"'{key}' should be {'true or false' if bool in types else 'a number'}{at(key)}")
    for key in _COLOURS:
        if data.get(key) is not None and not _is_colour(data[key]):
            raise ThemeError(f"'{key}' is not a colour: '{shown(data[key])}'{at(key)}")
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        raise ThemeError(f"'variables' should be a mapping{at('variables')}")
    for key, value in variables.items():
        key = str(key)
        if not re.fullmatch(r"[a-z][a-z0-9-]*", key):
            raise ThemeError(f"variable '{shown(key)}' should be lower-case letters, digits and '-'{at(key)}")
        if not (isinstance(value, str) and (_is_style(value) if "-style" in key else _is_colour(value))):
            what = "a text style (bold, italic, underline, reverse, none, ...)" if "-style" in key else "a colour"
            raise ThemeError(f"variable '{key}' should be {what}, not '{shown(value)}'{at(key)}")
    data["variables"] = {str(k): str(v) for k, v in variables.items()}
    try:
        return Theme(**data)
    except (TypeError, ValueError) as exc:
        raise ThemeError(shown(exc)) from None


def _is_colour(value: object) -> bool:
    if not isinstance(value, str):
        return False
    if re.fullmatch(r"\$[a-z][a-z0-9-]*", value.strip()):   # another variable
        return True
    try:
        Color.parse(_ALPHA.sub("", value.strip()))
    except ColorParseError:
        return False
    return True


def _is_style(value: str) -> bool:
    from rich.errors import StyleSyntaxError
    from rich.style import Style

    try:
        Style.parse(value)
    except StyleSyntaxError:
        return False
    return True


def load_themes(*folders: Path) -> LoadedThemes:
    """Every theme in `folders`, in order; a later file with the same name wins."""
    out = LoadedThemes()
    by_name: dict[str, Theme] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
            try:
                theme = theme_from_file(path)
            except ThemeError as exc:
                out.problems.append(f"theme file {shown(path.name)} skipped: {exc}")
                continue
            by_name[theme.name] = theme
    out.themes = list(by_name.values())
    return out


AA = 4.5   # WCAG 2 AA contrast for body text
# The theme variables that colour text, each with the variables of the grounds it is drawn on.
# Text in panes is drawn on the panes, on a focused list's highlighted row ($panel-lighten-1),
# and on the blurred cursor row laid over a pane.
_PANES = ("background", "surface", "panel", "panel-lighten-1")
_OVER_PANES = ("block-cursor-blurred-background",)
TEXT_ON = {
    **{name: _PANES for name in ("foreground", "text-primary", "text-secondary", "text-accent", "text-warning",
                                 "text-error", "text-success", "foreground-muted")},
    **{f"markdown-h{n}-color": _PANES for n in range(1, 7)},
    "footer-key-foreground": ("footer-background",),
    "footer-description-foreground": ("footer-background",),
    "footer-foreground": ("footer-background",),
    "block-cursor-foreground": ("block-cursor-background",),
    "block-cursor-blurred-foreground": ("block-cursor-blurred-background",),
    "input-selection-foreground": ("input-selection-background",),
}
# Grounds whose text colour is automatic (black or white, whichever reads better): where even
# that is not enough, the ground itself moves away from the text.
AUTO_TEXT_ON = {"block-cursor-background": "block-cursor-foreground"}


def _luminance(c: Color) -> float:
    def linear(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two solid colours, from 1 to 21."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# Widgets lay light tints over a pane (a hovered or highlighted row, $boost): text must stay
# readable on the pane with up to this share of the text's own colour laid over it.
TINT = 0.08


def with_contrast(colour: Color, grounds: list[Color], minimum: float = AA) -> Color:
    """`colour`, or the nearest mix of it with black or white (whichever the grounds are further
    from) that reaches `minimum` against every ground, tinted by up to `TINT` of the text."""
    def worst(c: Color) -> float:
        return min(contrast(c, g.blend(c, tint)) for g in grounds for tint in (0, TINT))

    if not grounds or worst(colour) >= minimum:
        return colour
    dark = sum(_luminance(g) for g in grounds) / len(grounds) < 0.18
    target = Color(255, 255, 255) if dark else Color(0, 0, 0)
    for step in range(1, 21):
        mixed = colour.blend(target, step / 20)
        if worst(mixed) >= minimum:
            return mixed
    return target


def _solid(value: str | None, under: Color | None = None) -> Color | None:
    """A theme variable as a solid colour, or None where it is not one a theme can fix: ANSI
    colours (the terminal's own), automatic ones (Textual picks black or white by the ground)."""
    colour = _parse(value)
    if colour is None or colour.ansi is not None or colour.auto:
        return None
    if colour.a < 1:
        return (under + colour) if under is not None else None
    return colour


def readable(variables: dict[str, str], minimum: float = AA) -> dict[str, str]:
    """The theme's CSS variables with every text colour in `TEXT_ON` raised to `minimum`
    contrast against its grounds, and every ground in `AUTO_TEXT_ON` moved until its automatic
    text reaches it; everything else, and every colour that passes, unchanged."""
    base = _solid(variables.get("background"))
    if base is None:
        return variables  # an ANSI theme: the terminal's palette decides
    out = dict(variables)
    panes = [p for p in (_solid(variables.get(n), base) for n in _PANES) if p is not None]
    overlays = [o for n in _OVER_PANES if (o := _parse(variables.get(n))) is not None and o.ansi is None]
    for name, ground_names in TEXT_ON.items():
        colour = _solid(out.get(name), base)
        if ground_names == _PANES:
            # plain text also sits on the blurred cursor row; coloured and quieter text keep their hue
            grounds = panes + ([p + o for p in panes for o in overlays] if name == "foreground" else [])
        else:
            grounds = [g for g in (_solid(variables.get(n), base) for n in ground_names) if g is not None]
        if colour is None or not grounds:
            continue
        fixed = with_contrast(colour, grounds, minimum)
        if fixed != colour:
            out[name] = fixed.hex
        if len(ground_names) == 1 and min(contrast(fixed, g) for g in grounds) < minimum:
            # a mid-tone ground that no text colour reads on: the ground moves away from the text
            ground = with_contrast(grounds[0], [fixed], minimum)
            out[ground_names[0]] = ground.hex
    for ground_name, text_name in AUTO_TEXT_ON.items():
        ground, text = _solid(variables.get(ground_name), base), _parse(variables.get(text_name))
        if ground is None or text is None or not text.auto:
            continue
        fixed = _ground_for_auto_text(ground, text.a, minimum)
        if fixed != ground:
            out[ground_name] = fixed.hex
    return out


def _ground_for_auto_text(ground: Color, alpha: float, minimum: float) -> Color:
    """`ground`, or the nearest mix of it with black or white that its automatic text (black or
    white at `alpha`, laid over it) reaches `minimum` against."""
    def drawn(g: Color) -> float:
        return contrast(g + g.get_contrast_text(alpha), g)

    if drawn(ground) >= minimum:
        return ground
    away = Color(0, 0, 0) if ground.get_contrast_text(1.0).brightness > 0.5 else Color(255, 255, 255)
    for step in range(1, 21):
        mixed = ground.blend(away, step / 20)
        if drawn(mixed) >= minimum:
            return mixed
    return away


def _parse(value: str | None) -> Color | None:
    """A theme variable as a colour: a colour Textual parses, or "auto" / "auto 87%"."""
    if not value:
        return None
    words = value.split()
    if words[0] == "auto" and len(words) <= 2:
        try:
            return Color.automatic(float(words[1].rstrip("%")) if len(words) == 2 else 100.0)
        except ValueError:
            return None
    try:
        return Color.parse(value)
    except ColorParseError:
        return None


# Terminals that show 16 colours or fewer, by $TERM: theme colours would be squeezed into the
# nearest of those (the default theme's grey ground, places and groups in one colour), so the
# app takes an ANSI theme there, drawn in the terminal's own palette.
_FEW_COLOUR_TERMS = re.compile(r"(?:xterm|screen|tmux|rxvt|vt\d+|linux|ansi|cons\d+|putty|cygwin|sun|wsvt\d+)"
                               r"(?:-(?:16|8)colou?r|-color|-mono|-r6|-m)?", re.IGNORECASE)


def few_colours(environ: Mapping[str, str]) -> bool:
    """Whether the terminal `environ` describes shows 16 colours or fewer. An unknown or missing
    $TERM says nothing, so it is not taken as few."""
    if environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return False
    term = environ.get("TERM", "")
    return bool(term) and bool(_FEW_COLOUR_TERMS.fullmatch(term))


def ansi_theme(environ: Mapping[str, str]) -> str:
    """The ANSI theme for the terminal's background: light where $COLORFGBG says the background
    is white or light grey (colours 7 and 15), else dark."""
    background = environ.get("COLORFGBG", "").split(";")[-1]
    return "ansi-light" if background in ("7", "15") else "ansi-dark"
