"""Word diffs as styled text: deletions struck through in red inside `[-…-]`, insertions green
inside `{+…+}`. The brackets stay in a monochrome terminal (NO_COLOR), where colour is gone."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from ...analysis.match import EQUAL, Edit, changed, pieces, side_pieces

DELETED = "strike $text-error"
INSERTED = "bold $text-success"


_STYLE = {"same": "", "old": DELETED, "new": INSERTED}


def _styled(parts: list[tuple[str, str]]) -> Content:
    return Content("").join(
        Content.styled(text, _STYLE[kind]) if _STYLE[kind] and text.strip() else Content(text) for text, kind in parts
    ) if parts else Content("")


def inline(edits: Sequence[Edit]) -> Content:
    """Both sides in one line: what A had struck out, what B has in its place."""
    return _styled(pieces(edits))


def side(edits: Sequence[Edit], which: str) -> Content:
    """One side of a side-by-side diff: A with its deletions marked, or B with its insertions."""
    return _styled(side_pieces(edits, which))


def change_summary(edits: Sequence[Edit], limit: int = 5) -> Content:
    """The kinds of change, each with its words: "spelling fuelling → fueling · insertion (nuclear)".
    Small changes (spelling, punctuation) come first; past `limit`, a count of the rest."""
    changes = sorted((e for e in edits if e.op != EQUAL), key=lambda e: len(e.old) + len(e.new))
    items = []
    for e in changes[:limit]:
        what = changed(e.old, e.new)
        if len(what) > 60:
            what = what[:57] + "…"
        items.append(Content.assemble((e.kind, "italic $text-secondary"), " ", what))
    if len(changes) > limit:
        items.append(Content.styled(f"{len(changes) - limit} more", "$foreground-muted"))
    return Content(" · ").join(items) if items else Content.styled("identical wording", "italic $text-success")
