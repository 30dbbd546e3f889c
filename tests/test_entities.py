"""Grouping mentions into entities, and mention navigation order."""

from tests.conftest import SEEDS  # noqa: F401  (the seed fixtures live there)
from tui.analysis.entities import EntityIndex, display_form, normalise, resolve
from tui.app.screens.main import next_mention
from tui.model import Article, EntitySpan, Meta, OffsetMap, Span


def article(doc: str, text: str, spans: list[tuple[str, str]], outlet: str | None = None) -> Article:
    entities = []
    for surface, label in spans:
        start = text.index(surface)
        entities.append(EntitySpan(start, start + len(surface), label))
    return Article(id=doc, path=doc, story=doc.rsplit("/", 1)[0] if "/" in doc else "", sha256="", encoding="utf-8",
                   meta=Meta(outlet=outlet), text=text, blocks=(), removals=(), offsets=OffsetMap(),
                   sentences=(Span(0, len(text)),), entities=tuple(entities))


def test_normalise_folds_case_quotes_possessives_the_and_hyphens():
    assert normalise("the DPRK’s") == normalise("DPRK") == "dprk"
    assert normalise("Yoon Suk-yeol") == normalise("Yoon Suk Yeol") == "yoon suk yeol"
    assert normalise("  The   Hague ") == "hague"
    assert display_form("NATO’s") == "NATO"


def test_resolve_groups_by_surface_within_a_story_only():
    a = article("s1/a", "The DPRK's envoy met Olaf Scholz.", [("DPRK's", "GPE"), ("Olaf Scholz", "PERSON")], "A")
    b = article("s1/b", "Olaf Scholz and the DPRK spoke.", [("Olaf Scholz", "PERSON"), ("DPRK", "ORG")], "B")
    c = article("s2/c", "Olaf Scholz again, on 5 May.", [("Olaf Scholz", "PERSON"), ("5 May", "DATE")], "C")
    entities = resolve([a, b, c])
    scholz = [e for e in entities if e.name == "Olaf Scholz"]
    assert sorted(len(e.mentions) for e in scholz) == [1, 2]  # one per story
    dprk = next(e for e in entities if e.name == "DPRK")
    assert len(dprk.mentions) == 2 and dprk.story == "s1"
    assert not any(e.label == "DATE" for e in entities)
    index = EntityIndex.build([a, b, c])
    big = next(e for e in scholz if len(e.mentions) == 2)
    assert index.outlets(big) == ["A", "B"] and index.count_in(big, "s1/a") == 1


def test_label_is_the_majority_of_mentions():
    texts = [article(f"d{i}", "Yoon spoke.", [("Yoon", "GPE" if i == 0 else "PERSON")]) for i in range(3)]
    (yoon,) = resolve(texts)
    assert yoon.label == "PERSON" and len(yoon.mentions) == 3


def test_seed_yoon_suk_yeol_is_named_in_several_articles(seed_articles):
    index = EntityIndex.build(seed_articles.values())
    yoon = next(e for e in index.entities if e.name == "Yoon Suk Yeol")
    assert len(index.docs(yoon)) == 5 and len(index.outlets(yoon)) == 5
    assert {normalise(m.text) for m in yoon.mentions} == {"yoon suk yeol", "yoon", "yook suk yeol"}
    assert all(seed_articles[m.doc].text[m.start : m.end] == m.text for m in yoon.mentions)


def test_next_mention_walks_corpus_order_and_wraps():
    a = article("a", "Kim met Kim.", [("Kim", "PERSON")])
    b = article("b", "Then Kim left.", [("Kim", "PERSON")])
    a = Article(**{**{f: getattr(a, f) for f in a.__slots__}, "entities": (EntitySpan(0, 3, "PERSON"), EntitySpan(8, 11, "PERSON"))})
    (kim,) = resolve([a, b])
    order = {"a": 0, "b": 1}
    assert next_mention(kim, order, "a", -0.5, 1).start == 0
    assert next_mention(kim, order, "a", 0, 1).start == 8
    assert next_mention(kim, order, "a", 8, 1).doc == "b"
    assert (next_mention(kim, order, "b", 5, 1).doc, next_mention(kim, order, "b", 5, 1).start) == ("a", 0)
    assert next_mention(kim, order, "a", 0, -1).doc == "b"
