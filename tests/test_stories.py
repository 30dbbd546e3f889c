"""Stories found in a flat folder (`analysis.stories`, `parallax stories`). Every article here is
written by the test: two events of the same kind, told by three outlets each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import cli
from tui.analysis import stories

# Two rehab check-ins and a harbour fire: the first two share their vocabulary, not their names.
HOLT = [
    "Actress Maria Holt checks into Cedar Grove rehab clinic",
    "Actress Maria Holt has checked into the Cedar Grove treatment centre in Malibu, her publicist Dan Ferris said "
    "on Monday. Holt, 34, entered rehab after a difficult year. Ferris asked for privacy for the actress and her "
    "family while she receives treatment at Cedar Grove.",
    "Maria Holt enters rehab at Cedar Grove in Malibu",
    "Maria Holt, the star of the drama Northern Lights, checked into rehab at the Cedar Grove clinic in Malibu. "
    "Her publicist Dan Ferris confirmed that Holt is receiving treatment and thanked fans for their support.",
    "Holt seeks treatment at Malibu's Cedar Grove",
    "The actress Maria Holt is in rehab at Cedar Grove, a clinic in Malibu, according to her publicist Dan Ferris. "
    "Holt checked in over the weekend and will stay for several weeks of treatment, Ferris said.",
]
BRANDT = [
    "Singer Tom Brandt enters Lakeview rehab centre",
    "Singer Tom Brandt has entered the Lakeview treatment centre in Arizona, his manager Eva Lindgren said on "
    "Friday. Brandt, 41, checked into rehab after cancelling his tour. Lindgren asked for privacy for the singer "
    "while he receives treatment at Lakeview.",
    "Tom Brandt checks into rehab at Lakeview in Arizona",
    "Tom Brandt, the singer of the band Iron Coast, checked into rehab at the Lakeview clinic in Arizona. His "
    "manager Eva Lindgren confirmed that Brandt is receiving treatment and thanked fans for their support.",
    "Brandt seeks treatment at Arizona's Lakeview",
    "The singer Tom Brandt is in rehab at Lakeview, a clinic in Arizona, according to his manager Eva Lindgren. "
    "Brandt checked in on Thursday and will stay for several weeks of treatment, Lindgren said.",
]
FIRE = [
    "Fire destroys warehouses at Port Ellis harbour",
    "A fire destroyed three warehouses at the harbour of Port Ellis overnight, the fire brigade said. Chief Officer "
    "Ruth Okafor said forty firefighters fought the blaze for six hours and that nobody was hurt.",
    "Port Ellis harbour fire burns for six hours",
    "Firefighters in Port Ellis fought a blaze at the harbour for six hours. Ruth Okafor, the chief fire officer, "
    "said three warehouses were destroyed and the cause of the fire was not yet known.",
]
OUTLETS = ("herald", "courier", "tribune")


def _write(folder: Path, prefix: str, texts: list[str]) -> list[str]:
    names = []
    for i in range(0, len(texts), 2):
        name = f"{prefix}_{OUTLETS[i // 2]}"
        (folder / f"{name}.txt").write_text(f"{texts[i]}\n\n{texts[i + 1]}\n", encoding="utf-8")
        names.append(name)
    return names


@pytest.fixture
def flat(tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    folder = tmp_path / "flat"
    folder.mkdir()
    return folder, {"holt": _write(folder, "holt", HOLT), "brandt": _write(folder, "brandt", BRANDT),
                    "fire": _write(folder, "fire", FIRE)}


def _stories(folder: Path, tmp_path: Path, capsys, *extra: str) -> list[dict]:  # noqa: ANN001
    assert cli.main(["stories", str(folder), "--json", "--cache-dir", str(tmp_path / "cache"), *extra]) == 0
    return json.loads(capsys.readouterr().out)["stories"]


def test_same_kind_events_in_a_flat_folder_come_apart_and_are_named(flat, tmp_path, capsys):
    folder, events = flat
    found = _stories(folder, tmp_path, capsys)
    groups = sorted(sorted(d["doc"] for d in s["docs"]) for s in found)
    assert groups == sorted(sorted(docs) for docs in events.values())
    names = {tuple(sorted(d["doc"] for d in s["docs"]))[0].split("_")[0]: s["name"] for s in found}
    own = {"holt": ("Holt", "Cedar Grove", "Ferris", "Malibu"), "brandt": ("Brandt", "Lakeview", "Lindgren", "Arizona"),
           "fire": ("Port Ellis", "Okafor")}
    for event, name in names.items():   # each named by its own people and places, none of another's
        assert any(n in name for n in own[event]), name
        assert not any(n in name for other, ns in own.items() if other != event for n in ns), name
    doc = found[0]["docs"][0]
    assert list(doc) == ["doc", "url", "story", "outlet", "headline", "date"] and doc["story"] == found[0]["story"]


def test_an_added_article_joins_its_story_without_clustering_the_corpus_again(flat, tmp_path, capsys, monkeypatch):
    folder, events = flat
    before = {s["story"]: {d["doc"] for d in s["docs"]} for s in _stories(folder, tmp_path, capsys)}
    (folder / "holt_gazette.txt").write_text(
        "Maria Holt in rehab\n\nMaria Holt checked into the Cedar Grove clinic in Malibu for treatment, her "
        "publicist Dan Ferris said.\n", encoding="utf-8")

    def no_clustering(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the corpus was clustered again")

    monkeypatch.setattr(stories, "cluster", no_clustering)
    after = {s["story"]: {d["doc"] for d in s["docs"]} for s in _stories(folder, tmp_path, capsys)}
    holt = next(s for s, docs in before.items() if set(events["holt"]) <= docs)
    assert after[holt] == before[holt] | {"holt_gazette"}
    assert {s: d for s, d in after.items() if s != holt} == {s: d for s, d in before.items() if s != holt}


def test_a_changed_or_broken_cache_is_clustered_again(flat, tmp_path, capsys, monkeypatch):
    folder, events = flat
    calls = []
    real = stories.cluster
    monkeypatch.setattr(stories, "cluster", lambda counts: calls.append(len(counts)) or real(counts))
    first = _stories(folder, tmp_path, capsys)
    assert _stories(folder, tmp_path, capsys) == first and calls == [8]        # the second time from the cache
    broken = [p for p in (tmp_path / "cache").rglob("*.json") if p.parent.name == ".stories"]
    assert broken
    for entry in broken:
        entry.write_text("checksum: 0\nnot: a cache\n", encoding="utf-8")
    for listing in (tmp_path / "cache").rglob("manifest.json"):   # else the stories are listed from it
        listing.unlink()
    assert _stories(folder, tmp_path, capsys) == first and calls == [8, 8]
    (folder / "fire_courier.txt").write_text(FIRE[0] + "\n\n" + FIRE[3] + " A crane was damaged.\n", encoding="utf-8")
    again = _stories(folder, tmp_path, capsys)
    assert calls == [8, 8, 8]
    assert sorted(sorted(d["doc"] for d in s["docs"]) for s in again) == sorted(
        sorted(docs) for docs in events.values())


def test_clustering_again_reads_no_article_whose_counts_are_cached(flat, tmp_path, capsys, monkeypatch):
    folder, events = flat
    first = _stories(folder, tmp_path, capsys, "--cluster")
    for found in (tmp_path / "cache").rglob("*.json"):
        if found.parent.name == ".stories":   # the stories go, the counts stay
            found.unlink()
    counted, read = [], []
    real, real_index = stories.counts_of, cli._index
    monkeypatch.setattr(stories, "counts_of", lambda article: counted.append(article.id) or real(article))
    monkeypatch.setattr(cli, "_index", lambda corpus, *a, **k: read.append(sorted(corpus.files)) or real_index(corpus, *a, **k))
    assert _stories(folder, tmp_path, capsys, "--cluster") == first and counted == read == []
    (folder / "fire_courier.txt").write_text(FIRE[0] + "\n\n" + FIRE[3] + " A crane was damaged.\n", encoding="utf-8")
    cli.main(["index", str(folder), "--cache-dir", str(tmp_path / "cache")])
    capsys.readouterr()
    assert counted == ["fire_courier"]   # indexing the flat folder counts the changed article, and no other
    counted.clear(), read.clear()
    again = _stories(folder, tmp_path, capsys, "--cluster")
    assert counted == [] and read == []   # the index just run counted the changed article
    assert sorted(sorted(d["doc"] for d in s["docs"]) for s in again) == sorted(
        sorted(docs) for docs in events.values())


def test_story_folders_are_kept_unless_asked_to_cluster(flat, tmp_path, capsys):
    folder, events = flat
    mixed = tmp_path / "mixed"
    for story in ("week1", "week2"):
        (mixed / story).mkdir(parents=True)
    for i, path in enumerate(sorted(folder.glob("*.txt"))):
        (mixed / ("week1" if i % 2 else "week2") / path.name).write_text(path.read_text(encoding="utf-8"),
                                                                          encoding="utf-8")
    kept = _stories(mixed, tmp_path, capsys)
    assert sorted(s["story"] for s in kept) == ["week1", "week2"]
    regrouped = _stories(mixed, tmp_path, capsys, "--cluster")
    assert sorted(sorted(d["doc"].split("/")[1] for d in s["docs"]) for s in regrouped) == sorted(
        sorted(docs) for docs in events.values())


def test_the_listing_prints_a_row_per_story(flat, tmp_path, capsys):
    folder, _ = flat
    assert cli.main(["stories", str(folder), "--cache-dir", str(tmp_path / "cache")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["story", "articles", "dates", "name"] and len(lines) == 4
    assert sorted(int(line.split()[1]) for line in lines[1:]) == [2, 3, 3]


def test_story_keeps_one_story_and_every_doc_names_its_story_and_outlet(flat, tmp_path, capsys):
    folder, events = flat
    cache = str(tmp_path / "cache")
    holt = next(s["story"] for s in _stories(folder, tmp_path, capsys) if "holt_herald" in {d["doc"] for d in s["docs"]})
    assert cli.main(["entities", str(folder), "--story", holt, "--json", "--cache-dir", cache]) == 0
    mentions = [m for e in json.loads(capsys.readouterr().out)["entities"] for m in e["mentions"]]
    assert {m["doc"] for m in mentions} == set(events["holt"])
    assert {m["story"] for m in mentions} == {holt} and all("outlet" in m for m in mentions)
    assert cli.main(["entities", str(folder), "--story", "no such story", "--cache-dir", cache]) == 2
    assert "no story 'no such story'" in capsys.readouterr().err


def test_story_in_a_corpus_of_folders_reads_only_that_folder(flat, tmp_path, capsys, monkeypatch):
    from tui.preprocess import index

    folder, events = flat
    root = tmp_path / "folders"
    for event, docs in events.items():
        (root / event).mkdir(parents=True)
        for doc in docs:
            (root / event / f"{doc}.txt").write_text((folder / f"{doc}.txt").read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    read = []
    real = index.load
    monkeypatch.setattr(index, "load", lambda corpus, *a, **k: read.append(sorted(corpus.files)) or real(corpus, *a, **k))
    assert cli.main(["quotes", str(root), "--story", "BRANDT", "--json", "--cache-dir", str(tmp_path / "c")]) == 0
    assert read == [sorted(f"brandt/{d}" for d in events["brandt"])]
    assert {q["story"] for q in json.loads(capsys.readouterr().out)["quotes"]} <= {"brandt"}


def test_the_article_list_heads_each_story_with_its_name_count_and_dates():
    from tui.app.widgets.article_list import story_heading

    found = stories.Story("holt", "Maria Holt, Cedar Grove: rehab", ("a", "b"), ("2024-07-01", "2024-07-03"))
    assert story_heading("holt", found, 2).plain == "Maria Holt, Cedar Grove: rehab · 2 · 2024-07-01 to 2024-07-03"
    assert story_heading("week1", None, 3).plain == "week1 · 3"
    one_day = stories.Story("s", "S", ("a",), ("2024-07-01", "2024-07-01"))
    assert story_heading("s", one_day, 1).plain == "S · 1 · 2024-07-01"


def _counts(words: str, names: str) -> stories.Counts:
    return stories.Counts({w: 2 for w in words.split()}, {n: 2 for n in names.split()})


def test_two_events_of_one_topic_come_apart_on_what_only_some_of_its_articles_share():
    # One team's two injury stories: every article shares the team, the coach and the words of
    # placing a player on injured reserve, and only the player, his injury and the figures differ.
    # Against unrelated stories they form one topic; within it they are two stories.
    team, names = "saints injured reserve", "orleans payton sean"
    knee = [_counts(f"{team} knee surgery mri rest miss {own}", f"{names} bush reggie #404 #2008 #52")
            for own in ("monday", "statement", "trainer")]
    ankle = [_counts(f"{team} ankle setback rusher wet playoff {own}", f"{names} thomas pierre ivory #2011 #5")
             for own in ("wednesday", "release", "roster")]
    others = [_counts(f"topic{t}a topic{t}b topic{t}c own{t}x{k}", f"place{t}a place{t}b person{t}x{k}")
              for t in range(10) for k in range(3)]
    found = stories.cluster(knee + ankle + others)
    groups = sorted(sorted(members) for _, members in found)
    assert [0, 1, 2] in groups and [3, 4, 5] in groups
    topic_of = {i: topic for topic, members in found for i in members}
    assert topic_of[0] == topic_of[3] != topic_of[6]


def test_figures_and_dates_are_terms_two_articles_can_share():
    assert stories._figures("A 4.2 quake at 9:27 a.m.; 1,500 homes; 404 yards; B52 and 3rd.") == {
        "#4.2": 1, "#9:27": 1, "#1500": 1, "#404": 1}
    assert stories._date_terms("October 19, 2008") == ["@10-19", "@2008-10"]
    assert stories._date_terms("Oct. 19") == ["@10-19"]
    assert stories._date_terms("2011-01-05T15:21:00Z") == ["@1-5", "@2011-1"]
    assert stories._date_terms("last Thursday") == []


def test_every_command_takes_story(flat, tmp_path, capsys):
    folder, events = flat
    found = _stories(folder, tmp_path, capsys)
    holt = next(s for s in found if set(events["holt"]) <= {d["doc"] for d in s["docs"]})
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert cli.main(["index", str(folder), "--story", holt["story"], *cache]) == 0
    assert capsys.readouterr().out.startswith(f"story {holt['story']}: 3 articles: 0 parsed, 3 reused")
    assert cli.main(["info", str(folder), "--story", holt["story"], *cache]) == 0
    info = capsys.readouterr().out
    assert f"story:       {holt['story']}" in info and "articles:    3, 3 in the cache" in info
    # with --story a document is looked for in that story only
    assert cli.main(["show", str(folder), "brandt_herald", "--story", holt["story"], *cache]) == 2
    assert "no article 'brandt_herald'" in capsys.readouterr().err
    assert cli.main(["show", str(folder), "holt_her", "--story", holt["story"], *cache]) == 0
    assert "Maria Holt" in capsys.readouterr().out
    # two articles of one story found by event align; of two stories, they are refused
    assert cli.main(["diff", str(folder), "holt_herald", "holt_courier", *cache]) == 0
    assert "aligned passages" in capsys.readouterr().out
    assert cli.main(["diff", str(folder), "holt_herald", "brandt_herald", *cache]) == 2
    assert "different stories" in capsys.readouterr().err
    assert cli.main(["diff", str(folder), "--story", holt["story"], "holt_her", "holt_cou", *cache]) == 0


def test_a_fragment_joins_the_closest_larger_part_at_half_the_bar():
    bar = 0.2
    parts = [[0, 1, 2], [3, 4, 5], [6], [7]]
    edges = {(0, 6): 0.33, (1, 6): 0.33, (2, 6): 0.33,   # article 6: a mean of 0.11 with the first part
             (3, 7): 0.25}                               # article 7: a mean of 0.083 with the second
    assert stories._with_fragments(edges, parts, bar) == [[0, 1, 2, 6], [3, 4, 5], [7]]
    assert stories._with_fragments(edges, [[0, 1], [6]], bar) == [[0, 1], [6]]   # no larger part to join
