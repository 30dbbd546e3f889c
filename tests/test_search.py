"""Fuzzy corpus search."""

from tui.analysis.entities import EntityIndex
from tui.analysis.search import SearchIndex


def test_search_finds_sentences_with_typos_and_entities(seed_articles):
    arts = list(seed_articles.values())
    index = SearchIndex(arts, EntityIndex.build(arts))
    hits = index.search("fuelling russias war of agression")
    assert len({h.doc for h in hits[:3]}) == 3
    assert all(h.what == "sentence" for h in hits[:3])
    kishida = index.search("Kishida")
    assert kishida[0].what == "entity"
    assert not index.search("x")
    assert not any(h.what == "entity" and "Russia" == h for h in index.search("condemn Russia's weapons exports"))
    assert index.search("zzzzqqqq") == []
