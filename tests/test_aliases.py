"""User overrides of entity resolution (aliases.yaml)."""

from __future__ import annotations

import json

import pytest

from tests.test_resolve import article
from tui.analysis.aliases import AliasesError, Overrides, apply, load_overrides
from tui.analysis.resolve import resolve
from tui.cli import main


def entities():
    a = article("a", "Kim Jong Un met Kim Tae-hyo. Kim smiled. Yonhap reported it. AP too.",
                [("Kim Jong Un", "PERSON"), ("Kim Tae-hyo", "PERSON"), ("Kim", "PERSON"), ("Yonhap", "ORG"),
                 ("AP", "ORG")])
    b = article("b", "Chairman Kim and Jong-un Kim spoke.", [("Chairman Kim", "PERSON"), ("Jong-un Kim", "PERSON")])
    return resolve([a, b])


def names(ents) -> set[str]:
    return {e.name for e in ents}


def test_ignore_rename_merge_and_split():
    base = entities()
    assert {"Yonhap", "AP"} <= names(base)
    out = apply(base, Overrides(ignore=("yonhap", "A.P.")))
    assert not {"Yonhap", "AP"} & names(out)
    out = apply(base, Overrides(rename=(("Kim Tae-hyo", "Kim Tae-hyo (NSO)"),)))
    renamed = next(e for e in out if e.name == "Kim Tae-hyo (NSO)")
    assert "Kim Tae-hyo" in renamed.aliases
    out = apply(base, Overrides(merge=(("Kim Jong Un", "Kim Tae-hyo"),)))
    merged = next(e for e in out if e.name == "Kim Jong Un")
    assert {"Kim Tae-hyo"} <= set(merged.aliases) and len(out) == len(base) - 1
    kju = next(e for e in base if e.name == "Kim Jong Un")
    assert "Kim" in {m.text for m in kju.mentions}
    out = apply(base, Overrides(split=(("Kim Jong Un", ("Kim",)),)))
    assert "Kim" not in {m.text for m in next(e for e in out if e.name == "Kim Jong Un").mentions}
    assert any(e.name == "Kim" for e in out) and len(out) == len(base) + 1


def test_loading_and_errors(tmp_path):
    assert load_overrides(tmp_path) == Overrides()
    (tmp_path / "aliases.yaml").write_text("merge:\n  - [A, B]\nsplit:\n  X: Y\nrename:\n  C: D\nignore: E\n")
    o = load_overrides(tmp_path)
    assert o == Overrides(merge=(("A", "B"),), split=(("X", ("Y",)),), rename=(("C", "D"),), ignore=("E",))
    for body, why in [("merge: [A, B\n", "not valid YAML at line"), ("- a\n", "expected a mapping"),
                      ("merge: [[A]]\n", "two names or more"), ("nonsense: 1\n", "unknown section"),
                      ("rename: [A]\n", "rename: expected a mapping"), ("rename:\n  A: [B]\n", "expected the new name"),
                      ("merge:\n  - {a: 1}\n", "merge item 1")]:
        (tmp_path / "aliases.yaml").write_text(body)
        with pytest.raises(AliasesError, match=why):
            load_overrides(tmp_path)


def test_cli_applies_the_file_and_reports_a_bad_one(seed_copy, capsys):
    (seed_copy / "aliases.yaml").write_text("rename:\n  Yoon Suk Yeol: President Yoon\nignore: [NATO]\n")
    assert main(["entities", str(seed_copy), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    got = {e["name"] for e in data["entities"]}
    assert "President Yoon" in got and "Yoon Suk Yeol" not in got and "NATO" not in got
    (seed_copy / "aliases.yaml").write_text("merge: 3\n")
    assert main(["entities", str(seed_copy)]) == 2
    assert "aliases.yaml: merge: expected a list" in capsys.readouterr().err
