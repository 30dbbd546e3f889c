"""The app's key flows, driven from the keyboard with the Pilot, asserting on what is shown."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable, Input, OptionList

from tests.conftest import SEEDS, loaded
from tui.app.config import Config
from tui.app.screens.compare import CompareScreen, PickArticleScreen
from tui.app.screens.concordance import ConcordanceScreen
from tui.app.screens.coverage import CoverageScreen
from tui.app.screens.diff import DiffScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.quotes import QuotesScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.entity_sidebar import EntitySidebar

CONDEMN = "We strongly condemn the DPRK’s exports"


def _lines(view: ArticleView) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def _options(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def test_first_screen_shows_list_article_and_entities(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, MainScreen)
        articles = app.screen.query_one(ArticleList)
        assert sum(1 for o in _options(articles) if "\n" in o) == 5
        view = app.screen.query_one(ArticleView)
        assert all(w.region.width > 0 for w in (articles, view, app.screen.query_one(EntitySidebar)))
        assert "WNAM REPORT: President Yoon Suk Yeol" in _lines(view)
        entities = _options(app.screen.query_one("#entity-list", OptionList))
        assert any(" Yoon Suk Yeol" in o for o in entities)
        await pilot.press("down")
        await pilot.pause()
        assert view.article.id.startswith("001_")
        assert "NATO slams NK-Russia arms trade" in _lines(view)


async def test_entity_mentions_are_navigated_across_articles(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("3", *"Yoon Suk Yeol", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.selected.name == "Yoon Suk Yeol"
        view = screen.query_one(ArticleView)
        assert view.has_focus
        visited = [(view.article.id, view.sentence)]
        for _ in range(len(screen.selected.mentions)):
            await pilot.press("n")
            await pilot.pause()
            visited.append((view.article.id, view.sentence))
            sentence = view.sentence
            assert any(m.doc == view.article.id and sentence.start <= m.start < sentence.end
                       for m in screen.selected.mentions)
        assert len({doc for doc, _ in visited}) >= 2
        assert visited[-1] == visited[0]  # wrapped around
        await pilot.press("N")
        await pilot.pause()
        assert (view.article.id, view.sentence) == visited[-2]
        assert screen.query_one(ArticleList).highlighted_option.id == view.article.id


async def test_diff_view_shows_the_condemn_sentence_in_the_other_outlets(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"strongly condemn the DPRK", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert CONDEMN in view.article.text[view.sentence.start : view.sentence.end]
        source = view.article.id
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiffScreen)
        found = _options(app.screen.query_one(OptionList))
        carriers = {"000_f9e83d17821e43e7", "001_b851d7e6de4fbf2a", "003_9b3e663d34133e28"} - {source}
        outlets = {app.screen.by_id[d].outlet for d in carriers}
        tops = [o.split("\n", 1)[0] for o in found[:2]]
        assert {t.split("  ")[0] for t in tops} == outlets
        assert all(CONDEMN.split("’")[0] in o for o in found[:2])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ArticleView).article.id in carriers


async def test_quotes_view_opens_on_the_quote_at_the_cursor_and_goes_to_another_outlets_version(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"are fuelling Russia", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article.id == "000_f9e83d17821e43e7"
        labels = [view.render_line(y).text for y in range(view.size.height)]
        assert any(line.strip().startswith("❝ Washington Summit Declaration (+2") for line in labels)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        speakers = app.screen.query_one("#quote-speakers", OptionList)
        assert speakers.get_option_at_index(speakers.highlighted).prompt.plain.startswith("Washington Summit")
        remarks = app.screen.query_one("#quote-remarks", OptionList)
        remark = remarks.get_option_at_index(remarks.highlighted).prompt.plain
        assert "[-fuelling-]{+fueling+}" in remark and "spelling variant" in remark
        assert "attributes these words to NATO" in remark
        await pilot.press("right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "fuelling Russia" in view.article.text[view.sentence.start : view.sentence.end]


async def test_compare_coverage_concordance_and_help(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PickArticleScreen)
        await pilot.press("down", "down", "enter")  # 003, Breitbart
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "aligned passages" in shown and "Only in B, Breitbart News" in shown
        assert "{+fueling+}" in shown and "[-fuelling-]" in shown
        await pilot.press("escape", "m")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count > 20 and len(table.columns) == 7   # entity, in, five articles
        await pilot.press("escape", "3", *"Kishida", "enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, ConcordanceScreen)
        assert sum(1 for o in _options(app.screen.query_one(OptionList)) if "Kishida" in o) >= 2
        await pilot.press("escape", "2", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "## Article" in app.screen.text and "article.next_sentence" in app.screen.text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_search_jumps_to_the_hit(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"fueling russias war")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(OptionList).option_count >= 2
        await pilot.press("down", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert "war of aggression" in view.article.text[view.sentence.start : view.sentence.end]


async def test_theme_chosen_in_one_run_is_the_theme_of_the_next(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.theme == "parallax-dark"
        app.theme = "parallax-light"
        await pilot.pause()
    assert Config.load().theme == "parallax-light"
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert again.theme == "parallax-light"


async def test_broken_theme_and_unknown_theme_fall_back_with_a_notice(make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path))
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "bad.yaml").write_text("name: bad\nprimary: not-a-colour\n")
    (tmp_path / "themes" / "mine.yaml").write_text("name: mine\nprimary: '#ff0000'\ndark: true\n")
    (tmp_path / "config.yaml").write_text("theme: gone\nkeys:\n  entity.next: j\n  no.such: x\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.theme == "parallax-dark"
        assert "mine" in app.available_themes
        notices = " ".join(n.message for n in app._notifications)
        assert "bad.yaml skipped" in notices and "theme 'gone' not found" in notices
        assert "no.such" in notices
        await pilot.press("3", *"Kishida", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        before = (view.article.id, view.sentence)
        await pilot.press("n")  # remapped away: now does nothing here
        await pilot.pause()
        assert (view.article.id, view.sentence) == before


async def test_remapped_key_runs_the_action(make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.yaml").write_text("keys:\n  view.coverage: f6\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)


async def test_cold_cache_shows_progress_then_the_panes(make_app, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    app = make_app(corpus, cache_dir=tmp_path / "cold")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.screen.query_one("#loading-bar").total == 5  # progress was shown while parsing
        assert app.screen.query_one("#panes").display and not app.screen.query_one("#loading").display
        assert app.screen.query_one(ArticleView).article is not None
        assert len([p for p in (tmp_path / "cold").rglob("*.yaml") if not p.parent.name.startswith(".")]) == 5
        assert len(list((tmp_path / "cold").rglob(".entities/*.yaml"))) == 1


async def test_unreadable_corpus_is_a_message_not_a_crash(make_app, tmp_path):
    app = make_app(tmp_path / "missing")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "Cannot open the corpus" in str(app.screen.query_one("#loading-message").render())
        assert app.is_running


async def test_narrow_and_wide_layouts_keep_all_panes(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for size in ((200, 60), (60, 20), (120, 30), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            panes = [app.screen.query_one(s) for s in ("#articles", "#article", "#entities")]
            assert all(p.region.width > 0 and p.region.height > 0 for p in panes), size
            view = app.screen.query_one(ArticleView)
            assert max(len(view.render_line(y).text) for y in range(view.size.height)) <= view.size.width
        await pilot.press("2", "z")
        await pilot.pause()
        assert app.screen.maximized is app.screen.query_one("#article")
        await pilot.press("z")
        assert app.screen.maximized is None


async def test_mouse_click_selects_entity(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        view = app.screen.query_one(ArticleView)
        for y in range(view.size.height):
            line = view.render_line(y).text
            if "Yoon Suk Yeol" in line:
                await pilot.click(ArticleView, offset=(line.index("Yoon Suk Yeol") + 2, y))
                break
        await pilot.pause()
        assert app.screen.selected is not None and app.screen.selected.name == "Yoon Suk Yeol"


async def test_entity_filter_is_fuzzy(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("3", *"kishda")
        await pilot.pause()
        names = [o for o in _options(app.screen.query_one("#entity-list", OptionList)) if "\n" not in o]
        assert any("Kishida" in n for n in names)
        assert not any("Yoon" in n for n in names)
        assert app.screen.query_one(Input).value == "kishda"


async def test_no_color_paints_every_screen_with_the_markers(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        assert app.no_color
        await pilot.press("slash", *"strongly condemn the DPRK", "enter", "d")
        await pilot.pause()
        assert isinstance(app.screen, DiffScreen)
        shot = app.export_screenshot()
        assert "[-" in shot and "{+" in shot
        for keys in (["escape", "c", "enter"], ["escape", "escape", "m"], ["escape", "e"], ["escape", "2", "f1"],
                     ["escape", "w"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert app.export_screenshot()
        assert app.is_running


async def test_aliases_file_is_applied_and_a_broken_one_is_a_notice(make_app, seed_copy, tmp_path):
    (seed_copy / "aliases.yaml").write_text("rename:\n  Yoon Suk Yeol: President Yoon\n")
    app = make_app(seed_copy, cache_dir=tmp_path / "c1")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert any(e.name == "President Yoon" for e in app.screen.entities.entities)
    (seed_copy / "aliases.yaml").write_text("merge: [oops\n")
    app = make_app(seed_copy, cache_dir=tmp_path / "c1")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "aliases.yaml: not valid YAML" in " ".join(n.message for n in app._notifications)
        assert any(e.name == "Yoon Suk Yeol" for e in app.screen.entities.entities)


async def test_escape_clears_the_entity_filter_then_leaves_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("3", *"kim", "escape")
        field = app.screen.query_one("#entity-filter", Input)
        assert field.value == "" and field.has_focus
        await pilot.press("escape", "m")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)


def _two_stories(tmp_path, first: str, second: str):  # noqa: ANN001, ANN202
    """The seed articles in two story folders (three and two), indexed: a corpus manifest written."""
    from tui import cli

    folder = tmp_path / "two"
    for i, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        story = folder / (first if i < 3 else second)
        story.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, story / path.name)
    cache = tmp_path / "cache"
    assert cli.main(["index", str(folder), "--cache-dir", str(cache)]) == 0
    return folder, cache


def _read_by_story(tmp_path, monkeypatch):  # noqa: ANN001, ANN202
    """The app on `_two_stories`, read one story at a time as a corpus of thousands would be."""
    from tui.app import app as app_module

    folder, cache = _two_stories(tmp_path, "first", "second")
    monkeypatch.setattr(app_module, "ONE_STORY_FROM", 2)   # a corpus of thousands, in small
    return app_module.ParallaxApp(folder, cache_dir=cache, config=Config.load(tmp_path))


async def test_a_large_corpus_is_read_one_story_at_a_time(tmp_path, monkeypatch):

    app = _read_by_story(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        listed = [o.id for o in app.query_one(ArticleList)._options if o.id]
        assert len(listed) == 5                                     # every article is listed
        assert {a.story for a in screen.articles.values()} == {"first"} and len(screen.articles) == 3
        last = listed[-1]
        app.query_one(ArticleList).focus()
        await pilot.press("end")
        await loaded(pilot)
        assert screen.current is not None and screen.current.id == last   # its story was read, and shown
        assert {a.story for a in screen.articles.values()} == {"second"} and len(screen.articles) == 2
        assert screen.entities is not None and screen.entities.by_story.get("second")
        await pilot.press("home")
        await loaded(pilot)
        assert {a.story for a in screen.articles.values()} == {"first"}    # back, from memory


async def test_the_story_after_the_one_shown_is_prepared_in_the_background(tmp_path, monkeypatch):
    from tui.app import app as app_module

    app = _read_by_story(tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        for _ in range(100):
            if "second" in app._one_story.recent:
                break
            await pilot.pause(0.05)
        assert list(app._one_story.recent) == ["second", "first"]   # prepared, the one shown still the newest
        read = []
        monkeypatch.setattr(app_module.ParallaxApp, "_read_story", staticmethod(lambda *a: read.append(a) or None))
        app.query_one(ArticleList).focus()
        await pilot.press("end")
        await loaded(pilot)
        assert read == [] and {a.story for a in app.screen.articles.values()} == {"second"}   # no read: it was ready


async def test_a_long_list_shows_stories_closed_and_g_goes_to_a_story(tmp_path, monkeypatch):
    from tui.app import app as app_module
    from tui.app.screens.stories import StoriesScreen

    folder, cache = _two_stories(tmp_path, "alpha", "bravo")
    monkeypatch.setattr(ArticleList, "CLOSED_FROM", 2)     # a list of thousands, in small
    app = app_module.ParallaxApp(folder, cache_dir=cache, config=Config.load(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        listing = app.query_one(ArticleList)
        shown = [o.id for o in listing._options if o.id and not o.id.startswith("/story/")]
        assert len(shown) == 3 and all(d.startswith("alpha/") for d in shown)   # the story in view is open
        assert "▸" in str(listing._options[-1].prompt)                             # bravo is closed
        listing.focus()
        listing.highlighted = len(listing._options) - 1
        await pilot.press("enter")                                                 # open bravo
        await pilot.pause()
        assert sum(1 for o in listing._options if o.id and not o.id.startswith("/story/")) == 5
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        await pilot.press(*"brav", "enter")
        await loaded(pilot)
        assert app.screen.current.story == "bravo"


async def test_a_large_corpus_paints_its_first_article_before_the_folder_is_listed(tmp_path, monkeypatch):
    import threading

    from tui.app import app as app_module
    from tui.preprocess import corpus as corpus_module

    folder, cache = _two_stories(tmp_path, "first", "second")
    monkeypatch.setattr(app_module, "ONE_STORY_FROM", 2)
    listing, real = threading.Event(), corpus_module.open_corpus

    def slow_listing(root):  # noqa: ANN001, ANN202 - a folder of ten thousand files, in small
        assert listing.wait(10)
        return real(root)

    monkeypatch.setattr(corpus_module, "open_corpus", slow_listing)
    app = app_module.ParallaxApp(folder, cache_dir=cache, config=Config.load(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app.query_one(ArticleView).article is not None:
                break
        screen = app.screen
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.story == "first"   # the text, from the manifest and cache
        assert screen.entities is None and not screen.articles               # before the story is read
        assert len([o for o in app.query_one(ArticleList)._options if o.id]) == 5
        listing.set()
        await loaded(pilot)
        assert screen.entities is not None and len(screen.articles) == 3
        assert view.article.id == screen.current.id and view.entities is screen.entities


async def test_a_corpus_changed_since_its_manifest_is_read_whole(tmp_path, monkeypatch):
    from tui.app import app as app_module

    folder, cache = _two_stories(tmp_path, "first", "second")
    changed = sorted((folder / "second").glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA line added after indexing.\n", encoding="utf-8")
    monkeypatch.setattr(app_module, "ONE_STORY_FROM", 2)
    app = app_module.ParallaxApp(folder, cache_dir=cache, config=Config.load(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        for _ in range(200):   # the change is parsed, then every story is loaded
            if len(app.screen.articles) == 5 and not app.screen.partial:
                break
            await pilot.pause(0.05)
        assert len(app.screen.articles) == 5 and app.screen.listing == {}
        assert any("changed since it was indexed" in str(n.message) for n in app._notifications)


async def test_keys_typed_into_the_entity_filter_are_letters_and_the_footer_does_not_offer_them(make_app):
    from textual.widgets import Footer

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("3")
        await pilot.pause()
        field = app.screen.query_one("#entity-filter", Input)
        assert field.has_focus
        offered = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "search" not in offered and "quotes" not in offered
        await pilot.press("/", "1", "w")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and field.value == "/1w"
        footer = app.screen.query_one(Footer)
        assert "Search" not in " ".join(str(k.render()) for k in footer.query("FooterKey"))
        await pilot.press("escape", "escape")   # clear the filter, then leave it: the keys act again
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_escape_closes_every_panel(make_app):
    from tui.app.screens.stories import StoriesScreen  # noqa: F401 - one of the views Esc leaves

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.action_show_help_panel()   # Textual's keys panel, from the palette's "Keys"
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query("HelpPanel") and isinstance(app.screen, MainScreen)
        for key in ("question_mark", "w", "m", "e", "d", "c", "slash"):
            if key == "e":
                await pilot.press("3", *"Yoon", "enter")   # a selected entity, for its concordance
                await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, MainScreen), key
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen), key


async def test_coverage_keeps_the_entity_column_letters_outlets_that_do_not_fit_and_sorts(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.fixed_columns == 1
        headings = [str(c.label) for c in table.ordered_columns]
        assert headings[:2] == ["entity", "in"] and headings[2:] == ["A", "B", "C", "D", "E"]
        legend = str(screen.query_one("#coverage-legend").render())
        assert "B\u00a0The Korea Herald" in legend and "D\u00a0Breitbart News" in legend
        await pilot.press("right", "right", "right", "right", "s")   # the column of Yonhap News Agency (C)
        await pilot.pause()
        doc = str(table.ordered_columns[table.cursor_coordinate.column].key.value)
        counts = [screen.index.count_in(e, doc) for e in screen._entities]
        assert counts == sorted(counts, reverse=True) and "sorted by Yonhap News Agency" in screen.sub_title
        await pilot.press("s")   # again: the other way
        await pilot.pause()
        counts = [screen.index.count_in(e, doc) for e in screen._entities]
        assert counts == sorted(counts)
        table.move_cursor(row=table.row_count - 1)   # an entity that article names: Enter goes there
        entity = screen._entities[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current.id == doc and app.screen.selected.id == entity.id
    async with make_app().run_test(size=(200, 40)) as pilot:   # wide: the outlets' own names
        await loaded(pilot)
        await pilot.press("m")
        await pilot.pause()
        headings = [str(c.label) for c in pilot.app.screen.query_one(DataTable).ordered_columns]
        assert "The Korea Hera" in headings and not pilot.app.screen.query_one("#coverage-legend").display


async def test_a_remapped_key_that_clashes_with_a_panes_own_is_named(make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.yaml").write_text("keys:\n  entity.next: n,j\n  view.coverage: f6\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        said = [str(n.message) for n in app._notifications]
        assert any("'j'" in m and "entity.next" in m and "article.next_sentence" in m and "article pane" in m
                   for m in said), said
        assert not any("f6" in m for m in said)   # a key nothing else uses is no clash


async def test_facts_view_shows_the_condemn_row_in_three_outlets_and_enter_opens_it(make_app):
    from tui.app.screens.facts import FactsScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"strongly condemn the DPRK", "enter")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        table = screen.query_one(DataTable)
        row = table.cursor_coordinate.row
        statement = screen._rows[row][0]
        assert statement is not None and statement.carried == 3                # the row of the cursor's sentence
        marks = [str(table.get_cell_at((row, 1 + n))) for n in range(5)]
        assert sorted(marks) == sorted(["=", "=", "★", "·", "·"])
        detail = str(screen.query_one("#facts-detail").render())
        assert detail.count(CONDEMN) == 3 and "Not carried by Yonhap News Agency, The Korea Times" in detail
        column = next(n for n, m in enumerate(marks) if m == "=")
        table.cursor_coordinate = (row, 1 + column)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert isinstance(app.screen, MainScreen) and view.article.id == screen.facts.docs[column]
        assert CONDEMN in view.article.text[view.sentence.start : view.sentence.end].replace("\"", "“")


async def test_facts_view_lists_each_outlets_exclusives(make_app):
    from tui.app.screens.facts import FactsScreen

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("f", "x", "x")   # both, shared only, exclusives only
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FactsScreen) and screen.shows == "exclusives"
        assert screen._rows and all(s is None for s, *_ in screen._rows)
        assert "only this outlet reports it" in str(screen.query_one("#facts-detail").render())
        assert [str(c.label) for c in screen.query_one(DataTable).ordered_columns][1:3] == [
            "WNAM REPORT: P", "The Korea Hera"]   # wide enough: named columns, not letters


async def test_a_jumps_to_the_next_sentence_another_outlet_reports(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2")
        view = app.screen.query_one(ArticleView)
        alignment = app.screen.aligner.story(view.article.story)
        shared = [n for n, s in enumerate(view.article.sentences)
                  if alignment.counterparts(view.article.id, s.start, s.end)]
        assert len(shared) >= 3
        visited = []
        for _ in range(3):
            await pilot.press("a")
            await pilot.pause()
            visited.append(view.cursor)
        assert visited == [n for n in shared if n > 0][:3]
        await pilot.press("A")
        await pilot.pause()
        assert view.cursor == visited[1]


async def test_wording_view_shows_tyranny_for_breitbart_and_opens_its_sentences(make_app):
    from tui.app.screens.pick import PickScreen
    from tui.app.screens.wording import ContrastScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ContrastScreen)
        outlets = screen.query_one("#contrast-outlets", OptionList)
        outlets.highlighted = next(i for i, o in enumerate(_options(outlets)) if o.startswith("Breitbart News"))
        await pilot.pause()
        terms = screen.query_one("#contrast-terms", OptionList)
        shown = _options(terms)
        index = next(i for i, o in enumerate(shown[:10]) if o.split()[-1] == "tyranny")
        assert any("PRC" in o and "naming China" in o for o in shown)
        terms.focus()
        terms.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen) and app.screen.sub_title.startswith("3 of 3")
        await pilot.press("down", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article.meta.outlet == "Breitbart News"
        assert "tyranny" in view.article.text[view.sentence.start : view.sentence.end]
        await pilot.press("v", "s")      # against the corpus's outlets: the story's own, worked out again
        await pilot.pause()
        assert "Breitbart News against the corpus's 4 other outlets" in app.screen.sub_title
        assert len(app.screen._found) == 5


async def test_article_list_shows_copied_shares_and_orders_by_time(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        articles = app.screen.query_one(ArticleList)
        prompts = _options(articles)
        assert all("% copied" in p for p in prompts if "\n" in p)
        articles.focus()
        await pilot.press("o")
        await pilot.pause()
        first = next(p for p in _options(articles) if "\n" in p)
        assert articles.by_date and first.startswith("The Korea Herald  2024-07-11")   # the one article with a date
        await pilot.press("o")
        await pilot.pause()
        assert _options(articles) == prompts


async def test_statement_and_term_text_is_shown_as_text_never_markup(make_app, tmp_path):
    from tui.app.screens.facts import FactsScreen

    shared = ("The minister said the [bold]talks[/bold] on $accent funding would resume on Monday "
              "after a week of [link=javascript:alert(1)]delays[/link] in the capital.")
    corpus = tmp_path / "c" / "story"
    corpus.mkdir(parents=True)
    for name, lead in (("first", "Talks resume in the capital."), ("second", "Funding talks to restart.")):
        (corpus / f"{name}.txt").write_text(f"{lead}\n\n{shared}\n\nA sentence of its own about {name} things here.\n",
                                            encoding="utf-8")
    app = make_app(tmp_path / "c", cache_dir=tmp_path / "cache")
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FactsScreen) and screen.facts.statements
        table = screen.query_one(DataTable)
        texts = [str(table.get_cell_at((r, len(table.ordered_columns) - 1))) for r in range(table.row_count)]
        assert any("[bold]talks[/bold] on $accent" in t for t in texts)
        table.cursor_coordinate = (0, 0)   # the statement (the cursor opens on the headline, an exclusive)
        await pilot.pause()
        detail = str(screen.query_one("#facts-detail").render())
        assert "[bold]talks[/bold]" in detail and "[link=javascript:alert(1)]delays[/link]" in detail
        await pilot.press("escape", "v")
        await pilot.pause()
        shown = " ".join(_options(app.screen.query_one("#contrast-outlets", OptionList)))
        assert "first" in shown and "second" in shown


async def test_y_copies_the_sentence_diff_and_remark_with_their_citations(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"strongly condemn the DPRK", "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        article = view.article
        assert app.clipboard.startswith(f"“{CONDEMN}") and "\n— " in app.clipboard
        assert article.title in app.clipboard and (article.meta.outlet or "outlet not named") in app.clipboard
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("A: “") and "\nB: " in app.clipboard and "verbatim, score" in app.clipboard
        await pilot.press("escape", "w")
        await pilot.pause()
        app.screen.query_one("#quote-remarks").focus()
        await pilot.press("y")
        await pilot.pause()
        lines = app.clipboard.splitlines()
        assert lines[0].endswith(":") and sum(line.startswith("— ") for line in lines) >= 2


async def test_a_screenshot_goes_to_a_folder_that_exists_and_says_where(make_app, tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()                      # started in a folder since removed: the cache folder takes it
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        saved = app.deliver_screenshot()
        await pilot.pause()
        assert saved and Path(saved).is_file() and Path(saved).parent == app.folders[1]
        assert any(str(saved) in str(n.message) for n in app._notifications)
        monkeypatch.chdir(tmp_path)
        saved = app.deliver_screenshot()
        assert Path(saved).parent == tmp_path and Path(saved).read_text(encoding="utf-8").startswith("<svg")
