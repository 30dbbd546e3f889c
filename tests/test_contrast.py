"""Every text on every screen reaches WCAG AA contrast (4.5:1) in every bundled theme and every
Textual theme drawn in true colour, at 80x24; and the check itself catches unreadable text."""

from __future__ import annotations

import pytest
from textual.theme import BUILTIN_THEMES

from tests.conftest import loaded
from tests.contrast import AA, failures, ratio
from tests.test_snapshots import SCREENS
from tui.app.app import ParallaxApp
from tui.app.themes import contrast, readable, with_contrast

BUNDLED = ["parallax-dark", "parallax-light", "parallax-high-contrast"]
# ANSI themes are drawn in the terminal's own palette, which no test can know.
THEMES = BUNDLED + sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_text_is_readable_in_every_theme(make_app, screen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for key in SCREENS[screen]:
            await pilot.press(key)
        await loaded(pilot)
        unreadable = {}
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            bad = failures(app)
            if bad:
                unreadable[theme] = [(r.text[:30], round(r.ratio, 2), r.fg, r.bg) for r in bad[:3]]
        assert unreadable == {}


class _Unreadable(ParallaxApp):
    """Place names drawn in the article pane's own background colour."""

    CSS = ParallaxApp.CSS + "ArticleView > .article-view--place { color: $surface; }"


@pytest.mark.parametrize("theme", ["parallax-dark", "parallax-light"])
async def test_the_check_catches_text_in_the_colour_of_its_ground(seed_articles, seed_cache_dir, theme):
    from tests.conftest import SEEDS

    app = _Unreadable(SEEDS, cache_dir=seed_cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.theme = theme
        await pilot.pause()
        await pilot.pause()
        bad = failures(app)
        assert {"Russia", "North Korea"} <= {r.text for r in bad}
        assert all(r.ratio < 1.5 for r in bad if r.text == "Russia")


def test_readable_moves_only_the_colours_that_fail():
    variables = {"background": "#ffffff", "surface": "#ffffff", "panel": "#f0f0f0", "panel-lighten-1": "#f8f8f8",
                 "foreground": "#111111", "text-primary": "#ffff00", "text-accent": "#0000aa"}
    fixed = readable(variables)
    assert fixed["foreground"] == "#111111" and fixed["text-accent"] == "#0000aa"   # already readable
    from textual.color import Color

    yellow = Color.parse(fixed["text-primary"])
    assert contrast(yellow, Color.parse("#ffffff")) >= AA and contrast(yellow, Color.parse("#f0f0f0")) >= AA
    assert yellow.r > yellow.b  # still a yellow-brown, not black


def test_the_two_contrast_formulas_agree():
    """The app's (tui.app.themes) and the test's (tests.contrast) WCAG ratios are written apart."""
    from textual.color import Color

    for a, b in [((0, 0, 0), (255, 255, 255)), ((38, 139, 210), (253, 246, 227)), ((119, 119, 119), (255, 255, 255))]:
        assert abs(contrast(Color(*a), Color(*b)) - ratio(a, b)) < 1e-9
    assert round(ratio((0, 0, 0), (255, 255, 255)), 2) == 21.0
    assert round(ratio((119, 119, 119), (255, 255, 255)), 2) == 4.48   # the WCAG example: #777 on white fails AA
    assert with_contrast(Color(119, 119, 119), [Color(255, 255, 255)]) != Color(119, 119, 119)
