"""A story as one page to hand on: `parallax report` writes it as self-contained HTML (no
script, no font, no image, nothing fetched) or as Markdown.

The page holds the story's articles (outlet, date, URL), its facts by outlet, each shared
statement's wordings with their word diffs, the quotations by speaker with every outlet's
version, the coverage matrix and the wording contrast. Every piece of article text is escaped,
so a page built from hostile text runs nothing; a URL is a link only when it is http or https.
Word diffs mark deletions `[-struck-]` and insertions `{+underlined+}` in the text itself, so
they survive printing in black and white and need no colour to read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from .analysis.contrast import NAME, SIGNIFICANT, Contrast, Wording
from .analysis.entities import EntityIndex
from .analysis.facts import Facts, story_facts
from .analysis.match import EQUAL, Edit, changed, pieces
from .analysis.quotes import QuoteIndex, by_speaker, compare, reference, speaker_order
from .model import Article, Quote, article_labels
from .preprocess.metadata import moment

__all__ = ["Report", "build"]

TERMS = 10   # wording contrast terms per outlet
_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")   # what makes emphasis, code, links or table cells inline


@dataclass
class Report:
    story: str
    name: str
    articles: list[Article]
    labels: dict[str, str]
    facts: Facts
    quotes: QuoteIndex
    entities: EntityIndex
    contrast: list[Contrast]
    made: str

    def html(self) -> str:
        return _Html(self).page()

    def markdown(self) -> str:
        return _Markdown(self).page()


def build(story: str, name: str, articles: Sequence[Article], entities: EntityIndex, pairs, quotes: QuoteIndex,  # noqa: ANN001
          made: datetime | None = None) -> Report:
    """The report of one story from its articles, entities, aligned pairs and quotations."""
    members = list(articles)
    labels = article_labels(members)
    found = Wording(members, [e for e in entities.entities if e.story == story], labels).contrast(members)
    when = (made or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    return Report(story, name, members, labels, story_facts(members, pairs), quotes, entities, found, when)


def _speakers(r: Report) -> list[tuple[str, list[list[tuple[Quote, list[Edit]]]]]]:
    """The story's speakers, most quoted first, each with its remarks: every version, and its
    word diff against the first version from another article where the words differ."""
    docs = {a.id for a in r.articles}
    remarks = by_speaker(q for q in r.quotes.quotes if q.doc in docs)
    out = []
    for speaker in speaker_order(remarks):
        name = r.quotes.entities[speaker].name if speaker and speaker in r.quotes.entities else "Speaker not named"
        groups = []
        for members in remarks[speaker].values():
            versions = []
            for n, q in enumerate(members):
                before = reference(q, members[:n])
                edits = compare(before, q) if before is not None else []
                versions.append((q, edits if any(e.op != EQUAL for e in edits) else []))
            groups.append(versions)
        out.append((name, groups))
    return out


def _date(article: Article) -> str:
    iso = moment(article.meta.date)
    return iso.replace("T", " ") if iso else ""


# --- HTML ------------------------------------------------------------------------------------------

_STYLE = """
:root { color-scheme: light dark; --ink: #1b1f24; --muted: #59636e; --line: #d0d7de; --ground: #ffffff;
        --del: #82071e; --ins: #116329; --mark: #fff8c5; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6edf3; --muted: #9198a1; --line: #3d444d; --ground: #0d1117; --del: #ff9492; --ins: #7ee787;
          --mark: #3a3000; } }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--ground); margin: 0 auto; padding: 1rem; max-width: 60rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .5rem;
  border-bottom: 1px solid var(--line); padding-bottom: .25rem; } h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.muted, .made { color: var(--muted); } .made { font-size: .9rem; }
nav a { margin-right: .75rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.mark { text-align: center; font-weight: bold; } td.date { white-space: nowrap; }
td a { overflow-wrap: anywhere; }
.wording { margin: .25rem 0 .75rem; padding-left: .75rem; border-left: 3px solid var(--line); }
.who { font-weight: 600; } .kind { font-style: italic; color: var(--muted); }
del { color: var(--del); text-decoration: line-through; } ins { color: var(--ins); text-decoration: underline; }
.changes { font-size: .9rem; color: var(--muted); } .shared { margin-top: .15rem; }
blockquote { margin: .25rem 0 .5rem; padding-left: .75rem; border-left: 3px solid var(--line); }
details summary { cursor: pointer; }
@media print { body { max-width: none; font-size: 11pt; } nav { display: none; } details { display: block; }
  details > summary { list-style: none; } h2 { break-after: avoid; } .wording, blockquote, tr { break-inside: avoid; }
  a { color: inherit; } a[href]::after { content: " <" attr(href) ">"; font-size: .85em; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(url: str | None) -> str:
    """A URL as a link when it is a web address, else as text: a `javascript:` one never links."""
    if not url:
        return ""
    if _SAFE_URL.fullmatch(url.strip()):
        return f'<a href="{_e(url.strip())}" rel="noreferrer noopener">{_e(url.strip())}</a>'
    return f"<span>{_e(url)}</span>"


def _marked(edits: Sequence[Edit], escape, deleted: str, inserted: str) -> str:  # noqa: ANN001
    """A word diff as page text: each run escaped, a deletion or an insertion put in its
    template ("<del>{}</del>"), the spaces before it left outside."""
    out = []
    for text, kind in pieces(edits):
        body = text.lstrip(" ")
        template = deleted if kind == "old" else inserted if kind == "new" else "{}"
        out.append(text[: len(text) - len(body)] + template.format(escape(body)))
    return "".join(out)


def _diff_html(edits: Sequence[Edit]) -> str:
    return _marked(edits, _e, "<del>{}</del>", "<ins>{}</ins>")


def _changes(edits: Sequence[Edit]) -> list[str]:
    return [f"{e.kind}: {changed(e.old, e.new)}" for e in edits if e.op != EQUAL]


class _Html:
    def __init__(self, r: Report) -> None:
        self.r = r

    def page(self) -> str:
        r = self.r
        sections = [("articles", "Articles", self.articles()), ("facts", "Facts by outlet", self.facts()),
                    ("passages", "Shared passages", self.passages()), ("quotes", "Quotes by speaker", self.quotes()),
                    ("coverage", "Coverage", self.coverage()), ("wording", "Wording contrast", self.wording())]
        nav = "".join(f'<a href="#{key}">{_e(title)}</a>' for key, title, _ in sections)
        body = "".join(f'<section id="{key}"><h2>{_e(title)}</h2>{content}</section>' for key, title, content in sections)
        return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
                f"<title>{_e(r.name)} · Parallax report</title><style>{_STYLE}</style></head><body>"
                f"<header><h1>{_e(r.name)}</h1><p class=\"made\">{len(r.articles)} articles · story {_e(r.story or '(top level)')}"
                f" · made by Parallax on {_e(r.made)}</p><nav>{nav}</nav></header>{body}</body></html>\n")

    def articles(self) -> str:
        rows = "".join(f"<tr><td>{_e(self.r.labels[a.id])}</td><td>{_e(a.title)}</td><td class=\"date\">{_e(_date(a))}</td>"
                       f"<td>{_link(a.meta.url)}</td><td class=\"muted\">{_e(a.id)}</td></tr>" for a in self.r.articles)
        return ('<div class="scroll"><table><thead><tr><th>outlet</th><th>headline</th><th>published</th><th>URL</th>'
                f"<th>document</th></tr></thead><tbody>{rows}</tbody></table></div>")

    def facts(self) -> str:
        f = self.r.facts
        head = "".join(f"<th>{_e(self.r.labels[d])}</th>" for d in f.docs)
        rows = []
        for s in f.statements:
            marks = []
            for d in f.docs:
                c = s.cell(d)
                title = "" if c is None else "reference" if d == s.reference else c.kind
                marks.append(f'<td class="mark" title="{_e(title)}">{_e(s.mark(d))}</td>')
            ref = s.cell(s.reference)
            rows.append(f'<tr><td class="n"><a href="#s{s.id}">{s.id}</a></td><td class="n">{s.carried}</td>{"".join(marks)}'
                        f"<td>{_e(' '.join(ref.text.split()) if ref else '')}</td></tr>")
        table = (f'<p class="muted">Each row a statement the outlets share; ★ the wording the others are compared with, '
                 f"= verbatim, ≈ variant, ~ paraphrase, · not carried.</p>"
                 f'<div class="scroll"><table><thead><tr><th class="n">#</th><th class="n">n</th>{head}<th>statement</th>'
                 f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
        only = []
        by_id = {a.id: a for a in self.r.articles}
        for doc, spans in f.exclusives.items():
            items = "".join(f"<li>{_e(' '.join(by_id[doc].text[s.start:s.end].split()))}</li>" for s in spans)
            only.append(f"<details><summary>Only in {_e(self.r.labels[doc])} ({len(spans)})</summary><ul>{items}</ul></details>")
        return table + "<h3>What only one outlet reports</h3>" + "".join(only)

    def passages(self) -> str:
        out = ['<p class="muted">Each shared statement with every outlet\'s wording; the word diff against the '
               "reference marks words only the reference has as [-struck-] and words only this outlet has as "
               "{+underlined+}.</p>"]
        for s in self.r.facts.statements:
            parts = [f'<h3 id="s{s.id}">#{s.id} · {s.carried} of {len(self.r.facts.docs)} articles</h3>']
            for c in s.cells:
                if c.doc == s.reference:
                    text, kind = _e(" ".join(c.text.split())), "reference"
                elif c.kind == "paraphrase":
                    text, kind = _e(" ".join(c.text.split())), "paraphrase"
                else:   # the sentence, then the diff of the words it shares with the reference
                    text, kind = (_e(" ".join(c.text.split())) + '<div class="shared"><span class="muted">shared words: '
                                  f"</span>{_diff_html(c.diff())}</div>"), c.kind
                changes = "" if c.doc == s.reference or c.kind == "paraphrase" else (
                    f'<div class="changes">{_e(" · ".join(_changes(c.diff())) or "identical wording")}</div>')
                parts.append(f'<div class="wording"><span class="who">{_e(self.r.labels[c.doc])}</span> '
                             f'<span class="kind">{_e(kind)}</span><div>{text}</div>{changes}</div>')
            out.append("".join(parts))
        return "".join(out) if self.r.facts.statements else "<p>No statement is shared by two articles.</p>"

    def quotes(self) -> str:
        out = []
        for name, groups in _speakers(self.r):
            count = sum(map(len, groups))
            part = [f"<h3>{_e(name)} <span class=\"muted\">· {count} quotation{'s' * (count != 1)}</span></h3>"]
            for versions in groups:
                for q, edits in versions:
                    how = f" ({q.how}: {q.source})" if q.how and q.source else ""
                    text = _diff_html(edits) if edits else _e(" ".join(q.text.split()))
                    part.append(f'<blockquote><span class="who">{_e(self.r.labels[q.doc])}</span>'
                                f'<span class="kind">{_e(how)}</span><div>“{text}”</div></blockquote>')
            out.append("".join(part))
        return "".join(out) or "<p>No quotation found.</p>"

    def coverage(self) -> str:
        index, docs = self.r.entities, [a.id for a in self.r.articles]
        entities = index.ranked(self.r.story)
        head = "".join(f"<th class=\"n\">{_e(self.r.labels[d])}</th>" for d in docs)
        rows = "".join(
            f"<tr><td>{_e(e.name)} <span class=\"muted\">{_e(e.label.lower())}</span></td>"
            + "".join(f'<td class="n">{index.count_in(e, d) or "·"}</td>' for d in docs) + "</tr>" for e in entities)
        return (f'<p class="muted">How many times each outlet names each entity; · where it does not.</p>'
                f'<div class="scroll"><table><thead><tr><th>entity</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>')

    def wording(self) -> str:
        texts = {a.id: a.text for a in self.r.articles}
        out = [f'<p class="muted">The words, phrases and names each outlet uses more than the others (weighted '
               f"log-odds with an informative Dirichlet prior, Monroe et al. 2008); z from {SIGNIFICANT} in bold.</p>"]
        for c in self.r.contrast:
            rows = []
            for t in c.terms[:TERMS]:
                what = _e(t.text) + (f' <span class="kind">naming {_e(t.entity)}</span>'
                                     if t.kind == NAME and t.entity != t.text else "")
                doc, span = t.uses[0]
                z = f"<b>{t.z:.2f}</b>" if t.z >= SIGNIFICANT else f"{t.z:.2f}"
                rows.append(f'<tr><td class="n">{z}</td><td class="n">{t.count}</td><td class="n">{t.others}</td>'
                            f"<td>{what}</td><td class=\"muted\">{_e(' '.join(texts[doc][span.start:span.end].split()))}</td></tr>")
            out.append(f"<h3>{_e(c.outlet)}</h3>" + (
                '<div class="scroll"><table><thead><tr><th class="n">z</th><th class="n">here</th><th class="n">others'
                f"</th><th>term</th><th>a sentence using it</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
                if rows else "<p>Nothing it uses more than the others.</p>"))
        return "".join(out)


# --- Markdown --------------------------------------------------------------------------------------

def _m(text: object) -> str:
    """Text for Markdown: its special characters escaped and HTML's `<` `>` `&` as entities, so
    no renderer turns an article's words into markup or a link."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def _diff_md(edits: Sequence[Edit]) -> str:
    return _marked(edits, _m, "~~{}~~", "**{}**")


class _Markdown:
    def __init__(self, r: Report) -> None:
        self.r = r

    def page(self) -> str:
        r = self.r
        lines = [f"# {_m(r.name)}", "", f"{len(r.articles)} articles · story {_m(r.story or '(top level)')} · "
                 f"made by Parallax on {_m(r.made)}", "", "## Articles", "",
                 "| outlet | headline | published | URL |", "|---|---|---|---|"]
        for a in r.articles:
            url = a.meta.url.strip() if a.meta.url and _SAFE_URL.fullmatch(a.meta.url.strip()) else None
            lines.append(f"| {_m(r.labels[a.id])} | {_m(a.title)} | {_m(_date(a))} | "
                         f"{'<' + url + '>' if url else _m(a.meta.url or '')} |")
        f = r.facts
        lines += ["", "## Facts by outlet", "", "★ reference, = verbatim, ≈ variant, ~ paraphrase, · not carried.", "",
                  "| # | n | " + " | ".join(_m(r.labels[d]) for d in f.docs) + " | statement |",
                  "|---|---|" + "---|" * len(f.docs) + "---|"]
        for s in f.statements:
            marks = [s.mark(d) for d in f.docs]
            ref = s.cell(s.reference)
            lines.append(f"| {s.id} | {s.carried} | " + " | ".join(marks) + f" | {_m(ref.text if ref else '')} |")
        lines += ["", "## Shared passages", "", "Words only the reference has are ~~struck~~, words only this "
                  "outlet has are **bold**.", ""]
        for s in f.statements:
            lines.append(f"### #{s.id} · {s.carried} of {len(f.docs)} articles")
            lines.append("")
            for c in s.cells:
                kind = "reference" if c.doc == s.reference else c.kind
                text = _diff_md(c.diff()) if kind in ("verbatim", "variant") else _m(c.text)
                lines.append(f"- **{_m(r.labels[c.doc])}** *{kind}*: {text}")
            lines.append("")
        by_id = {a.id: a for a in r.articles}
        for doc, spans in f.exclusives.items():
            lines += [f"### Only in {_m(r.labels[doc])} ({len(spans)})", ""]
            lines += [f"- {_m(by_id[doc].text[sp.start:sp.end])}" for sp in spans]
            lines.append("")
        lines += ["## Quotes by speaker", ""]
        for name, groups in _speakers(r):
            lines += [f"### {_m(name)}", ""]
            for versions in groups:
                for q, edits in versions:
                    text = _diff_md(edits) if edits else _m(q.text)
                    lines.append(f"- **{_m(r.labels[q.doc])}**: “{text}”")
            lines.append("")
        index = r.entities
        entities = index.ranked(r.story)
        lines += ["## Coverage", "", "| entity | " + " | ".join(_m(r.labels[a.id]) for a in r.articles) + " |",
                  "|---|" + "---|" * len(r.articles)]
        lines += [f"| {_m(e.name)} | " + " | ".join(str(index.count_in(e, a.id) or "·") for a in r.articles) + " |"
                  for e in entities]
        lines += ["", "## Wording contrast", ""]
        for c in r.contrast:
            lines += [f"### {_m(c.outlet)}", "", "| z | here | others | term |", "|---|---|---|---|"]
            lines += [f"| {t.z:.2f} | {t.count} | {t.others} | {_m(t.text)}"
                      + (f" (naming {_m(t.entity)})" if t.kind == NAME and t.entity != t.text else "") + " |"
                      for t in c.terms[:TERMS]]
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"
