"""Benchmark: corpora of thousands of articles, built from ECB+.

Not part of the test run (pytest collects `test_*.py` only). Run it with

    python tests/bench_scale.py ECBPLUS_DIR [--sizes 2000,5000,10000] [--work DIR]

For each size N it builds, under DIR (default: parallax-scale in the temporary folder), a corpus
of N articles: ECB+'s articles copied again and again into story folders (`r03_topic12/...`),
each copy with a line of its own so that every copy has its own content hash. It indexes it
once and keeps the corpus and its cache for the next run (it says whether it reused them). Then
it prints, beside a Textual hello-world started the same way in the same run:

- the app's first paint of article text (the opening words of the first article) and "story
  ready" (its story read: entities highlighted, the header's article count), and its peak memory;
- `parallax index` with nothing changed;
- `parallax entities --story S --json` for one story;
- clustering every article of the corpus into stories (`parallax stories --cluster`, its cached
  stories removed first; it says whether the articles' counts were cached).

Wall times, in seconds; the machine is shared, so the ratios to the hello-world are what count.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from tests.bench_startup import first_paint
from tests.devdata import need

HELLO = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self):
            yield Static("hello world, first paint")

    Hello().run()
""")


def build(source: Path, n: int, root: Path) -> bool:
    """Write the corpus of `n` articles under `root`; False when it was there already."""
    done = root / ".complete"
    if done.exists():
        return False
    shutil.rmtree(root, ignore_errors=True)
    originals = sorted(p for p in source.glob("topic*/*.txt"))
    made, copy = 0, 0
    while made < n:
        for path in originals:
            if made == n:
                break
            folder = root / f"r{copy:02d}_{path.parent.name}"
            folder.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8")
            (folder / path.name).write_text(f"{text.rstrip()}\n\nEdition {copy + 1} of this report.\n", encoding="utf-8")
            made += 1
        copy += 1
    done.write_text("")
    return True


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    return time.perf_counter() - started, done


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ecbplus", type=Path)
    ap.add_argument("--sizes", default="2000,5000,10000")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "parallax-scale")
    args = ap.parse_args()
    source = need(args.ecbplus)
    py = [sys.executable, "-m", "tui"]
    hello = args.work / "hello.py"
    args.work.mkdir(parents=True, exist_ok=True)
    hello.write_text(HELLO)
    for n in (int(s) for s in args.sizes.split(",")):
        corpus, cache = args.work / f"corpus-{n}", args.work / f"cache-{n}"
        env = {**os.environ, "PARALLAX_CACHE_DIR": str(cache), "PARALLAX_CONFIG_DIR": str(cache / "config")}
        built = build(source, n, corpus)
        took, done = timed([*py, "index", str(corpus)], env)
        print(f"N={n}: corpus {'built' if built else 'reused'}; index {'cold' if built else 'to bring the cache up to date'} "
              f"{took:.1f} s: {done.stdout.splitlines()[0] if done.stdout else done.stderr.strip()[-200:]}")
        took, _ = timed([*py, "index", str(corpus)], env)
        print(f"  index with nothing changed: {took:.2f} s (target 3 s)")
        folders = sorted(p for p in corpus.iterdir() if p.is_dir())
        story = folders[len(folders) // 2].name
        took, done = timed([*py, "entities", str(corpus), "--story", story, "--json"], env)
        print(f"  entities --story {story} --json: {took:.2f} s (target 1 s), exit {done.returncode}")
        for found in cache.rglob(".stories/*.json"):   # the stories go, so they are clustered anew
            found.unlink()
        counted = any(cache.rglob(".counts/*.json"))
        took, done = timed(["/usr/bin/time", "-f", "%M", *py, "stories", str(corpus), "--cluster", "--json"], env)
        memory = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
        print(f"  stories --cluster (clustering {n} articles, their counts "
              f"{'cached' if counted else 'worked out from every article'}): {took:.1f} s (target 30 s), "
              f"peak {int(memory) // 1024 if memory.isdigit() else memory} MB, exit {done.returncode}")
        base, _ = first_paint(corpus, cache, (80, 24), [b"hello world"], b"hello world",
                              argv=[sys.executable, str(hello)])
        peak: list[int] = []
        text, header = markers(corpus, cache)
        paint, ready = first_paint(corpus, cache, (80, 24), [text], header, peak=peak)
        print(f"  app: first paint of article text {paint:.2f} s ({paint / base:.1f}x hello-world's {base:.2f} s; "
              f"target 1.5x), first story ready (its entities and the header's article count) {ready:.2f} s "
              f"(target 1.5 s), peak memory {peak[0] / 2**20:.0f} MB (target 400 MB)")


def markers(corpus: Path, cache_base: Path) -> tuple[bytes, bytes]:
    """What the app paints first: the opening words of the first listed article, and, once its
    story is read, the header's article count."""
    from tui.preprocess import manifest
    from tui.preprocess.cache import Cache, cache_dir_for
    from tui.preprocess.parse import fingerprint

    cache = Cache(cache_dir_for(corpus.resolve(), cache_base), fingerprint())
    rows = [e for e in manifest.read(cache).entries.values() if e.skipped is None]
    first = cache.load(rows[0].id, rows[0].sha256)
    words = first.text[first.sentences[0].start : first.sentences[0].end].split()[:3]
    return " ".join(words).encode(), f"{len(rows)} articles".encode()


if __name__ == "__main__":
    sys.exit(main())
