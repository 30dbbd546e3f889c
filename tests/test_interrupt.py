"""Interrupting `parallax index` keeps what it finished and leaves no partial file."""

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import numbered_corpus

ARTICLES = 40


def _corpus(root: Path) -> Path:
    return numbered_corpus(root, ARTICLES)


@pytest.mark.slow
# Each signal and each way of parsing once: Ctrl-C in one process (the message, status 130), a
# kill with worker processes (orphaned workers that must exit and leave no partial file). The
# other two pairs repeat those paths and cost a minute of the test run.
@pytest.mark.parametrize(("jobs", "sig"), [("1", signal.SIGINT), ("2", signal.SIGKILL)], ids=["1-SIGINT", "2-SIGKILL"])
def test_interrupted_index_resumes_where_it_stopped(tmp_path, sig, jobs):
    corpus, cache = _corpus(tmp_path / "corpus"), tmp_path / "cache"
    cmd = [sys.executable, "-m", "tui", "index", str(corpus), "--cache-dir", str(cache), "--jobs", jobs]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(list(cache.rglob("*.yaml"))) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(sig)
    out, _ = proc.communicate(timeout=60)
    done = len(list(cache.rglob("*.yaml")))
    assert 3 <= done < ARTICLES, "interrupted too late to test anything"
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert re.search(rf"{done} parsed, .*interrupted with {ARTICLES - done} left", out)
    time.sleep(1)  # a killed run's orphaned workers notice and exit
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{ARTICLES} articles: {ARTICLES - done} parsed, {done} reused from cache, 0 skipped" in again.stdout
    assert not list(cache.rglob("*.tmp"))


class _NoDescriptor:
    """What Textual puts in place of sys.stderr while the app runs: fileno() is -1."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


@pytest.mark.slow
def test_parallel_parse_works_when_stderr_has_no_descriptor(monkeypatch):
    from tui.preprocess import parse

    monkeypatch.setattr(sys, "stderr", _NoDescriptor())
    items = [("Angela Merkel met Emmanuel Macron in Paris.", 0), ("Joe Biden spoke in Washington.", 1)]
    results = sorted(parse.parse(items, n_process=2), key=lambda r: r[-1])
    assert [r[-1] for r in results] == [0, 1]
    assert any(e.label == "PERSON" for e in results[0][1])
