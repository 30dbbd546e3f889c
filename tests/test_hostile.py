"""Hostile input, one class at a time, each with small generated inputs: oversize and one-line
articles, too many jobs, cache entries that are whole but insane, YAML alias bombs and deep or
huge YAML in every file Parallax reads, closed pipes and missing terminals, paths too long for
the file system and folders nested without end. Each must end in a clear message, lose nothing
else, and finish."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tui import safe_yaml
from tui.analysis.aliases import AliasesError, load_overrides
from tui.analysis.quotes import QuoteIndex
from tui.analysis.quotes.lookups import Doc, Story
from tui.app.config import Config
from tui.app.themes import ThemeError, theme_from_file
from tui.model import Tokens
from tui.preprocess import corpus as corpus_module
from tui.preprocess import index, parse
from tui.preprocess.cache import Cache, CacheInvalid, encode_entry
from tui.preprocess.corpus import open_corpus

DOC = "002_01c1dc24afd81406"
BOMB = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{x}: &{x} [{', '.join([f'*{p}'] * 9)}]\n" for p, x in zip("abcdefgh", "bcdefghi", strict=True)))


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:  # noqa: ANN003
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=300, **kwargs)


def _warm_copy(seed_copy: Path, seed_articles, cache_dir: Path) -> tuple:  # noqa: ANN001
    """A writable copy of the bundled corpus with a warm cache of its own."""
    corpus = open_corpus(seed_copy)
    cache = index.open_cache(corpus, cache_dir)
    for article in seed_articles.values():
        cache.store(dataclasses.replace(article, path=str(seed_copy / Path(article.path).name)))
    return corpus, cache


def _framed(payload: str) -> bytes:
    """A cache file around `payload` with a valid checksum: whole, whatever it says."""
    data = payload.encode("utf-8")
    return b"checksum: " + hashlib.sha256(data).hexdigest().encode() + b"\n" + data


# --- size: articles too large to be articles, and long ones parsed in pieces ---------------------

def test_an_article_over_the_size_limit_is_skipped_with_its_size_and_the_rest_indexed(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "dump.txt").write_text("word " * 2000, encoding="utf-8")
    (folder / "fine.txt").write_text("Headline here\n\nThe minister said talks would resume.", encoding="utf-8")
    monkeypatch.setattr(corpus_module, "MAX_ARTICLE_BYTES", 4096)
    corpus = open_corpus(folder)
    articles, report = index.load(corpus, index.open_cache(corpus, tmp_path / "cache"), jobs=1)
    assert [a.id for a in articles] == ["fine"]
    assert len(report.skipped) == 1 and "too large to be an article" in report.skipped[0].reason
    assert "(0.0 MiB; the limit is 0 MiB)" in report.skipped[0].reason   # the size and the limit, named


def test_piece_starts_cut_at_paragraphs_then_lines_sentences_spaces_and_always_advance(monkeypatch):
    monkeypatch.setattr(parse, "PIECE_CHARS", 100)
    text = ("A paragraph of some words here. " * 2 + "\n\n") * 6
    starts = parse.piece_starts(text)
    assert starts[0] == 0 and all(b - a <= 100 for a, b in zip(starts, [*starts[1:], len(text)]))
    assert all(text[s - 2 : s] == "\n\n" for s in starts[1:])        # at paragraph breaks
    one_line = "Words and more words. " * 40
    assert all(one_line[s - 2 : s] == ". " for s in parse.piece_starts(one_line)[1:])
    giant = "x" * 450                                                   # one enormous word
    assert parse.piece_starts(giant) == [0, 100, 200, 300, 400]
    assert parse.piece_starts("short") == [0]


def test_a_long_article_is_parsed_in_pieces_with_its_offsets_kept(monkeypatch, tmp_path):
    monkeypatch.setattr(parse, "PIECE_CHARS", 300)
    paragraph = "Angela Merkel met Emmanuel Macron in Paris on Monday. The talks in Geneva would resume, she said."
    text = "\n\n".join([paragraph] * 12)   # about 1,200 characters: five pieces or so
    assert len(parse.piece_starts(text)) >= 4
    sentences, entities, tokens, _ = next(parse.parse([(text, None)]))
    assert tokens.idx == tuple(sorted(set(tokens.idx)))                 # one token list, in order
    for i in range(len(tokens)):
        word = text[tokens.idx[i] : tokens.idx[i] + tokens.length[i]]
        assert word and (word.strip() or word.isspace())
        assert 0 <= tokens.head[i] < len(tokens)
    assert {text[e.start : e.end] for e in entities} >= {"Angela Merkel", "Emmanuel Macron", "Paris", "Geneva"}
    assert sum(text[e.start : e.end] == "Angela Merkel" for e in entities) == 12   # in every piece
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in sentences)
    cache = Cache(tmp_path / "c", parse.fingerprint())               # and the cache takes it back
    from tui.model import Article, Meta, OffsetMap

    article = Article(id="long", path="long.txt", story="", sha256="x", encoding="utf-8", meta=Meta(), text=text,
                      blocks=(), removals=(), offsets=OffsetMap(((0, 0),)), sentences=sentences,
                      entities=entities, tokens=tokens)
    cache.store(article)
    assert cache.load("long", "x") == article


# --- processes: --jobs past the cores, and a process limit -----------------------------------------

def test_jobs_are_capped_at_the_cores_there_are():
    assert parse.processes_for(10, 1000) == parse.cores()
    assert parse.processes_for(10, 1) == 1
    assert parse.processes_for(10**9, None) <= parse.cores()


def test_too_many_jobs_are_reported_and_parsing_goes_on(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nThe minister said talks would resume in Geneva.", encoding="utf-8")
    corpus = open_corpus(folder)
    articles, report = index.load(corpus, index.open_cache(corpus, tmp_path / "cache"), jobs=1000)
    assert len(articles) == 1
    assert any("not the 1000 asked for" in w for w in report.warnings)


def test_a_pool_that_cannot_start_parses_in_process(monkeypatch):
    import multiprocessing

    class NoProcesses:
        def Pool(self, *args, **kwargs):  # noqa: ANN002, ANN003, N802
            raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing, "get_context", lambda *a: NoProcesses())
    items = [(f"Angela Merkel spoke in Berlin on day {i}.", i) for i in range(20)]
    done = list(parse.parse(items, n_process=4))
    assert sorted(context for *_, context in done) == list(range(20))


# --- cache entries whose checksum holds but whose content is insane ----------------------------------

@pytest.mark.parametrize(("change", "why"), [
    (lambda t: dataclasses.replace(t, head=(1, 0, *t.head[2:])), "heads form a cycle"),
    (lambda t: dataclasses.replace(t, head=tuple((i + 1) % len(t) for i in range(len(t)))), "heads form a cycle"),
    (lambda t: dataclasses.replace(t, idx=(t.idx[1], t.idx[0], *t.idx[2:])), "out of order"),
])
def test_a_checksummed_entry_with_an_insane_parse_is_refused_and_rebuilt(
        seed_copy, seed_articles, tmp_path, change, why):
    corpus, cache = _warm_copy(seed_copy, seed_articles, tmp_path / "cc")
    bad = dataclasses.replace(seed_articles[DOC], path=str(seed_copy / f"{DOC}.txt"))
    bad = dataclasses.replace(bad, tokens=change(bad.tokens))
    cache.path_for(DOC).write_bytes(encode_entry(bad, cache.fingerprint))
    with pytest.raises(CacheInvalid, match=why):
        cache.load(DOC, bad.sha256)
    started = time.perf_counter()
    articles, report = index.load(corpus, cache, jobs=1)
    assert report.parsed == [DOC] and len(report.reused) == 4 and why in report.rebuilt[0][1]
    QuoteIndex.build(articles, {}, [])                                  # and analysis finishes on it
    assert time.perf_counter() - started < 120


def test_walks_up_and_down_a_cyclic_parse_end():
    """Analysis is handed a parse with a head cycle (it never is, after validation): walks end."""
    from tui.model import Article, Block, Meta, OffsetMap, Span

    text = "He said it was fine."
    tokens = Tokens(idx=(0, 3, 8, 11, 15, 19), length=(2, 4, 2, 3, 4, 1), pos=("PRON", "VERB", "PRON", "AUX", "ADJ", "PUNCT"),
                    tag=("PRP", "VBD", "PRP", "VBD", "JJ", "."), dep=("nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"),
                    head=(1, 3, 3, 1, 3, 1), lemma=("", "say", "", "be", "", ""))
    article = Article(id="x", path="x.txt", story="", sha256="x", encoding="utf-8", meta=Meta(), text=text,
                      blocks=(Block(0, len(text), "body"),), removals=(), offsets=OffsetMap(((0, 0),)),
                      sentences=(Span(0, len(text)),), entities=(), tokens=tokens)
    doc = Doc(article, [], Story(()))
    assert doc.subtree(1) == (0, 6)


# --- YAML: alias bombs, depth and size, in every file that is YAML -------------------------------------

def test_the_yaml_reader_refuses_aliases_depth_and_size():
    for text, why in [(BOMB, "aliases"), ("[" * 200 + "]" * 200, "nested"), ("a: b\n" * 300_000, "larger")]:
        started = time.perf_counter()
        with pytest.raises(yaml.YAMLError, match=why):
            safe_yaml.load(text)
        assert time.perf_counter() - started < 5
    assert safe_yaml.load("a: [1, {b: c}]") == {"a": [1, {"b": "c"}]}


def test_an_alias_bomb_in_a_checksummed_cache_entry_is_refused_and_rebuilt(seed_copy, seed_articles, tmp_path):
    corpus, cache = _warm_copy(seed_copy, seed_articles, tmp_path / "cc")
    path = cache.path_for(DOC)
    payload = path.read_bytes().partition(b"\n")[2].decode("utf-8")
    parts = ["&a [" + ", ".join(["lol"] * 9) + "]"] + [
        f"&{x} [" + ", ".join([f"*{p}"] * 9) + "]" for p, x in zip("abcdefgh", "bcdefghi", strict=True)]
    lines = payload.splitlines(keepends=True)
    meta = next(i for i, line in enumerate(lines) if line.startswith("meta:"))
    lines.insert(meta + 1, f"  bomb: [{', '.join(parts)}]\n")
    path.write_bytes(_framed("".join(lines)))
    with pytest.raises(CacheInvalid, match="aliases are not allowed"):
        cache.load(DOC, seed_articles[DOC].sha256)
    _, report = index.load(corpus, cache, jobs=1)
    assert report.parsed == [DOC] and "aliases" in report.rebuilt[0][1]


def test_an_alias_bomb_in_corpus_yaml_is_a_warning_and_the_corpus_opens(seed_copy):
    (seed_copy / "corpus.yaml").write_text(BOMB, encoding="utf-8")
    started = time.perf_counter()
    corpus = open_corpus(seed_copy)
    assert time.perf_counter() - started < 5
    assert len(corpus.files) == 5 and any("aliases are not allowed" in w for w in corpus.warnings)


def test_an_alias_bomb_in_config_theme_or_aliases_file_is_refused(tmp_path):
    (tmp_path / "config.yaml").write_text(BOMB, encoding="utf-8")
    config = Config.load(tmp_path)
    assert config.theme == "parallax-dark" and "refused: aliases are not allowed" in config.problems[0]
    (tmp_path / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    with pytest.raises(ThemeError, match="aliases are not allowed"):
        theme_from_file(tmp_path / "bomb.yaml")
    (tmp_path / "aliases.yaml").write_text(BOMB, encoding="utf-8")
    with pytest.raises(AliasesError, match="aliases are not allowed"):
        load_overrides(tmp_path)


def test_an_oversize_settings_file_is_refused_without_reading_it_whole(tmp_path):
    (tmp_path / "config.yaml").write_text("# padding\n" * 200_000, encoding="utf-8")   # 2 MB
    assert "larger than 1 MiB" in Config.load(tmp_path).problems[0]


async def test_an_alias_bomb_in_corpus_yaml_does_not_hang_the_app(make_app, seed_copy, tmp_path):
    from tests.conftest import loaded

    (seed_copy / "corpus.yaml").write_text(BOMB, encoding="utf-8")
    app = make_app(seed_copy, cache_dir=tmp_path / "cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.screen.query_one("#panes").display
        await pilot.press("q")
    assert not app.is_running


# --- pipes and terminals ---------------------------------------------------------------------------------

COMMANDS = [["index"], ["info"], ["show", "000"], ["entities"], ["entities", "--json"], ["align"], ["align", "--json"],
            ["diff", "000", "003"], ["quotes"], ["quotes", "--json"]]


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_every_command_quietly_with_status_0(seed_articles, seed_cache_dir, args):
    reader, writer = os.pipe()
    os.close(reader)   # as `| head` does once it has what it wants: every write now fails
    try:
        result = subprocess.run([sys.executable, "-m", "tui", *args, "--cache-dir", str(seed_cache_dir)],
                                stdout=writer, stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(writer)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


@pytest.mark.slow
def test_the_app_without_a_terminal_says_so_in_one_line(seed_articles, seed_cache_dir):
    result = run("--cache-dir", str(seed_cache_dir), stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr


# --- paths and folders -------------------------------------------------------------------------------------

def test_an_article_whose_name_is_too_long_for_a_cache_file_is_cached_and_reused(tmp_path):
    folder = tmp_path / "c" / "story"
    folder.mkdir(parents=True)
    name = "a" * 245   # a legal file name; its cache entry's temporary file would not be
    (folder / f"{name}.txt").write_text("Headline\n\nThe minister said talks would resume in Geneva.", encoding="utf-8")
    corpus = open_corpus(tmp_path / "c")
    cache = index.open_cache(corpus, tmp_path / "cache")
    _, first = index.load(corpus, cache, jobs=1)
    assert first.parsed == [f"story/{name}"] and not first.warnings
    _, second = index.load(corpus, cache, jobs=1)
    assert second.reused == [f"story/{name}"] and not second.parsed


def test_folders_nested_past_the_limit_are_named_and_the_rest_read(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_module, "MAX_DEPTH", 3)
    deep = tmp_path / "c"
    for i in range(6):
        deep = deep / f"level{i}"
    deep.mkdir(parents=True)
    (deep / "lost.txt").write_text("Headline\n\nToo deep to read.", encoding="utf-8")
    (tmp_path / "c" / "level0" / "kept.txt").write_text("Headline\n\nRead.", encoding="utf-8")
    corpus = open_corpus(tmp_path / "c")
    assert list(corpus.files) == ["level0/kept"]
    assert any("more than 3 levels deep were not read (level0/level1/level2/level3)" in w for w in corpus.warnings)


def test_the_parser_is_given_a_bounded_amount_of_text_at_once():
    from tui.preprocess import parse

    pieces = [("x" * n, i) for i, n in enumerate([parse.PIECE_CHARS] * 5 + [3_000] * 70 + [parse.BATCH_CHARS + 5])]
    batches = list(parse._batches(iter(pieces)))
    assert [p for b in batches for p in b] == pieces                     # all of them, in order
    for b in batches:
        assert len(b) <= parse.BATCH_SIZE
        assert len(b) == 1 or sum(len(t) for t, _ in b) <= parse.BATCH_CHARS
    assert len(batches[0]) == 1 and len(batches[-1]) == 1                # a long piece goes alone
