"""Names and settings from outside are untrusted: nothing a corpus's file names, `corpus.yaml` or
`aliases.yaml`, a theme or the config carries reaches the terminal as a control sequence, and
none of them crashes the app."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import SEEDS
from tui import cli
from tui.app.config import Config, bad_keys
from tui.app.themes import ThemeError, load_themes, theme_from_file

CLIPBOARD = "SE9TVElMRQ=="           # what an OSC 52 would put on the clipboard ("HOSTILE")
TITLE = "PWNED"                      # what an OSC 2 would set as the window title
YAML_EVIL = rf"\e]52;c;{CLIPBOARD}\a\e]2;{TITLE}\a\u202e\u200b\x9b31m"   # in a YAML double-quoted string
NAME_EVIL = f"\x1b]52;c;{CLIPBOARD}\x07\u202e\x9b31m"
FORBIDDEN = [CLIPBOARD.encode(), TITLE.encode(), "\u202e".encode(), "\u200b".encode(), "\x9b".encode()]


def _hostile(tmp_path: Path) -> tuple[Path, Path]:
    corpus, config = tmp_path / f"corpus{NAME_EVIL}", tmp_path / "config"
    seeds = sorted(SEEDS.glob("*.txt"))
    story = corpus / f"story{NAME_EVIL}"
    story.mkdir(parents=True)
    for i, seed in enumerate(seeds):
        shutil.copy(seed, story / (f"{i}{NAME_EVIL}[@click=app.quit]x.txt" if i < 2 else seed.name))
    (corpus / "corpus.yaml").write_text(
        "articles:\n"
        f'  "story{YAML_EVIL}/0{YAML_EVIL}[@click=app.quit]x":\n'
        f'    outlet: "Outlet {YAML_EVIL} [/foo]"\n'
        f'    headline: "Headline {YAML_EVIL}"\n'
        f'    "extra{YAML_EVIL}": 1\n'
        f'  "nothing{YAML_EVIL}":\n    outlet: x\n', encoding="utf-8")
    (corpus / "aliases.yaml").write_text(
        f'rename:\n  Russia: "Russia {YAML_EVIL} [@click=app.quit]x[/]"\n'
        f'merge:\n  - ["Yoon Suk Yeol", "Yoon {YAML_EVIL}"]\n', encoding="utf-8")
    themes = config / "themes"
    themes.mkdir(parents=True)
    (themes / "markup.yaml").write_text('name: "[@click=app.quit]Evil[/]"\nprimary: "#ff0000"\ndark: true\n')
    (themes / "colour.yaml").write_text('name: badcolour\nprimary: "#ff0000"\nvariables:\n  block-cursor-foreground: nope\n')
    (themes / "typed.yaml").write_text('name: typed\nprimary: "#ff0000"\ndark: [1]\n')
    (themes / "bomb.yaml").write_text('a: &a ["x","x","x"]\nb: &b [*a,*a,*a]\nname: bomb\nprimary: "#fff"\n')
    (themes / f"file{NAME_EVIL}.yaml").write_text(f'name: "fine"\nprimary: "#00ff00"\n"odd{YAML_EVIL}": 1\n')
    (config / "config.yaml").write_text(
        f'theme: "{YAML_EVIL}nope"\nkeys:\n  "{YAML_EVIL}": x\n  app.quit: "@@@"\n  view.coverage: ",,,"\n',
        encoding="utf-8")
    return corpus, config


def test_themes_are_checked_on_load_and_named_with_their_line(tmp_path):
    _, config = _hostile(tmp_path)
    loaded = load_themes(config / "themes")
    assert [t.name for t in loaded.themes] == ["fine"] or [t.name for t in loaded.themes] == []
    problems = "\n".join(loaded.problems)
    assert "markup.yaml skipped: the name '[@click=app.quit]Evil[/]' should be" in problems and "(line 1)" in problems
    assert "colour.yaml skipped: variable 'block-cursor-foreground' should be a colour, not 'nope' (line 4)" in problems
    assert "typed.yaml skipped: 'dark' should be true or false (line 3)" in problems
    assert "bomb.yaml skipped: refused" in problems
    for bad in FORBIDDEN + [b"\x1b"]:
        assert bad not in problems.encode()
    try:
        theme_from_file(config / "themes" / "markup.yaml")
    except ThemeError:
        pass
    else:
        raise AssertionError("a theme named with markup was accepted")


def test_config_values_are_shown_safely_and_bad_keys_refused(tmp_path):
    _, config = _hostile(tmp_path)
    loaded = Config.load(config)
    said = "\n".join(loaded.problems) + loaded.theme + " ".join(loaded.keys)
    for bad in FORBIDDEN + [b"\x1b"]:
        assert bad not in said.encode()
    assert "keys for 'app.quit' refused ('@@@' is not a key)" in said
    assert "keys for 'view.coverage' refused (an empty key" in said
    assert "app.quit" not in loaded.keys and "view.coverage" not in loaded.keys
    assert bad_keys("n,j") == [] and bad_keys("ctrl+shift+x,f5,comma,at") == []


def test_commands_print_no_control_sequence(tmp_path, capsys):
    corpus, _ = _hostile(tmp_path)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    for argv in (["index", str(corpus)], ["info", str(corpus)], ["stories", str(corpus)],
                 ["entities", str(corpus)], ["entities", str(corpus), "--json"], ["quotes", str(corpus)],
                 ["align", str(corpus), "--json"], ["show", str(corpus), "story/0["], ["facts", str(corpus)],
                 ["facts", str(corpus), "--json"], ["contrast", str(corpus)], ["contrast", str(corpus), "--json"],
                 ["facts", str(corpus), "--format", "csv"], ["quotes", str(corpus), "--format", "csv"],
                 ["report", str(corpus), "-o", "-"], ["report", str(corpus), "--format", "md", "-o", "-"]):
        code = cli.main([*argv, *cache])
        out = capsys.readouterr()
        printed = (out.out + out.err).encode()
        assert code == 0, (argv, out.err)
        for bad in FORBIDDEN + [b"\x1b", b"\x07"]:
            assert bad not in printed, (argv, bad)


def test_the_app_through_every_screen_emits_none_of_it_and_keeps_running(tmp_path):
    corpus, config = _hostile(tmp_path)
    env = {**os.environ, "PARALLAX_CACHE_DIR": str(tmp_path / "cache"), "PARALLAX_CONFIG_DIR": str(config),
           "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    subprocess.run([sys.executable, "-m", "tui", "index", str(corpus)], env=env, check=True, capture_output=True)
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.executable, [sys.executable, "-m", "tui", str(corpus)], env)
    out = bytearray()

    def settle(seconds: float = 0.6) -> None:
        deadline, quiet = time.monotonic() + 15, time.monotonic() + seconds
        while time.monotonic() < deadline and time.monotonic() < quiet:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                out.extend(chunk)
                quiet = time.monotonic() + seconds

    def press(*keys: bytes) -> None:
        for key in keys:
            os.write(fd, key)
            settle(0.4)

    try:
        deadline = time.monotonic() + 30
        while b"Yonhap" not in out and time.monotonic() < deadline:
            settle(0.2)
        assert b"Yonhap" in out, bytes(out[-2000:])
        settle(1.0)
        esc = b"\x1b"
        press(b"/", b"Russia", b"\r", esc)                 # search, then back
        press(b"d", esc, b"c", b"\r", esc, b"m", esc)      # diff, compare, coverage
        press(b"w", esc, b"g", esc, b"?", esc)             # quotes, stories, help
        press(b"f", b"x", esc, b"v", b"\r", b"\x1b[C", b"\r", esc, esc)   # facts, wording and a term's sentences
        press(b"\x10", b"\x1b[6~", b"\x1b[6~", b"theme", esc, esc)   # the palette, PgDn twice
        press(b"\x14", b"\x1b[B", b"\x1b[B", esc)          # the theme picker
        press(b"3", b"Russia", b"\r", b"e", esc)           # an entity's concordance
        alive = os.waitpid(pid, os.WNOHANG) == (0, 0)
        press(b"q")
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert alive, bytes(out[-3000:])
    assert os.waitstatus_to_exitcode(status) == 0
    for bad in FORBIDDEN:
        assert bad not in out, bad


def test_an_unhandled_error_in_the_app_exits_non_zero_and_names_its_log(tmp_path, monkeypatch, capsys):
    from tui.app.app import ParallaxApp

    def crashes(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - as Textual leaves an app that failed
        try:
            raise RuntimeError("boom in a handler")
        except RuntimeError as exc:
            self._exception, self._return_code = exc, 1

    monkeypatch.setattr(ParallaxApp, "run", crashes)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("platformdirs.user_log_dir", lambda *a, **k: str(tmp_path / "logs"))
    assert cli.main([]) == 1
    said = capsys.readouterr().err
    assert "the app stopped on an error; its traceback is in" in said
    log = Path(said.rsplit(" ", 1)[-1].strip())
    assert log.parent == tmp_path / "logs" and "RuntimeError: boom in a handler" in log.read_text()


def test_index_names_a_fifo_a_device_and_a_folder_it_cannot_list(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder / "real.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "locked").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):  # noqa: ANN001, ANN003, ANN202 - a folder this user may not list
        for dirpath, dirnames, filenames in real_walk(top, onerror=onerror, **kwargs):
            if Path(dirpath).name == "locked":
                onerror(PermissionError(13, "Permission denied", dirpath))
                continue
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(os, "walk", walk)
    started = time.monotonic()
    assert cli.main(["index", str(folder), "--cache-dir", str(tmp_path / "cache")]) == 0
    assert time.monotonic() - started < 60
    assert cli.main(["info", str(folder), "--cache-dir", str(tmp_path / "cache")]) == 0
    said = capsys.readouterr().out
    assert "not read     pipe.txt: not a regular file: a named pipe (FIFO)" in said
    assert "not read     zero.txt: not a regular file: a device (through a symlink)" in said
    assert "not read     locked: cannot read the folder: Permission denied" in said
    assert "1 files, 1 readable" in said


def test_utf8_with_a_stray_byte_stays_utf8_and_utf16_without_a_bom_is_read(tmp_path):
    from tui.preprocess.decode import decode

    text = "The minister said \u201cwe will act\u201d \u2014 today, in Zürich.\n" * 3
    damaged = text.encode("utf-8")
    damaged = damaged[:10] + b"\xff" + damaged[10:]
    got = decode(damaged)
    assert got.encoding == "utf-8" and "\u201cwe will act\u201d" in got.text and "1 invalid byte" in got.warning
    for encoding in ("utf-16-le", "utf-16-be"):
        got = decode(text.encode(encoding))
        assert got.encoding == encoding and got.text == text and "without a byte-order mark" in got.warning
    western = "Le café est très bon, où est la gare ? Ça va.\n".encode("cp1252") * 3
    assert decode(western).text.startswith("Le café est très bon")   # an 8-bit file is still read as one


def test_a_settings_file_that_is_a_fifo_or_a_device_is_refused_not_read(tmp_path):
    themes = tmp_path / "themes"
    themes.mkdir()
    os.mkfifo(themes / "pipe.yaml")
    (themes / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "config.yaml")
    started = time.monotonic()
    loaded = load_themes(themes)
    config = Config.load(tmp_path)
    assert time.monotonic() - started < 10   # a FIFO opened for reading would block until a writer came
    assert "theme file pipe.yaml skipped: refused: pipe.yaml is not a regular file" in loaded.problems
    assert "theme file zero.yaml skipped: refused: zero.yaml is not a regular file" in loaded.problems
    assert any("config.yaml is not a regular file" in p for p in config.problems)
