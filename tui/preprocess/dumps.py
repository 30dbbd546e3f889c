"""Full-page text dumps: the article among the page furniture, without the page's HTML.

A scraper without extraction writes every visible string of a page on a line of its own:
menus, share buttons, related links, comment threads and the article. Only a text that looks
like that (`is_dump`: many lines, a large share of them one to three words long) is handled
here, so an ordinary article file is never touched.

Each line is classified by what it is, as jusText does: a line of prose is long and dense with
stop words ("good"), a shorter one of the same kind is "near", a short line is "short" and a
long one without stop words (a row of tags, a list of links) is "bad". The article is the
first run of good lines that carries a good share of the page's prose: runs are broken by more
than `GAP` lines of furniture (bad lines, and short lines of one to three words: list items and
subheads of four words or more belong to the article) or by the start of a comment section.
Everything outside that run is furniture; the page's first line (its title) is kept for the
headline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

# jusText's thresholds (length in characters, stop-word density), with a good line's length
# lowered from 200 to 120: news sites write one-sentence paragraphs. Measured on web-dev's 134
# dumps the results hold steady for 100 to 150 and for a gap of 6 to 10 lines (F1 0.89 to 0.93).
SHORT_CHARS = 70
GOOD_CHARS = 120
STOP_GOOD = 0.32
STOP_NEAR = 0.30
GAP = 8               # furniture lines a run of prose may span
FIRST_SHARE = 0.3     # the first run with at least this share of the largest run's prose is the article
MENU_WORDS = 4        # a short line of fewer words is furniture within a gap; longer ones are list items
# A dump has many lines, most of them short: 40 lines and 35% of one to three words. No article of
# ECB+, ecb-events or the bundled corpus comes near (at most 50% short lines, and under 40 lines).
DUMP_LINES = 40
DUMP_SHORT = 0.35

_WORD = re.compile(r"\w+")
_COMMENTS = re.compile(
    r"(?i)^(?:\[?\s*\d+\s+(?:comments?|responses?|replies)\s*\]?"
    r"|(?:top rated |show |view |load |read |post a |add a )?comments?(?:\s*\(\d+\))?"
    r"|leave a (?:comment|reply)|join the (?:conversation|discussion)|\d+ thoughts on .*)\s*:?$")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    import justext  # installed with trafilatura; its stop-word lists are the ones its classifier uses

    return frozenset(w.lower() for w in justext.get_stoplist("English"))


def is_dump(lines: Sequence[str]) -> bool:
    content = [ln for ln in lines if ln.strip()]
    short = sum(len(_WORD.findall(ln)) < MENU_WORDS for ln in content)
    return len(content) >= DUMP_LINES and short >= DUMP_SHORT * len(content)


def _kind(line: str, stop: frozenset[str]) -> str:
    words = _WORD.findall(line.lower())
    if not words:
        return "bad"
    density = sum(w in stop for w in words) / len(words)
    if len(line) < SHORT_CHARS:
        return "short"
    if density >= STOP_GOOD:
        return "good" if len(line) > GOOD_CHARS else "near"
    return "near" if density >= STOP_NEAR else "bad"


def article_span(lines: Sequence[str]) -> tuple[int, int] | None:
    """The first and last index (into `lines`, the dump's non-blank lines) of the article, or
    None when no line reads as prose."""
    stop = _stop_words()
    kinds = [_kind(ln.strip(), stop) for ln in lines]
    good = [i for i, k in enumerate(kinds) if k == "good"]
    if not good:
        return None
    furniture = [k == "bad" or (k == "short" and len(_WORD.findall(ln)) < MENU_WORDS) for k, ln in zip(kinds, lines)]
    comments = [bool(_COMMENTS.match(ln.strip())) for ln in lines]
    runs, run = [], [good[0]]
    for i in good[1:]:
        between = range(run[-1] + 1, i)
        if sum(furniture[k] for k in between) <= GAP and not any(comments[k] for k in between):
            run.append(i)
        else:
            runs.append(run)
            run = [i]
    runs.append(run)
    prose = [sum(len(lines[i]) for i in r) for r in runs]
    chosen = next(r for r, p in zip(runs, prose) if p >= FIRST_SHARE * max(prose))
    lo, hi = chosen[0], chosen[-1]
    while lo > 0 and kinds[lo - 1] == "near":
        lo -= 1
    while hi + 1 < len(lines) and kinds[hi + 1] == "near":
        hi += 1
    return lo, hi
