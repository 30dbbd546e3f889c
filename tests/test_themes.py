"""Theme files and the config file: good ones load, bad ones are reported, never fatal."""

from pathlib import Path

import pytest
from textual.theme import Theme

from tests.conftest import loaded
from tui.app.config import Config
from tui.app.themes import ThemeError, load_themes, theme_from_file
from tui.app.widgets.article_view import ArticleView
from tui.paths import bundled_themes


def test_bundled_themes_are_dark_light_and_high_contrast():
    loaded = load_themes(bundled_themes())
    assert not loaded.problems
    names = {t.name: t for t in loaded.themes}
    assert {"parallax-dark", "parallax-light", "parallax-high-contrast"} <= set(names)
    assert names["parallax-dark"].dark and not names["parallax-light"].dark
    assert all(isinstance(t, Theme) for t in loaded.themes)


@pytest.mark.parametrize("body, why", [
    ("name: x\nprimary: [1, 2\n", "not valid YAML at line 3"),
    ("- just\n- a list\n", "mapping"),
    ("primary: '#fff'\n", "name"),
    ("name: x\n", "primary"),
    ("name: x\nprimary: nonsense\n", "not a colour"),
    ("name: x\nprimary: '#fff'\nsparkle: yes\n", "unknown field"),
    ("name: x\nprimary: '#fff'\nvariables: [1]\n", "variables"),
])
def test_broken_theme_files_say_what_is_wrong(tmp_path: Path, body, why):
    path = tmp_path / "t.yaml"
    path.write_text(body)
    with pytest.raises(ThemeError, match=why):
        theme_from_file(path)
    loaded = load_themes(tmp_path)
    assert not loaded.themes and why in loaded.problems[0]


def test_user_theme_overrides_a_bundled_one_of_the_same_name(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text("name: parallax-dark\nprimary: '#123456'\n")
    themes = {t.name: t for t in load_themes(bundled_themes(), tmp_path).themes}
    assert themes["parallax-dark"].primary == "#123456"


def test_config_round_trip_keeps_unknown_settings(tmp_path: Path):
    (tmp_path / "config.yaml").write_text("theme: parallax-light\nkeys:\n  view.diff: D\n  search: [slash, ctrl+f]\nmine: 3\n")
    config = Config.load(tmp_path)
    assert (config.theme, config.keys, config.problems) == (
        "parallax-light", {"view.diff": "D", "search": "slash,ctrl+f"}, [])
    config.theme = "ansi-dark"
    config.save()
    again = Config.load(tmp_path)
    assert again.theme == "ansi-dark" and again.raw["mine"] == 3 and again.keys["view.diff"] == "D"


@pytest.mark.parametrize("body", ["theme: [unclosed\n", "- a\n", "keys: 3\n", "keys:\n  view.diff: 4\n"])
def test_bad_config_is_reported_and_defaults_used(tmp_path: Path, body):
    (tmp_path / "config.yaml").write_text(body)
    config = Config.load(tmp_path)
    assert config.problems and config.theme == "parallax-dark" and not config.keys


def test_missing_config_is_the_defaults(tmp_path: Path):
    config = Config.load(tmp_path / "none")
    assert (config.theme, config.keys, config.problems) == ("parallax-dark", {}, [])


@pytest.mark.parametrize(("env", "theme"), [
    ({"TERM": "xterm-16color"}, "ansi-dark"),
    ({"TERM": "screen"}, "ansi-dark"),
    ({"TERM": "xterm", "COLORFGBG": "0;15"}, "ansi-light"),
    ({"TERM": "linux"}, "ansi-dark"),
    ({"TERM": "xterm-256color"}, "parallax-dark"),
    ({"TERM": "screen", "COLORTERM": "truecolor"}, "parallax-dark"),
    ({"TERM": ""}, "parallax-dark"),
])
async def test_the_theme_follows_the_terminal_colours(make_app, monkeypatch, env, theme):
    for name in ("TERM", "COLORTERM", "COLORFGBG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = make_app()
    assert app.theme == theme
    if theme.startswith("ansi"):
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            view = app.screen.query_one(ArticleView)
            colours = {kind: view._style(kind).color for kind in ("person", "organisation", "place", "group")}
            assert len({c.name for c in colours.values()}) == 4, colours   # four ANSI colours, one a kind


async def test_a_chosen_theme_wins_over_the_terminal(make_app, monkeypatch, tmp_path):
    (tmp_path / "config.yaml").write_text("theme: parallax-light\n", encoding="utf-8")
    monkeypatch.setenv("TERM", "screen")
    monkeypatch.delenv("COLORTERM")
    app = make_app(config=Config.load(tmp_path))
    assert app.theme == "parallax-light"
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
    assert "parallax-light" in (tmp_path / "config.yaml").read_text(encoding="utf-8")
