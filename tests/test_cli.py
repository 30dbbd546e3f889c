"""The `parallax` command as a user runs it: real subprocesses on real corpora."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

BOILERPLATE = ("Send to", "Sign up for eNewsletter", "COMMENTS", "Top 10 Stories")


def run(*args, cache=None, timeout=120):
    env = dict(os.environ)
    if cache:
        env["PARALLAX_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env, timeout=timeout)


@pytest.mark.slow
def test_index_then_reindex_reuses_everything(tmp_path):
    first = run("index", cache=tmp_path)
    assert first.returncode == 0, first.stderr
    assert re.search(r"^5 articles: 5 parsed, 0 reused from cache, 0 skipped", first.stdout, re.M)
    second = run("index", cache=tmp_path)
    assert re.search(r"^5 articles: 0 parsed, 5 reused from cache, 0 skipped", second.stdout, re.M)
    info = run("info", cache=tmp_path)
    assert "5 current, 0 stale or broken, 0 missing" in info.stdout


def test_show_prints_rejoined_words_and_no_boilerplate(seed_cache_dir, seed_articles, capsys):
    assert main(["show", "002_01c1dc24afd81406", "--cache-dir", str(seed_cache_dir)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\bdescribed\b", out) and re.search(r"\bdirectly\b", out)
    for article in seed_articles.values():
        for line in BOILERPLATE:
            assert not re.search(rf"(?m)^\s*{line}\s*$", article.text), (article.id, line)


def test_show_removed_lists_what_cleaning_dropped(seed_cache_dir, seed_articles, capsys):
    assert main(["show", "004", "--removed", "--cache-dir", str(seed_cache_dir)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"line 39\s+list\s+Top 10 Stories", out)
    assert re.search(r"newsletter\s+Sign up for eNewsletter", out)


@pytest.mark.parametrize("args, message", [
    (["index", "--jobs", "0"], "expected 1 or more"),
    (["index", "--bogus"], "unrecognized arguments"),
    (["show"], "required"),
    (["show", "a", "b", "c"], "unrecognized arguments: c"),
    (["entities", "--label", "FOO"], "invalid choice: 'FOO' (choose from 'PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP')"),
    (["show", "nope"], "no article 'nope'"),
    (["show", "00"], "matches 5 articles"),
    (["info", "/no/such/corpus"], "no such folder"),
    (["/no/such/corpus"], "no such folder"),
])
def test_bad_arguments_give_one_line_and_status_2(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _bad_corpus(root: Path) -> Path:
    root.mkdir()
    good = (Path(__file__).parents[1] / "corpus" / "002_01c1dc24afd81406.txt").read_text(encoding="utf-8")
    (root / "windows.txt").write_bytes(good.replace("Yoon", "Yöön").encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    (root / "escapes.md").write_text(
        "# Title \x1b[31mred\x1b[0m\n\nBody \x1b]52;c;ZWNobyBwd25lZA==\x07 text with \u202ebidi\u202c and \x9b2J C1.\n")
    return root


@pytest.mark.slow
def test_bad_files_are_named_and_skipped_and_good_ones_indexed(tmp_path):
    corpus = _bad_corpus(tmp_path / "bad")
    result = run("index", str(corpus), cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert "4 articles: 2 parsed, 0 reused from cache, 2 skipped" in result.stdout
    assert "skipped empty.txt: empty file" in result.stderr
    assert "skipped image.txt: binary file" in result.stderr
    assert "windows: not UTF-8; decoded as cp1252" in result.stderr
    for doc in ("windows", "escapes"):
        shown = run("show", str(corpus), doc, cache=tmp_path / "cache")
        assert shown.returncode == 0
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", shown.stdout)
    assert "Yöön Suk Yeol" in run("show", str(corpus), "windows", cache=tmp_path / "cache").stdout


def test_show_and_info_print_json(seed_cache_dir, seed_articles, capsys):
    assert main(["show", "002", "--json", "--removed", "--cache-dir", str(seed_cache_dir)]) == 0
    shown = json.loads(capsys.readouterr().out)
    article = seed_articles[shown["doc"]]
    assert (shown["outlet"], shown["text"]) == ("Yonhap News Agency", article.text)
    assert [p["kind"] for p in shown["paragraphs"]] == [b.kind for b in article.blocks]
    assert {r["reason"] for r in shown["removed"]} == {r.reason for r in article.removals}
    assert main(["info", "--json", "--cache-dir", str(seed_cache_dir)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert (info["files"], info["readable"], info["without_outlet"]) == (5, 5, 1)
    assert info["outlets"] == ["Breitbart News", "The Korea Herald", "The Korea Times", "Yonhap News Agency"]
    assert info["cache"]["current"] == 5


def test_info_says_in_plain_words_how_many_articles_name_no_outlet(seed_cache_dir, seed_articles, capsys):
    assert main(["info", "--cache-dir", str(seed_cache_dir)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("outlets:"))
    assert line.split(None, 1)[1] == ("4: Breitbart News, The Korea Herald, The Korea Times, Yonhap News Agency; "
                                      "1 article names none")


def test_listings_tell_articles_apart_by_outlet_then_headline(tmp_path, capsys):
    from tui.model import Article, Meta, article_labels

    def art(doc: str, outlet: str | None, headline: str) -> Article:
        return Article(id=doc, path=doc, story="s", sha256="", encoding="utf-8",
                       meta=Meta(outlet=outlet, headline=headline), text=headline, blocks=(), removals=(),
                       offsets=None, sentences=(), entities=())

    labels = article_labels([art("omaha", "omaha", "McDermott becomes CU's career scoring leader"),
                             art("omaha_2", "omaha", "Creighton's Doug McDermott returns for senior season"),
                             art("ap", "AP", "Creighton beats Drake"),
                             art("x1", None, "WNAM REPORT: President Yoon and the leaders of NATO condemned it")])
    assert labels == {"omaha": "omaha: McDermott becomes CU's career…", "omaha_2": "omaha: Creighton's Doug McDermott…",
                      "ap": "AP", "x1": "WNAM REPORT: President Yoon…"}
    assert len(set(labels.values())) == 4


def test_index_groups_a_flat_folder_whose_manifest_does_not_yet_say_its_stories(tmp_path, capsys):
    """A manifest written by a load that did not group the articles (the library's index.load)
    is current but says no story: `parallax index` then groups them, as 'info --story' asks."""
    from tests.conftest import SEEDS
    from tui.preprocess import index
    from tui.preprocess.corpus import open_corpus

    corpus = open_corpus(SEEDS)
    index.load(corpus, index.open_cache(corpus, tmp_path), jobs=1)
    cache = ["--cache-dir", str(tmp_path)]
    assert main(["info", str(SEEDS), "--story", "russia", *cache]) == 2
    assert "run 'parallax index' first" in capsys.readouterr().err
    assert main(["index", str(SEEDS), *cache]) == 0
    assert "0 parsed, 5 reused from cache" in capsys.readouterr().out
    assert main(["info", str(SEEDS), "--story", "russia", *cache]) == 0
    assert "russia-nato-cooperation" in capsys.readouterr().out
