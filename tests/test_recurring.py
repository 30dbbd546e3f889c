"""Lines that recur in several articles of one outlet are page furniture (`preprocess.recurring`)."""

from pathlib import Path

import yaml

from tui.model import Lines, Meta
from tui.preprocess import index, recurring
from tui.preprocess.clean import RECURRING, clean, line_key
from tui.preprocess.corpus import open_corpus

FURNITURE = "The Riverside Courier is an independent paper that relies on readers like you."
WIRE = "The alliance agreed on Wednesday to open a new command centre in the north of the country."


def _article(n: int, extra: str = "") -> str:
    body = " ".join(f"Article {n} tells of event number {n}, which happened in town {n} on day {n}." for _ in range(3))
    return f"Headline number {n} for the paper\n\n{body}\n\n{extra}\n\n{FURNITURE}\n\nAnother paragraph {n} ends it here.\n"


def _corpus(tmp_path: Path, texts: dict[str, str], outlets: dict[str, str]) -> Path:
    root = tmp_path / "corpus"
    root.mkdir(exist_ok=True)
    for name, text in texts.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    present = [p.stem for p in root.glob("*.txt")]
    manifest = {"articles": {name: {"outlet": outlets[name]} for name in present if name in outlets}}
    (root / "corpus.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return root


def _load(root: Path, cache_dir: Path):
    corpus = open_corpus(root)
    return index.load(corpus, index.open_cache(corpus, cache_dir))


def _lines(*texts: str) -> Lines:
    return Lines(tuple((line_key(t), len(t.split())) for t in texts))


def test_a_line_two_articles_of_one_outlet_share_is_furniture_in_both():
    a, b = _lines("Subscribe to the Courier", "first story text here"), _lines("Subscribe to the Courier", "second story")
    found = recurring.furniture({"a": a, "b": b}, {"a": "courier", "b": "courier"})
    assert found == {"a": {line_key("Subscribe to the Courier")}, "b": {line_key("Subscribe to the Courier")}}


def test_articles_of_different_or_unknown_outlets_share_nothing():
    a, b, c = (_lines("The same line in each", f"story {n}") for n in range(3))
    assert recurring.furniture({"a": a, "b": b, "c": c}, {"a": "courier", "b": "herald", "c": None}) == {}


def test_versions_of_one_article_keep_the_lines_they_share():
    shared = [f"Paragraph {i} of the story, as it ran in the morning edition of the paper." for i in range(8)]
    first, update = _lines(*shared, "The first version ends here."), _lines("An update opens it.", *shared)
    assert recurring.furniture({"a": first, "b": update}, {"a": "courier", "b": "courier"}) == {}


def test_a_line_shared_with_a_version_and_with_another_article_is_furniture():
    shared = [f"Paragraph {i} of the story, as it ran in the morning edition of the paper." for i in range(8)]
    first, update = _lines(*shared, "Sidebar line"), _lines("An update opens it.", *shared, "Sidebar line")
    other = _lines("Another story altogether.", "Sidebar line")
    found = recurring.furniture({"a": first, "b": update, "c": other}, dict.fromkeys("abc", "courier"))
    assert found == dict.fromkeys("abc", {line_key("Sidebar line")})


def test_the_outlet_is_the_urls_host_else_the_outlets_name():
    assert recurring.outlet_key(Meta(url="https://www.example.com/news/1", outlet="Example News")) == "example.com"
    assert recurring.outlet_key(Meta(outlet="The Example-News")) == "theexamplenews"
    assert recurring.outlet_key(Meta()) is None


def test_headline_metadata_and_quotations_are_never_candidates():
    text = ("Riverside council votes on the new bridge\n\nBy Jane Doe\n\nPhoto: Reuters\n\n"
            "\"We will build it this year, whatever it costs,\" the mayor said.\n\n___\n\n"
            "The council met on Tuesday and voted for the plan by seven votes to two.\n")
    lines = clean(text).lines
    council = line_key("The council met on Tuesday and voted for the plan by seven votes to two.")
    assert {k for k, _ in lines.keys} - lines.fixed == {council}
    everything = frozenset(k for k, _ in lines.keys)
    assert clean(text, recurring=everything).text == clean(text).text.replace(
        "\n\nThe council met on Tuesday and voted for the plan by seven votes to two.", "")


def test_versions_that_share_their_quotations_are_versions(tmp_path):
    quotes = [f"\"We said it for the {n}th time and we meant it,\" said the {n}th minister of the council." for n in
              range(4, 10)]
    first = "Headline of the first version\n\nThe opening paragraph as it first ran.\n\n" + "\n\n".join(quotes)
    update = "Headline of the update\n\nThe opening paragraph, rewritten for the update.\n\n" + "\n\n".join(
        quotes[:-1]) + f"\n\n{FURNITURE}\n"
    root = _corpus(tmp_path, {"first": first + f"\n\n{FURNITURE}\n", "update": update},
                   {"first": "Courier", "update": "Courier"})
    articles, _ = _load(root, tmp_path / "cache")
    assert all(FURNITURE in a.text for a in articles)   # the two share most of their words: versions of one


def test_clean_takes_out_the_lines_it_is_given_and_records_why():
    text = _article(1)
    key = line_key(FURNITURE)
    c = clean(text, recurring=frozenset({key, "0000000000000000"}))
    assert FURNITURE not in c.text and "Another paragraph 1" in c.text
    assert [r.text for r in c.removals if r.reason == RECURRING] == [FURNITURE]
    assert c.lines.recurring == {key}   # only what the article holds


def test_index_takes_out_an_outlets_repeated_line_but_not_wire_copy_across_outlets(tmp_path):
    texts = {"courier_a": _article(1, WIRE), "courier_b": _article(2), "herald_a": _article(3, WIRE)}
    root = _corpus(tmp_path, texts, {"courier_a": "Courier", "courier_b": "Courier", "herald_a": "Herald"})
    articles, _ = _load(root, tmp_path / "cache")
    by_id = {a.id: a for a in articles}
    assert FURNITURE not in by_id["courier_a"].text and FURNITURE not in by_id["courier_b"].text
    assert FURNITURE in by_id["herald_a"].text           # the Herald's only article
    assert WIRE in by_id["courier_a"].text and WIRE in by_id["herald_a"].text
    assert any(r.reason == RECURRING for r in by_id["courier_b"].removals)


def test_the_cache_is_redone_only_for_articles_whose_repeated_lines_changed(tmp_path):
    texts = {"courier_a": _article(1), "herald_a": _article(3)}
    outlets = {"courier_a": "Courier", "courier_b": "Courier", "herald_a": "Herald"}
    root = _corpus(tmp_path, texts, outlets)
    cache = tmp_path / "cache"
    articles, _ = _load(root, cache)
    assert all(FURNITURE in a.text for a in articles)

    _corpus(tmp_path, {"courier_b": _article(2)}, outlets)   # a second Courier article arrives
    articles, report = _load(root, cache)
    assert sorted(report.parsed) == ["courier_a", "courier_b"] and report.reused == ["herald_a"]
    assert report.recleaned() == 1 and report.damaged() == []
    assert [a.id for a in articles if FURNITURE in a.text] == ["herald_a"]

    articles, report = _load(root, cache)                    # nothing changed: nothing redone
    assert report.parsed == [] and len(report.reused) == 3

    (root / "courier_b.txt").unlink()                        # and it goes again
    articles, report = _load(root, cache)
    assert report.parsed == ["courier_a"] and all(FURNITURE in a.text for a in articles)


def test_loading_in_stages_finds_an_outlets_lines_across_stories(tmp_path):
    root = tmp_path / "corpus"
    for story, n in (("s1", 1), ("s2", 2)):
        (root / story).mkdir(parents=True)
        (root / story / "courier.txt").write_text(_article(n), encoding="utf-8")
    manifest = {"articles": {f"{s}/courier": {"outlet": "Courier"} for s in ("s1", "s2")}}
    (root / "corpus.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    corpus = open_corpus(root)
    stages = list(index.load_in_stages(corpus, index.open_cache(corpus, tmp_path / "cache")))
    articles, report, finished = stages[-1]
    assert finished and [a.id for a in articles] == ["s1/courier", "s2/courier"]
    assert all(FURNITURE not in a.text for a in articles)
    assert sorted(report.parsed) == ["s1/courier", "s2/courier"] and report.reused == []
