"""The command palette: every action bound on the current screen and the focused pane, named
"category: action", plus one command per theme. Built from the live bindings, so a new binding
is in the palette without a second list to keep in step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen


def _ours(binding: Binding) -> bool:
    """Parallax's own bindings have ids "category.name"; Textual's scrolling and focus keys are
    left out of the palette."""
    return bool(binding.id) and "." in binding.id and not binding.id.startswith(("app.", "textual."))


def _title(binding: Binding) -> str:
    return f"{binding.id.split('.', 1)[0]}: {binding.tooltip or binding.description}"


def commands_for(app: App, screen: Screen) -> Iterator[SystemCommand]:
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not active.enabled or not binding.description or not _ours(binding) or binding.id in seen:
            continue
        seen.add(binding.id)
        yield SystemCommand(_title(binding), f"key: {app.get_key_display(binding)}",
                            partial(app.run_action, binding.action, active.node))
    for name in sorted(app.available_themes):
        yield SystemCommand(f"theme: {name}", "switch to this theme (remembered for the next run)",
                            partial(setattr, app, "theme", name), discover=False)


def remappable(app: type[App]) -> Iterable[Binding]:
    """Every binding of `app` (the app class) and of its screens and panes, for checking a
    config file's keymap."""
    from .screens import compare, concordance, coverage, diff, help, main, quotes, search, stories
    from .widgets import article_list, article_view, entity_sidebar

    classes = [app, main.MainScreen, article_view.ArticleView, article_list.ArticleList,
               entity_sidebar.EntityList, diff.DiffScreen, compare.CompareScreen, compare.PickArticleScreen,
               coverage.CoverageScreen, concordance.ConcordanceScreen, search.SearchScreen, help.HelpScreen,
               quotes.QuotesScreen, stories.StoriesScreen]
    for cls in classes:
        for b in cls.BINDINGS:
            if isinstance(b, Binding):
                yield b
