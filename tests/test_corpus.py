"""Finding articles, document ids, stories and the manifest."""

import pytest

from tui.preprocess.corpus import CorpusError, open_corpus


def test_bundled_corpus_has_five_articles_and_manifest():
    from tui.paths import bundled_corpus

    corpus = open_corpus(bundled_corpus())
    assert list(corpus.files) == ["000_f9e83d17821e43e7", "001_b851d7e6de4fbf2a", "002_01c1dc24afd81406",
                                  "003_9b3e663d34133e28", "004_47eb9ec3281c3aec"]
    assert corpus.manifest["003_9b3e663d34133e28"].outlet == "Breitbart News"
    assert corpus.manifest["001_b851d7e6de4fbf2a"].date == "2024-07-11"
    assert not corpus.warnings


def test_story_folders_give_ids_and_stories(tmp_path):
    (tmp_path / "topic03").mkdir()
    (tmp_path / "topic03" / "foxnews.txt").write_text("A\n\nB.")
    (tmp_path / "topic03" / "notes.yaml").write_text("x: 1")
    (tmp_path / "top.md").write_text("# T\n\nBody.")
    for junk in ("README.md", "LICENSE.txt", ".hidden.txt"):
        (tmp_path / junk).write_text("not an article")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("no")
    corpus = open_corpus(tmp_path)
    assert sorted(corpus.files) == ["top", "topic03/foxnews"]
    assert corpus.read("topic03/foxnews").story == "topic03"
    assert corpus.read("top").story == ""


@pytest.mark.parametrize("manifest, warning", [
    ("articles: [1, 2]", "needs an 'articles:' mapping"),
    ("articles:\n  a: {outlet: X, colour: red}", "unknown field(s) colour"),
    ("articles:\n  missing: {outlet: X}", "no article 'missing'"),
    ("articles: {a: [", "corpus.yaml ignored"),
])
def test_bad_manifest_warns_and_loses_nothing(tmp_path, manifest, warning):
    (tmp_path / "a.txt").write_text("Headline\n\nBody text.")
    (tmp_path / "corpus.yaml").write_text(manifest)
    corpus = open_corpus(tmp_path)
    assert list(corpus.files) == ["a"]
    assert any(warning in w for w in corpus.warnings), corpus.warnings


def test_missing_or_non_folder_corpus(tmp_path):
    with pytest.raises(CorpusError, match="no such folder"):
        open_corpus(tmp_path / "nope")
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(CorpusError, match="not a folder"):
        open_corpus(tmp_path / "f.txt")
