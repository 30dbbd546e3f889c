"""`parallax report`: one self-contained page per story, escaped against hostile text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from tui import cli

TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "nav", "a", "section",
        "div", "span", "table", "thead", "tbody", "tr", "th", "td", "del", "ins", "b", "ul", "li", "details",
        "summary", "blockquote"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _report(args: list[str], capsys) -> str:  # noqa: ANN001
    assert cli.main(["report", *args, "-o", "-"]) == 0
    return capsys.readouterr().out


def test_the_bundled_report_holds_every_section_and_fetches_nothing(seed_articles, seed_cache_dir, capsys):
    page = _report(["--cache-dir", str(seed_cache_dir)], capsys)
    parsed = _Tags()
    parsed.feed(page)
    names = {t for t, _ in parsed.tags}
    assert names <= TAGS, names - TAGS
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and not (tag == "meta" and attrs.get("http-equiv") == "refresh")
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a":
            assert attrs["href"].startswith(("#", "http://", "https://")), attrs
    styles = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in styles and "@import" not in styles and "@font-face" not in styles
    assert "default-src 'none'" in page
    text = "".join(parsed.text)
    for heading in ("Articles", "Facts by outlet", "Shared passages", "Quotes by speaker", "Coverage", "Wording contrast"):
        assert heading in text
    assert "<del>[-fuelling-]</del>" in page and "<ins>{+fueling+}</ins>" in page   # marked in the text itself
    assert "spelling variant: fuelling → fueling" in text
    assert "tyranny" in text and "Yoon Suk Yeol" in text


def test_hostile_article_text_and_links_are_shown_as_text(tmp_path, capsys):
    story = tmp_path / "c" / "story"
    story.mkdir(parents=True)
    shared = "The council said the talks would resume on Monday after a week of delays in the capital city."
    (story / "first.txt").write_text(
        "Attack <script>alert(1)</script> reported\n\n" + shared + "\n\n"
        'Read <a href="javascript:alert(1)">this</a> and [that](javascript:alert(2)) now, officials said.\n',
        encoding="utf-8")
    (story / "second.txt").write_text("Talks resume\n\n" + shared + "\n\nA sentence about <img src=x onerror=alert(3)>.\n",
                                      encoding="utf-8")
    (tmp_path / "c" / "corpus.yaml").write_text(
        "articles:\n  story/first: {outlet: 'Evil <b>Daily</b>', url: 'javascript:alert(4)'}\n", encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert cli.main(["index", str(tmp_path / "c"), *cache]) == 0
    capsys.readouterr()
    page = _report([str(tmp_path / "c"), *cache], capsys)
    parsed = _Tags()
    parsed.feed(page)
    assert {t for t, _ in parsed.tags} <= TAGS
    assert not any(v and "javascript:" in v.lower() for _, attrs in parsed.tags for v in attrs.values())
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text                       # shown, as text
    assert '<a href="javascript:alert(1)">this</a>' in text and "javascript:alert(4)" in text
    assert "Evil <b>Daily</b>" in text and "<img src=x onerror=alert(3)>" in text
    md = _report([str(tmp_path / "c"), "--format", "md", *cache], capsys)
    assert "<script" not in md and "<a href" not in md and "<img" not in md and "<b>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md and r"\[that\](javascript:alert(2))" in md


def test_a_corpus_of_several_stories_needs_a_story(tmp_path, capsys):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(f"Story {name}\n\nSomething happened in {name} today.\n", encoding="utf-8")
    assert cli.main(["report", str(tmp_path), "--cache-dir", str(tmp_path / "cache"), "-o", "-"]) == 2
    assert "choose one with --story" in capsys.readouterr().err


def test_report_writes_a_file_and_says_where(seed_articles, seed_cache_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["report", "--format", "md", "--cache-dir", str(seed_cache_dir)]) == 0
    out = capsys.readouterr().out
    written = tmp_path / "report-russia-nato-cooperation.md"
    assert written.is_file() and str(written) in out
    assert written.read_text(encoding="utf-8").startswith("# Russia, NATO: cooperation\n")
    assert cli.main(["report", "-o", str(tmp_path / "no" / "such" / "dir.html"), "--cache-dir", str(seed_cache_dir)]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert not Path(tmp_path / "no").exists()
