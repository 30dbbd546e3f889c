"""Corpus search: whole words first, phrases in quotes, near matches last, with a total."""

import re

from tui.analysis.entities import EntityIndex
from tui.analysis.search import EXACT, FUZZY, WORDS, SearchIndex


def _index(seed_articles) -> SearchIndex:  # noqa: ANN001
    arts = list(seed_articles.values())
    return SearchIndex(arts, EntityIndex.build(arts))


def test_search_finds_sentences_with_typos_and_entities(seed_articles):
    index = _index(seed_articles)
    hits = index.search("fuelling russias war of agression").hits
    assert len({h.doc for h in hits[:3]}) == 3
    assert all(h.what == "sentence" for h in hits[:3])
    kishida = index.search("Kishida").hits
    assert (kishida[0].what, kishida[0].tier) == ("entity", EXACT)
    assert not index.search("x").hits
    assert index.search("zzzzqqqq").hits == []


def test_words_match_whole_before_any_near_match(seed_articles):
    index = _index(seed_articles)
    found = index.search("Yoon")
    tiers = [h.tier for h in found.hits]
    assert tiers[0] == EXACT and tiers == sorted(tiers, key=[EXACT, WORDS, FUZZY].index)
    texts = {h.doc: seed_articles[h.doc].text for h in found.hits}
    for h in found.hits:
        if h.tier == WORDS and h.what == "sentence":

            assert re.search(r"(?<!\w)yoon(?!\w)", texts[h.doc][h.start : h.end].casefold())
    # "Korea" is inside "Korean": a whole-word search does not take "Korean" for it
    korea = [h for h in index.search("Korea").hits if h.tier == WORDS and h.what == "sentence"]
    assert korea and all(re.search(r"(?<!\w)korea(?!\w)", seed_articles[h.doc].text[h.start : h.end].casefold())
                         for h in korea)


def test_a_quoted_phrase_matches_only_as_written_and_the_total_counts_every_match(seed_articles):
    index = _index(seed_articles)
    phrase = index.search('"collusion of convenience"')
    assert phrase.hits and all(h.tier != FUZZY for h in phrase.hits)
    assert all("collusion of convenience" in (seed_articles[h.doc].text[h.start : h.end] or
                                               seed_articles[h.doc].title).casefold() for h in phrase.hits)
    many = index.search("Russia", limit=5)
    assert len(many.hits) == 5 and many.total > 5


def test_a_short_query_is_never_a_near_match_of_another_word(seed_articles):
    index = _index(seed_articles)
    assert index.search("Troy").total == 0          # not "stry" in "Ministry"
    typo = index.search("Kishda").hits                # a slip in a longer name still finds it
    assert typo and "Kishida" in seed_articles[typo[0].doc].text[typo[0].start : typo[0].end]
