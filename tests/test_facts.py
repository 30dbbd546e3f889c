"""How each outlet tells it: statements by outlet, wording contrast, copied text and the
timeline, and the `facts`, `contrast` and `info --story` commands."""

from __future__ import annotations

import json
import re

import pytest

from tui import cli
from tui.analysis.align import VERBATIM, align_story
from tui.analysis.contrast import NAME, contrast
from tui.analysis.copied import RUN, copied, copied_corpus, earlier
from tui.analysis.facts import story_facts
from tui.analysis.match import SPELLING
from tui.analysis.resolve import resolve_story
from tui.model import BODY, Article, Block, Meta, OffsetMap, Span, Tokens, article_labels
from tui.preprocess.metadata import moment

HERALD, YONHAP, BREITBART, TIMES, WNAM = ("001_b851d7e6de4fbf2a", "002_01c1dc24afd81406", "003_9b3e663d34133e28",
                                          "004_47eb9ec3281c3aec", "000_f9e83d17821e43e7")


@pytest.fixture(scope="module")
def seed(seed_articles):
    articles = list(seed_articles.values())
    entities = resolve_story(articles[0].story, articles)
    return articles, entities, align_story(articles, entities)


def _row(facts, needle: str):
    rows = [s for s in facts.statements if any(needle in c.text for c in s.cells)]
    assert len(rows) == 1, [[c.text[:40] for c in s.cells] for s in rows]
    return rows[0]


# --- statements by outlet ----------------------------------------------------------------------

def test_the_condemn_quote_is_one_statement_carried_by_three_outlets(seed):
    articles, _, pairs = seed
    facts = story_facts(articles, pairs)
    row = _row(facts, "We strongly condemn the DPRK")
    assert {c.doc for c in row.cells} == {WNAM, HERALD, BREITBART}
    assert all(c.kind == VERBATIM for c in row.cells)
    counts = [s.carried for s in facts.statements]
    assert counts == sorted(counts, reverse=True)          # most widely carried first


def test_the_fuelling_statement_names_its_spelling_variant(seed):
    articles, _, pairs = seed
    row = _row(story_facts(articles, pairs), "fuel")
    assert row.carried == 3
    changes = [(e.kind, e.old, e.new) for c in row.cells for e in c.changes()]
    assert (SPELLING, "fuelling", "fueling") in changes or (SPELLING, "fueling", "fuelling") in changes


def test_an_article_reports_a_statement_once(seed):
    """No statement holds two sentences of one article apart from each other: a chain of
    rewordings does not merge the story's neighbouring statements."""
    articles, _, pairs = seed
    starts = {a.id: [s.start for s in a.sentences] for a in articles}
    for s in story_facts(articles, pairs).statements:
        for c in s.cells:
            numbers = [starts[c.doc].index(p.start) for p in c.passages]
            assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_exclusives_are_the_sentences_no_other_outlet_carries(seed):
    articles, _, pairs = seed
    facts = story_facts(articles, pairs)
    by_id = {a.id: a for a in articles}
    aligned = {(p.doc, p.start) for s in facts.statements for c in s.cells for p in c.passages}
    for doc, spans in facts.exclusives.items():
        assert spans, doc
        for span in spans:
            assert (doc, span.start) not in aligned
            assert len(by_id[doc].text[span.start : span.end].split()) >= 4
    # and a sentence every other outlet lacks: Yonhap's own analysis
    assert any("collusion" in by_id[YONHAP].text[s.start : s.end] for s in facts.exclusives[YONHAP])


# --- wording contrast --------------------------------------------------------------------------

def test_breitbart_says_tyranny_with_the_sentence_that_does(seed):
    articles, entities, _ = seed
    found = {c.outlet: c for c in contrast(articles, entities, article_labels(articles))}
    terms = found["Breitbart News"].terms
    top = [t.text for t in terms[:10]]
    assert "tyranny" in top
    tyranny = next(t for t in terms if t.text == "tyranny")
    assert tyranny.count == 3 and tyranny.others == 0
    texts = {a.id: a.text for a in articles}
    assert all(doc == BREITBART and "tyranny" in texts[doc][s.start : s.end].lower() for doc, s in tyranny.uses)
    assert [t.z for t in terms] == sorted((t.z for t in terms), reverse=True)


def test_a_name_counts_as_the_entity_it_names(seed):
    """Breitbart writes "PRC" where the others write "China": a naming choice, shown with the
    others' name for the same entity."""
    articles, entities, _ = seed
    found = {c.outlet: c for c in contrast(articles, entities, article_labels(articles))}
    prc = next(t for t in found["Breitbart News"].terms if t.text == "PRC")
    assert prc.kind == NAME and prc.entity == "China"
    assert "China" in dict(prc.other_names)
    # the words of a name are not counted as words as well
    assert not any(t.text in ("prc", "china") for c in found.values() for t in c.terms if t.kind != NAME)


def test_the_log_odds_shrink_a_single_use_below_a_repeated_one():
    """Two outlets, one word each uses alone: the one used five times scores higher than the one
    used once, and a word both use as often scores nothing."""
    a = _plain("a", "A", "Officials condemned the launch. " * 5 + "Officials welcomed the talks.")
    b = _plain("b", "B", "Officials praised the launch. " * 6)
    found = {c.outlet: c for c in contrast([a, b], [], {})}
    z = {t.text: t.z for t in found["A"].terms}
    assert z["condemn"] > z["welcome"] > 0
    assert "launch" not in z and "official" not in z


# --- copied text -------------------------------------------------------------------------------

def test_a_wire_copy_is_copied_and_an_own_report_is_not():
    wire = " ".join(f"w{i}" for i in range(200))
    own = " ".join(f"o{i}" for i in range(150))
    a = _plain("a", "A", wire, date="2024-07-11T09:30Z")
    b = _plain("b", "B", wire + " " + " ".join(f"b{i}" for i in range(20)), date="2024-07-11T11:00Z")
    c = _plain("c", "C", own + " " + " ".join(f"w{i}" for i in range(RUN - 1)))   # seven words in common: no copy
    found = copied([a, b, c])
    assert found["a"].share == 1 and found["a"].best == "b"
    assert 0.9 < found["b"].share < 0.91 and found["b"].first == "a"
    assert found["c"].share == 0 and found["c"].best is None


def test_an_article_alone_in_its_story_has_no_copied_share():
    import dataclasses

    text = " ".join(f"w{i}" for i in range(40))
    pair = [_plain("a", "A", text), _plain("b", "B", text)]
    alone = dataclasses.replace(_plain("c", "C", text), story="other")
    found = copied_corpus([*pair, alone])
    assert set(found) == {"a", "b"} and found["a"].share == 1


def test_who_published_first_needs_comparable_times():
    def at(date: str | None) -> Article:
        return _plain(date or "none", "X", "text", date=date)

    assert earlier(at("2024-07-11T09:30Z"), at("2024-07-11T18:00+09:00")) == "2024-07-11T18:00+09:00"   # 09:00Z
    assert earlier(at("2024-07-10"), at("2024-07-11T01:00")) == "2024-07-10"
    assert earlier(at("2024-07-11"), at("2024-07-11T01:00")) is None       # the same day: cannot say
    assert earlier(at("2024-07-11T09:00"), at("2024-07-11T08:00Z")) is None  # a local time against UTC
    assert earlier(at(None), at("2024-07-11")) is None


def test_the_bundled_articles_are_independent_reports(seed):
    articles, _, _ = seed
    assert all(c.share < 0.2 for c in copied(articles).values())


# --- timeline ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "iso"), [
    ("2024-07-11", "2024-07-11"),
    ("2024-07-11T09:30:00Z", "2024-07-11T09:30:00Z"),
    ("2024-07-11 09:30:12+0900", "2024-07-11T09:30:12+09:00"),
    ("Thu, 11 Jul 2024 09:30:00 +0000", "2024-07-11T09:30Z"),
    ("July 11, 2024 9:30 p.m.", "2024-07-11T21:30"),
    ("Published 11 July 2024, 14:05 GMT", "2024-07-11T14:05Z"),
    ("Updated: July 11, 2024 at 12:04 AM", "2024-07-11T00:04"),
    ("Dec. 20 2005", "2005-12-20"),
    ("1720690200", "2024-07-11T09:30Z"),
    ("July 11, 2024 25:61", "2024-07-11"),       # no such time: the date stands
    ("2024-07-11T99:99", "2024-07-11"),
    ("2024-07-11 24:00:00", "2024-07-11"),
    ("2024-07-11T10:00:61Z", "2024-07-11"),
    ("2024-07-11T10:00+99:99", "2024-07-11"),     # no such offset
    ("July 11, 2024 10:00 +9999", "2024-07-11"),
    ("2024-13-45", None),
    ("yesterday", None),
    ("", None),
])
def test_dates_read_as_iso_8601(given, iso):
    assert moment(given) == iso


# --- commands ----------------------------------------------------------------------------------

def test_facts_json_has_the_documented_shape(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["facts", "--json", "--cache-dir", str(seed_cache_dir)]) == 0
    story = json.loads(capsys.readouterr().out)["stories"][0]
    assert set(story) == {"story", "docs", "statements", "exclusives"}
    for s in story["statements"]:
        assert set(s) == {"id", "articles", "cells"} and s["articles"] == len(s["cells"]) >= 2
        assert sum(c["reference"] for c in s["cells"]) == 1
        for c in s["cells"]:
            assert set(c) == {"doc", "url", "story", "outlet", "kind", "reference", "score", "sentences", "changes"}
            text = seed_articles[c["doc"]].text
            assert all(text[x["start"] : x["end"]] == x["text"] for x in c["sentences"])
    assert {e["doc"] for e in story["exclusives"]} == set(seed_articles)


def test_facts_prints_each_statement_with_its_outlets(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["facts", "--cache-dir", str(seed_cache_dir)]) == 0
    out = capsys.readouterr().out
    assert "spelling variant: fuelling → fueling" in out
    assert "Only in Yonhap News Agency" in out


def test_contrast_for_one_outlet_shows_its_sentences(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["contrast", "--outlet", "breitbart", "--limit", "5", "--cache-dir", str(seed_cache_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Breitbart News")
    assert "tyranny" in out and "North Korean tyranny’s preferred name" in out
    assert cli.main(["contrast", "--outlet", "korea", "--cache-dir", str(seed_cache_dir)]) == 2
    assert "several outlets" in capsys.readouterr().err


def test_contrast_json_has_the_documented_shape(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["contrast", "--json", "--limit", "3", "--cache-dir", str(seed_cache_dir)]) == 0
    outlets = json.loads(capsys.readouterr().out)["outlets"]
    assert len(outlets) == 5
    for o in outlets:
        assert set(o) == {"outlet", "docs", "terms"} and len(o["terms"]) == 3
        for t in o["terms"]:
            assert {"term", "kind", "z", "log_odds", "count", "others", "sentences"} <= set(t)
            assert t["sentences"] and all(set(s) >= {"doc", "start", "end", "text"} for s in t["sentences"])


def test_info_of_a_story_gives_each_articles_copied_share(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["index", "--cache-dir", str(seed_cache_dir)]) == 0   # a flat folder's stories: found when indexed
    capsys.readouterr()
    assert cli.main(["info", "--story", "russia", "--json", "--cache-dir", str(seed_cache_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["doc"] for c in data["copied"]} == set(seed_articles)
    assert all(0 <= c["share"] < 0.2 for c in data["copied"])
    assert all(d["published"] in (None, "2024-07-11") for d in data["docs"])
    assert cli.main(["info", "--story", "russia", "--cache-dir", str(seed_cache_dir)]) == 0
    assert "copied text:" in capsys.readouterr().out


def _plain(doc: str, outlet: str, text: str, date: str | None = None) -> Article:
    """An article of one paragraph, its words tagged as nouns (enough for the counts here)."""
    words = list(re.finditer(r"\w+|[^\w\s]", text))
    lemmas = tuple(w.group().lower().removesuffix("ed").removesuffix("s") if w.group()[0].isalpha() else ""
                   for w in words)
    lemmas = tuple({"condemn": "condemn", "welcom": "welcome", "prais": "praise", "talk": "talk",
                    "launch": "launch", "official": "official"}.get(x, x) for x in lemmas)
    sentences = tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text) if m.group().strip())
    return Article(doc, f"{doc}.txt", "s", "0", "utf-8", Meta(outlet=outlet, date=date), text,
                   (Block(0, len(text), BODY),), (), OffsetMap(), sentences, (),
                   Tokens(idx=tuple(w.start() for w in words), length=tuple(len(w.group()) for w in words),
                          pos=tuple("NOUN" if w.group()[0].isalpha() and w.group() != "the" else "DET" for w in words),
                          tag=tuple("" for _ in words), dep=tuple("" for _ in words), head=tuple(range(len(words))),
                          lemma=lemmas))

