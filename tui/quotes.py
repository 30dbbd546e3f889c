"""Where an article quotes someone: spans of text inside quotation marks.

Marks are paired within a paragraph: a curly opening mark with the next closing mark, straight
marks alternately. A paragraph that opens a quote and never closes it follows the newspaper
convention for quotes running over several paragraphs: the quote runs to the paragraph's end.
"""

from __future__ import annotations

import re

from .model import Article, Span

_MARKS = re.compile(r"[“”\"]")
_MIN_CHARS = 3


def quote_spans(article: Article) -> list[Span]:
    """The quoted passages of an article, marks included, in text order."""
    found: list[Span] = []
    for block in article.blocks:
        found.extend(_in_paragraph(article.text, block.start, block.end))
    return found


def _in_paragraph(text: str, start: int, end: int) -> list[Span]:
    spans = []
    opened: int | None = None
    for m in _MARKS.finditer(text, start, end):
        mark, pos = m.group(), m.start()
        if opened is None:
            if mark == "”":
                continue  # a stray closing mark opens nothing
            opened = pos
        elif mark != "“":
            if pos + 1 - opened > _MIN_CHARS:
                spans.append(Span(opened, pos + 1))
            opened = None
        else:  # a second opening mark: the first was never closed
            opened = pos
    if opened is not None and end - opened > _MIN_CHARS and _opens_quote(text, opened, end):
        spans.append(Span(opened, end))
    return spans


def _opens_quote(text: str, pos: int, end: int) -> bool:
    """An unclosed mark runs to the paragraph's end only where a word follows it."""
    return pos + 1 < end and text[pos + 1].isalnum()
