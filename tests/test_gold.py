"""The project's own gold scoring (tests/gold.py) can fail: a system that is the gold itself
scores full marks, an empty one nothing, and each kind of mistake is counted."""

from __future__ import annotations

from tests.gold import fold, gold, score_alignment, score_quotes


def _side(doc: str, text: str) -> dict:
    return {"doc": doc, "start": 0, "end": len(text), "text": text}


def _perfect_alignment() -> dict:
    pairs = []
    for group in gold("alignment.yaml")["groups"]:
        for i, (d1, t1) in enumerate(group["members"]):
            for d2, t2 in group["members"][i + 1:]:
                if d1 != d2:
                    pairs.append({"a": _side(d1, t1), "b": _side(f"{d2}.txt", t2), "score": 1.0, "kind": "verbatim"})
    return {"pairs": pairs}


def test_the_gold_itself_scores_full_marks_and_nothing_scores_nothing():
    full = score_alignment(_perfect_alignment())
    assert (full.recall(1), full.recall(2), full.violated, full.precision) == (1.0, 1.0, 0, 1.0)
    empty = score_alignment({"pairs": []})
    assert (empty.recall(1), empty.recall(2), empty.violated, empty.touching) == (0.0, 0.0, 0, 0)


def test_a_link_on_a_negative_and_a_wrong_pair_are_counted():
    truth = gold("alignment.yaml")
    (neg_doc, neg_text), member = truth["negatives"][0], truth["groups"][0]["members"][0]
    system = _perfect_alignment()
    system["pairs"].append({"a": _side(neg_doc, neg_text), "b": _side(*member), "score": 0.5, "kind": "paraphrase"})
    got = score_alignment(system)
    assert got.violated == 1
    assert got.good == got.touching - 1
    assert "negatives_violated=1/6" in str(got)


def test_quotes_found_and_attributed():
    truth = gold("quotes.yaml")["quotes"]
    right = {"quotes": [{"doc": d, "text": f"“{t}, and more.”", "speaker": s} for d, t, s in truth]}
    assert str(score_quotes(right)) == f"quotes={len(truth)} found=1.000 attributed=1.000"
    wrong = {"quotes": [{**q, "speaker": "Somebody Else"} for q in right["quotes"]]}
    assert (score_quotes(wrong).found, score_quotes(wrong).right) == (len(truth), 0)
    surname = {"quotes": [{**q, "speaker": q["speaker"].split()[-1]} for q in right["quotes"]]}
    assert score_quotes(surname).right == len(truth)
    assert score_quotes({"quotes": []}).found == 0


def test_folding_marks_and_spaces():
    assert fold("“It’s\u00a0here,”\nhe said") == "\"It's here,\" he said"
