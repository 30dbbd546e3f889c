"""Passage alignment across outlets: the seed gold, the properties any alignment must have, the
cache, and the `align` and `diff` commands."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.gold import score_alignment
from tui import cli
from tui.analysis.align import (
    PARAPHRASE,
    VARIANT,
    VERBATIM,
    AlignedPair,
    Alignment,
    align,
    align_cached,
    align_story,
    as_json,
)
from tui.analysis.match import sentence_text
from tui.analysis.resolve import resolve_story
from tui.model import Article, Span, Tokens
from tui.preprocess.cache import Cache

A, B = "000_f9e83d17821e43e7", "003_9b3e663d34133e28"


@pytest.fixture(scope="module")
def seed_pairs(seed_articles) -> list[AlignedPair]:
    articles = list(seed_articles.values())
    return align_story(articles, resolve_story(articles[0].story, articles))


def _sentence(article: Article, needle: str) -> Span:
    return next(s for s in article.sentences if needle in sentence_text(article, s))


def test_the_seed_gold_is_met(seed_pairs):
    figures = score_alignment(as_json(seed_pairs))
    print(figures)
    assert figures.recall(1) == 1.0
    assert figures.recall(2) >= 0.8
    assert (figures.violated, figures.negatives) == (0, 6)
    assert figures.precision >= 0.95


def test_the_condemn_quote_is_verbatim_in_three_outlets(seed_articles, seed_pairs):
    alignment = Alignment(seed_pairs)
    carriers = {A, "001_b851d7e6de4fbf2a", B}
    for doc in carriers:
        span = _sentence(seed_articles[doc], "We strongly condemn the DPRK’s exports")
        found = alignment.counterparts(doc, span.start, span.end)
        assert {c.other.doc for c in found[:2]} == carriers - {doc}
        assert all(c.kind == VERBATIM and c.score >= 0.85 for c in found[:2])


def test_fuelling_and_fueling_make_a_variant(seed_articles, seed_pairs):
    span = _sentence(seed_articles[A], "are fuelling Russia’s war")
    found = {c.other.doc: c for c in Alignment(seed_pairs).counterparts(A, span.start, span.end)}
    assert found[B].kind == VARIANT
    assert "fueling Russia’s war" in found[B].other.text


def test_a_paraphrase_pairs_with_its_rewording_only(seed_articles, seed_pairs):
    """Different wording, same statement: found, named a paraphrase, and the one counterpart
    in that article."""
    span = _sentence(seed_articles[A], "is inseparable")
    found = [c for c in Alignment(seed_pairs).counterparts(A, span.start, span.end) if c.other.doc == B]
    assert len(found) == 1
    assert "cannot be separated" in found[0].other.text and found[0].kind == PARAPHRASE


def test_stories_never_meet(seed_articles):
    a, b = seed_articles[A], seed_articles[B]
    assert align([a, b], [])                                          # one story: aligned
    other = dataclasses.replace(b, id="other/" + b.id, story="other")
    assert align([a, other], []) == []                                # two stories: never compared


# --- properties ------------------------------------------------------------------------------

def _rebuilt(article: Article, order: list[int], doc_id: str) -> Article:
    """`article` with its sentences in `order`, as another outlet's article: text, sentence
    spans and token columns moved with them."""
    t = article.tokens
    parts, spans = [], []
    idx: list[int] = []
    cols: dict[str, list] = {f: [] for f in ("length", "pos", "tag", "dep", "lemma")}
    heads: list[int] = []
    pos = 0
    for n in order:
        s = article.sentences[n]
        text = article.text[s.start : s.end]
        first = next((i for i in range(len(t)) if t.idx[i] >= s.start), len(t))
        last = next((i for i in range(first, len(t)) if t.idx[i] >= s.end), len(t))
        for i in range(first, last):
            idx.append(t.idx[i] - s.start + pos)
            heads.append(len(heads))
            for f in cols:
                cols[f].append(getattr(t, f)[i])
        spans.append(Span(pos, pos + len(text)))
        parts.append(text)
        pos += len(text) + 2
    tokens = Tokens(tuple(idx), *(tuple(cols[f]) for f in ("length", "pos", "tag", "dep")), tuple(heads),
                    tuple(cols["lemma"]))
    return dataclasses.replace(article, id=doc_id, text="\n\n".join(parts), sentences=tuple(spans), tokens=tokens,
                               entities=(), blocks=(), removals=())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_reordered_article_still_aligns_every_passage(seed_articles, data):
    article = seed_articles[data.draw(st.sampled_from(sorted(seed_articles)))]
    wordy = [n for n, s in enumerate(article.sentences) if len(sentence_text(article, s).split()) >= 8]
    order = data.draw(st.permutations(wordy))
    copy = _rebuilt(article, list(order), "copy")
    pairs = align_story([article, copy], [])
    alignment = Alignment(pairs)
    for n in wordy:
        s = article.sentences[n]
        found = alignment.counterparts(article.id, s.start, s.end)
        assert found, f"no counterpart for {sentence_text(article, s)!r}"
        best = found[0]
        # the passage aligns with itself, at the top score, verbatim
        assert " ".join(best.other.text.split()) == " ".join(sentence_text(article, s).split())
        assert best.score == 1.0 and best.kind == VERBATIM


# --- cache -----------------------------------------------------------------------------------

def test_alignments_are_cached_and_a_broken_file_is_rebuilt(seed_articles, tmp_path):
    articles = list(seed_articles.values())
    entities = resolve_story(articles[0].story, articles)
    cache = Cache(tmp_path, "test")
    first = align_cached(articles, entities, cache)
    files = list((tmp_path / ".alignments").glob("*.yaml"))
    assert len(files) == 1
    assert align_cached(articles, entities, cache) == first          # read back the same
    files[0].write_bytes(files[0].read_bytes()[:-40])                  # truncated
    assert align_cached(articles, entities, cache) == first          # rebuilt, not crashed
    changed = [dataclasses.replace(articles[0], sha256="0" * 64), *articles[1:]]
    stamp = files[0].stat().st_mtime_ns
    align_cached(changed, entities, cache)                             # an article changed: recomputed
    assert files[0].stat().st_mtime_ns != stamp


# --- commands --------------------------------------------------------------------------------

def test_diff_names_fuelling_and_fueling_a_spelling_variant(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["diff", A, B, "--cache-dir", str(seed_cache_dir)]) == 0
    out = capsys.readouterr().out
    assert "spelling variant: fuelling → fueling" in out
    assert "[-fuelling-]{+fueling+}" in out                          # piped: marked, not coloured
    assert "Only in A" in out and "Only in B" in out


def test_align_json_has_the_documented_shape(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["align", "--json", "--min-score", "0.5", "--cache-dir", str(seed_cache_dir)]) == 0
    pairs = json.loads(capsys.readouterr().out)["pairs"]
    assert pairs and all(p["score"] >= 0.5 for p in pairs)
    for p in pairs:
        assert set(p) == {"a", "b", "score", "kind"} and p["kind"] in (VERBATIM, VARIANT, PARAPHRASE)
        assert set(p["a"]) == {"doc", "url", "story", "outlet", "start", "end", "text"} and p["a"]["doc"] != p["b"]["doc"]


def test_diff_rejects_the_same_article_twice(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["diff", A, A[:5], "--cache-dir", str(seed_cache_dir)]) == 2
    assert "same article" in capsys.readouterr().err


def test_no_paraphrase_shows_a_score_below_the_bar_it_was_linked_on(seed_pairs):
    from tui.analysis.align import MIN_SCORE

    paraphrases = [p for p in seed_pairs if p.kind == PARAPHRASE]
    assert paraphrases and all(p.score >= MIN_SCORE for p in paraphrases)
