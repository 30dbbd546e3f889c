"""Sentence matching across outlets and word-level diffs."""

from hypothesis import given
from hypothesis import strategies as st

from tui.match import EQUAL, align_articles, counterparts, marked, sentence_text, word_diff

CONDEMN = "We strongly condemn the DPRK’s exports"
CARRIERS = {"000_f9e83d17821e43e7", "001_b851d7e6de4fbf2a", "003_9b3e663d34133e28"}


def _sentence(article, needle):
    return next(i for i, s in enumerate(article.sentences) if needle in sentence_text(article, s))


def test_condemn_sentence_finds_its_two_counterparts(seed_articles):
    for doc in CARRIERS:
        a = seed_articles[doc]
        span = a.sentences[_sentence(a, CONDEMN)]
        found = counterparts(a, span, list(seed_articles.values()))
        top = {c.doc for c in found[:2]}
        assert top == CARRIERS - {doc}
        assert all(CONDEMN[:20] in sentence_text(seed_articles[c.doc], c.span) for c in found[:2])
        assert all(c.score >= 90 for c in found[:2])


def test_fuelling_and_fueling_is_a_spelling_change(seed_articles):
    a, b = seed_articles["000_f9e83d17821e43e7"], seed_articles["003_9b3e663d34133e28"]
    pairs, only_a, only_b = align_articles(a, b)
    edits = [e for p in pairs for e in word_diff(sentence_text(a, p.a), sentence_text(b, p.b))]
    assert any((e.old, e.new, e.kind) == ("fuelling", "fueling", "spelling") for e in edits)
    assert len({p.a for p in pairs}) == len(pairs) == len({p.b for p in pairs})  # one to one
    assert len(pairs) + len(only_a) == len(a.sentences) and len(pairs) + len(only_b) == len(b.sentences)


def test_kinds_of_change():
    kinds = {(e.old, e.new): e.kind for e in word_diff("the “global” regime, now", 'the "global" (nuclear) regime now')
             if e.op != EQUAL}
    assert kinds[("“", '"')] == "punctuation" and kinds[("”", '"')] == "punctuation"
    assert kinds[("", "(nuclear)")] == "insertion"
    assert kinds[(",", "")] == "punctuation"
    assert marked(word_diff("a fuelling war", "a fueling war")) == "a [-fuelling-]{+fueling+} war"
    assert marked(word_diff("“We condemn,” it said.", '"We condemn," it said.')) == '[-“-]{+"+}We condemn,[-”-]{+"+} it said.'



words = st.lists(st.sampled_from(["war", "Russia’s", "the", ",", "fuelling", "fueling", "(", ")", "NATO", "said", "."]),
                 max_size=25)


@given(words, words)
def test_applying_a_diff_to_a_yields_b(a_words, b_words):
    a, b = " ".join(a_words), " ".join(b_words)
    edits = word_diff(a, b)
    assert "".join(" " * e.space_b + e.new for e in edits if e.new) == b
    assert "".join(" " * e.space_a + e.old for e in edits if e.old) == a


@given(words)
def test_a_sentence_matches_itself_exactly(a_words):
    a = " ".join(a_words)
    assert all(e.op == EQUAL for e in word_diff(a, a))
