"""The diff view: the sentence at the cursor beside the passages of other outlets aligned with it."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...analysis.align import Alignment
from ...analysis.match import sentence_text, word_diff
from ...model import Article, article_labels
from ..messages import Place
from ..widgets.diff_text import change_summary, inline
from .base import ViewScreen


class DiffScreen(ViewScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Diff

The sentence at the cursor (top) and, below, the passages of the other outlets in the story
that report the same thing, best match first. Each has its score (0 to 1) and its kind:
*verbatim* (the same words), *variant* (spelling, punctuation, quote marks, a few words
added or dropped) or *paraphrase* (the same statement reworded); then a word diff, where
`[-struck-]` words are only in the top sentence and `{+marked+}` words only in the other;
then each change named: spelling variant, punctuation or quote marks, case, insertion,
deletion, substitution.

- `↑` `↓`: choose a counterpart; `Enter`: go to it in its article
- `[` / `]`: previous / next sentence of the top article
- `y`: copy the top sentence and the highlighted counterpart, each with its citation, and the
  word diff between them
- `Esc` / `q`: back
"""
    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Prev sentence", id="diff.previous",
                tooltip="the previous sentence of this article"),
        Binding("right_square_bracket", "step(1)", "Next sentence", id="diff.next",
                tooltip="the next sentence of this article"),
        Binding("y", "copy", "Copy", id="diff.copy", tooltip="copy the two passages with their citations and the diff"),
    ]

    def __init__(self, article: Article, sentence: int, story: Sequence[Article], alignment: Alignment) -> None:
        super().__init__()
        self.article = article
        self.alignment = alignment
        self.index = sentence
        self.story = list(story)
        self.by_id = {a.id: a for a in story}
        self.labels = article_labels(self.story)

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(id="diff-source", classes="source")
        yield OptionList(id="diff-list")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Diff"
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        article = self.article
        span = article.sentences[self.index]
        text = sentence_text(article, span)
        self.sub_title = f"{self.labels.get(article.id, article.outlet)} · sentence {self.index + 1} of {len(article.sentences)}"
        self.query_one("#diff-source", Static).update(
            Content.assemble((self.labels.get(article.id, article.outlet), "bold"), ("  sentence at the cursor\n", "$foreground-muted"), text))
        found = self.alignment.counterparts(article.id, span.start, span.end)
        self._found = found
        options = []
        for c in found:
            other = self.by_id[c.other.doc]
            edits = word_diff(text, c.other.text)
            options.append(Option(Content("\n").join([
                Content.assemble((self.labels.get(other.id, other.outlet), "bold"), (f"  score {c.score:.2f}", "$text-primary"),
                                 ("  ", ""), (c.kind, "italic $text-secondary")),
                inline(edits),
                change_summary(edits),
            ]), id=f"{c.other.doc}\0{c.other.start}"))
        if not options:
            others = len(self.story) - 1
            options.append(Option(Content.styled(
                f"No counterpart in the {others} other article(s) of this story." if others else
                "This story has no other article to compare with.", "italic"), disabled=True))
        lst = self.query_one(OptionList)
        lst.set_options(options)
        lst.highlighted = 0 if found else None

    def action_copy(self) -> None:
        from ...analysis.match import pieces
        from ...model import cited

        article = self.article
        text = sentence_text(article, article.sentences[self.index])
        lst = self.query_one(OptionList)
        found = getattr(self, "_found", [])
        if lst.highlighted is None or not found:
            self.app.copy_cited(cited(text, article), "the sentence")
            return
        c = found[lst.highlighted]
        other = self.by_id[c.other.doc]
        diff = "".join(t for t, _ in pieces(word_diff(text, c.other.text)))
        self.app.copy_cited(f"A: {cited(text, article)}\nB: {cited(c.other.text, other)}\n"
                            f"{c.kind}, score {c.score:.2f}: {' '.join(diff.split())}", "the diff")

    def action_step(self, delta: int) -> None:
        index = self.index + delta
        if 0 <= index < len(self.article.sentences):
            self.index = index
            self._fill()

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            doc, start = event.option.id.split("\0")
            self.dismiss(Place(doc, int(start)))
