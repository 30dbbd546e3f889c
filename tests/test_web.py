"""What people actually collect: saved web pages, broken encodings, and folders with other files
in them. Every page here is built by the test."""

from __future__ import annotations

import json

import pytest

from tui import cli
from tui.preprocess import html, index
from tui.preprocess.corpus import open_corpus
from tui.preprocess.decode import decode

PARAGRAPHS = [
    "The foreign ministers of the alliance met in Vilnius on Tuesday to agree on a common position "
    "before the summit, officials said after the talks had ended late in the evening.",
    "“We will not be divided,” said Anna Lindqvist, the Swedish minister, as she left the hall. "
    "Her Estonian counterpart said the meeting had been the most productive of the year.",
    "The ministers discussed air defence, the training of troops and the money each member "
    "spends on its army, which several of them promised to raise above two per cent.",
    "A final declaration is expected on Thursday, when the heads of government arrive in the city.",
]


def page(*, charset: str | None = "utf-8", title: str = "Ministers agree on summit plan - The Daily Example",
         body: list[str] | None = None, script_kb: int = 0) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in (PARAGRAPHS if body is None else body))
    script = f"<script>{'var x = 1;' * (script_kb * 100)}</script>" if script_kb else ""
    return f"""<!DOCTYPE html><html lang="en"><head>{meta}<title>{title}</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Maria Jonsson">
<meta property="article:published_time" content="2024-07-09T08:00:00Z">
<link rel="canonical" href="https://daily.example.com/world/ministers-summit-plan">
{script}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="share">Share this with Facebook · Twitter · Email</div>
<article><h1>Ministers agree on summit plan</h1>{paragraphs}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity weds in secret</a></li><li><a href="/b">Ten best beaches</a></li></ul></aside>
<footer>© 2024 The Daily Example. All rights reserved. Privacy policy · Cookie settings</footer>
</body></html>"""


def _index(folder, tmp_path):  # noqa: ANN001, ANN202
    corpus = open_corpus(folder)
    return index.load(corpus, index.open_cache(corpus, tmp_path / "cache"), jobs=1)


def test_a_saved_page_gives_its_body_headline_outlet_byline_date_and_url(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ministers.html").write_text(page(), encoding="utf-8")
    (articles,), report = _index(folder, tmp_path)
    assert not report.skipped
    m = articles.meta
    assert (m.headline, m.outlet, m.byline, m.date, m.url) == (
        "Ministers agree on summit plan", "The Daily Example", "Maria Jonsson", "2024-07-09",
        "https://daily.example.com/world/ministers-summit-plan")
    for p in PARAGRAPHS:
        assert p.split(",")[0] in articles.text
    for furniture in ("Share this with", "Most read", "Celebrity weds", "All rights reserved", "Sport"):
        assert furniture not in articles.text
    assert articles.text.count("Ministers agree on summit plan") == 1   # the h1 is not a second headline


def test_show_and_the_json_name_the_url(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ministers.html").write_text(page(), encoding="utf-8")
    cache = str(tmp_path / "cache")
    assert cli.main(["show", str(folder), "ministers", "--cache-dir", cache]) == 0
    out = capsys.readouterr().out
    assert "URL:      https://daily.example.com/world/ministers-summit-plan" in out
    assert "Outlet:   The Daily Example" in out
    assert cli.main(["quotes", str(folder), "--json", "--cache-dir", cache]) == 0
    quotes = json.loads(capsys.readouterr().out)["quotes"]
    assert quotes and quotes[0]["url"] == "https://daily.example.com/world/ministers-summit-plan"
    assert list(quotes[0])[:2] == ["doc", "url"]


def test_a_pages_figure_captions_stay_in_the_article_as_captions(tmp_path):
    figure = ('<figure><img src="/img/ministers.jpg" alt="Ministers"><figcaption>The ministers before the talks in '
              'Vilnius on Tuesday. (Photo: Jonas Petraitis)</figcaption></figure>')
    wordpress = ('<div class="wp-caption aligncenter"><img data-src="/img/hall.jpg" src="data:,">'
                 '<p class="wp-caption-text">The hall where the declaration will be signed.</p></div>')
    body = [PARAGRAPHS[0], figure, *PARAGRAPHS[1:3], wordpress, PARAGRAPHS[3]]
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ministers.html").write_text(page(body=body).replace("<p><figure>", "<figure>").replace(
        "</figure></p>", "</figure>").replace("<p><div", "<div").replace("</div></p>", "</div>"), encoding="utf-8")
    (article,), _ = _index(folder, tmp_path)
    kinds = [(b.kind, article.text[b.start : b.end]) for b in article.blocks]
    captions = [t for k, t in kinds if k == "caption"]
    assert captions == ["The ministers before the talks in Vilnius on Tuesday. (Photo: Jonas Petraitis)",
                        "The hall where the declaration will be signed."]
    order = [t.split()[0] for k, t in kinds if k in ("body", "caption")]
    assert order == ["The", "The", "“We", "The", "The", "A"]   # each where its figure was
    # the page's ordinary paragraphs are not taken for captions
    assert sum(k == "body" for k, _ in kinds) == len(PARAGRAPHS)


def test_a_page_that_declares_latin1_is_read_in_latin1_and_one_that_declares_nothing_as_utf8(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    body = [p.replace("“", '"').replace("”", '"') for p in PARAGRAPHS]
    body.append("The café on the square served crème brûlée to the delegations of Zürich and Malmö.")
    (folder / "latin.html").write_bytes(page(charset="iso-8859-1", body=body).encode("latin-1"))
    (folder / "plain.html").write_bytes(page(charset=None, body=body).encode("utf-8"))
    articles, report = _index(folder, tmp_path)
    assert len(articles) == 2 and not report.skipped
    for a in articles:
        assert "crème brûlée" in a.text and "Malmö" in a.text
    assert html.charset(page(charset="windows-1252").encode()) == "windows-1252"
    assert html.charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">') == "ISO-8859-2"


def test_pages_without_an_article_or_too_large_are_named_and_the_rest_indexed(tmp_path, monkeypatch):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.html").write_text(page(), encoding="utf-8")
    (folder / "script.html").write_text(page(body=[], script_kb=50), encoding="utf-8")   # 99% script
    (folder / "empty.html").write_text("<html><body><nav>Home · World</nav></body></html>", encoding="utf-8")
    (folder / "huge.html").write_text(page(script_kb=200), encoding="utf-8")
    monkeypatch.setattr(html, "MAX_PAGE_BYTES", 150_000)
    articles, report = _index(folder, tmp_path)
    assert [a.id for a in articles] == ["good"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert reasons["script.html"] == reasons["empty.html"] == "no article text found in the page"
    assert reasons["huge.html"].startswith("too large to be a page")


def test_a_title_loses_the_site_name_pages_add_to_it():
    assert html._without_site("Storm hits coast | CNN Politics", "CNN", "cnn.com") == "Storm hits coast"
    assert html._without_site("BBC News - Storm hits coast", "BBC News", "www.bbc.co.uk") == "Storm hits coast"
    assert html._without_site("Storm - a coast in ruins", "The Daily Example", "daily.example.com") == \
        "Storm - a coast in ruins"


# --- encodings ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("broken", "fixed"), [
    ("â€œWe will not be divided,â€\x9d she said.", "“We will not be divided,” she said."),
    ("the HÃ´tel de Ville in Paris", "the Hôtel de Ville in Paris"),
    ("Ecuadorâ\x80\x99s president", "Ecuador’s president"),
])
def test_mojibake_is_repaired_before_control_characters_are_stripped(broken, fixed):
    decoded = decode(broken.encode("utf-8"))
    assert decoded.text == fixed
    assert "mojibake repaired on 1 line" in decoded.warning


def test_clean_text_with_accents_and_curly_quotes_is_left_alone():
    text = "“Größe,” said the naïve café owner in Malmö — twice."
    assert decode(text.encode("utf-8")).text == text and decode(text.encode("utf-8")).warning is None


def test_a_mostly_utf8_file_with_a_few_bad_bytes_is_utf8_and_the_warning_says_where():
    good = ("Zdanie po polsku: możemy, żółć, gęślą jaźń.\n" * 200).encode("utf-8")
    cut = good.index("ż".encode(), 4000)
    broken = good[:cut] + good[cut + 1 :]   # one truncated two-byte sequence
    decoded = decode(broken)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 1 and "możemy" in decoded.text
    line = decoded.text[: decoded.text.index("\ufffd")].count("\n") + 1
    assert decoded.warning == f"UTF-8 with 1 invalid byte sequence (the first on line {line}), replaced with \ufffd"


def test_a_cp1252_file_is_still_cp1252():
    decoded = decode("Crème brûlée in Malmö, “quoted”.".encode("cp1252"))
    assert decoded.encoding == "cp1252" and "Crème brûlée" in decoded.text


# --- nothing ignored silently --------------------------------------------------------------------

def test_files_that_are_not_articles_are_named_with_the_reason(tmp_path, capsys):
    folder = tmp_path / "c"
    (folder / "story").mkdir(parents=True)
    (folder / "story" / "a.txt").write_text("Headline\n\nThe minister said talks would resume.", encoding="utf-8")
    (folder / "story" / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "story" / "notes").write_text("to do", encoding="utf-8")
    (folder / "story" / "a.md").write_text("# Same id\n\nThe minister said talks would resume.", encoding="utf-8")
    (folder / "README.md").write_text("about this corpus", encoding="utf-8")
    (folder / "aliases.yaml").write_text("merge: []\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    corpus = open_corpus(folder)
    unread = {s.path.rsplit("/", 1)[-1]: s.reason for s in corpus.unread}
    assert unread == {"report.pdf": "unknown file type: .pdf", "notes": "unknown file type: no extension",
                      "a.txt": "same document id as a.md",
                      "README.md": "not an article (a README, licence or notes file)"}
    cache = str(tmp_path / "cache")
    assert cli.main(["index", str(folder), "--cache-dir", cache]) == 0
    err = capsys.readouterr().err
    assert "not read: 4 files:" in err and "1 unknown file type: .pdf" in err
    assert cli.main(["info", str(folder), "--cache-dir", cache]) == 0
    out = capsys.readouterr().out
    assert "not read     story/report.pdf: unknown file type: .pdf" in out
    assert "not read     story/a.txt: same document id as a.md" in out


# --- scraper and export files --------------------------------------------------------------------

BODY = "\n\n".join(PARAGRAPHS)


def _exports(folder):  # noqa: ANN001, ANN202
    import csv

    folder.mkdir(parents=True)
    (folder / "np.json").write_text(json.dumps({
        "title": "Ministers meet in Vilnius", "maintext": BODY, "authors": ["Maria Jonsson"],
        "date_publish": "2024-07-09 08:00:00", "source_domain": "daily.example.com",
        "url": "https://daily.example.com/world/ministers-meet"}), encoding="utf-8")
    lines = [json.dumps({"title": "One", "text": BODY, "url": "https://wire.example/a/one", "source": "Wire"}),
             '{"title": "Two", "text": "cut sho',
             json.dumps({"headline": "Three", "content": BODY, "source": "Wire", "topic": "vilnius summit"})]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(folder / "export.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "Body", "Link", "Outlet", "Date"])
        w.writerow(["Row one", BODY, "https://x.example/r1", "X Times", "2024-07-10"])
    (folder / "odd.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    (folder / "settings.json").write_text(json.dumps({"foo": 1, "bar": [1, 2]}), encoding="utf-8")
    return folder


def test_export_records_are_articles_with_their_fields_and_bad_ones_are_named(tmp_path):
    corpus = open_corpus(_exports(tmp_path / "c"))
    assert sorted(corpus.files) == ["export/r1-571ac1f3", "np/ministers-meet-c32639f8", "vilnius_summit/wire-00003",
                                    "wire/one-c8881795"]
    unread = {(s.path.rsplit("/", 1)[-1], s.reason) for s in corpus.unread}
    assert ("wire.jsonl", "line 2: not valid JSON (Unterminated string starting at)") in unread
    assert any(name == "odd.csv" and "no text column (expected one of: maintext, text, body" in why
               and "the columns are: a, b, c" in why for name, why in unread)
    assert any(name == "settings.json" and why.startswith("not a news-please record: no text field")
               for name, why in unread)
    articles, report = index.load(corpus, index.open_cache(corpus, tmp_path / "cache"), jobs=1)
    by_id = {a.id: a for a in articles}
    np_meta = by_id["np/ministers-meet-c32639f8"].meta
    assert (np_meta.headline, np_meta.byline, np_meta.date, np_meta.outlet, np_meta.url) == (
        "Ministers meet in Vilnius", "Maria Jonsson", "2024-07-09T08:00:00", "daily.example.com",
        "https://daily.example.com/world/ministers-meet")
    assert by_id["export/r1-571ac1f3"].meta.outlet == "X Times" and by_id["export/r1-571ac1f3"].meta.headline == "Row one"
    assert by_id["vilnius_summit/wire-00003"].story == "vilnius_summit"   # the record's topic is its story
    assert "Anna Lindqvist" in by_id["wire/one-c8881795"].text


def test_a_record_keeps_its_id_and_its_cache_entry_when_the_file_grows(tmp_path):
    folder = _exports(tmp_path / "c")
    corpus = open_corpus(folder)
    cache = index.open_cache(corpus, tmp_path / "cache")
    index.load(corpus, cache, jobs=1)
    with open(folder / "wire.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "Four", "text": BODY, "url": "https://wire.example/a/four"}) + "\n")
    grown = open_corpus(folder)
    _, report = index.load(grown, cache, jobs=1)
    assert report.parsed == ["wire/four-" + report.parsed[0].rsplit("-", 1)[1]]
    assert "wire/one-c8881795" in report.reused and len(report.reused) == 4


def test_a_warc_with_two_html_responses_gives_two_pages(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = tmp_path / "c"
    folder.mkdir()
    with open(folder / "crawl.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, kind, body in [("https://daily.example.com/world/a", "text/html; charset=utf-8", page().encode()),
                                ("https://daily.example.com/logo.png", "image/png", b"\x89PNG\r\n"),
                                ("https://daily.example.com/world/b", "text/html; charset=iso-8859-1",
                                 page(charset=None, body=[p.replace("“", '"').replace("”", '"') + " Malmö."
                                                          for p in PARAGRAPHS]).encode("latin-1"))]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    articles, report = _index(folder, tmp_path)
    assert len(articles) == 2 and not report.skipped
    assert {a.meta.url for a in articles} == {"https://daily.example.com/world/a", "https://daily.example.com/world/b"}
    assert all(a.meta.headline == "Ministers agree on summit plan" for a in articles)
    assert "Malmö" in next(a for a in articles if a.meta.url.endswith("/b")).text


# --- full-page text dumps ------------------------------------------------------------------------

def _dump() -> str:
    menu = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Travel", "Video", "Sign in", "Subscribe",
            "Europe", "Asia", "Africa", "Americas", "Opinion", "Podcasts", "Newsletters", "Weather", "Games", "More"]
    comments = ["42 comments", "Top rated comments",
                "Dave from Leeds 2 hours ago: I think the ministers have no idea what they are doing and they "
                "never did, which is why we are in this mess in the first place with all of them.",
                "Rating: 12 votes", "Jane 3 hours ago: Absolutely right, and the same goes for the rest of them in "
                "every capital of the continent, who have never listened to any of us at all."]
    footer = ["About us", "Contact", "Privacy policy", "Cookie settings", "Terms of use", "© 2024 The Daily Example"]
    lines = ["Ministers agree on summit plan - The Daily Example", *menu, "Share", "Tweet", "Email",
             "Ministers agree on summit plan", "By Maria Jonsson", *PARAGRAPHS, "Related: the summit in numbers",
             *comments, *footer, *menu]
    return "\n".join(lines) + "\n"


def test_a_page_dump_keeps_the_article_and_names_the_furniture_it_drops():
    from tui.preprocess.clean import clean

    cleaned = clean(_dump(), "ministers")
    for p in PARAGRAPHS:
        assert p[:60] in cleaned.text
    for furniture in ("Politics", "Cookie settings", "Dave from Leeds", "Top rated comments", "Newsletters"):
        assert furniture not in cleaned.text
    assert cleaned.meta.headline.startswith("Ministers agree on summit plan")
    dropped = {r.text for r in cleaned.removals if r.reason == "page furniture"}
    assert {"Politics", "Cookie settings", "Top rated comments"} <= dropped


def test_an_ordinary_article_with_a_list_is_not_taken_for_a_dump():
    from tui.preprocess import dumps

    article = ["Ministers agree on summit plan", "", *PARAGRAPHS, "", "The members are:", "",
               *[f"{c}" for c in ("Estonia", "Latvia", "Lithuania", "Poland", "Finland", "Sweden")], "", *PARAGRAPHS]
    assert not dumps.is_dump(article)
    assert dumps.is_dump(_dump().splitlines())


def test_show_removed_gives_offsets_for_a_record_and_lines_only_for_a_text_file(tmp_path, capsys):
    folder = tmp_path / "c"
    folder.mkdir()
    text = "Share this article\n\n" + BODY
    (folder / "wire.jsonl").write_text("\n" * 30 + json.dumps({"title": "One", "text": text}) + "\n", encoding="utf-8")
    (folder / "note.txt").write_text("Headline here\n\nShare this article\n\n" + BODY, encoding="utf-8")
    cache = str(tmp_path / "cache")
    assert cli.main(["show", str(folder), "wire/00031", "--removed", "--cache-dir", cache]) == 0
    removed = capsys.readouterr().out.split("Removed by cleaning")[1]
    assert "offset" in removed and "line " not in removed   # line 31 of the export is not where it was
    assert cli.main(["show", str(folder), "note", "--removed", "--cache-dir", cache]) == 0
    assert "line 3 " in capsys.readouterr().out.split("Removed by cleaning")[1]


OSC52 = "\x1b]52;c;cGFyYWxsYXg=\x07"


def test_escape_sequences_in_a_pages_or_records_metadata_never_reach_the_article(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "page.html").write_text(page(title=f"Ministers {OSC52}agree\x1b[31m on summit plan - The Daily Example",
                                           body=[f"{OSC52}{p}" for p in PARAGRAPHS]), encoding="utf-8")
    (folder / "wire.jsonl").write_text(json.dumps({"title": f"One{OSC52} \x1b[1mbold", "text": BODY,
                                                   "author": "\u202eMaria"}) + "\n", encoding="utf-8")
    (folder / "corpus.yaml").write_text('articles:\n  page:\n    outlet: "Daily\\e]52;c;eA==\\a Example"\n',
                                        encoding="utf-8")
    articles, _ = _index(folder, tmp_path)
    assert len(articles) == 2
    for a in articles:
        for value in (a.text, *(getattr(a.meta, f) or "" for f in a.meta.FIELDS)):
            assert "\x1b" not in value and "\x07" not in value and "\u202e" not in value
            assert "52;c" not in value and "cGFy" not in value     # the payload goes with its escape
    by_id = {a.id: a for a in articles}
    assert by_id["page"].meta.outlet == "Daily Example"
    assert by_id["wire/00001"].meta.headline == "One bold"


def test_an_export_with_no_records_is_named_and_the_summary_counts_files(tmp_path, capsys):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "empty.jsonl").write_text("", encoding="utf-8")
    (folder / "header.csv").write_text("title,text\n", encoding="utf-8")
    (folder / "list.json").write_text("[1, 2, 3]", encoding="utf-8")
    (folder / "a.txt").write_text("Headline\n\nThe minister said talks would resume.", encoding="utf-8")
    reasons = sorted((s.path.rsplit("/", 1)[-1], s.reason) for s in open_corpus(folder).unread)
    assert reasons[:2] == [("empty.jsonl", "no records in the file"), ("header.csv", "no records in the file")]
    assert cli.main(["index", str(folder), "--cache-dir", str(tmp_path / "cache")]) == 0
    assert "not read: 3 files: 3 not a record (a mapping of fields), 2 no records in the file" in capsys.readouterr().err
