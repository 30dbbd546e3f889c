"""Quotation spans for the article pane."""

from tui.model import Article, Block, Meta, OffsetMap
from tui.quotes import quote_spans


def quotes(text: str) -> list[str]:
    blocks, pos = [], 0
    for para in text.split("\n\n"):
        blocks.append(Block(pos, pos + len(para), "body"))
        pos += len(para) + 2
    a = Article(id="x", path="x", story="", sha256="", encoding="utf-8", meta=Meta(), text=text, blocks=tuple(blocks),
                removals=(), offsets=OffsetMap(), sentences=(), entities=())
    return [text[s.start : s.end] for s in quote_spans(a)]


def test_curly_straight_and_partial_quotes():
    assert quotes('He said “we will go” and then "we won\'t."') == ["“we will go”", '"we won\'t."']
    assert quotes('Iran is "fueling Russia’s war" says NATO.') == ['"fueling Russia’s war"']


def test_unclosed_quote_runs_to_the_paragraph_end_and_stray_closers_are_ignored():
    text = "“The first paragraph of a long quote\n\n“and its end,” he said. A stray ” mark."
    assert quotes(text) == ["“The first paragraph of a long quote", "“and its end,”"]


def test_seed_articles_have_quotes(seed_articles):
    from tui.quotes import quote_spans

    a = seed_articles["000_f9e83d17821e43e7"]
    found = [a.text[s.start : s.end] for s in quote_spans(a)]
    assert any(q.startswith("“We strongly condemn") for q in found)
