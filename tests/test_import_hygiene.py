"""The layers stay honest: imports only go down (cli → app → analysis → preprocess → model), no two
modules import each other, the core loads neither Textual nor spaCy, and a warm start never
imports spaCy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tui"

# Each layer may import its own and those below it. Anything not named here is the ground
# (tui.model, tui.paths, tui.safe_yaml, the package itself).
LAYERS = {"tui.preprocess": 1, "tui.analysis": 2, "tui.app": 3, "tui.cli": 4, "tui.output": 4, "tui.report": 4,
          "tui.__main__": 4}
NAMES = {0: "model", 1: "preprocess", 2: "analysis", 3: "app", 4: "cli"}


def layer(module: str) -> int:
    return max((rank for prefix, rank in LAYERS.items() if module == prefix or module.startswith(prefix + ".")),
               default=0)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of a `tui` module in the file, wherever it stands
    (inside a function or an `if TYPE_CHECKING:` too: a lazy import is still a dependency).
    `from X import name` counts as importing `X.name` where that is a module."""
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == root.name]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != root.name:
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                where = root.parent / Path(*sub.split("."))
                is_module = where.with_suffix(".py").exists() or (where / "__init__.py").exists()
                found.append((node.lineno, sub if is_module else target))
    return list(dict.fromkeys(found))


def graph(root: Path) -> dict[str, list[tuple[int, str]]]:
    return {module_name(p, root): imports_of(p, root) for p in sorted(root.rglob("*.py"))}


def wrong_way(root: Path) -> list[str]:
    """Every import of a higher layer by a lower one, and of the app's module by the command
    palette (which is handed the app it serves)."""
    out = []
    for module, imports in graph(root).items():
        for line, target in imports:
            if layer(target) > layer(module):
                out.append(f"{module}:{line} ({NAMES[layer(module)]}) imports {target} ({NAMES[layer(target)]})")
            elif module.endswith("app.commands") and target.endswith("app.app"):
                out.append(f"{module}:{line} imports {target}: the palette must not import the app's module")
    return out


def cycles(root: Path) -> list[list[str]]:
    """Import circles between modules (a package importing its own submodules aside)."""
    edges = {m: {t for _, t in imps if t != m and not t.startswith(m + ".")} for m, imps in graph(root).items()}
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for m in sorted(edges):
        if m not in state:
            visit(m, [m])
    return found


def test_imports_only_go_down():
    assert wrong_way(PACKAGE) == []


def test_no_module_imports_one_that_imports_it():
    assert cycles(PACKAGE) == []


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("preprocess/cache.py", "from ..analysis.align import AlignedPair\n", "imports tui.analysis.align (analysis)"),
    ("preprocess/cache.py", "def f():\n    from tui.app import app\n", "imports tui.app.app (app)"),
    ("model.py", "from .preprocess import cache\n", "imports tui.preprocess.cache (preprocess)"),
    ("analysis/align.py", "if True:\n    from ..cli import main\n", "imports tui.cli (cli)"),
    ("app/commands.py", "from .app import ParallaxApp\n", "the palette must not import"),
])
def test_a_wrong_way_import_is_caught(tmp_path, module, source, expected):
    """The checker itself: plant a wrong-way import in a copy of the package and it is named."""
    import shutil

    copy = tmp_path / "tui"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + "\n" + source, encoding="utf-8")
    problems = wrong_way(copy)
    assert len(problems) == 1 and expected in problems[0], problems


def test_a_circle_is_caught(tmp_path):
    import shutil

    copy = tmp_path / "tui"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    (copy / "analysis" / "match.py").write_text(
        (copy / "analysis" / "match.py").read_text(encoding="utf-8") + "\nfrom . import align\n", encoding="utf-8")
    assert ["tui.analysis.align", "tui.analysis.match", "tui.analysis.align"] in cycles(copy)


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True, timeout=120)
    return set(out.stdout.split())


def test_the_core_imports_without_textual_or_spacy():
    """Every module of preprocess and analysis, and the CLI, imports without either."""
    core = sorted(m for m in graph(PACKAGE) if layer(m) in (0, 1, 2)) + ["tui.cli"]
    mods = _modules_after("\n".join(f"import {m}" for m in core))
    assert "tui.analysis.quotes" in mods and "tui.preprocess.index" in mods
    assert "textual" not in mods
    assert "spacy" not in mods


def test_warm_cache_load_does_not_import_spacy(seed_articles, seed_cache_dir):
    mods = _modules_after(
        "from tui.preprocess import index; from tui.preprocess.corpus import open_corpus\n"
        "from tui.paths import bundled_corpus\n"
        f"c = open_corpus(bundled_corpus()); a, r = index.load(c, index.open_cache(c, {str(seed_cache_dir)!r}))\n"
        "assert len(r.reused) == 5 and not r.parsed, r"
    )
    assert "spacy" not in mods and "textual" not in mods


def test_app_on_a_warm_cache_paints_without_spacy(seed_articles, seed_cache_dir):
    mods = _modules_after(
        "import asyncio\n"
        "from tui.app.app import ParallaxApp\n"
        "from tui.paths import bundled_corpus\n"
        "async def main():\n"
        f"    app = ParallaxApp(bundled_corpus(), cache_dir={str(seed_cache_dir)!r})\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        assert app.screen.query_one('#panes').display\n"
        "asyncio.run(main())"
    )
    assert "textual" in mods and "spacy" not in mods
