"""Themes from YAML files: the bundled `themes/` folder, then the user's `themes/` folder.

A theme file holds the fields of `textual.theme.Theme` (name, primary, background, ...). A file
that is not valid YAML, lacks a field or names a colour Textual cannot parse is skipped with a
notice; the app never fails to start over a theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml
from textual.color import Color, ColorParseError
from textual.theme import Theme

from .. import safe_yaml

_FIELDS = {f.name for f in fields(Theme)}
_COLOURS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground", "background",
            "surface", "panel", "boost")


class ThemeError(Exception):
    pass


@dataclass(slots=True)
class LoadedThemes:
    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def theme_from_file(path: Path) -> Theme:
    """Read one theme file. Raises `ThemeError` saying what is wrong with it."""
    try:
        data = safe_yaml.load_file(path)
    except safe_yaml.Refused as exc:
        raise ThemeError(f"refused: {exc}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ThemeError(f"unreadable ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise ThemeError("expected a mapping of theme fields")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise ThemeError(f"unknown field(s): {', '.join(map(str, unknown))}")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        raise ThemeError("needs a 'name'")
    if not isinstance(data.get("primary"), str):
        raise ThemeError("needs a 'primary' colour")
    for key in _COLOURS:
        if data.get(key) is not None:
            try:
                Color.parse(str(data[key]))
            except ColorParseError:
                raise ThemeError(f"'{key}' is not a colour: {data[key]!r}") from None
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        raise ThemeError("'variables' should be a mapping")
    data["variables"] = {str(k): str(v) for k, v in variables.items()}
    try:
        return Theme(**data)
    except (TypeError, ValueError) as exc:
        raise ThemeError(str(exc)) from None


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
                out.problems.append(f"theme file {path.name} skipped: {exc}")
                continue
            by_name[theme.name] = theme
    out.themes = list(by_name.values())
    return out
