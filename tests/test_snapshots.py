"""Snapshot tests of every screen at 80x24 and 160x48 (pytest-textual-snapshot).

After a deliberate change to the look, review the new pictures and accept them with
`pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.conftest import loaded

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


@pytest.fixture(autouse=True)
def _one_config_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same (empty) config folder in every run: the help screen names its path."""
    folder = Path(tempfile.gettempdir()) / "parallax-snapshot-config"
    folder.mkdir(exist_ok=True)
    for stale in folder.iterdir():   # a folder of nothing but what the test writes
        if stale.is_file():
            stale.unlink()
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(folder))
SCREENS = {
    "main": [],
    "entity": ["3", *"Yoon Suk Yeol", "enter", "n"],
    "diff": ["slash", *"strongly condemn the DPRK", "enter", "d"],
    "compare": ["c", "down", "down", "enter"],
    "coverage": ["m"],
    "concordance": ["3", *"Kishida", "enter", "e"],
    "search": ["slash", *"fueling russia"],
    "quotes": ["slash", *"are fuelling Russia", "enter", "w"],
    "help": ["2", "f1"],
    "facts": ["slash", *"strongly condemn the DPRK", "enter", "f"],
    "wording": ["2", "v", "down", "down", "down"],
}


def _ready(theme: str | None = None):
    async def run_before(pilot) -> None:  # noqa: ANN001
        if theme:
            pilot.app.theme = theme
        await loaded(pilot)
        for field in pilot.app.query(Input):
            field.cursor_blink = False
    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, make_app, screen, size):
    keys = SCREENS[screen]
    assert snap_compare(make_app(), press=keys, terminal_size=size, run_before=_ready())


@pytest.mark.parametrize(("screen", "theme"), [
    *((screen, theme) for screen in ("entity", "diff")
      for theme in ("ansi-dark", "ansi-light", "parallax-light", "parallax-high-contrast")),
    ("facts", "ansi-light"), ("facts", "parallax-light"),   # its marks take theme colours: ANSI names and a light ground
])
def test_themes(snap_compare, make_app, screen, theme):
    assert snap_compare(make_app(), press=SCREENS[screen], terminal_size=(80, 24), run_before=_ready(theme))


@pytest.mark.parametrize("term", ["xterm-16color", "screen"])
def test_a_sixteen_colour_terminal_starts_in_an_ansi_theme(snap_compare, make_app, monkeypatch, term):
    monkeypatch.setenv("TERM", term)
    monkeypatch.delenv("COLORTERM")
    app = make_app()
    assert app.theme == "ansi-dark"
    assert snap_compare(app, press=SCREENS["entity"], terminal_size=(80, 24), run_before=_ready())
