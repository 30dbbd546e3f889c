"""User corrections to entity resolution: `aliases.yaml` in the corpus folder, applied last.

    merge:                       # each list is one entity: names or aliases of those to merge
      - [Yoon Suk Yeol, President Yoon]
    split:                       # written forms to take out of an entity, into one of their own
      Kim Jong Un: [Kim]
    rename:                      # entity name or alias: the name to show
      Yoon Suk Yeol: President Yoon Suk Yeol
    ignore: [Yonhap, AP]         # entities to leave out

Names match case-, quote- and hyphen-insensitively (as `normalise` folds them), against an
entity's name, its aliases and its mentions' text, in every story. A malformed file raises
`AliasesError` saying where it is wrong.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import safe_yaml
from ..model import Entity, Mention
from .resolve import display_form, in_alias_order, normalise

FILENAME = "aliases.yaml"



class AliasesError(Exception):
    """An aliases file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Overrides:
    merge: tuple[tuple[str, ...], ...] = ()
    split: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rename: tuple[tuple[str, str], ...] = ()
    ignore: tuple[str, ...] = ()
    source: str = field(default="", compare=False)

    def __bool__(self) -> bool:
        return bool(self.merge or self.split or self.rename or self.ignore)

    def fingerprint(self) -> str:
        return repr((self.merge, self.split, self.rename, self.ignore))


def _names(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, (str, int, float)) for v in value):
        raise AliasesError(f"{where}: expected a name or a list of names")
    return tuple(str(v) for v in value)


def load_overrides(corpus_root: Path) -> Overrides:
    """The corpus's `aliases.yaml`, or no overrides when there is none."""
    path = Path(corpus_root) / FILENAME
    try:
        data = safe_yaml.load_file(path)
    except FileNotFoundError:
        return Overrides()
    except safe_yaml.Refused as exc:
        raise AliasesError(f"{path}: refused: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AliasesError(f"{path}: unreadable ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise AliasesError(f"{path}: not valid YAML{where}") from None
    if data is None:
        return Overrides(source=str(path))
    if not isinstance(data, dict):
        raise AliasesError(f"{path}: expected a mapping with merge, split, rename and ignore")
    unknown = sorted(set(map(str, data)) - {"merge", "split", "rename", "ignore"})
    if unknown:
        raise AliasesError(f"{path}: unknown section(s) {', '.join(unknown)} (expected merge, split, rename, ignore)")
    merge = data.get("merge") or []
    if not isinstance(merge, list):
        raise AliasesError(f"{path}: merge: expected a list of lists of names")
    merges = tuple(_names(group, f"{path}: merge item {i + 1}") for i, group in enumerate(merge))
    if any(len(group) < 2 for group in merges):
        raise AliasesError(f"{path}: merge: each item needs two names or more")
    pairs = {}
    for section in ("split", "rename"):
        value = data.get(section) or {}
        if not isinstance(value, dict):
            raise AliasesError(f"{path}: {section}: expected a mapping of entity name to "
                               + ("the forms to split off" if section == "split" else "its new name"))
        pairs[section] = value
    splits = tuple((str(k), _names(v, f"{path}: split {k!r}")) for k, v in pairs["split"].items())
    renames = []
    for k, v in pairs["rename"].items():
        if not isinstance(v, (str, int, float)) or not str(v).strip():
            raise AliasesError(f"{path}: rename {k!r}: expected the new name")
        renames.append((str(k), str(v)))
    ignore = _names(data["ignore"], f"{path}: ignore") if data.get("ignore") else ()
    return Overrides(merges, splits, tuple(renames), ignore, str(path))


def _matches(entity: Entity, keys: set[str]) -> bool:
    return bool(keys & ({normalise(entity.name)} | {normalise(a) for a in entity.aliases}
                        | {normalise(m.text) for m in entity.mentions}))


def _rebuilt(entity: Entity, mentions: Sequence[Mention], name: str | None = None) -> Entity:
    forms = Counter(display_form(m.text) for m in mentions)
    name = name or entity.name
    aliases = in_alias_order([f for f in forms if normalise(f) != normalise(name)] + (
        [entity.name] if normalise(entity.name) != normalise(name) else []))
    return dataclasses.replace(entity, name=name, aliases=aliases, mentions=tuple(mentions))


def apply(entities: Sequence[Entity], overrides: Overrides) -> list[Entity]:
    """`entities` of one or more stories with the user's corrections applied, in this order:
    ignore, split, merge, rename."""
    if not overrides:
        return list(entities)
    ignored = {normalise(n) for n in overrides.ignore}
    out = [e for e in entities if not _matches(e, ignored)]

    for name, forms in overrides.split:
        keys, take = {normalise(name)}, {normalise(f) for f in forms}
        result = []
        for e in out:
            moved = [m for m in e.mentions if normalise(m.text) in take]
            if _matches(e, keys) and moved and len(moved) < len(e.mentions):
                kept = [m for m in e.mentions if normalise(m.text) not in take]
                result.append(_rebuilt(e, kept))
                top = Counter(display_form(m.text) for m in moved).most_common(1)[0][0]
                result.append(_rebuilt(dataclasses.replace(e, id=f"{e.id}.split", name=top, aliases=()), moved, top))
            else:
                result.append(e)
        out = result

    for group in overrides.merge:
        keys = {normalise(n) for n in group}
        by_story: dict[str, list[Entity]] = {}
        for e in out:
            if _matches(e, keys):
                by_story.setdefault(e.story, []).append(e)
        for members in by_story.values():
            if len(members) < 2:
                continue
            first = members[0]
            mentions = sorted((m for e in members for m in e.mentions), key=lambda m: (m.doc, m.start))
            merged = _rebuilt(first, mentions, group[0])
            gone = {e.id for e in members[1:]}
            out = [merged if e.id == first.id else e for e in out if e.id not in gone]

    for old, new in overrides.rename:
        keys = {normalise(old)}
        out = [_rebuilt(e, e.mentions, new) if _matches(e, keys) else e for e in out]
    return out
