"""The YAML cache: round trip, invalidation, corruption, unsafe tags, atomic writes."""

import dataclasses
import hashlib
import os
import re
from pathlib import Path

import pytest
import yaml

from tui.preprocess import index, parse
from tui.preprocess.cache import Cache, CacheInvalid, cache_dir_for, decode_entry, encode_entry
from tui.preprocess.corpus import open_corpus

DOC = "002_01c1dc24afd81406"


@pytest.fixture
def cache(tmp_path):
    return Cache(tmp_path / "c", parse.fingerprint())


def test_round_trip_is_exact(seed_articles, cache):
    for article in seed_articles.values():
        cache.store(article)
        assert cache.load(article.id, article.sha256) == article


def test_cache_file_is_plain_yaml_with_text_sentences_entities(seed_articles, cache):
    path = cache.store(seed_articles[DOC])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["text"] == seed_articles[DOC].text
    sentences = [tuple(map(int, s.split("-"))) for s in data["sentences"].split()]
    assert sentences == [(s.start, s.end) for s in seed_articles[DOC].sentences]
    entities = [(data["text"][int(s):int(e)], lb) for s, e, lb in re.findall(r"(\d+)-(\d+):(\S+)", data["entities"])]
    assert ("Yoon Suk Yeol", "PERSON") in entities
    assert len(data["tokens"]["pos"].split()) == len(seed_articles[DOC].tokens)


def test_a_changed_source_is_not_served(seed_articles, cache):
    article = seed_articles[DOC]
    cache.store(article)
    with pytest.raises(CacheInvalid, match="changed"):
        cache.load(article.id, hashlib.sha256(b"other").hexdigest())


def test_another_pipeline_version_is_not_served(seed_articles, tmp_path):
    article = seed_articles[DOC]
    data = encode_entry(article, "parallax-parser 0; spacy 3.7.0; model 3.7.0")
    with pytest.raises(CacheInvalid, match="another version"):
        decode_entry(data, article.id)


def test_truncated_file_is_detected(seed_articles, cache):
    path = cache.store(seed_articles[DOC])
    path.write_bytes(path.read_bytes()[:-500])
    with pytest.raises(CacheInvalid, match="checksum"):
        cache.load(DOC, seed_articles[DOC].sha256)


def test_hand_edited_file_is_detected(seed_articles, cache):
    path = cache.store(seed_articles[DOC])
    path.write_text(path.read_text(encoding="utf-8").replace("Yoon described", "Yoon praised"), encoding="utf-8")
    with pytest.raises(CacheInvalid, match="checksum"):
        cache.load(DOC, seed_articles[DOC].sha256)


def _with_valid_checksum(payload: str) -> bytes:
    body = payload.encode()
    return b"checksum: " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def test_python_tag_is_refused_and_never_executed(tmp_path, seed_articles):
    marker = tmp_path / "pwned"
    evil = f"format: 1\nid: {DOC}\nexploit: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(CacheInvalid, match="unreadable YAML"):
        decode_entry(_with_valid_checksum(evil), DOC)
    assert not marker.exists()


def test_structurally_broken_entry_is_refused(seed_articles, cache):
    path = cache.store(seed_articles[DOC])
    text = path.read_bytes().split(b"\n", 1)[1].decode()
    broken = text.replace("sentences: 0-", "sentences: -5-")
    assert broken != text
    with pytest.raises(CacheInvalid, match="malformed"):
        decode_entry(_with_valid_checksum(broken), DOC)


def test_atomic_write_keeps_the_old_file_when_writing_fails(seed_articles, cache, monkeypatch):
    article = seed_articles[DOC]
    path = cache.store(article)
    before = path.read_bytes()

    def fail(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        cache.store(dataclasses.replace(article, text=article.text + " more"))
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))


def test_sweep_removes_temp_files_of_dead_runs_only(cache):
    cache.root.mkdir(parents=True)
    dead = cache.root / ".a.yaml.999999999.tmp"
    live = cache.root / f".b.yaml.{os.getpid()}.tmp"
    dead.write_text("half")
    live.write_text("in progress")
    assert cache.sweep() == 1
    assert not dead.exists() and live.exists()


def test_cache_dir_is_per_corpus_and_overridable(tmp_path, monkeypatch):
    a, b = tmp_path / "a" / "news", tmp_path / "b" / "news"
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(tmp_path / "env"))
    assert cache_dir_for(a) != cache_dir_for(b)
    assert cache_dir_for(a).is_relative_to(tmp_path / "env")
    assert cache_dir_for(a, tmp_path / "flag").is_relative_to(tmp_path / "flag")
    assert cache_dir_for(a).name.startswith("news-")


def test_broken_cache_entry_is_rebuilt_by_load(seed_copy, tmp_path, seed_articles):
    corpus = open_corpus(seed_copy)
    cache = index.open_cache(corpus, tmp_path / "cc")
    for article in seed_articles.values():  # a warm cache without parsing again
        cache.store(dataclasses.replace(article, path=str(seed_copy / Path(article.path).name)))
    target = cache.path_for(DOC)
    target.write_bytes(target.read_bytes()[:100])
    articles, report = index.load(corpus, cache, jobs=1)
    assert report.parsed == [DOC] and len(report.reused) == 4
    assert report.rebuilt and report.rebuilt[0][0] == DOC and "checksum" in report.rebuilt[0][1]
    assert cache.load(DOC, articles[2].sha256).text == articles[2].text
