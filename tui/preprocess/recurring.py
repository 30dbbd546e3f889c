"""Page furniture that only the corpus shows: a line that recurs in several articles of one outlet.

A site prints the same strings on every page: its section names, its newsletter prompt, the
headlines in its sidebar, its "supported by its audience" line. On one page they can look like
the article; across two pages of the site they cannot, for two different articles do not share
a sentence. So a line the article's own cleaning kept is furniture when another article of the
same outlet holds it too, unless the two are versions of one article (an update, a re-scrape, a
syndicated copy), which share most of their text by nature.

Cleaning keys every line it kept (`Lines.keys`) and names those never to be taken this way
(`Lines.fixed`: a headline, a byline, dateline, credit or source line, a marked caption, a
quotation), which still count when two articles are compared; this module works out, from the keys of the
whole corpus, which of each article's lines recur (`furniture`); cleaning then takes them out.
Each article's cache entry records which keys were taken out, so an entry is redone only when
that set changes: when an article of the same outlet is added, changed or removed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..model import Lines, Meta

# Two articles are versions of one when the lines they share hold this share of the shorter
# one's words or more. An update or a re-scrape keeps most of an article; two different pages of
# a site share only furniture, which a page's own cleaning has mostly taken out already (on
# real full-page dumps of two articles of one site, the shared lines held at most 58% of what
# cleaning kept, and under 10% on three sites in four).
VERSION_SHARE = 0.7
# A line on more pages of one outlet than this is the site's own furniture (no story has that
# many versions): it is never counted as evidence that two pages are versions of one, which
# keeps the count of pairs bounded on a large corpus.
PAIR_LINES = 64


def outlet_key(meta: Meta) -> str | None:
    """Which outlet an article is from, as a key: the host of its URL, else its outlet's name
    folded to letters and digits; None when neither is known."""
    if meta.url:
        host = (urlsplit(meta.url if "//" in meta.url else f"//{meta.url}").hostname or "").removeprefix("www.")
        if host:
            return host
    folded = re.sub(r"\W+", "", meta.outlet or "").casefold()
    return folded or None


def furniture(lines: Mapping[str, Lines], outlets: Mapping[str, str | None]) -> dict[str, frozenset[str]]:
    """For each article (by id), the keys of its lines that recur in another article of its
    outlet which is not a version of it. Articles of no known outlet have none."""
    groups: dict[str, list[str]] = defaultdict(list)
    for doc, outlet in outlets.items():
        if outlet is not None and doc in lines:
            groups[outlet].append(doc)
    found: dict[str, frozenset[str]] = {}
    for docs in groups.values():
        if len(docs) > 1:
            found.update(_in_group(sorted(docs), lines))
    return found


def _in_group(docs: list[str], lines: Mapping[str, Lines]) -> dict[str, frozenset[str]]:
    holders: dict[str, list[int]] = defaultdict(list)
    words: dict[str, int] = {}
    for i, doc in enumerate(docs):
        for key, n in dict(lines[doc].keys).items():
            holders[key].append(i)
            words[key] = n
    shared_words: dict[tuple[int, int], int] = defaultdict(int)
    for key, held in holders.items():
        if 1 < len(held) <= PAIR_LINES:
            for x, a in enumerate(held):
                for b in held[x + 1 :]:
                    shared_words[a, b] += words[key]
    size = [sum(dict(lines[d].keys).values()) for d in docs]
    version = list(range(len(docs)))   # union-find: each article's set of versions

    def root(i: int) -> int:
        while version[i] != i:
            version[i] = version[version[i]]
            i = version[i]
        return i

    for (a, b), n in shared_words.items():
        if n >= VERSION_SHARE * min(size[a], size[b]):
            version[root(a)] = root(b)
    out: dict[str, set[str]] = defaultdict(set)
    for key, held in holders.items():
        if len(held) > 1 and len({root(i) for i in held}) > 1:
            for i in held:
                if key not in lines[docs[i]].fixed:
                    out[docs[i]].add(key)
    return {doc: frozenset(keys) for doc, keys in out.items()}
