"""Article text, headlines and entity names are untrusted: markup in them is shown literally and
no terminal escape reaches the screen, in every widget that shows them."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from textual.widgets import DataTable, OptionList

from tests.conftest import loaded
from tui.app.screens.compare import CompareScreen
from tui.app.screens.concordance import ConcordanceScreen
from tui.app.screens.coverage import CoverageScreen
from tui.app.screens.diff import DiffScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.article_view import ArticleView

MARKUP = ["[/foo]", "[@click=app.quit]x[/]", "[b]bold[/b]"]
OSC52 = "\x1b]52;c;cGFyYWxsYXg=\x07"
ARTICLE = (
    "Headline [/foo] and [@click=app.quit]x[/]\n\n"
    "Source: [b]bold[/b] Wire\n\n"
    f"President Joe Biden said {OSC52}the [/foo] deal with [@click=app.quit]x[/] was done. "
    "Joe Biden spoke in Washington.\n\n"
    "Mr [b]bold[/b] Biden met Emmanuel Macron in Paris on Monday."
)
TWIN = ("Twin [b]bold[/b]\n\nPresident Joe Biden said the [/foo] deal with [@click=app.quit]x[/] was done today. "
        "Emmanuel Macron met Joe Biden in Paris.")


def _corpus(tmp_path):
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "evil.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "twin.txt").write_text(TWIN, encoding="utf-8")
    (folder / "corpus.yaml").write_text('articles:\n  evil:\n    outlet: "[/foo] Outlet [@click=app.quit]x[/]"\n',
                                        encoding="utf-8")
    return folder


async def test_markup_and_escapes_are_literal_in_every_view(make_app, tmp_path):
    app = make_app(_corpus(tmp_path), cache_dir=tmp_path / "cache")
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        assert app.is_running
        seen = []

        def grab() -> str:
            shot = app.export_screenshot()
            assert "\x1b]52" not in shot and "cGFyYWxsYXg=" not in shot
            seen.append(shot)
            return shot

        main = grab()
        view = app.screen.query_one(ArticleView)
        article_text = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "[/foo]" in article_text and "[@click=app.quit]x[/]" in article_text
        lists = " ".join(str(o.prompt) for w in app.screen.query(OptionList) for o in w.options)
        assert "[/foo] Outlet [@click=app.quit]x[/]" in lists
        assert main

        await pilot.press("slash", *"deal with", "enter")
        await pilot.pause()
        await pilot.press("slash", *"[/foo] deal")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        results = " ".join(str(o.prompt) for o in app.screen.query_one(OptionList).options)
        assert "[/foo]" in results and "[@click=app.quit]x[/]" in results
        grab()
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, DiffScreen)
        diff = " ".join(str(o.prompt) for o in app.screen.query_one(OptionList).options)
        assert "[@click=app.quit]x[/]" in diff
        grab()
        await pilot.press("escape", "c", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert "[/foo]" in " ".join(str(s.render()) for s in app.screen.query("Static"))
        grab()
        await pilot.press("escape", "m")
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        assert app.screen.query_one(DataTable).row_count >= 1
        grab()
        await pilot.press("escape", "3", *"Biden", "enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, ConcordanceScreen)
        conc = " ".join(str(o.prompt) for o in app.screen.query_one(OptionList).options)
        assert "[@click=app.quit]x[/]" in conc or "[b]bold[/b]" in conc
        grab()
        await pilot.press("escape")
        assert app.is_running


def test_a_real_run_does_not_emit_the_escape(tmp_path):
    """The app in a pseudo-terminal on a corpus holding an OSC 52 escape: it paints, quits on `q`,
    and no byte of the escape reaches the terminal."""
    corpus = _corpus(tmp_path)
    env = {**os.environ, "PARALLAX_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "30"}
    subprocess.run([sys.executable, "-m", "tui", "index", str(corpus)], env=env, check=True, capture_output=True)
    pid, fd = pty.fork()
    if pid == 0:  # child: the app on the evil corpus
        os.execvpe(sys.executable, [sys.executable, "-m", "tui", str(corpus)], env)
    out = b""
    deadline = time.monotonic() + 30
    sent_quit = False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            if not sent_quit and b"Washington" in out:
                time.sleep(0.5)
                os.write(fd, b"q")
                sent_quit = True
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert sent_quit, out[-2000:]
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"\x1b]52" not in out and b"cGFyYWxsYXg=" not in out
