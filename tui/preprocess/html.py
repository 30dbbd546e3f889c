"""Web pages as a browser saves them: the article body and the page's own metadata.

Extraction is trafilatura's (the reference in the field), from the file alone: nothing is ever
fetched. The page's declared charset is honoured (`charset`); the body comes back as one line
per paragraph, which is written out with blank lines between paragraphs and the headline first,
as a text article would be, so cleaning and parsing treat a page like any other article. The
page's title (without the site name it usually ends with), author, publication date, site name
(the outlet) and canonical URL become the article's metadata.

Captions stay captions where the page marks them: trafilatura drops a figure's caption, so the
captions of the page's figures (`<figcaption>`, or an element of a figure whose class names a
caption, as WordPress's `wp-caption-text`) take their figure's place as paragraphs before
extraction, and cleaning is told which paragraphs they are (`Page.captions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Meta
from .metadata import moment

# A saved news page is 100 KB to 3 MB, most of it scripts and styles; 16 MiB is far past any
# page, and parsing it into a tree takes memory some dozen times its size.
MAX_PAGE_BYTES = 16 << 20
# A page is an article when it holds at least MIN_WORDS words in lines of running text, lines of
# SENTENCE_WORDS words or more: a menu item, a share prompt or a heading rarely reaches eight
# words, and the shortest news brief is forty or more.
SENTENCE_WORDS = 8
MIN_WORDS = 20
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
                      re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:-]\s+|\s+-{2}\s+")
# A caption says what a picture shows in a sentence or two; a figure's text of more words is an
# embedded article card or a slideshow, not a caption.
CAPTION_WORDS = 120


@dataclass(frozen=True, slots=True)
class Page:
    """What extraction found in a page."""

    text: str                 # headline, then paragraphs separated by blank lines
    meta: Meta
    captions: frozenset[str] = frozenset()    # the paragraphs of `text` the page marks as captions


class NoArticle(Exception):
    """The page has no article text (a script-only page, an index, an error page)."""


def charset(data: bytes) -> str | None:
    """The encoding a page declares in its first few kilobytes (`<meta charset>`, the
    http-equiv Content-Type, an XML declaration), if any."""
    m = _CHARSET.search(data[:8192])
    return (m.group(1) or m.group(2)).decode("ascii", "replace") if m else None


def extract(html: str) -> Page:
    """The article of a page and its metadata. Raises `NoArticle` when the page holds none."""
    import trafilatura  # only corpora with web pages pay for the import
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise NoArticle("not a web page (no HTML found)")
    captions = _captions_in_place(tree)
    doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, deduplicate=False)
    body = [p.strip() for p in (doc.text or "").splitlines() if p.strip()] if doc is not None else []
    running = sum(len(p.split()) for p in body if len(p.split()) >= SENTENCE_WORDS and p not in captions)
    if running < MIN_WORDS:  # what an extractor falls back to on a page without an article: its menus
        raise NoArticle("no article text found in the page")
    site = _plain(doc.sitename)
    title = _without_site(_plain(doc.title), site, _plain(doc.hostname))
    meta = Meta(outlet=site or _plain(doc.hostname), headline=title, byline=_plain(doc.author),
                date=moment(_plain(doc.date)), url=_plain(doc.url))
    if title and body[0].casefold() == title.casefold():
        body = body[1:]
    return Page("\n\n".join(([title] if title else []) + body) + "\n", meta, frozenset(captions & set(body)))


def _captions_in_place(tree: object) -> set[str]:
    """Put each of the page's figures that has a caption back as a paragraph of its caption
    alone, which the extractor keeps where it keeps the text around it. Returns the captions."""
    from lxml.html import Element

    found: set[str] = set()
    figures = tree.xpath("//figure | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption ')]")
    for figure in figures:
        if figure.getparent() is None or any(f in figures for f in figure.iterancestors()):
            continue  # gone with, or inside, a figure already replaced
        marks = figure.xpath(".//figcaption | .//*[contains(@class, 'caption') and not(.//figcaption)]")
        text = _plain(" ".join(marks[0].itertext())) if marks else None
        if not text or len(text.split()) > CAPTION_WORDS:
            continue
        paragraph = Element("p")
        paragraph.text, paragraph.tail = text, figure.tail
        figure.getparent().replace(figure, paragraph)
        found.add(text)
    return found


def _plain(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _without_site(title: str | None, site: str | None, host: str | None) -> str | None:
    """A page title without the site's name that pages append or prepend ("… - 9to5Mac",
    "BBC News | …"): the first or last part, when it names the site or its host, goes."""
    if not title:
        return None
    names = {n.casefold().replace(" ", "") for n in (site, host) if n}
    names |= {n.removeprefix("www.").split(".")[0] for n in list(names) if "." in n}
    cuts = list(_TITLE_SEPARATORS.finditer(title))
    if not cuts or not names:
        return title
    last, first = title[cuts[-1].end():], title[: cuts[0].start()]
    last_key = last.casefold().replace(" ", "")
    if last_key in names or (len(last.split()) <= 3 and any(last_key.startswith(n) for n in names)):
        return title[: cuts[-1].start()].strip() or title  # "… | CNN Politics": the site and a section
    if first.casefold().replace(" ", "") in names:
        return title[cuts[0].end():].strip() or title
    return title
