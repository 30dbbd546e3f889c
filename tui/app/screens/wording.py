"""Wording contrast: each outlet's words, phrases and names, set against the other outlets'."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...analysis.contrast import NAME, SIGNIFICANT, Contrast, Term, Wording, group_of
from ...model import Article
from ..messages import Place
from .base import ViewScreen
from .pick import Choice, PickScreen

SHOWN = 60   # terms listed per outlet: past this, the z-scores are noise


class ContrastScreen(ViewScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    HELP = """\
## Wording contrast

Left, the story's outlets. Right, the words, two-word phrases and names the chosen outlet
uses more than the other outlets, most distinctive first: **z** is the weighted log-odds
z-score (Monroe, Colaresi & Quinn 2008, with the outlets' own counts as the prior), bold
from 1.96 (a difference chance gives less than one time in twenty); then how often this
outlet uses the term against how often the others do ("5 vs 1"). Under each outlet, its
three most distinctive terms. A name counts as the entity it names, so
"PRC" where the others write "China" is listed as a naming choice, with their names for it.

- `↑` `↓`: choose; `Tab` / `←` `→`: outlets or terms
- `Enter` on a term: the sentences using it; `Enter` on one goes there
- `s`: against the story's other outlets, or the whole corpus's
- `Esc` / `q`: back
"""
    BINDINGS = [
        Binding("left", "side('#contrast-outlets')", "Outlets", show=False, id="contrast.outlets"),
        Binding("right", "side('#contrast-terms')", "Terms", show=False, id="contrast.terms"),
        Binding("s", "scope", "Story/corpus", id="contrast.scope",
                tooltip="compare with the story's other outlets or the whole corpus's"),
    ]

    def __init__(self, story: Sequence[Article], wording: Wording, outlet: str | None = None) -> None:
        super().__init__()
        self.story = list(story)
        self.wording = wording
        self.scope = "story"
        self.outlet = outlet
        self._found: list[Contrast] = []
        self._terms: list[Term] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with Horizontal(id="contrast-body"):
            yield OptionList(id="contrast-outlets")
            yield OptionList(id="contrast-terms")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Wording contrast"
        self._compute()
        self.query_one("#contrast-outlets").focus()

    def _compute(self) -> None:
        mine = {group_of(a, self.wording.labels) for a in self.story}
        if self.scope == "story":
            found = self.wording.contrast(self.story)
        else:
            found = self.wording.contrast(self.wording.articles, mine)   # only the story's outlets are worked out
        order = {group_of(a, self.wording.labels): n for n, a in enumerate(reversed(self.story))}
        self._found = sorted(found, key=lambda c: -order.get(c.outlet, 0))
        outlets = self.query_one("#contrast-outlets", OptionList)
        outlets.set_options([Option(Content.assemble((c.outlet, "bold"), "\n", (
            ", ".join(t.text for t in c.terms[:3]) or "nothing of its own", "italic $foreground-muted")))
            for c in self._found])
        chosen = next((n for n, c in enumerate(self._found) if c.outlet == self.outlet), 0)
        if self._found:
            outlets.highlighted = chosen
        self._show_terms()

    def _show_terms(self) -> None:
        outlets = self.query_one("#contrast-outlets", OptionList)
        terms = self.query_one("#contrast-terms", OptionList)
        if outlets.highlighted is None or not self._found:
            terms.set_options([Option(Content.styled("No outlet to compare.", "italic"), disabled=True)])
            return
        found = self._found[outlets.highlighted]
        self.outlet = found.outlet
        self._terms = list(found.terms[:SHOWN])
        others = len(self._found) - 1 if self.scope == "story" else len(
            {group_of(a, self.wording.labels) for a in self.wording.articles}) - 1
        self.sub_title = (f"{found.outlet} against the {'story' if self.scope == 'story' else 'corpus'}'s "
                          f"{others} other outlet{'s' * (others != 1)} · {len(found.terms)} terms it uses more")
        options = []
        for t in self._terms:
            head = Content.assemble((f"{t.z:5.2f}", "bold $text-primary" if t.z >= SIGNIFICANT else "$foreground-muted"),
                                    f" {t.count:>4} vs {t.others:<4}",
                                    (t.text, "bold" if t.z >= SIGNIFICANT else ""))
            if t.kind == NAME:
                named = ", ".join(f"{n} ×{c}" for n, c in t.other_names)
                what = "  name" if t.entity in (None, t.text) else f"  naming {t.entity}"
                head = Content.assemble(head, (what + (f"; the others write {named}" if named else ""),
                                               "italic $text-secondary"))
            elif t.kind == "phrase":
                head = Content.assemble(head, ("  phrase", "italic $foreground-muted"))
            options.append(Option(head))
        terms.set_options(options or [Option(Content.styled("Nothing this outlet uses more than the others.", "italic"),
                                             disabled=True)])
        if self._terms:
            terms.highlighted = 0

    @on(OptionList.OptionHighlighted, "#contrast-outlets")
    def _outlet(self) -> None:
        self._show_terms()

    def action_side(self, selector: str) -> None:
        self.query_one(selector).focus()

    def action_scope(self) -> None:
        self.scope = "corpus" if self.scope == "story" else "story"
        self._compute()
        self.notify(f"Against the {self.scope}'s other outlets", timeout=3)

    @on(OptionList.OptionSelected, "#contrast-outlets")
    def _to_terms(self) -> None:
        self.query_one("#contrast-terms").focus()

    @on(OptionList.OptionSelected, "#contrast-terms")
    def _term(self, event: OptionList.OptionSelected) -> None:
        if not 0 <= event.option_index < len(self._terms):
            return
        term = self._terms[event.option_index]
        texts = {a.id: a.text for a in self.wording.articles}
        choices = [Choice(f"{doc}\0{span.start}", Content.assemble(
            (self.wording.labels.get(doc, doc), "bold"), "\n", " ".join(texts[doc][span.start : span.end].split())),
            texts[doc][span.start : span.end]) for doc, span in term.uses]
        question = Content.assemble(f"{len(term.uses)} sentence{'s' * (len(term.uses) != 1)} of {self.outlet} using ",
                                    (term.text, "bold"))

        def chosen(key: str | None) -> None:
            if key:
                doc, start = key.split("\0")
                self.dismiss(Place(doc, int(start)))

        self.app.push_screen(PickScreen(f"“{term.text}”", question, choices, "filter the sentences…", "sentences"), chosen)
