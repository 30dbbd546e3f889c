"""Who said what: the story's quotations by speaker, each remark with every outlet's version."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...analysis.corrections import CORRECTED
from ...analysis.quotes import Quote, QuoteIndex, by_speaker, compare, reference
from ...model import KIND_ORDER, ONE_OF_KIND, Article, article_labels
from ..messages import Place
from ..widgets.diff_text import change_summary, inline
from .base import ViewScreen

UNNAMED = "\0unnamed"   # the speakers list's entry for quotations with no speaker named


class QuotesScreen(ViewScreen[Place | None]):
    CSS_PATH = "views.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    HELP = """\
## Quotes

Who said what in this story. Left, everyone quoted, most quoted first, with how many
quotations and outlets; *speaker not named* gathers the anonymous ones ("a witness said").
Right, the chosen speaker's remarks: each with every outlet's version (its outlet and how the
article attributes it, e.g. *say: he*), and under each later version a word diff against the
first, where `[-struck-]` words are only in the first and `{+marked+}` ones only in this one,
then each change named. An outlet that puts the same words to someone else says so.

- `↑` `↓`: choose; `Tab` / `←` `→`: speakers or remarks
- `Enter` on a remark: go to it in its article
- `r`: reassign the highlighted remark to another speaker (or to *not named*), in every outlet
  that gives it to this speaker; saved in `corrections.yaml` in the corpus folder (the cache
  folder when the corpus is read-only), and marked *corrected* from then on
- `y`: copy the highlighted remark, every outlet's version with its citation
- `Esc` / `q`: back
"""
    BINDINGS = [
        Binding("left", "side('#quote-speakers')", "Speakers", show=False, id="quotes.speakers"),
        Binding("right", "side('#quote-remarks')", "Remarks", show=False, id="quotes.remarks"),
        Binding("y", "copy", "Copy", id="quotes.copy", tooltip="copy the highlighted remark with its citations"),
        Binding("r", "reassign", "Reassign", id="quotes.reassign",
                tooltip="give the highlighted remark to another speaker (saved in corrections.yaml)"),
    ]

    def __init__(self, story: Sequence[Article], index: QuoteIndex, at: Quote | None = None) -> None:
        super().__init__()
        self.story = list(story)
        self.index = index
        self.at = at
        self.by_id = {a.id: a for a in story}
        self.labels = article_labels(self.story)   # outlets that tell the story's articles apart
        self._remarks: dict[str, list[Quote]] = {}   # a remark's option id -> its quotations
        self._group(index)

    def _group(self, index: QuoteIndex) -> None:
        self.index = index
        remarks = by_speaker(q for a in self.story for q in index.by_doc.get(a.id, []))
        self.speakers = {speaker or UNNAMED: groups for speaker, groups in remarks.items()}

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with Horizontal(id="quotes-body"):
            yield OptionList(id="quote-speakers")
            yield OptionList(id="quote-remarks")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.title = "Quotes"
        self._list_speakers()
        self.query_one("#quote-speakers").focus()

    def _list_speakers(self) -> None:
        count = sum(len(q) for groups in self.speakers.values() for q in groups.values())
        self.sub_title = f"{count} quotation{'s' * (count != 1)} in {len(self.story)} article{'s' * (len(self.story) != 1)}"
        order = sorted(self.speakers, key=lambda s: (s == UNNAMED, -self._count(s), self._who(s)))
        speakers = self.query_one("#quote-speakers", OptionList)
        speakers.set_options([Option(self._speaker_prompt(s), id=s) for s in order])
        if not order:
            self.query_one("#quote-remarks", OptionList).set_options(
                [Option(Content.styled("No quotations in this story.", "italic"), disabled=True)])
            return
        start = (self.at.speaker or UNNAMED) if self.at else order[0]
        speakers.highlighted = order.index(start) if start in order else 0

    def _who(self, speaker: str) -> str:
        return "speaker not named" if speaker == UNNAMED else self.index.entities[speaker].name

    def _count(self, speaker: str) -> int:
        return sum(map(len, self.speakers[speaker].values()))

    def _speaker_prompt(self, speaker: str) -> Content:
        count = self._count(speaker)
        outlets = {self.by_id[q.doc].outlet for quotes in self.speakers[speaker].values() for q in quotes}
        name = self._who(speaker)
        return Content.assemble((name, "italic" if speaker == UNNAMED else "bold"), "\n",
                                (f"{count} quote{'s' * (count != 1)} · "
                                 f"{len(outlets)} outlet{'s' * (len(outlets) != 1)}", "$foreground-muted"))

    @on(OptionList.OptionHighlighted, "#quote-speakers")
    def _speaker_chosen(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._fill(event.option.id)

    def _fill(self, speaker: str) -> None:
        options: list[Option | None] = []
        chosen = 0
        for n, (group, mine) in enumerate(self.speakers[speaker].items()):
            if self.at is not None and self.at in mine:
                chosen = n
            if options:
                options.append(None)  # a rule between remarks
            key = f"{mine[0].doc}\0{mine[0].start}"
            self._remarks[key] = mine
            options.append(Option(self._remark(mine, group), id=key))
        lst = self.query_one("#quote-remarks", OptionList)
        lst.set_options(options)
        lst.highlighted = chosen if options else None

    def _remark(self, mine: list[Quote], group: str) -> Content:
        """One remark: each outlet's version (the first in full), then the same words put to
        someone else by another outlet."""
        lines: list[Content] = []
        for n, q in enumerate(mine):
            article = self.by_id[q.doc]
            how = f"  {q.how}: {q.source}" if q.how and q.source else ""
            if q.confidence == "guess":
                how += " · a guess, check it"
            elif q.by == CORRECTED:
                how += " · corrected"
            lines.append(Content.assemble((self.labels[article.id], "bold"), (how, "$foreground-muted")))
            before = reference(q, mine[:n])
            if before is None:
                lines.append(Content.assemble(("“", "$foreground-muted"), (" ".join(q.text.split()), "italic"), ("”", "$foreground-muted")))
            else:
                edits = compare(before, q)
                lines.append(inline(edits))
                lines.append(change_summary(edits))
        for q in self.index.groups.get(group, []):
            if q.doc in self.by_id and q not in mine:
                who = self.index.speaker_name(q) or "no one named"
                lines.append(Content.styled(f"{self.labels[q.doc]} attributes these words to {who}",
                                            "$foreground-muted italic"))
        return Content("\n").join(lines)

    def action_reassign(self) -> None:
        """Choose who said the highlighted remark: an entity of the story, or nobody named."""
        from ...analysis.corrections import SpeakerFix, add_fix, first_words
        from .pick import Choice, PickScreen

        mine = self._highlighted()
        if not mine:
            return
        story = self.story[0].story
        current = mine[0].speaker
        people = sorted((e for e in self.index.entities.values() if e.story == story and e.id != current),
                        key=lambda e: (KIND_ORDER.index(e.kind), -len(e.mentions), e.name.casefold()))
        choices = ([Choice(UNNAMED, Content.styled("speaker not named", "italic"), "not named nobody anonymous")]
                   if current else [])
        choices += [Choice(e.id, Content.assemble((e.name, "bold"), (f" · {ONE_OF_KIND[e.kind]}", "$foreground-muted")),
                           " ".join((e.name, *e.aliases))) for e in people]
        words = " ".join(mine[0].text.split()[:6])
        question = Content.assemble(("Who said “", "$foreground-muted"), (words, "italic"),
                                    ("…”?", "$foreground-muted"))

        def chosen(key: str | None) -> None:
            if not key:
                return
            name = None if key == UNNAMED else self.index.entities[key].name
            fixes = [SpeakerFix(q.doc, q.start, first_words(q.text), name) for q in mine]

            def write(folder):  # noqa: ANN001, ANN202
                path = None
                for fix in fixes:
                    path = add_fix(folder, fix)
                return path

            self.at = mine[0]
            who = name or "no one named"
            main = self.app.screen_stack[0]
            self.app.correct(write, f"{len(mine)} quotation{'s' * (len(mine) != 1)} given to {who}", main)  # type: ignore[attr-defined]

        self.app.push_screen(PickScreen("Reassign a quotation", question, choices, "who said it…"), chosen)

    def _highlighted(self) -> list[Quote] | None:
        """The quotations of the highlighted remark."""
        option = self.query_one("#quote-remarks", OptionList).highlighted_option
        return self._remarks.get(option.id) if option is not None and option.id else None

    def action_copy(self) -> None:
        from ...model import cited

        mine = self._highlighted()
        if not mine:
            return
        who = self.index.speaker_name(mine[0]) or "speaker not named"
        self.app.copy_cited(f"{who}:\n" + "\n".join(cited(q.text, self.by_id[q.doc]) for q in mine), "the remark")

    def reload(self, index: QuoteIndex) -> None:
        """Show the quotations again after a correction, at the remark corrected."""
        if self.at is not None:
            self.at = next((q for q in index.by_doc.get(self.at.doc, []) if q.start == self.at.start), None)
        self._remarks = {}
        self._group(index)
        self._list_speakers()

    def action_side(self, selector: str) -> None:
        self.query_one(selector).focus()

    @on(OptionList.OptionSelected, "#quote-speakers")
    def _to_remarks(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#quote-remarks").focus()

    @on(OptionList.OptionSelected, "#quote-remarks")
    def _go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            doc, start = event.option.id.split("\0")
            self.dismiss(Place(doc, int(start)))
