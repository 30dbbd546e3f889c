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
    from .screens import compare, concordance, coverage, diff, facts, help, main, quotes, search, stories, wording
    from .widgets import article_list, article_view, entity_sidebar

    classes = [app, main.MainScreen, article_view.ArticleView, article_list.ArticleList,
               entity_sidebar.EntityList, diff.DiffScreen, compare.CompareScreen, compare.PickArticleScreen,
               coverage.CoverageScreen, concordance.ConcordanceScreen, search.SearchScreen, help.HelpScreen,
               quotes.QuotesScreen, stories.StoriesScreen, facts.FactsScreen, wording.ContrastScreen]
    for cls in classes:
        for b in cls.BINDINGS:
            if isinstance(b, Binding):
                yield b


def clashes(app: type[App], keymap: dict[str, str]) -> list[str]:
    """Where a remapped key (`keymap`: binding id -> keys) is also another binding's key in a
    place where both act: the main screen with each of its panes, or a view. Each as a notice
    naming the key and the two bindings; the pane's own binding wins, as Textual resolves it."""
    from .screens import compare, concordance, coverage, diff, facts, main, quotes, search, stories, wording
    from .widgets import article_list, article_view, entity_sidebar

    def keys_of(b: Binding) -> set[str]:
        keys = keymap.get(b.id, b.key) if b.id else b.key
        return {k.strip() for k in keys.split(",") if k.strip()}

    places = [(f"the {name}", [app, main.MainScreen, pane]) for name, pane in (
        ("article pane", article_view.ArticleView), ("article list", article_list.ArticleList),
        ("entity list", entity_sidebar.EntityList))]
    places += [(f"the {cls.__name__.removesuffix('Screen').lower()} view", [app, cls]) for cls in (
        diff.DiffScreen, compare.CompareScreen, coverage.CoverageScreen, concordance.ConcordanceScreen,
        search.SearchScreen, quotes.QuotesScreen, stories.StoriesScreen, facts.FactsScreen, wording.ContrastScreen)]
    found: dict[tuple[str, str, str], str] = {}
    for where, classes in places:
        owner: dict[str, str] = {}
        for cls in classes:
            for b in cls.BINDINGS:
                if not isinstance(b, Binding) or not b.id:
                    continue
                for key in keys_of(b):
                    other = owner.setdefault(key, b.id)
                    if other != b.id and (b.id in keymap or other in keymap):
                        found.setdefault(tuple(sorted((other, b.id))) + (key,), where)
    return [f"key '{key}' is bound to both {a} and {b} in {where}" for (a, b, key), where in found.items()]
