"""Acronyms an article defines: "Democratic People's Republic of Korea (DPRK)", "IP4 refers to
...", "ROK is an acronym of ... the Republic of Korea".

The long form is found with the Schwartz-Hearst rule (A. Schwartz and M. Hearst, "A simple
algorithm for identifying abbreviation definitions in biomedical text", PSB 2003): the
acronym's characters must appear in order in the words before it, its first character at the
start of a word, and the long form is the shortest run of words ending where the candidate ends
that holds them all.
"""

from __future__ import annotations

import re

_SHORT = r"[A-Za-z][A-Za-z0-9&.\-]{0,9}"
_PAREN = re.compile(r"\(\s*(" + _SHORT + r")\s*\)")
_REVERSE = re.compile(r"\b([A-Z][A-Z0-9&.\-]{1,9})\s*\(([^()]{4,80})\)")
_DEFINED = re.compile(
    r"\b(" + _SHORT + r")\s+(?:stands for|refers to|is short for|is an? (?:acronym|abbreviation|initialism) (?:of|for))"
    r"\s+([^.;:!?()]{3,120})"
)


def _is_acronym(short: str) -> bool:
    letters = [c for c in short if c.isalpha()]
    return 2 <= len(short) <= 10 and len(letters) >= 1 and sum(c.isupper() for c in short) >= 2


def best_long_form(short: str, candidate: str) -> str | None:
    """The shortest tail of `candidate` that `short` abbreviates (Schwartz-Hearst), or None."""
    chars = [c.lower() for c in short if c.isalnum()]
    text = candidate.rstrip(" ,")
    s, l = len(chars) - 1, len(text) - 1
    while s >= 0:
        c = chars[s]
        while l >= 0 and (text[l].lower() != c or (s == 0 and l > 0 and text[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    start = text.rfind(" ", 0, l + 1) + 1
    long_form = text[start:].strip()
    words = long_form.split()
    if not words or len(words) > min(len(chars) + 5, len(chars) * 2) or short.lower() in long_form.lower().split():
        return None
    if len(words) < 2 and not any(c.islower() for c in long_form):
        return None  # "HP (NYSE: HPQ)" is a ticker, not a definition
    return long_form


def _before(text: str, pos: int, n_words: int) -> str:
    """The last `n_words` words before `pos` in the same sentence."""
    head = re.split(r"[.;!?]\s|\n", text[:pos])[-1]
    return " ".join(head.split()[-n_words:])


def definitions(text: str) -> list[tuple[str, str]]:
    """(acronym, long form) pairs defined in `text`, in order."""
    found = []
    for m in _PAREN.finditer(text):
        short = m.group(1).rstrip(".-")
        if _is_acronym(short):
            window = _before(text, m.start(), min(len(short) + 5, len(short) * 2) + 2)
            long_form = best_long_form(short, window)
            if long_form:
                found.append((short, long_form))
    for m in _REVERSE.finditer(text):
        short, inside = m.group(1).rstrip(".-"), m.group(2)
        if _is_acronym(short) and len(inside.split()) >= 2:
            long_form = best_long_form(short, inside)
            if long_form:
                found.append((short, long_form))
    for m in _DEFINED.finditer(text):
        short = m.group(1).rstrip(".-")
        if _is_acronym(short):  # "... is an acronym of its official name, the Republic of Korea"
            for part in m.group(2).split(","):
                long_form = best_long_form(short, part)
                if long_form:
                    found.append((short, long_form))
                    break
    return found
