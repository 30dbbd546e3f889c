"""Benchmark: time to first paint of the app on a warm cache, in a real pseudo-terminal.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_startup.py [CORPUS ...] [--runs N]

CORPUS defaults to the bundled corpus; name a development corpus (ECB+) for the README's figures.
For each corpus the cache is warmed first (`parallax index` into a throwaway cache folder), then
`parallax CORPUS` is started in a pseudo-terminal at 80x24 and 160x48, and the clock stops when
the terminal has received the article list, the first article's text and the entity sidebar.
Also prints the time to open and lay out a 5 MB article, and to render one screen of it.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from tests.devdata import need
from tui.paths import bundled_corpus

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]|\x1b[=>78]")


def first_paint(corpus: Path, cache: Path, size: tuple[int, int], markers: list[bytes],
                final: bytes, argv: list[str] | None = None, peak: list[int] | None = None) -> tuple[float, float]:
    """Seconds from spawning `parallax CORPUS` (or `argv`) until every marker has been written to
    the terminal, and until `final` (the header's full article count) has. With `peak`, the
    program's peak memory in bytes is appended to it before it is told to quit."""
    env = {**os.environ, "PARALLAX_CACHE_DIR": str(cache), "TERM": "xterm-256color",
           "PARALLAX_CONFIG_DIR": str(cache / "config")}
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.executable, argv or [sys.executable, "-m", "tui", str(corpus)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    screen = b""
    took = whole = float("nan")
    try:
        while time.perf_counter() - started < 30:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            screen += ANSI.sub(b"", chunk)
            if took != took and all(m in screen for m in markers):
                took = time.perf_counter() - started
            if final in screen:
                whole = time.perf_counter() - started
                if took == took:
                    break
        if peak is not None:
            peak.append(_peak_bytes(pid))
        os.write(fd, b"q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            try:
                if select.select([fd], [], [], 0.05)[0]:
                    os.read(fd, 1 << 16)
            except OSError:
                pass
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return took, whole


def _peak_bytes(pid: int) -> int:
    """A process's peak resident memory (VmHWM), 0 where /proc cannot say."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def markers_for(corpus: Path, cache: Path) -> tuple[list[bytes], bytes]:
    from tui.preprocess import index
    from tui.preprocess.corpus import open_corpus

    c = open_corpus(corpus)
    articles, _ = index.load(c, index.open_cache(c, cache), parse_missing=False)
    first = articles[0]
    words = first.text[first.sentences[0].start : first.sentences[0].end].split()[:2]
    return [first.outlet[:12].encode(), " ".join(words).encode(), b"here all out"], f"{len(articles)} articles ".encode()


def big_article_layout() -> None:
    import asyncio

    from textual.app import App

    from tests.test_article_view import big_article
    from tui.app.widgets.article_view import ArticleView

    article = big_article(11_000)

    class Host(App[None]):
        def compose(self):  # noqa: ANN202
            yield ArticleView(id="v")

    async def run() -> None:
        app = Host()
        async with app.run_test(size=(100, 40)) as pilot:
            view = app.query_one(ArticleView)
            t = time.perf_counter()
            view.show(article, None)
            layout = time.perf_counter() - t
            await pilot.pause()
            view.scroll_to(y=view.virtual_size.height // 2, animate=False, immediate=True)
            view._cache.clear()
            t = time.perf_counter()
            for y in range(view.size.height):
                view.render_line(y)
            screen = time.perf_counter() - t
            print(f"5 MB article ({len(article.text) / 1e6:.1f} MB, {view.virtual_size.height:,} lines): "
                  f"layout {layout:.2f} s, one screen of lines rendered in {screen * 1000:.1f} ms")

    asyncio.run(run())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    corpora = [need(c) for c in args.corpora] or [bundled_corpus()]
    for corpus in corpora:
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp)
            subprocess.run([sys.executable, "-m", "tui", "index", str(corpus)], check=True, capture_output=True,
                           env={**os.environ, "PARALLAX_CACHE_DIR": str(cache)})
            markers, final = markers_for(corpus, cache)
            for size in ((80, 24), (160, 48)):
                runs = [first_paint(corpus, cache, size, markers, final) for _ in range(args.runs)]
                paint, whole = [r[0] for r in runs], [r[1] for r in runs]
                print(f"{corpus.name:<8} {size[0]}x{size[1]:<3} warm cache: first paint median "
                      f"{statistics.median(paint):.2f} s (runs {', '.join(f'{t:.2f}' for t in paint)}; target < 1.0 s); "
                      f"all {final.decode().strip()} listed {statistics.median(whole):.2f} s")
    big_article_layout()


if __name__ == "__main__":
    sys.exit(main())
