"""Article versus article: matched passages side by side (stacked when narrow), then what only
one side has."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...analysis.align import Alignment
from ...analysis.match import sentence_text, word_diff
from ...model import Article, article_labels
from ..messages import Place
from ..widgets.article_list import article_prompt
from ..widgets.diff_text import change_summary, side
from .base import ViewScreen


class PickArticleScreen(ViewScreen[str | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Compare with…

Choose the second article: `↑` `↓` then `Enter`. `Esc` goes back.
"""

    def __init__(self, article: Article, others: Sequence[Article]) -> None:
        super().__init__()
        self.article = article
        self.others = list(others)

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(Content.assemble(("Compare ", "$foreground-muted"),
                                      (article_labels([self.article, *self.others])[self.article.id], "bold"),
                                      (" with which article?", "$foreground-muted")), classes="heading")
        yield OptionList(*(Option(article_prompt(a), id=a.id) for a in self.others), id="pick-list")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class CompareScreen(ViewScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    HELP = """\
## Compare articles

Passages of the two articles that report the same thing, in the first article's order: side
by side on wide terminals, one above the other on narrow ones. Each pair has its score (0 to 1),
its kind (*verbatim*, *variant* or *paraphrase*) and its changes named; `[-struck-]` words are
only in the first, `{+marked+}` words only in the second. Then the sentences only one article has.

- `↑` `↓` `PgUp` `PgDn` `Home` `End`: scroll
- `s`: swap the two articles
- `Esc` / `q`: back
"""
    BINDINGS = [Binding("s", "swap", "Swap", id="compare.swap", tooltip="swap the two articles")]

    def __init__(self, a: Article, b: Article, alignment: Alignment) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.alignment = alignment

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield VerticalScroll(id="compare-body")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        self._fill()

    def _fill(self) -> None:
        a, b = self.a, self.b
        label = article_labels([a, b])
        self.sub_title = f"{label[a.id]} ↔ {label[b.id]}"
        pairs = self.alignment.between(a.id, b.id)
        only_a, only_b = self.alignment.unaligned(a, b.id), self.alignment.unaligned(b, a.id)
        body = self.query_one("#compare-body", VerticalScroll)
        body.remove_children()
        widgets = [Static(Content.assemble((f"{len(pairs)} aligned passages", "bold"),
                                           (f" · {len(only_a)} only in A · {len(only_b)} only in B\n", "$foreground-muted"),
                                           (" A ", "reverse"), f" {label[a.id]}   ", (" B ", "reverse"), f" {label[b.id]}"),
                          classes="heading")]
        for p in pairs:
            edits = word_diff(p.mine.text, p.other.text)
            widgets.append(Static(Content.assemble((f"score {p.score:.2f} ", "$text-primary"),
                                                   (p.kind, "italic $text-secondary"), "  ", change_summary(edits)),
                                  classes="pair-title"))
            widgets.append(Horizontal(Static(Content.assemble(("A", "reverse"), " ", side(edits, "a"))),
                                      Static(Content.assemble(("B", "reverse"), " ", side(edits, "b"))), classes="pair"))
        for tag, article, only in (("A", a, only_a), ("B", b, only_b)):
            widgets.append(Static(Content(f"Only in {tag}, {label[article.id]} ({len(only)})"), classes="heading"))
            widgets += [Static(Content("• " + sentence_text(article, s)), classes="only") for s in only]
        body.mount_all(widgets)
        body.scroll_home(animate=False)
        body.focus()

    def action_swap(self) -> None:
        self.a, self.b = self.b, self.a
        self._fill()
