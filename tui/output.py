"""What the commands print that is more than a line: an article as plain text, JSON with the
articles' URLs, and the summary of the files a corpus folder holds besides its articles. The
command line's own layer, beside `cli.py`."""

from __future__ import annotations

import re

from .untrusted import json_safe, shown

_WHERE = re.compile(r"^(?:record|line|row|response) \S+(?: \([^)]*\))?: ")


def unread_summary(unread) -> str:  # noqa: ANN001 - a list of corpus.Skipped
    """'3 files: 2 unknown file type: .pdf, 1 not an article (…)', the commonest reason first. A
    reason given for a record inside a file ("line 7: not valid JSON (…)") counts as its kind."""
    from collections import Counter

    files = len({s.path for s in unread})
    reasons = Counter(_WHERE.sub("", s.reason) for s in unread)
    return f"{files} file{'s' * (files != 1)}: " + ", ".join(f"{n} {why}" for why, n in reasons.most_common())


def print_json(data: dict, articles) -> int:  # noqa: ANN001 - the corpus's Article list
    """Print a command's JSON, with the article's URL (or null), story and outlet (or null)
    beside every "doc" it names; with `articles` None, as it is (it names them itself)."""
    import json

    if articles is None:
        print(json_safe(json.dumps(data, ensure_ascii=False, indent=1)))
        return 0

    of = {a.id: a for a in articles}

    def with_urls(value):  # noqa: ANN001, ANN202
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                out[key] = with_urls(item)
                if key == "doc":
                    article = of.get(item)
                    out["url"] = article.meta.url if article else None
                    out["story"] = article.story if article else None
                    out["outlet"] = article.meta.outlet if article else None
            return out
        return [with_urls(v) for v in value] if isinstance(value, list) else value

    print(json_safe(json.dumps(with_urls(data), ensure_ascii=False, indent=1)))
    return 0


def article_json(article, removed: bool = False) -> dict:  # noqa: ANN001
    """What `parallax show --json` prints: an article's metadata, cleaned text and paragraphs."""
    m = article.meta
    out = {"doc": article.id, "headline": m.headline, "byline": m.byline, "date": m.date, "source": shown(article.path),
           "text": article.text,
           "paragraphs": [{"kind": b.kind, "start": b.start, "end": b.end} for b in article.blocks]}
    if removed:
        out["removed"] = [{"reason": r.reason, "text": r.text, "raw_start": r.raw_start, "raw_end": r.raw_end}
                          for r in article.removals]
    return out


def render_article(article, removed: bool = False) -> str:  # noqa: ANN001
    """An article as plain text: metadata, then the cleaned paragraphs, labelled where not body."""
    from .model import BODY, HEADING
    from .preprocess.corpus import TEXT_SUFFIXES
    from .preprocess.decode import line_numbers

    m = article.meta
    lines = [f"{'Headline:':<10}{m.headline or '(none in the text)'}", f"{'Outlet:':<10}{m.outlet or '(unknown)'}"]
    if m.byline:
        lines.append(f"{'Byline:':<10}{m.byline}")
    if m.date:
        lines.append(f"{'Date:':<10}{m.date}")
    if m.url:
        lines.append(f"{'URL:':<10}{m.url}")
    lines += [f"{'Id:':<10}{article.id}", f"{'Source:':<10}{shown(article.path)}", ""]
    for block in article.blocks:
        text = article.text[block.start : block.end]
        if block.kind in (BODY, HEADING):
            lines.append(text)
        else:
            lines.append(f"[{block.kind}] {text}")
        lines.append("")
    if removed:
        lines.append(f"Removed by cleaning ({len(article.removals)}):")
        # a page's or an export record's offsets are into the text taken out of the file, not its lines
        line_of = line_numbers(article.path) if article.path.lower().endswith(TEXT_SUFFIXES) else None
        for r in article.removals:
            where = f"line {line_of(r.raw_start)}" if line_of else f"offset {r.raw_start}"
            lines.append(f"  {where:<9} {r.reason:<21} {r.text}")
        if not article.removals:
            lines.append("  nothing")
    return "\n".join(lines).rstrip()   # print adds the one newline: the last line is the last one printed


# --- CSV -------------------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")   # what a spreadsheet would run as a formula


def csv_cell(value: object) -> str:
    """A value as a CSV cell: null empty, booleans `true`/`false`, and text a spreadsheet would
    read as a formula (starting with = + - @, a tab or a carriage return) prefixed with `'`,
    which spreadsheets show and do not run (OWASP's advice on CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    from .untrusted import without_controls

    text = without_controls(str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def print_csv(columns: list[str], rows) -> int:  # noqa: ANN001 - an iterable of dicts
    """Print rows as CSV: UTF-8 with a byte-order mark (so a spreadsheet reads the accents),
    a header line, every cell quoted where it must be (RFC 4180), lines ending CRLF."""
    import csv
    import io
    import sys

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    sys.stdout.write("\ufeff" + out.getvalue())
    return 0
