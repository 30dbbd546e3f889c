"""The terminal app. The window paints at once; a thread worker loads (and, on a cold cache,
parses) the corpus and posts the result, so startup never waits on spaCy or the disk.

Article text is untrusted: it reaches widgets only as `Content` / `Text`, never as markup.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from ..paths import bundled_themes, config_dir
from ..untrusted import shown
from .config import DEFAULT_THEME, Config
from .messages import ArticleRead, CorpusListed, CorpusLoaded, LoadFailed, LoadProgress
from .screens.main import MainScreen
from .themes import ansi_theme, few_colours, load_themes, readable

# A corpus this large whose manifest is current is read one story at a time: loading every story
# of 2,000 articles took 10 s and 410 MB, and grows with the corpus; one story takes a fraction of
# a second whatever the corpus's size.
ONE_STORY_FROM = 1000


@dataclass
class _OneStory:
    corpus: Any                           # None until the folder is listed (`ready`)
    cache: Any
    stories: list[Any]                    # the stories the corpus manifest names
    rows: list[Any]                       # its rows of readable articles
    order: list[str] = field(default_factory=list)   # its stories in the list's order
    recent: dict[str, CorpusLoaded] = field(default_factory=dict)   # the last stories shown, oldest first
    ready: threading.Event = field(default_factory=threading.Event)   # the folder is listed and checked
    lock: threading.Lock = field(default_factory=threading.Lock)       # `recent`, from two workers
    KEEP = 3


def _listable(listed: Any) -> bool:  # noqa: ANN401
    """Whether a manifest is worth painting from before the folder is listed: large, and with
    stories known (a flat folder's once grouped by event)."""
    return (listed is not None and len(listed.entries) >= ONE_STORY_FROM
            and len({e.story for e in listed.entries.values()}) > 1)


class ParallaxApp(App[None]):
    TITLE = "Parallax"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("ctrl+t", "change_theme", "Theme", show=False, id="app.theme"),
        # Textual's keys panel (Ctrl+P, "Keys") closes with Esc like every other panel
        Binding("escape", "hide_help_panel", "Close keys", show=False, priority=True, id="app.keys_close"),
    ]
    CSS = """
    Input > .input--placeholder { color: $foreground-muted; }
    """
    MODES = {"main": MainScreen}
    DEFAULT_MODE = "main"

    def __init__(self, corpus: str | Path | None = None, *, cache_dir: str | Path | None = None,
                 config: Config | None = None) -> None:
        super().__init__()
        self.corpus_path = corpus
        self.cache_dir = cache_dir
        self.config = config or Config.load()
        self.animation_level = "none"
        self._stop = threading.Event()
        self._correcting = threading.Lock()
        self.painted = threading.Event()   # the first article's text is on screen
        self.sub_title_base = ""
        self._one_story: _OneStory | None = None   # a large corpus: read one story at a time
        self.overrides: Any = None            # the corpus's aliases (analysis.aliases.Overrides)
        self.fixes: tuple = ()                # and its quotations' speakers corrected (corrections.SpeakerFix)
        self.folders: tuple[Path, Path] | None = None   # the corpus folder and its cache folder
        self.cache: Any = None
        loaded = load_themes(bundled_themes(), config_dir() / "themes")
        self._notices = list(self.config.problems) + loaded.problems
        for theme in loaded.themes:
            self.register_theme(theme)
        wanted = self.config.theme
        if not self.config.chose_theme and few_colours(os.environ):
            wanted = self.config.theme = ansi_theme(os.environ)   # not saved: only a choice is
        if wanted not in self.available_themes:
            self._notices.append(f"theme '{wanted}' not found; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME
        self.theme = wanted

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_help_panel":
            return bool(self.screen.query("HelpPanel"))
        return True

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title: Textual dims the sub-title, which is too faint on light themes."""
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title), (" — ", "$foreground-muted"), Content.styled(sub_title, "$foreground-muted"))

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with every text colour readable on its ground (also in
        `theme_variables`, which Textual sets to what it computed)."""
        self.theme_variables = readable(super().get_css_variables())
        return self.theme_variables

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.config.keys:
            from .commands import remappable

            known = {b.id for b in remappable(type(self)) if b.id}
            unknown = sorted(set(self.config.keys) - known)
            if unknown:
                self._notices.append(f"unknown binding id(s) in {self.config.path.name}: {', '.join(unknown)}")
            keymap = {k: v for k, v in self.config.keys.items() if k in known}
            from .commands import clashes

            self._notices += [f"{self.config.path.name}: {c}" for c in clashes(type(self), keymap)]
            self.set_keymap(keymap)
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=8, markup=False)
        self.load_corpus()

    def on_unmount(self) -> None:
        self._stop.set()

    def _remember_theme(self, theme) -> None:  # noqa: ANN001
        if theme.name == self.config.theme:
            return
        self.config.theme = theme.name
        try:
            self.config.save()
        except OSError as exc:
            self.notify(f"could not save the theme to {self.config.path}: {exc.strerror or exc}",
                        severity="warning", markup=False)

    # --- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_corpus(self) -> None:
        from ..model import CorpusError, corpus_root
        from ..paths import bundled_corpus
        from ..preprocess import manifest
        from ..preprocess.cache import Cache, cache_dir_for
        from ..preprocess.parse import ModelMissing, fingerprint

        screen = self.screen
        try:
            # A large corpus's list is painted from its manifest before anything else is read or
            # imported; the folder is listed, and the manifest checked against it, after.
            root = corpus_root(self.corpus_path or bundled_corpus())
            cache = Cache(cache_dir_for(root, self.cache_dir), fingerprint())
            listed = manifest.read(cache)
            if _listable(listed):
                self._list(listed, cache, root, screen)
                self._preview(listed, cache, screen)
            from ..preprocess.corpus import open_corpus

            corpus = open_corpus(root)
            self.folders, self.cache = (corpus.root, cache.root), cache
            self._read_corrections(notify=True)
            state = self._one_story
            if state is not None and manifest.current(corpus.files, listed):
                state.corpus = corpus
                state.ready.set()
                self._load_story(state.rows[0].story, screen)
                return
            if state is not None:   # changed since it was indexed: the whole corpus is read
                self._one_story = None
                self.call_from_thread(self.notify, "The corpus changed since it was indexed; reading it again.",
                                      markup=False)
            self._load_whole(corpus, cache, screen)
        except (CorpusError, ModelMissing, OSError) as exc:
            screen.post_message(LoadFailed(f"Cannot open the corpus: {exc}"))

    def _list(self, listed: Any, cache: Any, root: Path, screen: Screen) -> None:
        from ..analysis.stories import listed as stories_of

        rows = [e for e in listed.entries.values() if e.skipped is None]
        self._one_story = _OneStory(None, cache, stories_of(listed), rows,
                                    list(dict.fromkeys(e.story for e in rows)))
        screen.post_message(CorpusListed(rows, self._one_story.stories))
        self.sub_title_base = f"{shown(root.name)} · {len(rows)} articles"   # a folder name is untrusted

    def _preview(self, listed: Any, cache: Any, screen: Screen) -> None:
        """Post the first article from the cache when its file is as the manifest says: its text
        is painted before the folder is listed and the story is read."""
        from ..preprocess import manifest
        from ..preprocess.cache import CacheInvalid

        row = self._one_story.rows[0]
        try:
            article = cache.load(row.id, row.sha256)
            if manifest.stat_of(Path(article.path)) == (row.size, row.mtime_ns):
                screen.post_message(ArticleRead(dataclasses.replace(article, story=row.story)))
                self.painted.wait(0.5)   # listing the folder now would slow the painting of its text
        except (FileNotFoundError, CacheInvalid, OSError):
            pass   # shown when its story is read

    def _read_corrections(self, *, notify: bool) -> list[str]:
        """Read the user's corrections (aliases and speakers) from the corpus and cache folders;
        a file that cannot be used is left out, and named in what this returns (and a notice)."""
        from ..analysis.aliases import AliasesError, load_overrides
        from ..analysis.corrections import CorrectionsError, load_fixes

        problems = []
        try:
            self.overrides = load_overrides(*self.folders)
        except AliasesError as exc:
            self.overrides = None
            problems.append(f"{exc}; entities shown without it")
        try:
            self.fixes = load_fixes(self.folders)
        except CorrectionsError as exc:
            self.fixes = ()
            problems.append(f"{exc}; speakers shown as found")
        if notify:
            for problem in problems:
                self.call_from_thread(self.notify, problem, severity="warning", timeout=10, markup=False)
        return problems

    def _load_whole(self, corpus: Any, cache: Any, screen: Screen) -> None:
        from ..analysis import stories
        from ..analysis.align import Aligner
        from ..analysis.copied import copied_corpus
        from ..analysis.entities import EntityIndex
        from ..analysis.quotes import QuoteIndex
        from ..preprocess import index

        def progress(done: int, total: int, doc_id: str) -> None:
            if self._stop.is_set():
                raise KeyboardInterrupt  # index.load keeps what it finished
            screen.post_message(LoadProgress(done, total, doc_id))

        aligner = quotes = None
        for articles, report, finished in index.load_in_stages(corpus, cache, progress=progress):
            if self._stop.is_set():
                return
            articles, found = stories.assign(articles, cache)   # a flat folder's, grouped by event
            entities = EntityIndex.build(articles, self.overrides, cache)
            aligner = Aligner(articles, entities.entities, cache)
            quotes = QuoteIndex.build(articles, entities.in_doc, entities.entities, self.fixes)
            self.sub_title_base = f"{corpus.name} · {len(articles)} articles" + ("" if finished else " (loading…)")
            screen.post_message(CorpusLoaded(corpus, articles, entities, report, finished, aligner, quotes, found,
                                             copied=copied_corpus(articles)))
        self.call_from_thread(self._report, report)
        if quotes is not None and quotes.missed:
            self.call_from_thread(self._missed, quotes.missed)
        if aligner is not None:
            aligner.warm(self._stop.is_set)  # the diff and compare views then open at once

    def load_story(self, story: str) -> None:
        """Read `story` (of a corpus read one story at a time) and show it when it is ready."""
        if self._one_story is not None:
            self._story_worker(story, self.screen)

    @work(thread=True, exclusive=True, group="story")
    def _story_worker(self, story: str, screen: Screen) -> None:
        state = self._one_story
        while state is not None and not state.ready.wait(0.1):   # the folder is still being listed
            if self._stop.is_set() or self._one_story is not state:
                return
        if state is not None and self._one_story is state:
            self._load_story(story, screen)

    def _load_story(self, story: str, screen: Screen) -> None:
        """One story's articles, entities, alignments and quotations, from memory when it is
        one of the last few shown or prepared (`_OneStory.KEEP`), else read from the cache; then
        the story after it in the list is prepared, so that moving on finds it ready."""
        state = self._one_story
        with state.lock:
            loaded = state.recent.pop(story, None)
        if loaded is None:
            loaded = self._read_story(state, story, self.overrides, self.fixes)
        self._keep(state, story, loaded)
        if self._stop.is_set():
            return
        screen.post_message(dataclasses.replace(loaded))
        order = state.order
        at = order.index(story) if story in order else -1
        if 0 <= at < len(order) - 1 and order[at + 1] not in state.recent:
            from textual.worker import get_current_worker

            following = order[at + 1]
            prepared = self._read_story(state, following, self.overrides, self.fixes)
            try:
                cancelled = get_current_worker().is_cancelled   # the user asked for another story since
            except RuntimeError:
                cancelled = False   # not in a worker (a test calling this directly)
            if not cancelled and not self._stop.is_set():
                self._keep(state, following, prepared, shown=False)

    @staticmethod
    def _read_story(state: _OneStory, story: str, overrides: Any, fixes: tuple) -> CorpusLoaded:  # noqa: ANN401
        from ..analysis.align import Aligner
        from ..analysis.copied import copied_corpus
        from ..analysis.entities import EntityIndex
        from ..analysis.quotes import QuoteIndex
        from ..preprocess import index

        docs = [e.id for e in state.rows if e.story == story]
        articles, report = index.load(state.corpus.subset(docs, warnings=False), state.cache)
        articles = [dataclasses.replace(a, story=story) for a in articles]   # a flat folder's, by event
        entities = EntityIndex.build(articles, overrides, state.cache)
        aligner = Aligner(articles, entities.entities, state.cache)
        quotes = QuoteIndex.build(articles, entities.in_doc, entities.entities, fixes)
        return CorpusLoaded(state.corpus, articles, entities, report, True, aligner, quotes, state.stories, listed=True,
                            copied=copied_corpus(articles))

    @staticmethod
    def _keep(state: _OneStory, story: str, loaded: CorpusLoaded, *, shown: bool = True) -> None:
        """Remember a story, newest last, forgetting the oldest past KEEP; a prepared one goes
        just before the one shown, which stays the newest."""
        with state.lock:
            state.recent.pop(story, None)
            if shown or not state.recent:
                state.recent[story] = loaded
            else:
                *older, newest = state.recent.items()
                state.recent = {**dict(older), story: loaded, newest[0]: newest[1]}
            while len(state.recent) > state.KEEP:
                state.recent.pop(next(iter(state.recent)))

    def _missed(self, missed: list) -> None:
        from ..analysis.corrections import FILENAME

        names = "; ".join(f"{f.doc} “{f.words}…”" for f in missed[:3]) + (f" and {len(missed) - 3} more" if len(missed) > 3 else "")
        self.notify(f"{len(missed)} speaker correction(s) in {FILENAME} no longer match a quotation or a speaker: {names}",
                    title="Corrections", severity="warning", timeout=10, markup=False)

    # --- corrections from the UI --------------------------------------------------------------

    def correct(self, write: Callable[[Path], Path], done: str, main: Screen, select: tuple[str, str] | None = None) -> None:
        """Write a correction (`write` is given the folder to write in and returns the file it
        wrote), then rebuild the entities and quotations `main` shows and tell it."""
        if self.folders is None or getattr(main, "partial", True):
            self.notify("Corrections can be made once the corpus is read.", severity="warning", markup=False)
            return
        self._correct_worker(write, done, main, select)

    @work(thread=True, exclusive=False, group="correct")
    def _correct_worker(self, write: Callable[[Path], Path], done: str, main: Screen,
                        select: tuple[str, str] | None) -> None:
        from ..analysis.aliases import AliasesError
        from ..analysis.align import Aligner
        from ..analysis.corrections import CorrectionsError, writable_folder
        from ..analysis.entities import EntityIndex
        from ..analysis.quotes import QuoteIndex
        from .messages import Corrected

        with self._correcting:   # one at a time, so each rebuild reads the file the last one wrote
            try:
                path = write(writable_folder(*self.folders))
            except (CorrectionsError, AliasesError, OSError) as exc:
                self.call_from_thread(self.notify, f"Not saved: {exc}", severity="error", timeout=10, markup=False)
                return
            problems = self._read_corrections(notify=False)
            articles = list(main.articles.values())
            entities = EntityIndex.build(articles, self.overrides, self.cache)
            aligner = Aligner(articles, entities.entities, self.cache)
            quotes = QuoteIndex.build(articles, entities.in_doc, entities.entities, self.fixes)
            if self._one_story is not None:   # the other stories kept in memory have the old corrections
                with self._one_story.lock:
                    self._one_story.recent.clear()
            where = "" if path.parent == Path(self.folders[0]) else " (the corpus folder is read-only)"
            main.post_message(Corrected(entities, aligner, quotes, f"{done}; saved in {shown(path)}{where}",
                                        problems, select))

    def _report(self, report) -> None:  # noqa: ANN001
        problems = [f"skipped {Path(s.path).name}: {s.reason}" for s in report.skipped]
        problems += [f"re-parsed {doc}: {why}" for doc, why in report.damaged()]
        problems += report.warnings
        if report.unread:
            problems.append(f"{len(report.unread)} file(s) in the folder are not articles")
        if problems:
            more = f" (and {len(problems) - 3} more; see 'parallax info')" if len(problems) > 3 else ""
            self.notify("\n".join(problems[:3]) + more, title="Corpus", severity="warning", timeout=10, markup=False)

    # --- commands ----------------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen, self.focused))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from .commands import commands_for

        yield from commands_for(self, screen)
        yield from super().get_system_commands(screen)

    # --- taking things out of the terminal ---------------------------------------------------------

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Save an SVG of the screen in a folder that exists and can be written (the current one,
        else the corpus's cache folder, else the temporary folder) and say where; in a browser
        (`parallax serve`), download it there as Textual does."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        import tempfile

        from textual._files import generate_datetime_filename

        name = filename or generate_datetime_filename("parallax", ".svg", time_format)
        tried = [Path(path)] if path else []
        try:
            tried.append(Path.cwd())
        except OSError:   # the folder the app was started in is gone
            pass
        tried += [*([self.folders[1]] if self.folders else []), Path(tempfile.gettempdir())]
        for folder in tried:
            if folder.is_dir() and os.access(folder, os.W_OK):
                try:
                    saved = self.save_screenshot(name, str(folder))
                except OSError:
                    continue
                self.notify(f"Screenshot saved to {shown(saved)}", title="Screenshot", markup=False, timeout=8)
                return saved
        self.notify("No folder to save the screenshot in can be written.", severity="error", markup=False)
        return None

    def copy_cited(self, text: str, what: str) -> None:
        """Put `text` on the clipboard through the terminal (OSC 52: it works over SSH and, with
        tmux's set-clipboard on, in tmux) and say what was copied."""
        self.copy_to_clipboard(text)
        self.notify(f"Copied {what} with its citation ({len(text)} characters).", title="Copied", markup=False,
                    timeout=4)
