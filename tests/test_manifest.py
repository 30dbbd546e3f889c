"""The corpus manifest (`preprocess.manifest`): what lets `index`, `--story` and a start read
nothing else when nothing changed."""

from __future__ import annotations

import os
import shutil

from tui import cli
from tui.paths import bundled_corpus
from tui.preprocess import index, manifest
from tui.preprocess.corpus import open_corpus


def _copy(tmp_path):  # noqa: ANN001, ANN202
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), folder)
    (folder / "notes.bin").write_bytes(b"")                 # not an article: named, never in the manifest
    (folder / "empty.txt").write_bytes(b"")                 # an article file that gives nothing: skipped
    return folder


def test_index_writes_the_manifest_and_then_reads_nothing_else(tmp_path, capsys, monkeypatch):
    folder, cache = _copy(tmp_path), str(tmp_path / "cache")
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0
    corpus = open_corpus(folder)
    found = manifest.read(index.open_cache(corpus, cache))
    assert list(found.entries) == list(corpus.files)
    row = found.entries["001_b851d7e6de4fbf2a"]
    assert row.story and row.headline and row.words > 100 and len(row.sha256) == 64 and row.skipped is None
    assert found.entries["empty"].skipped
    capsys.readouterr()

    monkeypatch.setattr(index, "load", lambda *a, **k: (_ for _ in ()).throw(AssertionError("loaded")))
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("6 articles: 0 parsed, 5 reused from cache, 1 skipped")
    assert "skipped empty.txt" in captured.err


def test_a_changed_file_or_a_broken_manifest_means_a_load(tmp_path, capsys, monkeypatch):
    folder, cache = _copy(tmp_path), str(tmp_path / "cache")
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0
    loads = []
    real = index.load
    monkeypatch.setattr(index, "load", lambda *a, **k: loads.append(1) or real(*a, **k))
    path = folder / "002_01c1dc24afd81406.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0 and loads == [1]
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0 and loads == [1]   # written again
    target = index.open_cache(open_corpus(folder), cache).root / manifest.NAME
    target.write_bytes(target.read_bytes()[:-20])
    assert manifest.read(index.open_cache(open_corpus(folder), cache)) is None
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0 and loads == [1, 1]
    (folder / "002_01c1dc24afd81406.txt").unlink()                       # a file gone is a change too
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0 and loads == [1, 1, 1]
    assert "5 articles" in capsys.readouterr().out.splitlines()[-2]


def test_story_reads_only_that_storys_articles_when_the_manifest_is_current(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "two"
    for story in ("summit", "other"):
        (folder / story).mkdir(parents=True)
    for i, path in enumerate(sorted(bundled_corpus().glob("*.txt"))):
        shutil.copy(path, folder / ("summit" if i < 3 else "other") / path.name)
    cache = str(tmp_path / "cache")
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0
    read = []
    real = index.load
    monkeypatch.setattr(index, "load", lambda corpus, *a, **k: read.append(len(corpus.files)) or real(corpus, *a, **k))
    capsys.readouterr()
    assert cli.main(["entities", str(folder), "--story", "SUMM", "--cache-dir", cache]) == 0
    assert read == [3] and "NATO" in capsys.readouterr().out


def test_stories_are_listed_from_a_current_manifest_alone(tmp_path, capsys, monkeypatch):
    folder, cache = _copy(tmp_path), str(tmp_path / "cache")
    assert cli.main(["stories", str(folder), "--json", "--cache-dir", cache]) == 0
    first = capsys.readouterr().out
    monkeypatch.setattr(index, "load", lambda *a, **k: (_ for _ in ()).throw(AssertionError("loaded")))
    assert cli.main(["stories", str(folder), "--json", "--cache-dir", cache]) == 0
    assert capsys.readouterr().out == first                   # the same listing, nothing loaded
