"""Word-level diffs of aligned passages, and the names of their changes."""

from hypothesis import given
from hypothesis import strategies as st

from tui.analysis.match import EQUAL, marked, spelling_variant, word_diff


def test_kinds_of_change():
    kinds = {(e.old, e.new): e.kind for e in word_diff("the “global” regime, now", 'the "global" (nuclear) regime now')
             if e.op != EQUAL}
    assert kinds[("“", '"')] == kinds[("”", '"')] == kinds[(",", "")] == "punctuation or quote marks"
    assert kinds[("", "(nuclear)")] == "insertion"
    kinds = {(e.old, e.new): e.kind for e in word_diff("The fuelling of six meetings", "the fueling of seven meeting")
             if e.op != EQUAL}
    assert kinds == {("The", "the"): "case", ("fuelling", "fueling"): "spelling variant",
                     ("six", "seven"): "substitution", ("meetings", "meeting"): "substitution"}
    assert marked(word_diff("a fuelling war", "a fueling war")) == "a [-fuelling-]{+fueling+} war"
    assert marked(word_diff("“We condemn,” it said.", '"We condemn," it said.')) == '[-“-]{+"+}We condemn,[-”-]{+"+} it said.'



def test_spelling_variants_and_what_is_not_one():
    for a, b in [("fuelling", "fueling"), ("defence", "defense"), ("colour", "color"), ("organise", "organize"),
                 ("centre", "center"), ("Pyongayng", "Pyongyang")]:
        assert spelling_variant(a, b), (a, b)
    for a, b in [("year", "years"), ("close", "closely"), ("agree", "agreed"), ("six", "sixth"), ("Iran", "Iraq"), ("Yook", "Yoon"),
                 ("2023", "2024"), ("meeting", "meetings")]:
        assert not spelling_variant(a, b), (a, b)


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
