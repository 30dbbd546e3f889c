"""Parsing on a Dask cluster (`parallax index --dask`): the same cache as a local run, a lost worker
costs only its chunk, and an interrupted run keeps every finished chunk."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui import cli
from tui.preprocess import distributed, index
from tui.preprocess.corpus import open_corpus

from .conftest import numbered_corpus as _corpus


def _entries(cache: Path) -> dict[str, bytes]:
    return {p.relative_to(cache).as_posix(): p.read_bytes() for p in sorted(cache.rglob("*")) if p.is_file()}


def test_chunks_are_whole_documents_of_a_few_mb_and_several_per_worker():
    assert distributed.chunks_of([10] * 5, workers=2) == [[0, 1, 2, 3, 4]]   # too small to be worth sending apart
    big = [1_000_000] * 40
    chunks = distributed.chunks_of(big, workers=2)
    assert len(chunks) == 10 and all(len(c) == 4 for c in chunks)          # 40 MB / (2 workers x 4) = 5 MB: 4 each
    assert [i for c in chunks for i in c] == list(range(40))
    many = distributed.chunks_of(big, workers=50)
    assert len(many) == 40                                                   # never less than a document
    assert distributed.chunks_of([9_000_000, 10], workers=1) == [[0], [1]]   # a long document alone


def test_a_local_cluster_writes_the_cache_a_local_run_writes_even_when_a_worker_dies(tmp_path, monkeypatch):
    corpus = open_corpus(_corpus(tmp_path / "corpus", 8))
    monkeypatch.setattr(distributed, "MIN_CHUNK_CHARS", 1)   # a chunk per article or two, so the kill is midway
    local = tmp_path / "local"
    index.load(corpus, index.open_cache(corpus, local))
    on_dask = tmp_path / "dask"
    with distributed.session("local:2") as client:
        killed: list[int] = []

        def kill_a_worker(done: int, total: int, doc_id: str) -> None:   # the test hook: once, after the first
            if done >= 1 and not killed:
                pid = next(iter(client.run(os.getpid).values()))
                killed.append(pid)
                os.kill(pid, signal.SIGKILL)

        articles, report = index.load(corpus, index.open_cache(corpus, on_dask), dask=client, progress=kill_a_worker)
    assert killed and not report.interrupted
    assert len(articles) == 8 and len(report.parsed) == 8 and report.processes == 2
    assert _entries(on_dask) == _entries(local)   # every entry, and the manifest, byte for byte


def test_workers_that_read_the_files_themselves_write_the_same_cache(tmp_path, capsys):
    folder = _corpus(tmp_path / "corpus", 4)
    assert cli.main(["index", str(folder), "--cache-dir", str(tmp_path / "local")]) == 0
    assert cli.main(["index", str(folder), "--cache-dir", str(tmp_path / "dask"), "--dask", "local:1",
                     "--workers-read"]) == 0
    assert "4 articles: 4 parsed" in capsys.readouterr().out
    assert _entries(tmp_path / "dask") == _entries(tmp_path / "local")


def test_without_dask_the_option_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)   # as if the extra were not installed
    assert cli.main(["index", str(_corpus(tmp_path / "c", 1)), "--cache-dir", str(tmp_path / "cache"),
                     "--dask", "local:2"]) == 2
    assert "pip install 'parallax-news[dask]'" in capsys.readouterr().err
    assert not (tmp_path / "cache").exists()   # nothing was read or parsed
    assert cli.main(["index", "--workers-read"]) == 2
    assert cli.main(["index", "--dask", "local:none"]) == 2
    assert "local:N takes a number of workers" in capsys.readouterr().err


@pytest.mark.slow
def test_interrupted_dask_index_keeps_its_finished_chunks(tmp_path):
    articles = 40   # about 200 KB of text: four chunks of ten for two workers
    corpus, cache = _corpus(tmp_path / "corpus", articles), tmp_path / "cache"
    cmd = [sys.executable, "-m", "tui", "index", str(corpus), "--cache-dir", str(cache)]
    proc = subprocess.Popen([*cmd, "--dask", "local:2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while not list(cache.rglob("*.yaml")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    done = len(list(cache.rglob("*.yaml")))
    assert proc.returncode == 130, err
    assert 1 <= done < articles, "interrupted too late to test anything"
    assert re.search(rf"{done} parsed, .*interrupted with {articles - done} left", out)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{articles} articles: {articles - done} parsed, {done} reused from cache, 0 skipped" in again.stdout
    assert not list(cache.rglob("*.tmp"))
