"""Text from outside the program, made safe to show.

Article text is cleaned (`preprocess.clean`), but a corpus brings more: file and folder names,
`corpus.yaml`, `aliases.yaml`, theme and config files. Any of them can hold terminal control
sequences (an OSC 52 clipboard write, an OSC 2 window title, a CSI colour), C1 controls, or
invisible and direction-changing characters (U+200B, U+202E) that make one name look like
another. Every such string passes through `shown` (one line) or `without_controls` (lines kept)
where it enters the program, so no screen, warning, notification or command's output can carry
them; the visible characters are kept.
"""

from __future__ import annotations

import re

CONTROL = re.compile(
    r"(?P<esc>\x1b(?:\[[0-?]*[ -/]*[@-~]"          # CSI: colours, cursor moves
    r"|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"            # OSC: titles, clipboard (OSC 52), links
    r"|[PX^_][^\x1b\n]*(?:\x1b\\)?"                 # DCS, SOS, PM, APC strings
    r"|[ -/]*[0-~])?)"                              # two- and three-byte escapes
    r"|(?P<c1>\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c\n]*(?:\x07|\x9c)?)"  # 8-bit CSI / OSC
    r"|(?P<nl>\r\n?|[\v\f\x85\u2028\u2029])"
    r"|(?P<ctl>[\x00-\x08\x0e-\x1f\x7f-\x9f])"
    r"|(?P<inv>[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+)"
)
# What JSON output spells as \uXXXX although JSON allows it raw: C1 controls, and the invisible
# and direction-changing characters above (a terminal showing the JSON would act on them).
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def without_controls(text: str) -> str:
    """`text` with every terminal control sequence and invisible character taken out (line
    breaks kept as "\\n")."""
    return CONTROL.sub(lambda m: "\n" if m.lastgroup == "nl" else "", text)


def plain_line(value: str | None) -> str | None:
    """A value as one safe line: controls out, white space folded; None when nothing is left."""
    return " ".join(without_controls(value).split()) or None if value else None


def shown(value: object) -> str:
    """Any value from outside (a file name, a YAML key or value) as one safe line of text."""
    return " ".join(without_controls(str(value)).split()) if value is not None else ""


def json_safe(encoded: str) -> str:
    """JSON text with the characters a terminal would act on written as \\uXXXX escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", encoded)
