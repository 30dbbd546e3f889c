"""The app window on the bundled corpus, and untrusted text shown literally."""

import dataclasses

from textual.widgets import OptionList, Static

from tui.app import ParallaxApp
from tui.model import Meta


async def test_app_lists_articles_and_shows_the_first(seed_articles):
    app = ParallaxApp("corpus", list(seed_articles.values()))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.query_one("#articles", OptionList).option_count == 5
        shown = str(app.query_one("#article", Static).render())
        assert "WNAM REPORT" in shown
        await pilot.press("down", "down")
        assert "collusion of convenience" in str(app.query_one("#article", Static).render())


async def test_markup_in_article_text_is_shown_literally(seed_articles):
    article = seed_articles["002_01c1dc24afd81406"]
    evil = dataclasses.replace(
        article, meta=Meta(outlet="[/foo]", headline="[@click=app.quit]x[/] [b]bold[/b]"),
        text="[/foo] and [@click=app.quit]x[/]", blocks=())
    app = ParallaxApp("corpus", [evil])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.query_one("#article", Static).render())
        assert "[@click=app.quit]x[/] [b]bold[/b]" in shown
        assert app.is_running
