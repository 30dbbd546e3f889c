"""Quotations: extraction (marks of every kind, repaired where they are wrong), attribution (each
reporting pattern, invented and from the seed articles), grouping across outlets, and the
`quotes` command."""

from __future__ import annotations

import json

import pytest

from tests.gold import score_quotes
from tui import cli
from tui.analysis.entities import EntityIndex
from tui.analysis.quotes import Quote, QuoteIndex, as_json, compare, quote_spans
from tui.model import Article, Block, Meta, OffsetMap
from tui.preprocess import index
from tui.preprocess.corpus import open_corpus

# --- extraction: marks alone, no parse needed ------------------------------------------------------

def marked(text: str) -> list[str]:
    blocks, pos = [], 0
    for para in text.split("\n\n"):
        blocks.append(Block(pos, pos + len(para), "body"))
        pos += len(para) + 2
    a = Article(id="x", path="x", story="", sha256="", encoding="utf-8", meta=Meta(), text=text, blocks=tuple(blocks),
                removals=(), offsets=OffsetMap(), sentences=(), entities=())
    return [text[s.start : s.end] for s in quote_spans(a)]


def test_curly_straight_and_partial_quotes():
    assert marked('He said “we will go” and then "we won\'t."') == ["we will go", "we won't."]
    assert marked('Iran is "fueling Russia’s war" says NATO.') == ["fueling Russia’s war"]


def test_mixed_marks_pair_up():
    assert marked('“North Korea is a menace," Yoon said.') == ["North Korea is a menace"]
    assert marked('"We strongly condemn it,” they said.') == ["We strongly condemn it"]


def test_an_unclosed_quote_runs_to_the_paragraph_end_and_a_stray_closing_mark_opens_nothing():
    text = "“The first paragraph of a long quote\n\n“and its end,” he said. A stray ” mark."
    assert marked(text) == ["The first paragraph of a long quote", "and its end"]


def test_a_second_opening_mark_ends_the_quote_left_open():
    assert marked("“We tried. “Then we ran,” she said.") == ["We tried.", "Then we ran"]


def test_marks_written_the_wrong_way_round_are_paired_backwards():
    assert marked("added to their” 15 Most Wanted “list a man") == ["15 Most Wanted"]


def test_single_marks_quote_outside_double_ones_but_apostrophes_never_do():
    assert marked("Yoon calls it ‘collusion of convenience’") == ["collusion of convenience"]
    assert marked("'We can't stay,' she said. It's the city's problem.") == ["We can't stay"]
    assert marked("“He shouted ‘stop’ twice,” she said.") == ["He shouted ‘stop’ twice"]
    assert marked("Russia’s war and the leaders’ summit") == []


def test_single_marks_with_a_lost_space_still_close():
    assert marked("'There was nothing there, 'he said.") == ["There was nothing there"]


# --- attribution: invented articles, parsed once -----------------------------------------------------

INVENTED = {
    "after": "Floods\n\n\"We will rebuild the bridge by spring,\" Mayor Anna Kowalski said on Monday.",
    "inverted": "Budget\n\n\"The budget is not negotiable,\" said Peter Lindqvist, the finance minister.",
    "told": "Heating\n\nAnna Kowalski told reporters: \"Nobody will be left without heating this winter.\"",
    "according": "Housing\n\nThe plan is \"a betrayal of every tenant in the city,\" according to Maria Oduya, "
                 "who leads the tenants' union.",
    "pronoun": "Vote\n\nPeter Lindqvist spoke to reporters after the vote in parliament.\n\n"
               "\"We did what the law requires,\" he said.",
    "role": "Roads\n\nThe city's spokesman, Tomas Berg, met drivers on Thursday.\n\n"
            "\"The roads will reopen on Friday,\" the spokesman added.",
    "body": "Flights\n\n\"All flights are suspended until further notice,\" the Civil Aviation Authority said on "
            "Sunday.\n\n\"Passengers should not travel to the airport,\" the statement added.",
    "sentences": "Storm\n\n“The storm was the worst in forty years. Many families lost everything,” Anna Kowalski "
                 "said.",
    "paragraphs": "Rescue\n\nTomas Berg described the first night.\n\n“The first thing we did was count the "
                  "missing.\n\n“Then we started digging,” Berg said.",
    "continues": "Strike\n\n\"We are exhausted,\" Maria Oduya said. \"But we will not stop.\"",
    "partial": "Speech\n\nPeter Lindqvist called the proposal \"fiscally reckless and dangerous\" in a speech on "
               "Tuesday.",
    "unnamed": "Blast\n\n\"It sounded like thunder rolling down the street,\" a neighbour said.",
    "scare": "Tax\n\nThe so-called \"green\" tax was debated next to the film \"The Long Night\" on Tuesday.",
    "single": "Pumps\n\nTomas Berg told the paper: 'We can't promise anything before the water goes down.'",
    "aside": "Patch\n\nPeter Lindqvist advised users to install the update at once.\n\n"
             "But doing this \"may slow every older computer down\", he said, so users should add trusted sites.",
    "anonymous": "Border\n\nPeter Lindqvist visited the crossing on Monday.\n\n\"The guards were told to let "
                 "nobody through,\" he said. He asked not to be identified because he was not authorised to speak.",
    "mistagged": "Convoy\n\nAl-Sawarmi Khalid said he saw the convoy at dawn. Al-Sawarmi Khalid said he had warned "
                 "the base.\n\n\"We were fired upon from the hills,\" he said.",
    "possessor": "Verdict\n\n\"I'm glad it is over at last,\" said Lena Marsh's father, Tom Marsh.",
    "friend": "Riot\n\nOne of Kimani Gray's friends, Devonte Brown told the paper: \"He was screaming that he was not "
              "running.\"",
    "mother": "Trial\n\nLena Marsh died in April. Lena Marsh's mother, Ann Peace, said she is caring for the children."
              "\n\nOf the gunman, she said, \"He is a menace to all of us.\"",
    "relayed": "Shooting\n\n\"Stay down, or we'll shoot you again,\" police said, according to The New York Times.",
    "quoted": "Riot\n\n\"The cops jumped out of the car so fast,\" the Daily News quoted witness Devonte Brown as "
              "saying.",
    "reported": "Arrest\n\nPolice Commissioner Raymond Kelly said: \"We are pleased with the investigation so far,\" "
                "the Daily News reported.",
    "fumed": "Outsiders\n\nCouncilman Jumaane Williams blasted outsiders.\n\n\"Please stay out of our community,\" "
             "Williams fumed on Twitter.",
    "letter": "School\n\nThe principal, Matthew Willoughby, wrote a letter about the student.\n\n\"Kimani made great "
              "strides this year,\" the letter read.",
    "journal": "Trial\n\nJurors saw pages of Warren Jeffs' personal journals on Monday.\n\n\"This will only be a place "
               "of refuge if it is kept secret,\" the entry says.",
    "critic": "Riot\n\nCouncilman Jumaane Williams came to the scene late.\n\n“The mayor should be down here. Right "
              "now!” Williams, a critic of the police department's policy, said before Kelly appeared on the scene.",
    "untagged": "Hearing\n\nWarren Jeffs faces trial. Prosecutor Eric Nichols played a clip from December.\n\n"
                "Jeffs stood up and talked over it, rambling about a holy trust.\n\n\"I am but a mortal man seeking "
                "peace,\" he said.",
    "barber": "Tension\n\n“The police have a hard time because there’s a lot of crime here,” a local barber told the "
              "paper. “But when they play hardball, they end up going after innocent people, too.” Police say that on "
              "Saturday around 11:30 p.m. Kimani Gray was standing outside his home with five other young men.",
    "earwitness": "Witness\n\nKelly said a man heard a cop yell, “What do you have in your hands?” but a source said the "
                  "man was too far away to see it.",
    "chain": "Court\n\nThe clerk, Maria Oduya, said: \"He is at risk of harming himself.\n\n"
             "\"(Staff) cannot move him from the cell.\n\n\"The hearing goes ahead without him.\"",
}


@pytest.fixture(scope="module")
def invented_articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Article]:
    root = tmp_path_factory.mktemp("invented")
    for name, text in INVENTED.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = open_corpus(root)
    articles, _ = index.load(corpus, index.open_cache(corpus, tmp_path_factory.mktemp("cache")), jobs=1)
    return {a.id: a for a in articles}


@pytest.fixture(scope="module")
def invented(invented_articles) -> QuoteIndex:
    articles = list(invented_articles.values())
    entities = EntityIndex.build(articles)
    return QuoteIndex.build(articles, entities.in_doc, entities.entities)


def only(quotes: QuoteIndex, doc: str) -> list[Quote]:
    return quotes.by_doc.get(doc, [])


def spoken(quotes: QuoteIndex, doc: str) -> list[tuple[str, str | None]]:
    return [(q.text, quotes.speaker_name(q)) for q in only(quotes, doc)]


@pytest.mark.parametrize(("doc", "speaker"), [
    ("after", "Anna Kowalski"),          # "X said" after the quote
    ("inverted", "Peter Lindqvist"),     # "said X, the minister"
    ("told", "Anna Kowalski"),           # "X told reporters:" before it
    ("according", "Maria Oduya"),        # "according to X"
    ("pronoun", "Peter Lindqvist"),      # "he said": the nearest earlier person
    ("role", "Tomas Berg"),              # "the spokesman added": the person given that title
    ("sentences", "Anna Kowalski"),      # a quote of two sentences
    ("partial", "Peter Lindqvist"),      # a partial quote inside the sentence
    ("single", "Tomas Berg"),            # single marks, an apostrophe inside
    ("aside", "Peter Lindqvist"),        # `"...", he said, so users should add`: the verb against the quote
    ("fumed", "Jumaane Williams"),       # a verb of manner ("fumed", "mumbled", "bragged") frames speech too
    ("critic", "Jumaane Williams"),      # `"...!" X, a long description, said`: past the four-word window
])
def test_each_reporting_pattern_names_the_speaker(invented, doc, speaker):
    found = only(invented, doc)
    assert len(found) == 1, spoken(invented, doc)
    assert invented.speaker_name(found[0]) == speaker


def test_an_organisation_speaks_and_its_statement_is_the_same_speaker(invented):
    quotes = spoken(invented, "body")
    assert [who for _, who in quotes] == ["Civil Aviation Authority"] * 2


def test_a_quote_over_two_paragraphs_is_one_quote_with_two_parts(invented):
    (q,) = only(invented, "paragraphs")
    assert len(q.parts) == 2 and q.text == "The first thing we did was count the missing.\nThen we started digging"
    assert invented.speaker_name(q) == "Tomas Berg"


def test_a_quote_over_three_paragraphs_keeps_running_through_a_paragraph_opening_with_a_bracket(invented):
    (q,) = only(invented, "chain")
    assert len(q.parts) == 3 and q.text.endswith("The hearing goes ahead without him.")
    assert invented.speaker_name(q) == "Maria Oduya"


def test_a_quote_with_no_frame_continues_the_one_before(invented):
    first, second = only(invented, "continues")
    assert second.text == "But we will not stop." and second.how == "continues"
    assert invented.speaker_name(first) == invented.speaker_name(second) == "Maria Oduya"


def test_an_unnamed_source_has_no_speaker_but_keeps_its_words(invented):
    (q,) = only(invented, "unnamed")
    assert q.speaker is None and q.source == "a neighbour" and q.how == "say"


def test_scare_quotes_and_titles_are_not_quotations(invented):
    assert only(invented, "scare") == []


# --- the seed articles ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_quotes(seed_articles) -> QuoteIndex:
    articles = list(seed_articles.values())
    entities = EntityIndex.build(articles)
    return QuoteIndex.build(articles, entities.in_doc, entities.entities)


def test_the_seed_gold_is_met(seed_quotes):
    figures = score_quotes(as_json(seed_quotes))
    print(figures)
    assert figures.found_share >= 0.95
    assert figures.attributed >= 0.90


def _quote(quotes: QuoteIndex, doc: str, needle: str) -> Quote:
    return next(q for q in quotes.by_doc[doc] if needle in q.text)


@pytest.mark.parametrize(("doc", "needle", "speaker", "how"), [
    ("000_f9e83d17821e43e7", "Russia and North Korea recently signed", "Yoon Suk Yeol", "say"),
    ("000_f9e83d17821e43e7", "are fuelling Russia", "Washington Summit Declaration", "read"),
    ("000_f9e83d17821e43e7", "We strongly condemn", "Washington Summit Declaration", "add"),  # "the statement"
    ("001_b851d7e6de4fbf2a", "reaffirmed that the close ties", "Kim Tae-hyo", "say"),        # "X, the director, said"
    ("001_b851d7e6de4fbf2a", "bold actions", "Kim Tae-hyo", "according to"),
    ("001_b851d7e6de4fbf2a", "We strongly condemn", "Washington Summit Declaration", "read"),  # "it reads"
    ("002_01c1dc24afd81406", "Russia wants North Korea", "Yoon Suk Yeol", "say"),             # "he said"
    ("002_01c1dc24afd81406", "North Korea hopes that Russia", "Yoon Suk Yeol", "continues"),
    ("002_01c1dc24afd81406", "The only way to block", "Yoon Suk Yeol", "continues"),          # next paragraph
    ("003_9b3e663d34133e28", "We strongly condemn", "NATO", "say"),                           # "NATO leaders said"
    ("003_9b3e663d34133e28", "The security of the Atlantic", "Fumio Kishida", "say"),         # "said Kishida"
    ("004_47eb9ec3281c3aec", "The future of ROK-Russia", "Yoon Suk Yeol", "add"),             # "He added,"
    ("004_47eb9ec3281c3aec", "I hope that Russia will sensibly", "Yoon Suk Yeol", "continues"),
])
def test_seed_speakers(seed_quotes, doc, needle, speaker, how):
    q = _quote(seed_quotes, doc, needle)
    assert (seed_quotes.speaker_name(q), q.how) == (speaker, how)


def test_an_unnamed_official_has_no_speaker(seed_quotes):
    q = _quote(seed_quotes, "001_b851d7e6de4fbf2a", "unnatural")
    assert q.speaker is None and q.source == "the official"


def test_the_same_remark_in_three_outlets_is_one_group(seed_quotes):
    condemn = {q.doc for q in seed_quotes.quotes if q.text.startswith("We strongly condemn")}
    groups = {q.group for q in seed_quotes.quotes if q.text.startswith("We strongly condemn")}
    assert len(condemn) == 3 and len(groups) == 1


def test_a_partial_quote_joins_the_full_one_and_its_diff_is_the_shared_stretch(seed_quotes):
    full = _quote(seed_quotes, "000_f9e83d17821e43e7", "are fuelling Russia")
    part = _quote(seed_quotes, "001_b851d7e6de4fbf2a", "fueling Russia’s war")
    nuclear = _quote(seed_quotes, "001_b851d7e6de4fbf2a", "(nuclear)")
    assert full.group == part.group == nuclear.group
    changes = [(e.kind, e.old, e.new) for e in compare(full, part) if e.op != "equal"]
    assert changes == [("spelling variant", "fuelling", "fueling")]
    assert [(e.kind, e.new) for e in compare(full, nuclear) if e.op != "equal"] == [("insertion", "(nuclear)")]


def test_two_translations_of_one_remark_are_one_group_but_other_remarks_are_not(seed_quotes):
    korea = _quote(seed_quotes, "000_f9e83d17821e43e7", "I hope South Korea and Japan")
    breitbart = _quote(seed_quotes, "003_9b3e663d34133e28", "I hope that South Korea and Japan")
    assert korea.group == breitbart.group
    others = [q for q in seed_quotes.quotes if q.speaker == korea.speaker and "Military cooperation" in q.text]
    assert others and all(q.group != korea.group for q in others)


def test_a_quoted_passage_does_not_join_two_speakers_remarks():
    """One outlet quoting a whole passage of another: the passage holds two people's remarks,
    which stay two groups."""
    a1 = Quote("s/a", 0, 10, "He probably realized he was going to be shot", (), speaker="gage")
    a2 = Quote("s/a", 20, 30, "subdued, very very very subdued", (), speaker="pickell")
    c2 = Quote("s/c", 20, 30, "subdued, very very very subdued", (), speaker="pickell")
    passage = Quote("s/b", 0, 99, "Deputies chased him. He probably realized he was going to be shot, Gage said. "
                                  "Pickell described him as subdued, very very very subdued.", ())
    from tui.analysis.quotes import group

    grouped = group([a1, a2, passage], {"s/a": "s", "s/b": "s"})
    assert grouped[0].group != grouped[1].group                       # one article, two speakers
    grouped = group([a1, c2, passage], {"s/a": "s", "s/b": "s", "s/c": "s"})
    assert grouped[0].group != grouped[1].group                       # two articles, bridged by the passage
    assert grouped[2].group in (grouped[0].group, grouped[1].group)


# --- the command ------------------------------------------------------------------------------------------

def test_quotes_json_has_the_documented_shape(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["quotes", "--json", "--cache-dir", str(seed_cache_dir)]) == 0
    quotes = json.loads(capsys.readouterr().out)["quotes"]
    assert len(quotes) >= 20
    for q in quotes:
        assert {"doc", "start", "end", "text", "speaker", "group"} <= set(q)
        text = seed_articles[q["doc"]].text
        assert text[q["start"] : q["end"]].startswith(q["text"].split("\n")[0])


def test_quotes_for_one_speaker_show_each_outlets_version_with_a_diff(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["quotes", "--speaker", "washington summit", "--cache-dir", str(seed_cache_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Washington Summit Declaration")
    assert "[-fuelling-]{+fueling+}" in out and "{+(nuclear)+}" in out
    assert "attributed to NATO" in out


def test_an_unknown_speaker_is_a_usage_error(seed_articles, seed_cache_dir, capsys):
    assert cli.main(["quotes", "--speaker", "Nobody Atall", "--cache-dir", str(seed_cache_dir)]) == 2
    assert "no quoted speaker" in capsys.readouterr().err


def test_a_source_that_asks_not_to_be_named_stays_unnamed(invented):
    quotes = only(invented, "anonymous")
    assert len(quotes) == 1 and quotes[0].speaker is None and quotes[0].source == "he"   # not Peter Lindqvist
    assert spoken(invented, "pronoun") == [("We did what the law requires", "Peter Lindqvist")]   # a plain "he" still is


def test_each_attribution_says_how_sure_it_is(invented):
    def confidence(doc: str) -> list[str | None]:
        return [q.confidence for q in only(invented, doc)]

    assert confidence("after") == ["named"]                 # "Mayor Anna Kowalski said"
    assert confidence("pronoun") == ["guess"]               # "he said": the nearest earlier person
    assert confidence("role") == ["likely"]                 # "the spokesman added": the one given that title
    assert [q.by for q in only(invented, "pronoun")] == ["pronoun"] and [q.by for q in only(invented, "role")] == ["role"]
    assert confidence("continues") == ["named", "named"]    # a continuation keeps the confidence it continues
    assert confidence("unnamed") == [None]                  # no speaker, nothing to be sure of
    from tui.analysis.quotes import as_json

    rows = as_json(invented, only(invented, "pronoun"))
    assert any(isinstance(row, dict) and row.get("confidence") == "guess"
               for row in (rows.get("quotes", rows) if isinstance(rows, dict) else rows))


def test_a_name_the_story_takes_up_with_he_is_a_person_whatever_the_tag(invented):
    (q,) = only(invented, "mistagged")
    speaker = invented.entities[q.speaker]
    assert (speaker.name, speaker.label) == ("Al-Sawarmi Khalid", "PERSON")
    assert q.by == "pronoun"


def test_names_only_in_headlines_after_a_clock_time_or_after_a_never_speak():
    from tui.analysis.quotes.lookups import mute
    from tui.model import Entity, Mention

    text = ("Riot Deaths Murder\n\nUpdated 10:36 BST. Police said the BST figures were wrong, said Kim Lee. "
            "A local Rite Aid was hit, a Texas Ranger said.")
    art = Article(id="a", path="a", story="s", sha256="", encoding="utf-8", meta=Meta(), text=text,
                  blocks=(Block(0, 18, "headline"), Block(20, len(text), "body")), removals=(), offsets=OffsetMap(),
                  sentences=(), entities=())

    def entity(n: int, *surfaces: tuple[str, int]) -> Entity:
        mentions = tuple(Mention("a", text.index(s, at), text.index(s, at) + len(s), s) for s, at in surfaces)
        return Entity(f"s/e{n}", surfaces[0][0], "ORG", "s", (), mentions)

    headline, clock, kim = entity(1, ("Riot Deaths", 0)), entity(2, ("BST", 0)), entity(3, ("Kim Lee", 0))
    both = entity(4, ("BST", 0), ("BST", 40))   # once after a time, once not: may speak
    store, ranger = entity(5, ("Rite Aid", 0)), entity(6, ("Texas Ranger", 0))
    assert mute([headline, clock, kim, both, store, ranger], {"a": art}) == {"s/e1", "s/e2", "s/e5", "s/e6"}


def test_a_mute_speaker_is_left_unnamed_not_kept(invented, invented_articles):
    from tui.analysis.quotes import find_quotes
    from tui.analysis.quotes.lookups import Story

    (q,) = only(invented, "after")
    article = invented_articles["after"]
    mentions = [(m, e) for e in invented.entities.values() for m in e.mentions if m.doc == "after"]
    mentions.sort(key=lambda me: me[0].start)
    story = [e for e in invented.entities.values() if e.story == article.story]
    (kept,) = find_quotes(article, mentions, Story(story))
    (muted,) = find_quotes(article, mentions, Story(story, {q.speaker}))
    assert kept.speaker == q.speaker and muted.speaker is None and muted.source == kept.source


@pytest.mark.parametrize(("doc", "speaker"), [
    ("possessor", "Tom Marsh"),       # "said X's father, Y": the father, not his daughter
    ("friend", "Devonte Brown"),      # a subject the parser split from its name
    ("mother", "Ann Peace"),          # "X's mother, Y, said ... she said": the mother
])
def test_a_name_beside_a_role_is_the_speaker_not_the_possessor(invented, doc, speaker):
    (q,) = only(invented, doc)
    assert invented.speaker_name(q) == speaker, spoken(invented, doc)


def test_words_a_publication_relays_are_the_speakers_not_the_publications(invented):
    (relayed,) = only(invented, "relayed")
    assert (relayed.speaker, relayed.source) == (None, "police")   # unnamed, not The New York Times
    (quoted,) = only(invented, "quoted")
    assert invented.speaker_name(quoted) == "Devonte Brown"
    (reported,) = only(invented, "reported")
    assert invented.speaker_name(reported) == "Raymond Kelly"


@pytest.mark.parametrize(("doc", "writer"), [("letter", "Matthew Willoughby"), ("journal", "Warren Jeffs")])
def test_a_document_speaks_for_its_writer(invented, doc, writer):
    (q,) = only(invented, doc)
    assert (invented.speaker_name(q), q.by) == (writer, "document"), spoken(invented, doc)


def test_he_finds_a_person_the_parser_left_untagged_by_the_storys_surname(invented):
    (q,) = only(invented, "untagged")
    jeffs = [e for e in invented.entities.values() if e.name == "Warren Jeffs"]
    assert jeffs and invented.speaker_name(q) == "Warren Jeffs", spoken(invented, "untagged")
    assert not any(m.doc == "untagged" and m.text == "Jeffs" for m in jeffs[0].mentions)   # the parser left it untagged


def test_a_sentence_that_reports_a_clause_of_its_own_does_not_frame_the_quote_before(invented):
    first, second = only(invented, "barber")
    assert (second.speaker, second.how, second.source) == (None, "continues", "a local barber")


def test_a_lower_case_word_after_a_closing_mark_continues_the_sentence(invented):
    (q,) = only(invented, "earwitness")   # the splitter may start a sentence at "but"
    assert (q.speaker, q.source) == (None, "a source")
