"""The entity sidebar: the story's people, organisations, places and groups, with their counts.

Each row gives three counts, then the name: mentions in the article shown ("here"), mentions
across the story ("story"), and how many outlets name the entity ("outlets"). Typing in the filter box narrows the list fuzzily
(names and aliases).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from ...model import KIND_ORDER, ONE_OF_KIND, Entity
from ..messages import EntityChosen

if TYPE_CHECKING:
    from ...analysis.entities import EntityIndex

_MIN_FUZZY = 75


def matches(entity: Entity, query: str) -> float:
    """How well `query` matches an entity's name or aliases, 0-100 (100 for a substring)."""
    q = query.casefold().strip()
    if not q:
        return 100.0
    from rapidfuzz import fuzz

    best = 0.0
    for name in (entity.name, *entity.aliases):
        n = name.casefold()
        if q in n:
            return 100.0
        if len(q) >= 4:  # a partial match only of the query inside a longer name, never the reverse
            best = max(best, fuzz.partial_ratio(q, n) if len(q) <= len(n) else fuzz.ratio(q, n))
    return best


class EntityList(OptionList):
    BINDINGS = [
        Binding("enter", "select", "Select", show=False, id="entities.select"),
        Binding("M", "merge", "Merge", id="entities.merge",
                tooltip="merge the highlighted entity into another (saved in aliases.yaml)"),
        Binding("S", "split", "Split", id="entities.split",
                tooltip="split one written form out of the highlighted entity (saved in aliases.yaml)"),
    ]

    def key_backspace(self) -> None:
        self.parent.query_one(Input).focus()  # type: ignore[union-attr]

    def action_merge(self) -> None:
        self.parent.merge()  # type: ignore[union-attr]

    def action_split(self) -> None:
        self.parent.split()  # type: ignore[union-attr]


class EntitySidebar(Vertical):
    """Filter box over the entity list. Enter selects an entity and shows its mentions."""

    HELP = """\
## Entities

The people, organisations, places and groups of this story. Each row shows three counts
before the name: mentions **here** (in this article), mentions **in story** (in all its
articles) and **outlets** naming it. Names absent from this article are dimmed.

- type to filter (fuzzy, over names and aliases); `↓` moves into the list; `Esc` clears
  the filter, and a second `Esc` goes back to the article
- `Enter`: select the entity: its mentions light up and the article jumps to the first
- `n` / `N`: next / previous mention, across articles
- `e`: the entity's concordance (every mention with its sentence)
- `M` (in the list): merge the highlighted entity into another one you choose, when the story
  has one person (or place) under two names
- `S` (in the list): split one written form out of the highlighted entity, when two people
  were taken for one ("Kim" for two Kims)

Merges and splits are saved in `aliases.yaml` in the corpus folder (in the cache folder when
the corpus is read-only), apply at once, and, like every rule of that file, in every story
where the names occur. Edit or delete the file to undo them.
"""

    DEFAULT_CSS = """
    EntitySidebar { height: 1fr; }
    EntitySidebar > #entity-filter { border: none; height: 1; padding: 0 1; background: $boost; }
    EntitySidebar > #entity-heading { height: 1; color: $foreground-muted; padding: 0 1; }
    EntitySidebar > OptionList > .option-list--option { padding: 0 0; }
    EntitySidebar > OptionList { height: 1fr; border: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.index: EntityIndex | None = None
        self.story = ""
        self.doc_id = ""
        self._shown: list[Entity] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter entities…", id="entity-filter", compact=True)
        yield Static(Content("here · in story · outlets"), id="entity-heading")
        yield EntityList(id="entity-list")

    def show(self, index: EntityIndex, doc_id: str) -> None:
        """List the entities of `doc_id`'s story, counted for `doc_id`."""
        article = index.articles[doc_id]
        if (self.index, self.doc_id) == (index, doc_id):
            return
        self.index, self.story, self.doc_id = index, article.story, doc_id
        self._fill()

    def _fill(self) -> None:
        if self.index is None:
            return
        query = self.query_one(Input).value
        index = self.index
        here = {e.id: 0 for e in index.by_story.get(self.story, [])}
        for _, e in index.in_doc.get(self.doc_id, []):
            here[e.id] += 1
        scored = [(matches(e, query), e) for e in index.by_story.get(self.story, [])]
        chosen = [(s, e) for s, e in scored if s >= _MIN_FUZZY]
        options: list[Option] = []
        self._shown = []
        for kind in KIND_ORDER:
            group = [(s, e) for s, e in chosen if e.kind == kind]
            if not group:
                continue
            group.sort(key=lambda se: (-se[0], -here[se[1].id], -len(se[1].mentions), se[1].name.casefold()))
            options.append(Option(Content.styled(f"{kind.capitalize()} ({len(group)})", "bold $text-primary"),
                                  disabled=True))
            for _, e in group:
                counts = f"{here[e.id]:>4}{len(e.mentions):>4}{len(index.outlets(e)):>4} "
                style = "" if here[e.id] else "$foreground-muted"
                aliases = f"  {', '.join(e.aliases)}" if e.aliases else ""
                options.append(Option(Content.assemble((counts, "$foreground-muted"), (e.name, style), (aliases, "$foreground-muted italic")),
                                      id=e.id))
                self._shown.append(e)
        lst = self.query_one(EntityList)
        highlighted = lst.highlighted_option.id if lst.highlighted_option else None
        lst.set_options(options)
        if highlighted and highlighted in {e.id for e in self._shown}:
            lst.highlighted = lst.get_option_index(highlighted)
        elif self._shown:
            lst.highlighted = lst.get_option_index(self._shown[0].id)

    def highlight(self, entity_id: str) -> None:
        lst = self.query_one(EntityList)
        try:
            lst.highlighted = lst.get_option_index(entity_id)
        except OptionDoesNotExist:  # filtered out: leave the list as it is
            pass

    @on(Input.Changed, "#entity-filter")
    def _filter(self) -> None:
        self._fill()

    @on(Input.Submitted, "#entity-filter")
    def _submit(self) -> None:
        query = self.query_one(Input).value
        if self._shown:
            best = max(self._shown, key=lambda e: (matches(e, query), len(e.mentions)))
            self.post_message(EntityChosen(best.id))

    def on_key(self, event) -> None:  # noqa: ANN001
        field = self.query_one(Input)
        if event.key == "down" and field.has_focus:
            event.stop()
            self.query_one(EntityList).focus()
        elif event.key == "escape" and field.has_focus:  # Esc clears the filter, then leaves it
            event.stop()
            if field.value:
                field.value = ""
            else:
                self.screen.query_one("ArticleView").focus()

    @on(OptionList.OptionSelected, "#entity-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(EntityChosen(event.option.id))

    # --- corrections ------------------------------------------------------------------------

    @property
    def highlighted_entity(self) -> Entity | None:
        lst = self.query_one(EntityList)
        option = lst.highlighted_option
        return self.index.by_id.get(option.id) if self.index and option and option.id else None

    def merge(self) -> None:
        """Choose the entity the highlighted one is merged into; the chosen one's name is kept."""
        from ...analysis.aliases import add_merge
        from ..screens.pick import Choice, PickScreen

        entity = self.highlighted_entity
        if entity is None or self.index is None:
            return
        others = sorted((e for e in self.index.by_story.get(self.story, []) if e.id != entity.id),
                        key=lambda e: (e.kind != entity.kind, -len(e.mentions), e.name.casefold()))
        if not others:
            self.notify("This story has no other entity to merge with.", severity="warning")
            return
        choices = [Choice(e.id, _entity_prompt(e), " ".join((e.name, *e.aliases))) for e in others]
        question = Content.assemble(("Merge ", "$foreground-muted"), (entity.name, "bold"),
                                    (" into which entity? (its name is kept)", "$foreground-muted"))

        def chosen(target_id: str | None) -> None:
            target = self.index.by_id.get(target_id) if target_id and self.index else None
            if target is not None:
                self._save(lambda folder: add_merge(folder, [self._rule_name(target), self._rule_name(entity)]),
                           f"Merged {entity.name} into {target.name}", target.name)

        self.app.push_screen(PickScreen("Merge entities", question, choices, "the entity to merge into…"), chosen)

    def split(self) -> None:
        """Choose a written form of the highlighted entity to make an entity of its own."""
        from ...analysis.aliases import add_split
        from ...analysis.resolve import display_form
        from ..screens.pick import Choice, PickScreen

        entity = self.highlighted_entity
        if entity is None:
            return
        forms = Counter(display_form(m.text) for m in entity.mentions)
        if len(forms) < 2:
            self.notify(f"{entity.name} is written one way only here; there is nothing to split off.",
                        severity="warning", markup=False)
            return
        choices = [Choice(form, Content.assemble((f"{n:>4} ", "$foreground-muted"), form), form)
                   for form, n in forms.most_common()]
        question = Content.assemble(("Split which written form out of ", "$foreground-muted"), (entity.name, "bold"),
                                    ("?", "$foreground-muted"))

        def chosen(form: str | None) -> None:
            if form:
                texts = sorted({m.text for m in entity.mentions if display_form(m.text) == form})
                kept = next(f for f, _ in forms.most_common() if f != form)
                name = self._rule_name(entity)
                self._save(lambda folder: add_split(folder, name, texts),
                           f"Split “{form}” out of {entity.name}", entity.name if form != entity.name else kept)

        self.app.push_screen(PickScreen("Split an entity", question, choices, "the form to split off…"), chosen)

    def _rule_name(self, entity: Entity) -> str:
        from ...analysis.aliases import Overrides, rule_name

        return rule_name(entity, getattr(self.app, "overrides", None) or Overrides())

    def _save(self, write, done: str, select: str) -> None:  # noqa: ANN001
        self.app.correct(write, done, self.screen, (self.story, select))  # type: ignore[attr-defined]


def _entity_prompt(e: Entity) -> Content:
    aliases = f"  {', '.join(e.aliases)}" if e.aliases else ""
    return Content.assemble((f"{len(e.mentions):>4} ", "$foreground-muted"), (e.name, "bold"),
                            (f" · {ONE_OF_KIND[e.kind]}", "$foreground-muted"), (aliases, "$foreground-muted italic"))
