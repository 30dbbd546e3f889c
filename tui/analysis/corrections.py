"""Corrections a user makes from the app, kept in the corpus folder beside its articles.

- entities go to `aliases.yaml` (merge, split; see `aliases`), which a user may also write by hand;
- quotations' speakers go to `corrections.yaml`:

      speakers:
        - doc: topic31/omaha_2       # the article
          at: 1234                   # where the quotation starts in its cleaned text
          words: We're going to do   # its first words, to find it again if the text moved
          speaker: Doug McDermott    # an entity's name or alias; null for "not named"

Both are written in the corpus folder, or, when it is read-only, in the corpus's cache folder,
and read from both (the corpus folder's first). A file is rewritten whole and atomically; the
comments at its top are kept, and when other comments would be lost the file as it was is
kept beside it as `<name>.bak`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .. import safe_yaml
from ..model import Entity, Quote
from ..preprocess.cache import atomic_write
from ..untrusted import shown
from .resolve import normalise

FILENAME = "corrections.yaml"
WORDS = 8            # a quotation's first words that identify it again: a sentence's opening clause
CORRECTED = "corrected"    # `Quote.by` of a speaker a user chose
CHECKED = "checked"        # its `Quote.confidence`: a person read it


class CorrectionsError(Exception):
    """A corrections file that cannot be read or written; the message names the file and why."""


def writable_folder(corpus_root: Path, cache_root: Path) -> Path:
    """Where corrections are written: the corpus folder when a file can be made in it (tried,
    not asked: permission bits say nothing to root, or on a read-only mount), else the cache's."""
    try:
        fd, name = tempfile.mkstemp(prefix=".parallax-", dir=corpus_root)
    except OSError:
        return cache_root
    os.close(fd)
    os.unlink(name)
    return Path(corpus_root)


def update_file(path: Path, change: Callable[[dict], None], header: str) -> None:
    """Read the YAML mapping at `path` (none yet: empty), let `change` edit it, write it back.
    Raises `CorrectionsError` when the file is unusable or the result would be too large."""
    where = shown(path)
    try:
        text = safe_yaml.read_bounded(path).decode("utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CorrectionsError(f"{where}: unreadable ({exc})") from None
    try:
        data = safe_yaml.load(text) or {}
    except yaml.YAMLError as exc:
        raise CorrectionsError(f"{where}: {safe_yaml.problem(exc)}; fix it by hand first") from None
    if not isinstance(data, dict):
        raise CorrectionsError(f"{where}: expected a mapping; fix it by hand first")
    change(data)
    lines = text.splitlines()
    top = []
    for line in lines:
        if not line.startswith("#"):
            break
        top.append(line)
    if any("#" in line for line in lines[len(top):]):   # comments that the rewrite drops
        atomic_write(path.with_name(path.name + ".bak"), text.encode("utf-8"))
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    out = "\n".join(top or header.splitlines()) + "\n" + body
    if len(out.encode("utf-8")) > safe_yaml.SETTINGS_BYTES:
        raise CorrectionsError(f"{where}: would grow past {safe_yaml.SETTINGS_BYTES >> 20} MiB; not written")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomic_write(path, out.encode("utf-8"))
    except OSError as exc:
        raise CorrectionsError(f"{where}: not written ({exc.strerror or exc})") from None


class _Dumper(safe_yaml.SafeDumper):
    """Block style, except that a list of names is one line: `- [Yoon Suk Yeol, President Yoon]`."""


def _list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
    flat = all(isinstance(i, (str, int, float)) for i in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flat)


_Dumper.add_representer(list, _list)


# --- quotations' speakers ------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerFix:
    doc: str
    at: int
    words: str
    speaker: str | None    # None: nobody named


def first_words(text: str) -> str:
    return " ".join(text.split()[:WORDS])


def load_fixes(folders: Iterable[Path]) -> tuple[SpeakerFix, ...]:
    """The speaker corrections of each folder's `corrections.yaml`, in order (a later one for
    the same quotation wins). Raises `CorrectionsError` saying where a file is wrong."""
    out: list[SpeakerFix] = []
    for folder in folders:
        path = Path(folder) / FILENAME
        where = shown(path)
        try:
            data = safe_yaml.load_file(path)
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            raise CorrectionsError(f"{where}: unreadable ({exc})") from None
        except yaml.YAMLError as exc:
            raise CorrectionsError(f"{where}: {safe_yaml.problem(exc)}") from None
        if data is None:
            continue
        if not isinstance(data, dict) or set(data) - {"speakers"}:
            raise CorrectionsError(f"{where}: expected a mapping with one section, speakers")
        items = data.get("speakers") or []
        if not isinstance(items, list):
            raise CorrectionsError(f"{where}: speakers: expected a list")
        for n, item in enumerate(items, 1):
            if (not isinstance(item, dict) or not isinstance(item.get("doc"), str)
                    or not isinstance(item.get("at"), int) or isinstance(item.get("at"), bool)
                    or not isinstance(item.get("words"), str)
                    or not (item.get("speaker") is None or isinstance(item.get("speaker"), (str, int, float)))):
                raise CorrectionsError(f"{where}: speakers item {n}: expected doc, at (a number), words and speaker")
            speaker = item.get("speaker")
            out.append(SpeakerFix(item["doc"], item["at"], " ".join(item["words"].split()),
                                  None if speaker is None else shown(speaker)))
    return tuple(out)


def add_fix(folder: Path, fix: SpeakerFix) -> Path:
    """Write `fix` into `folder`'s corrections file, replacing any earlier one for the same
    quotation. Returns the file's path."""
    path = Path(folder) / FILENAME

    def change(data: dict) -> None:
        items = data.get("speakers")
        if not isinstance(items, list):
            items = []
        items = [i for i in items if not (isinstance(i, dict) and (i.get("doc"), i.get("at")) == (fix.doc, fix.at))]
        items.append({"doc": fix.doc, "at": fix.at, "words": fix.words, "speaker": fix.speaker})
        data["speakers"] = items

    update_file(path, change, "# Speakers of quotations, as corrected in Parallax (null: not named).")
    return path


def _quote_for(fix: SpeakerFix, quotes: Sequence[Quote]) -> Quote | None:
    """The quotation `fix` names: of its article, opening with its words, the nearest to where
    it was (the text may have moved since)."""
    found = [q for q in quotes if first_words(q.text) == fix.words]
    return min(found, key=lambda q: abs(q.start - fix.at)) if found else None


def _entity_for(name: str, doc: str, story: Sequence[Entity]) -> Entity | None:
    key = normalise(name)
    named = [e for e in story if key in {normalise(e.name), *map(normalise, e.aliases)}]
    return max(named, key=lambda e: (sum(m.doc == doc for m in e.mentions), len(e.mentions)), default=None)


def apply_fixes(quotes: Sequence[Quote], fixes: Sequence[SpeakerFix], story_of: dict[str, str],
                entities: Iterable[Entity]) -> tuple[list[Quote], list[SpeakerFix]]:
    """`quotes` with each fix's speaker put on its quotation, and the fixes that found no
    quotation, or no entity of that name in the quotation's story."""
    if not fixes:
        return list(quotes), []
    by_doc: dict[str, list[Quote]] = {}
    for q in quotes:
        by_doc.setdefault(q.doc, []).append(q)
    by_story: dict[str, list[Entity]] = {}
    for e in entities:
        by_story.setdefault(e.story, []).append(e)
    changed: dict[int, Quote] = {}
    missed = []
    for fix in fixes:
        q = _quote_for(fix, by_doc.get(fix.doc, ()))
        if q is None:
            if fix.doc in story_of:   # an article not loaded (another story) is not a miss
                missed.append(fix)
            continue
        if fix.speaker is None:
            speaker = None
        else:
            entity = _entity_for(fix.speaker, q.doc, by_story.get(story_of.get(q.doc, ""), ()))
            if entity is None:
                missed.append(fix)
                continue
            speaker = entity.id
        changed[id(q)] = replace(changed.get(id(q), q), speaker=speaker, by=CORRECTED, confidence=CHECKED,
                                 source=fix.speaker if speaker else q.source)
    return [changed.get(id(q), q) for q in quotes], missed
