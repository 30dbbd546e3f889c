"""Shared fixtures: the bundled seed corpus, parsed once per session into a throwaway cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.paths import bundled_corpus
from tui.preprocess import index
from tui.preprocess.corpus import open_corpus

SEEDS = bundled_corpus()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the user's real cache or config."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PARALLAX_CACHE_DIR", str(path))
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # a colour terminal, whatever runs the tests (the app takes an ANSI theme on 16 colours)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("COLORFGBG", raising=False)
    return path


@pytest.fixture(scope="session")
def seed_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("seed-cache")


@pytest.fixture(scope="session")
def seed_articles(seed_cache_dir: Path):
    """The five bundled articles, cleaned and parsed (once per test session)."""
    corpus = open_corpus(SEEDS)
    articles, report = index.load(corpus, index.open_cache(corpus, seed_cache_dir), jobs=1)
    assert len(report.parsed) == 5
    return {a.id: a for a in articles}


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


def numbered_corpus(root: Path, n: int) -> Path:
    """`n` distinct articles made from the seeds, each with a line of its own so each is parsed."""
    root.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (root / f"a{i:02}.txt").write_text(f"Report number {i}\n\n{text}\n\nEnd of report {i}.", encoding="utf-8")
    return root


def raw_seed(stem: str) -> str:
    return (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.fixture
def make_app(seed_articles, seed_cache_dir: Path):
    """A factory of apps on the bundled corpus with its warm session cache."""
    from tui.app.app import ParallaxApp

    def make(corpus: Path | None = None, **kwargs):  # noqa: ANN202
        return ParallaxApp(corpus or SEEDS, cache_dir=kwargs.pop("cache_dir", seed_cache_dir), **kwargs)

    return make


async def loaded(pilot) -> None:  # noqa: ANN001
    """Wait until the app has loaded its corpus and painted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
