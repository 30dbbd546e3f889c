"""Sentence boundaries the parser gets wrong, repaired (`preprocess.sentences`), with invented text."""

from __future__ import annotations

import re

from tui.model import Span
from tui.preprocess.sentences import repaired


def _spans(text: str, pieces: list[str]) -> list[Span]:
    """The spans of `pieces`, found in order in `text`: a parser's sentences."""
    out, at = [], 0
    for piece in pieces:
        start = text.index(piece, at)
        out.append(Span(start, start + len(piece)))
        at = start + len(piece)
    return out


def _texts(text: str, spans) -> list[str]:  # noqa: ANN001
    return [text[s.start : s.end] for s in spans]


def test_a_title_or_a_middle_initial_does_not_end_a_sentence():
    text = "Harbour police Lt. Maria Okafor said the boat sank. Gov. Tom Brandt and John F. Kennedy spoke."
    parsed = _spans(text, ["Harbour police Lt.", "Maria Okafor said the boat sank.", "Gov.",
                           "Tom Brandt and John F.", "Kennedy spoke."])
    assert _texts(text, repaired(text, parsed)) == [
        "Harbour police Lt. Maria Okafor said the boat sank.", "Gov. Tom Brandt and John F. Kennedy spoke."]


def test_a_closing_mark_alone_joins_its_quotation():
    text = '"We will rebuild the pier," she said. "Not this year\u201d\nNext line.'
    parsed = _spans(text, ['"We will rebuild the pier,', '" she said.', '"Not this year', "\u201d", "Next line."])
    assert _texts(text, repaired(text, parsed)) == [
        '"We will rebuild the pier,', '" she said.', '"Not this year\u201d', "Next line."]


def test_a_dateline_or_a_timestamp_is_one_unit():
    text = "Posted 11/30/09 05:40 PM ET\n\nThe council met on Monday. It voted."
    parsed = _spans(text, ["Posted 11/30/09", "05:40", "PM", "ET", "The council met on Monday.", "It voted."])
    assert _texts(text, repaired(text, parsed)) == ["Posted 11/30/09 05:40 PM ET", "The council met on Monday.",
                                                    "It voted."]


def test_real_boundaries_stay_and_the_repair_is_idempotent():
    text = ("The fire was out by noon. Officials left.\n\nCapt.\n\nMs. Holt spoke. The U.S. Coast Guard "
            "came. It rained at 5 p.m.\nMonday, June 3")
    parsed = _spans(text, ["The fire was out by noon.", "Officials left.", "Capt.", "Ms. Holt spoke.",
                           "The U.S. Coast Guard came.", "It rained at 5 p.m.", "Monday, June 3"])
    once = repaired(text, parsed)
    assert _texts(text, once) == _texts(text, parsed)   # nothing here was a wrong split
    assert repaired(text, once) == once
    assert all(re.fullmatch(r"\S.*\S|\S", t, re.DOTALL) for t in _texts(text, once))
