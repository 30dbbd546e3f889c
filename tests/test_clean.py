"""Cleaning: each kind of mess in the seeds, the same kinds in invented text, and invariants."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui import model
from tui.preprocess.clean import boilerplate_reason, clean
from tui.preprocess.metadata import parse_date

from .conftest import raw_seed

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def kinds(c, kind):
    return [c.text[b.start : b.end] for b in c.blocks if b.kind == kind]


def removed(c):
    return {(r.reason, r.text) for r in c.removals}


# --- words broken across lines ---------------------------------------------------------------

def test_seed_broken_words_are_rejoined():
    c = clean(raw_seed("002_01c1dc24afd81406"))
    assert "Yoon described the Moscow-Pyongyang alignment" in c.text
    assert "force directly challenges" in c.text
    assert "des\ncribed" not in c.text and "des cribed" not in c.text


def test_invented_broken_words_and_wrapped_lines():
    c = clean("The minister ex\nplained the plan to the com\nmittee on Tuesday.\n")
    assert "The minister explained the plan to the committee on Tuesday." in c.text
    # a line wrapped at a space joins with a space, not glued
    c = clean("The minister said the\nplan was ready.\n")
    assert "said the plan was ready." in c.text
    # a hyphen at a break: dropped inside a word, kept in a real compound
    c = clean("It was an extra-\nordinary day for the well-\nknown team.\n")
    assert "extraordinary day" in c.text and "well-known team" in c.text


def test_hard_wrapped_paragraph_is_one_paragraph():
    raw = ("Officials in Seoul said on Thursday that the talks\nwould continue next week in Brussels, with\n"
           "ministers from both countries expected to\nattend the meeting.\n\nA second paragraph.\n")
    c = clean(raw)
    body = kinds(c, model.BODY)
    assert body[0].startswith("Officials in Seoul") and body[0].endswith("attend the meeting.")
    assert "\n" not in body[0]


def test_one_paragraph_per_line_stays_separate():
    c = clean(raw_seed("000_f9e83d17821e43e7"))
    assert kinds(c, model.HEADING) == ["Washington Summit Declaration"]
    assert len(kinds(c, model.BODY)) == 18


# --- boilerplate -----------------------------------------------------------------------------

def test_seed_boilerplate_lines_are_removed_and_recorded():
    everything = {}
    for stem in ("001_b851d7e6de4fbf2a", "002_01c1dc24afd81406", "003_9b3e663d34133e28", "004_47eb9ec3281c3aec"):
        c = clean(raw_seed(stem))
        for line in ("Send to", "Sign up for eNewsletter", "COMMENTS", "Top 10 Stories", "LETTER", "General"):
            assert not re.search(rf"(?m)^{line}$", c.text), (stem, line)
        assert "RELATED:" not in c.text
        everything.update({text: reason for reason, text in removed(c)})
    assert everything["Send to"] == "share widget"
    assert everything["Sign up for eNewsletter"] == "newsletter"
    assert everything["COMMENTS"] == "comments"
    assert everything["Please let us know if you're having issues with commenting."] == "comments"
    assert everything["Top 10 Stories"] == "list"
    assert everything["LETTER"] == "widget label"
    assert everything["General"] == "section label"
    assert sum(reason == "teaser" for reason in everything.values()) == 2


def test_invented_boilerplate():
    for line, reason in [
        ("Share this article", "share widget"), ("Facebook Twitter Email", "share widget"),
        ("Subscribe to our daily newsletter", "newsletter"), ("Sign up to get alerts in your inbox", "newsletter"),
        ("Leave a comment", "comments"), ("12 Comments", "comments"), ("READ MORE: Storm hits coast", "teaser"),
        ("Most Read", "list"), ("Advertisement", "advertisement"), ("© 2024 Example Media. All rights reserved.", "legal"),
    ]:
        assert boilerplate_reason(line) == reason, line
    for line in ("He shared the details with reporters.", "Comments by the minister drew criticism.",
                 "Related talks continue on Friday.", "The ad campaign cost $2 million."):
        assert boilerplate_reason(line) is None, line


def test_article_text_that_mentions_boilerplate_words_survives():
    c = clean("Headline here\n\nThe newsletter, he said, would be sent to every subscriber.\n\nShare prices fell.\n")
    assert "The newsletter, he said" in c.text and "Share prices fell." in c.text


# --- captions, credits, bylines ----------------------------------------------------------------

def test_seed_captions_and_credits_are_set_apart():
    c1 = clean(raw_seed("001_b851d7e6de4fbf2a"))
    caps = kinds(c1, model.CAPTION)
    assert any(c.startswith("Prime Minister of New Zealand Christopher Luxon") for c in caps)
    assert any(c.startswith("First deputy director") and c.endswith("(Yonhap)") for c in caps)
    c3 = clean(raw_seed("003_9b3e663d34133e28"))
    assert any(c.startswith("En esta foto facilitada") for c in kinds(c3, model.CAPTION))  # Spanish caption
    assert "Korean Central News Agency/Korea News Service via AP" in kinds(c3, model.CREDIT)
    assert "Jack Knudsen / Breitbart News" in kinds(c3, model.CREDIT)
    c4 = clean(raw_seed("004_47eb9ec3281c3aec"))
    assert len([c for c in kinds(c4, model.CAPTION) if c.endswith("Reuters-Yonhap")]) == 1  # the repeat is dropped
    assert ("duplicate paragraph" in {r.reason for r in c4.removals})
    for c in (c1, c3, c4):
        assert not any("Yonhap" in b or "via AP" in b for b in kinds(c, model.BODY))


def test_invented_captions():
    c = clean("Storm hits coast\n\nResidents clear debris in Miami on Monday. (AP Photo/Jane Doe)\n\n"
              "The storm made landfall early on Monday, officials said.\n\n"
              "A rescue worker (left) helps a resident.\nJohn Smith / Example News\n\nMore text follows here.\n")
    caps = kinds(c, model.CAPTION)
    assert "Residents clear debris in Miami on Monday. (AP Photo/Jane Doe)" in caps
    assert "A rescue worker (left) helps a resident." in caps
    assert "The storm made landfall early on Monday, officials said." in kinds(c, model.BODY)


def test_seed_metadata_inferred_from_the_text():
    m1 = clean(raw_seed("001_b851d7e6de4fbf2a")).meta
    assert m1.headline == "NATO slams NK-Russia arms trade as Yoon moves to bolster security cooperation"
    assert (m1.byline, m1.date) == ("Son Ji-hyoung", "2024-07-11")
    assert clean(raw_seed("002_01c1dc24afd81406")).meta.outlet == "Yonhap News Agency"
    assert clean(raw_seed("004_47eb9ec3281c3aec")).meta.byline == "Kwak Yeon-soo"
    assert clean(raw_seed("000_f9e83d17821e43e7")).meta.headline is None  # its first line is a sentence
    assert clean("Title\n\nBody text here.", stem="foxnews_2").meta.outlet == "foxnews"
    assert clean("Title\n\nBody text here.", stem="003_9b3e663d34133e28").meta.outlet is None


def test_dates():
    assert parse_date("PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2:29 PM") == "2013-03-13"
    assert parse_date("Published on 18th September 2013") == "2013-09-18"
    assert parse_date("Mayor 12, 2004") is None
    c = clean("Quake strikes island\n\nUpdated: May 16, 2005, 6:03 PM ET\n\nA quake struck the island.\n")
    assert kinds(c, model.DATELINE) == ["Updated: May 16, 2005, 6:03 PM ET"] and c.meta.date == "2005-05-16T18:03"   # ET says no fixed offset: a local time


# --- quotes and control characters ----------------------------------------------------------

def test_mixed_and_unbalanced_quotes_are_kept_as_written():
    raw = raw_seed("004_47eb9ec3281c3aec")
    c = clean(raw)
    assert "“North Korea is clearly a menace to the international society,\" Yoon said" in c.text


def test_control_sequences_are_stripped_and_recorded():
    raw = ("Title \x1b[31mred\x1b[0m\n\nBody \x1b]52;c;ZWNobyBwd25lZA==\x07 text \u202eevil\u202c and \x7f\x9b31m end.\r\n"
           "Tab\there.")
    c = clean(raw)
    assert not CONTROL.search(c.text)
    assert "ZWNob" not in c.text
    assert "Body text evil and end." in c.text
    reasons = [r.reason for r in c.removals]
    assert reasons.count("control characters") >= 3 and "invisible characters" in reasons
    assert all(not CONTROL.search(r.text) for r in c.removals)  # the record itself is safe to print


# --- the offset map --------------------------------------------------------------------------

def _check_offsets(raw, c):
    for i, ch in enumerate(c.text):
        if ch.isspace():
            continue
        assert raw[c.offsets.to_raw(i)] == ch, (i, ch)


def test_offsets_trace_every_seed_character_back_to_the_file():
    for stem in ("000_f9e83d17821e43e7", "001_b851d7e6de4fbf2a", "002_01c1dc24afd81406",
                 "003_9b3e663d34133e28", "004_47eb9ec3281c3aec"):
        raw = raw_seed(stem)
        c = clean(raw)
        _check_offsets(raw, c)
        for r in c.removals:
            assert raw[r.raw_start : r.raw_end].split() == r.text.split() or r.reason.endswith("characters")


# Pieces of scraped-text mess, strung together at random.
mess = st.lists(
    st.sampled_from(["abc", " XYZ", ".", ",", "“", "”", "\"", "'", "\n", "\n\n", "\t", "-", "\x1b[1m", "\x07",
                     "\u202e", "\xa0", "\r\n", "Send to\n", "COMMENTS\n", "des\ncribed", "\x00", "\x9b", "é"]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(mess)
def test_cleaning_invariants(raw):
    c = clean(raw)
    assert not CONTROL.search(c.text)
    assert c.text == c.text.strip()
    assert "  " not in c.text and "\n\n\n" not in c.text
    _check_offsets(raw, c)
    for b in c.blocks:
        assert 0 <= b.start < b.end <= len(c.text) and b.kind in model.BLOCK_KINDS
    assert clean(raw) == c  # deterministic
