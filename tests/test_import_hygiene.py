"""The analysis core imports without Textual; a warm start never imports spaCy."""

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True, timeout=120)
    return set(out.stdout.split())


def test_core_imports_without_textual_or_spacy():
    mods = _modules_after("import tui.index, tui.cache, tui.clean, tui.corpus, tui.model, tui.metadata, tui.cli")
    assert "textual" not in mods
    assert "spacy" not in mods


def test_warm_cache_load_does_not_import_spacy(seed_articles, seed_cache_dir):
    mods = _modules_after(
        "from tui import index; from tui.corpus import open_corpus; from tui.paths import bundled_corpus\n"
        f"c = open_corpus(bundled_corpus()); a, r = index.load(c, index.open_cache(c, {str(seed_cache_dir)!r}))\n"
        "assert len(r.reused) == 5 and not r.parsed, r"
    )
    assert "spacy" not in mods and "textual" not in mods


def test_app_on_a_warm_cache_paints_without_spacy(seed_articles, seed_cache_dir):
    mods = _modules_after(
        "import asyncio\n"
        "from tui.app import ParallaxApp\n"
        "from tui.paths import bundled_corpus\n"
        "async def main():\n"
        f"    app = ParallaxApp(bundled_corpus(), cache_dir={str(seed_cache_dir)!r})\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        assert app.screen.query_one('#panes').display\n"
        "asyncio.run(main())"
    )
    assert "textual" in mods and "spacy" not in mods
