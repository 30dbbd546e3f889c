"""The article pane's wrapping, and that a very large article stays line-virtualised."""

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.app.widgets.article_view import ArticleView, wrap_offsets
from tui.model import Article, Block, Meta, OffsetMap, Span

texts = st.text(alphabet=st.sampled_from(list("abc de  fgh\tij,.") + ["漢", "字", "é"]), max_size=300)


@given(texts, st.integers(min_value=1, max_value=40))
def test_wrap_covers_the_text_in_order_and_fits_the_width(text, width):
    lines = wrap_offsets(text, 0, len(text), width)
    assert lines[0][0] == 0 and lines[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(lines, lines[1:]))
    for s, e in lines:
        ink = text[s:e].rstrip()
        assert cell_len(ink) <= width or len(ink) == 1


def test_wrap_breaks_between_words():
    text = "the quick brown fox jumps"
    assert [text[s:e] for s, e in wrap_offsets(text, 0, len(text), 10)] == ["the quick ", "brown fox ", "jumps"]


def big_article(paragraphs: int) -> Article:
    para = ("Officials said on Monday that talks between the two delegations would continue in Geneva, "
            "despite “deep differences” over the timetable. ") * 4
    text, blocks, sentences, pos = [], [], [], 0
    for _ in range(paragraphs):
        text.append(para.strip())
        blocks.append(Block(pos, pos + len(para.strip()), "body"))
        sentences.append(Span(pos, pos + len(para.strip())))
        pos += len(para.strip()) + 2
    body = "\n\n".join(text)
    return Article(id="big", path="big", story="", sha256="", encoding="utf-8", meta=Meta(headline="Big"), text=body,
                   blocks=tuple(blocks), removals=(), offsets=OffsetMap(), sentences=tuple(sentences), entities=())


async def test_a_5mb_article_renders_only_visible_lines():
    from textual.app import App

    article = big_article(11_000)
    assert len(article.text) > 5_000_000

    class Host(App[None]):
        def compose(self):  # noqa: ANN202
            yield ArticleView(id="v")

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        view.show(article, None)
        await pilot.pause()
        assert view.virtual_size.height > 50_000
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_offset.y > 50_000
        assert len(view._cache) <= 2 * view.size.height  # only what was on screen was rendered
        assert "Geneva" in "".join(view.render_line(y).text for y in range(view.size.height))


@given(st.text(alphabet=st.sampled_from(list("abc de  fghij,.")), max_size=300), st.integers(min_value=1, max_value=40))
def test_fast_ascii_wrap_agrees_with_the_word_by_word_wrap(text, width):
    from tui.app.widgets.article_view import _wrap_ascii, _wrap_words

    if text:
        assert _wrap_ascii(text, 0, len(text), width) == _wrap_words(text, 0, len(text), width, True)


def test_fast_wrap_accepts_only_characters_drawn_one_cell_wide():
    from tui.app.widgets.article_view import _not_one_cell

    pattern = _not_one_cell()
    accepted = [c for c in map(chr, range(0x20, 0x3000)) if c.isprintable() and not pattern.search(c)]
    assert "“" in accepted and "é" in accepted and "漢" not in accepted
    assert all(cell_len(c) == 1 for c in accepted)


async def test_the_text_is_never_laid_out_before_the_pane_has_its_width(make_app):
    """A pane made visible has no width for a moment: text wrapped then would show a word a line."""
    import asyncio

    app = make_app()
    widths = set()
    async with app.run_test(size=(160, 48)):
        for _ in range(300):
            await asyncio.sleep(0.005)
            views = app.screen.query(ArticleView)
            if views and views.first()._lines:
                widths.add(views.first()._width)
            if app.painted.is_set() and widths:
                break
    assert widths and min(widths) > 20, widths
