"""`--format csv`: each CSV reads back, with Python's csv module, to the values of the JSON, and
no cell is a formula a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tui import cli, output


def _run(args: list[str], capsys) -> str:  # noqa: ANN001
    assert cli.main(args) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")                 # a byte-order mark: spreadsheets read it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def _cell(value: object) -> str:
    """What a JSON value becomes in a cell, as documented."""
    return output.csv_cell(value)


def _json_rows(command: str, data: dict) -> list[dict]:
    if command == "entities":
        return [{"id": e["id"], "name": e["name"], "label": e["label"], "aliases": "; ".join(e["aliases"]), **m}
                for e in data["entities"] for m in e["mentions"]]
    if command == "align":
        return [{**{f"{side}_{k}": v for side in "ab" for k, v in p[side].items()}, "score": p["score"], "kind": p["kind"]}
                for p in data["pairs"]]
    if command == "quotes":
        return data["quotes"]
    return cli._fact_rows(data)


@pytest.mark.parametrize("command", ["entities", "align", "quotes", "facts"])
def test_each_csv_reads_back_to_the_jsons_values(seed_articles, seed_cache_dir, capsys, command):
    cache = ["--cache-dir", str(seed_cache_dir)]
    data = json.loads(_run([command, "--json", *cache], capsys))
    rows = _rows(_run([command, "--format", "csv", *cache], capsys))
    expected = _json_rows(command, data)
    assert len(rows) == len(expected) > 0
    for row, want in zip(rows, expected, strict=True):
        for key, cell in row.items():
            if key in want:
                assert cell == _cell(want[key]), (command, key)
    assert set(rows[0]) == set(getattr(cli, {"entities": "ENTITY_COLUMNS", "align": "ALIGN_COLUMNS",
                                             "quotes": "QUOTE_COLUMNS", "facts": "FACT_COLUMNS"}[command]))


def test_a_formula_like_cell_is_neutralised(tmp_path, capsys):
    story = tmp_path / "c" / "story"
    story.mkdir(parents=True)
    shared = "=HYPERLINK(\"http://evil.example/\",\"click\") was typed into the form by the officials on Monday morning."
    for name in ("one", "two"):
        (story / f"{name}.txt").write_text(f"Report {name}\n\n{shared}\n\n@SUM(1+1) and -2+3 were also found there.\n",
                                           encoding="utf-8")
    cache = ["--cache-dir", str(tmp_path / "cache")]
    data = json.loads(_run(["align", str(tmp_path / "c"), "--json", *cache], capsys))
    rows = _rows(_run(["align", str(tmp_path / "c"), "--format", "csv", *cache], capsys))
    texts = [r[k] for r in rows for k in ("a_text", "b_text")]
    raw = [p[k]["text"] for p in data["pairs"] for k in "ab"]
    assert any(t.startswith("=HYPERLINK") for t in raw)
    for shown, value in zip(texts, raw, strict=True):
        assert not shown.startswith(("=", "+", "-", "@"))
        assert shown == ("'" + value if value.startswith(("=", "+", "-", "@")) else value)
    assert [output.csv_cell(v) for v in ("-2+3", "+1", "@x", "\tx", "plain", 3, 0.5, None, True)] == [
        "'-2+3", "'+1", "'@x", "'\tx", "plain", "3", "0.5", "", "true"]
