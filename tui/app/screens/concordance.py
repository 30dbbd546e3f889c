"""An entity's concordance: every mention in every outlet, with its sentence."""

from __future__ import annotations

import bisect

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...analysis.entities import EntityIndex
from ...model import Article, Entity, Mention, article_labels
from ..messages import Place
from .base import ViewScreen


def in_context(article: Article, mention: Mention) -> Content:
    """The sentence holding a mention, with the mention picked out."""
    starts = [s.start for s in article.sentences]
    i = max(bisect.bisect_right(starts, mention.start) - 1, 0)
    s = article.sentences[i] if article.sentences else None
    start, end = (s.start, s.end) if s and s.end >= mention.end else (max(mention.start - 80, 0), mention.end + 80)
    text = article.text
    return Content.assemble(" " + text[start : mention.start].replace("\n", " "),
                            (text[mention.start : mention.end], "bold reverse"),
                            text[mention.end : end].replace("\n", " "))


class ConcordanceScreen(ViewScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HELP = """\
## Concordance

Every mention of the entity, article by article, each with its sentence.

- `↑` `↓`: move; `Enter`: go to that mention in its article
- `Esc` / `q`: back
"""

    def __init__(self, entity: Entity, index: EntityIndex) -> None:
        super().__init__()
        self.entity = entity
        self.index = index

    def compose(self) -> ComposeResult:
        e = self.entity
        yield from self.compose_frame()
        aliases = f" · also {', '.join(e.aliases)}" if e.aliases else ""
        yield Static(Content.assemble((e.name, "bold"), (f"  {e.label.lower()}{aliases}", "$foreground-muted"),
                                      f"\n{len(e.mentions)} mentions in {len(self.index.docs(e))} articles, "
                                      f"{len(self.index.outlets(e))} outlets"), classes="source")
        options: list[Option] = []
        labels = article_labels(a for a in self.index.articles.values() if a.story == e.story)
        for doc in self.index.docs(e):
            article = self.index.articles[doc]
            mine = [m for m in e.mentions if m.doc == doc]
            options.append(Option(Content.styled(f"{labels.get(doc, article.outlet)} · {len(mine)}", "bold $text-primary"), disabled=True))
            options += [Option(in_context(article, m), id=f"{doc}\0{m.start}") for m in mine]
        yield OptionList(*options, id="concordance-list")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Concordance"
        self.sub_title = self.entity.name
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        doc, start = event.option.id.split("\0")  # type: ignore[union-attr]
        self.dismiss(Place(doc, int(start), self.entity.id))
