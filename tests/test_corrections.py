"""Corrections made from the app: merges and splits into `aliases.yaml`, speakers into
`corrections.yaml`, written where the corpus allows and applied at once."""

from __future__ import annotations

import shutil

import pytest
import yaml
from textual.widgets import Input, OptionList

from tests.conftest import SEEDS, loaded
from tui.analysis import corrections
from tui.analysis.aliases import add_merge, add_split, apply, load_overrides, rule_name
from tui.analysis.corrections import SpeakerFix, add_fix, apply_fixes, first_words, load_fixes, writable_folder
from tui.analysis.entities import resolve
from tui.analysis.quotes import QuoteIndex
from tui.app.screens.pick import PickScreen
from tui.app.screens.quotes import UNNAMED, QuotesScreen
from tui.app.widgets.article_view import ArticleView
from tui.cli import main
from tui.model import Entity
from tui.preprocess.cache import cache_dir_for

# --- the files ------------------------------------------------------------------------------------


def test_a_merge_and_a_split_written_are_read_back_and_applied(tmp_path):
    add_merge(tmp_path, ["Kim Jong Un", "Kim"])
    add_split(tmp_path, "Yoon Suk Yeol", ["Yook Suk Yeol"])
    add_split(tmp_path, "Yoon Suk Yeol", ["Yoon"])
    overrides = load_overrides(tmp_path)
    assert overrides.merge == (("Kim Jong Un", "Kim"),)
    assert overrides.split == (("Yoon Suk Yeol", ("Yook Suk Yeol", "Yoon")),)
    text = (tmp_path / "aliases.yaml").read_text()
    assert text.startswith("# ")   # says what the file is


def test_rewriting_keeps_the_comments_on_top_and_a_copy_when_others_would_be_lost(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("# my notes on this corpus\nrename:\n  NATO: the alliance   # as our style guide says\n")
    add_merge(tmp_path, ["Yoon Suk Yeol", "President Yoon"])
    text = path.read_text()
    assert text.startswith("# my notes on this corpus\n")
    assert yaml.safe_load(text) == {"rename": {"NATO": "the alliance"}, "merge": [["Yoon Suk Yeol", "President Yoon"]]}
    assert "as our style guide says" in (tmp_path / "aliases.yaml.bak").read_text()


def test_a_file_that_is_not_valid_yaml_is_not_overwritten(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("merge: [unclosed\n")
    with pytest.raises(corrections.CorrectionsError, match="line"):
        add_merge(tmp_path, ["A", "B"])
    assert path.read_text() == "merge: [unclosed\n"


def test_both_folders_are_read_the_corpus_first(tmp_path):
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    add_merge(corpus, ["A", "B"])
    add_merge(cache, ["C", "D"])
    assert load_overrides(corpus, cache).merge == (("A", "B"), ("C", "D"))
    assert load_overrides(corpus, tmp_path / "nowhere").merge == (("A", "B"),)


def test_corrections_go_to_the_cache_folder_when_the_corpus_folder_takes_no_file(tmp_path, monkeypatch):
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus.mkdir()
    assert writable_folder(corpus, cache) == corpus
    assert list(corpus.iterdir()) == []   # the probe leaves nothing behind

    def refused(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(corrections.tempfile, "mkstemp", refused)
    assert writable_folder(corpus, cache) == cache


def test_rule_name_is_the_name_before_a_rename():
    from tui.analysis.aliases import Overrides

    e = Entity("e1", "President Yoon", "PERSON", "s", ("Yoon Suk Yeol", "Yoon"), ())
    assert rule_name(e, Overrides(rename=(("Yoon Suk Yeol", "President Yoon"),))) == "Yoon Suk Yeol"
    assert rule_name(e, Overrides()) == "President Yoon"


def test_a_split_from_the_sidebar_then_a_merge_undo_each_other(seed_articles, tmp_path):
    articles = list(seed_articles.values())
    found = resolve(articles)
    yoon = next(e for e in found if e.name == "Yoon Suk Yeol")
    add_split(tmp_path, "Yoon Suk Yeol", ["Yook Suk Yeol"])
    split = apply(found, load_overrides(tmp_path))
    yook = next(e for e in split if e.name == "Yook Suk Yeol")
    assert {m.text for m in yook.mentions} == {"Yook Suk Yeol"}
    assert len(next(e for e in split if e.name == "Yoon Suk Yeol").mentions) == len(yoon.mentions) - len(yook.mentions)
    add_merge(tmp_path, ["Yoon Suk Yeol", "Yook Suk Yeol"])
    again = next(e for e in apply(found, load_overrides(tmp_path)) if e.name == "Yoon Suk Yeol")
    assert len(again.mentions) == len(yoon.mentions)


# --- speakers -------------------------------------------------------------------------------------


def test_a_speaker_fix_finds_its_quotation_by_its_words_even_when_it_moved(seed_articles):
    articles = list(seed_articles.values())
    entities = resolve(articles)
    from tui.analysis.entities import EntityIndex

    index = QuoteIndex.build(articles, EntityIndex({a.id: a for a in articles}, entities).in_doc, entities)
    q = next(q for q in index.quotes if index.speaker_name(q) == "Yoon Suk Yeol")
    kim = next(e for e in entities if e.name == "Kim Tae-hyo")
    story_of = {a.id: a.story for a in articles}
    moved = SpeakerFix(q.doc, q.start + 40, first_words(q.text), "Kim Tae-hyo")
    fixed, missed = apply_fixes(index.quotes, [moved], story_of, entities)
    assert missed == []
    changed = next(x for x in fixed if (x.doc, x.start) == (q.doc, q.start))
    assert (changed.speaker, changed.by, changed.confidence) == (kim.id, "corrected", "checked")
    assert sum(a is not b for a, b in zip(fixed, index.quotes)) == 1   # no other quotation touched

    nobody = SpeakerFix(q.doc, q.start, first_words(q.text), None)
    assert next(x for x in apply_fixes(index.quotes, [nobody], story_of, entities)[0]
                if x.start == q.start and x.doc == q.doc).speaker is None
    gone = [SpeakerFix(q.doc, q.start, "words no quotation has", "Kim Tae-hyo"),
            SpeakerFix(q.doc, q.start, first_words(q.text), "Nobody Of That Name")]
    assert apply_fixes(index.quotes, gone, story_of, entities)[1] == gone


def test_a_later_fix_of_the_same_quotation_replaces_the_earlier(tmp_path):
    add_fix(tmp_path, SpeakerFix("a", 10, "We will", "Kim"))
    add_fix(tmp_path, SpeakerFix("a", 99, "Other words", "Park"))
    add_fix(tmp_path, SpeakerFix("a", 10, "We will", None))
    assert load_fixes([tmp_path]) == (SpeakerFix("a", 99, "Other words", "Park"), SpeakerFix("a", 10, "We will", None))


@pytest.mark.parametrize("text, problem", [
    ("speakers: 3\n", "expected a list"),
    ("speakers:\n  - {doc: a, at: x, words: w, speaker: K}\n", "item 1"),
    ("speakers: []\nother: 1\n", "one section"),
    ("speakers: [\n", "line"),
    ("speakers: &a [1]\nmore: *a\n", "refused: aliases are not allowed"),
])
def test_a_malformed_corrections_file_is_named_with_its_problem(tmp_path, text, problem):
    (tmp_path / "corrections.yaml").write_text(text)
    with pytest.raises(corrections.CorrectionsError, match=problem):
        load_fixes([tmp_path])


def test_the_quotes_command_applies_the_file_and_warns_of_a_stale_line(seed_copy, capsys):
    assert main(["quotes", str(seed_copy), "--json"]) == 0
    quotes = yaml.safe_load(capsys.readouterr().out)["quotes"]
    q = next(q for q in quotes if q["speaker"] == "Yoon Suk Yeol")
    add_fix(seed_copy, SpeakerFix(q["doc"], q["start"], first_words(q["text"]), "Kim Tae-hyo"))
    add_fix(seed_copy, SpeakerFix(q["doc"], 5, "no such words", None))
    assert main(["quotes", str(seed_copy), "--json"]) == 0
    captured = capsys.readouterr()
    after = next(x for x in yaml.safe_load(captured.out)["quotes"] if (x["doc"], x["start"]) == (q["doc"], q["start"]))
    assert (after["speaker"], after["by"], after["confidence"]) == ("Kim Tae-hyo", "corrected", "checked")
    assert "no such words" in captured.err and "shown as found" in captured.err


# --- from the app ---------------------------------------------------------------------------------


@pytest.fixture
def corrected_app(seed_copy, seed_cache_dir, make_app):
    """An app on a writable copy of the bundled corpus, its cache copied from the session's."""
    shutil.copytree(cache_dir_for(SEEDS, seed_cache_dir), cache_dir_for(seed_copy, seed_cache_dir))
    return make_app(seed_copy)


def _entity_rows(app) -> list[str]:  # noqa: ANN001
    lst = app.screen.query_one("#entity-list", OptionList)
    return [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]


async def _highlight(pilot, name: str) -> None:  # noqa: ANN001
    """Filter the sidebar to `name` and move into its list, on that entity."""
    app = pilot.app
    await pilot.press("3", *name)
    await pilot.pause()
    lst = app.screen.query_one("#entity-list", OptionList)
    await pilot.press("down")
    index = next(i for i in range(lst.option_count) if lst.get_option_at_index(i).id
                 and app.screen.entities.by_id[lst.get_option_at_index(i).id].name == name)
    lst.highlighted = index
    await pilot.pause()
    assert lst.has_focus


async def _choose(pilot, key: str, typed: str) -> None:  # noqa: ANN001
    """Open a picker with `key`, type `typed` and choose the first match; wait for the save."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickScreen)
    await pilot.press(*typed, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_split_then_merge_from_the_sidebar_write_aliases_and_update_at_once(corrected_app, seed_copy):
    app = corrected_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await _highlight(pilot, "Yoon Suk Yeol")
        await _choose(pilot, "S", "Yook")
        rules = yaml.safe_load((seed_copy / "aliases.yaml").read_text())
        assert rules == {"split": {"Yoon Suk Yeol": ["Yook Suk Yeol"]}}
        names = {e.name: e for e in app.screen.entities.entities}
        assert "Yook Suk Yeol" in names and "Yook Suk Yeol" not in names["Yoon Suk Yeol"].aliases
        assert any("Yook Suk Yeol" in row for row in _entity_rows(app))
        assert app.screen.selected.name == "Yoon Suk Yeol"

        await pilot.press("escape", "escape")   # back to the article, then the sidebar again
        await _highlight(pilot, "Yook Suk Yeol")
        await _choose(pilot, "M", "Yoon Suk")
        rules = yaml.safe_load((seed_copy / "aliases.yaml").read_text())
        assert rules["merge"] == [["Yoon Suk Yeol", "Yook Suk Yeol"]]
        names = {e.name: e for e in app.screen.entities.entities}
        assert "Yook Suk Yeol" not in names and "Yook Suk Yeol" in names["Yoon Suk Yeol"].aliases
        assert app.screen.selected.name == "Yoon Suk Yeol"


async def test_a_merge_in_a_read_only_corpus_is_saved_in_the_cache_folder(corrected_app, seed_copy, seed_cache_dir,
                                                                          monkeypatch):
    monkeypatch.setattr("tui.analysis.corrections.tempfile.mkstemp",
                        lambda **kwargs: (_ for _ in ()).throw(PermissionError(13, "read-only")))
    app = corrected_app
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await _highlight(pilot, "Kim Tae-hyo")
        await _choose(pilot, "M", "Kim Jong")
        saved = cache_dir_for(seed_copy, seed_cache_dir) / "aliases.yaml"
        assert not (seed_copy / "aliases.yaml").exists()
        assert yaml.safe_load(saved.read_text())["merge"] == [["Kim Jong-un", "Kim Tae-hyo"]]
        kim = next(e for e in app.screen.entities.entities if e.name == "Kim Jong-un")
        assert "Kim Tae-hyo" in kim.aliases
        assert any("read-only" in str(n.message) for n in app._notifications)


async def test_reassigning_a_quotation_in_the_quotes_view_saves_it_and_marks_it(corrected_app, seed_copy):
    app = corrected_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        speakers = screen.query_one("#quote-speakers", OptionList)
        yoon = next(i for i in range(speakers.option_count)
                    if speakers.get_option_at_index(i).id != UNNAMED
                    and screen.index.entities[speakers.get_option_at_index(i).id].name == "Yoon Suk Yeol")
        speakers.highlighted = yoon
        await pilot.press("right")
        await pilot.pause()
        remarks = screen.query_one("#quote-remarks", OptionList)
        mine = screen._remarks[remarks.highlighted_option.id]
        before = sum(len(g) for g in screen.speakers[speakers.get_option_at_index(yoon).id].values())
        await _choose(pilot, "r", "not named")
        assert app.screen is screen
        saved = yaml.safe_load((seed_copy / "corrections.yaml").read_text())["speakers"]
        assert [(s["doc"], s["at"], s["speaker"]) for s in saved] == [(q.doc, q.start, None) for q in mine]
        yoon_id = next(s for s in screen.speakers if s != UNNAMED
                      and screen.index.entities[s].name == "Yoon Suk Yeol")
        assert sum(len(g) for g in screen.speakers[yoon_id].values()) == before - len(mine)
        assert speakers.highlighted_option.id == UNNAMED   # the view follows the remark
        assert "corrected" in str(remarks.highlighted_option.prompt)

        await pilot.press("escape")
        await pilot.pause()
        main_quotes = app.screen.quotes
        fixed = [q for q in main_quotes.quotes if (q.doc, q.start) in {(m.doc, m.start) for m in mine}]
        assert fixed and all(q.speaker is None and q.by == "corrected" for q in fixed)
        assert isinstance(app.screen.query_one(ArticleView), ArticleView)


async def test_escape_in_a_picker_changes_nothing(corrected_app, seed_copy):
    app = corrected_app
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await _highlight(pilot, "Yoon Suk Yeol")
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        assert app.screen.query_one(Input).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PickScreen)
        assert not (seed_copy / "aliases.yaml").exists()



def test_the_correction_files_beside_the_articles_are_no_articles(seed_copy):
    from tui.preprocess.corpus import open_corpus

    add_merge(seed_copy, ["Kim Jong Un", "Kim"])
    add_fix(seed_copy, SpeakerFix("a", 1, "w", None))
    for name in ("aliases.yaml.bak", "corrections.yaml.bak"):
        (seed_copy / name).write_text("# kept\n")
    corpus = open_corpus(seed_copy)
    assert len(corpus.files) == 5 and corpus.unread == []
