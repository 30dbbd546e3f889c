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

The app's sidebar writes merges and splits here too (`add_merge`, `add_split`): in the corpus
folder, or in its cache folder when the corpus is read-only; both are read.
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
from ..untrusted import shown
from .corrections import update_file
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
    names = tuple(shown(v) for v in value)
    if not all(names):
        raise AliasesError(f"{where}: a name with no visible characters")
    return names


def load_overrides(corpus_root: Path, *more: Path) -> Overrides:
    """The corpus's `aliases.yaml`, then those of the folders in `more` (the cache folder, where
    the app writes for a read-only corpus), as one set of overrides; none when there is none."""
    found = [_load(Path(folder) / FILENAME) for folder in (corpus_root, *more)]
    found = [o for o in found if o.source]
    if len(found) <= 1:
        return found[0] if found else Overrides()
    return Overrides(*(tuple(x for o in found for x in getattr(o, f)) for f in ("merge", "split", "rename", "ignore")),
                     source=", ".join(o.source for o in found))


def _load(path: Path) -> Overrides:
    where = shown(path)   # the corpus folder's name is untrusted too
    try:
        data = safe_yaml.load_file(path)
    except (FileNotFoundError, NotADirectoryError):
        return Overrides()
    except (OSError, UnicodeDecodeError) as exc:
        raise AliasesError(f"{where}: unreadable ({exc})") from None
    except yaml.YAMLError as exc:
        raise AliasesError(f"{where}: {safe_yaml.problem(exc)}") from None
    if data is None:
        return Overrides(source=where)
    if not isinstance(data, dict):
        raise AliasesError(f"{where}: expected a mapping with merge, split, rename and ignore")
    unknown = sorted(set(map(shown, data)) - {"merge", "split", "rename", "ignore"})
    if unknown:
        raise AliasesError(f"{where}: unknown section(s) {', '.join(unknown)} (expected merge, split, rename, ignore)")
    merge = data.get("merge") or []
    if not isinstance(merge, list):
        raise AliasesError(f"{where}: merge: expected a list of lists of names")
    merges = tuple(_names(group, f"{where}: merge item {i + 1}") for i, group in enumerate(merge))
    if any(len(group) < 2 for group in merges):
        raise AliasesError(f"{where}: merge: each item needs two names or more")
    pairs = {}
    for section in ("split", "rename"):
        value = data.get(section) or {}
        if not isinstance(value, dict):
            raise AliasesError(f"{where}: {section}: expected a mapping of entity name to "
                               + ("the forms to split off" if section == "split" else "its new name"))
        pairs[section] = value
    splits = tuple((shown(k), _names(v, f"{where}: split '{shown(k)}'")) for k, v in pairs["split"].items())
    renames = []
    for k, v in pairs["rename"].items():
        if not isinstance(v, (str, int, float)) or not shown(v):
            raise AliasesError(f"{where}: rename '{shown(k)}': expected the new name")
        renames.append((shown(k), shown(v)))
    ignore = _names(data["ignore"], f"{where}: ignore") if data.get("ignore") else ()
    return Overrides(merges, splits, tuple(renames), ignore, where)


def _matches(entity: Entity, keys: set[str]) -> bool:
    return bool(keys & ({normalise(entity.name)} | {normalise(a) for a in entity.aliases}
                        | {normalise(m.text) for m in entity.mentions}))


def _rebuilt(entity: Entity, mentions: Sequence[Mention], name: str | None = None) -> Entity:
    forms = Counter(display_form(m.text) for m in mentions)
    name = name or entity.name
    aliases = in_alias_order([f for f in forms if normalise(f) != normalise(name)] + (
        [entity.name] if normalise(entity.name) != normalise(name) else []))
    return dataclasses.replace(entity, name=name, aliases=aliases, mentions=tuple(mentions))


def _renamed(entity: Entity, renames: dict[str, str]) -> str | None:
    for key in [normalise(entity.name), *(normalise(a) for a in entity.aliases)]:
        if key in renames:
            return renames[key]
    return None


def _merged(entities: list[Entity], groups: Sequence[tuple[str, ...]]) -> list[Entity]:
    """`entities` with each merge group's matches in one story made one entity, named by the
    last group that took part in it. Groups are found through an index of names, so twenty
    thousand of them cost one pass, not one pass each; a chain of groups (A with B, then B with
    C) makes one entity, as merging one after the other would."""
    if not groups:
        return entities
    groups_of: dict[str, list[int]] = {}
    for g, group in enumerate(groups):
        for n in group:
            groups_of.setdefault(normalise(n), []).append(g)
    parent = list(range(len(entities)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    matched = [{g for key in {normalise(e.name), *(normalise(a) for a in e.aliases)} for g in groups_of.get(key, ())}
               for e in entities]
    size = Counter((e.story, g) for e, gs in zip(entities, matched) for g in gs)
    first_in: dict[tuple[str, int], int] = {}   # (story, group) -> the first entity it matched
    named: dict[int, int] = {}                   # entity -> the last group that merged it with another
    for i, e in enumerate(entities):
        for g in matched[i]:
            if size[e.story, g] < 2:
                continue   # a group that names one entity of the story merges nothing
            j = first_in.setdefault((e.story, g), i)
            if j != i:
                parent[root(i)] = root(j)
            named[i] = max(named.get(i, -1), g)
    members: dict[int, list[int]] = {}
    for i in range(len(entities)):
        members.setdefault(root(i), []).append(i)
    out = []
    for i, e in enumerate(entities):
        group = members[root(i)]
        if len(group) == 1:
            out.append(e)
        elif group[0] == i:   # the merged entity takes the place of the first
            mentions = sorted((m for j in group for m in entities[j].mentions), key=lambda m: (m.doc, m.start))
            out.append(_rebuilt(e, mentions, groups[max(named[j] for j in group)][0]))
    return out


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

    out = _merged(out, overrides.merge)
    renames: dict[str, str] = {}
    for old, new in overrides.rename:   # the first rule naming an entity wins
        renames.setdefault(normalise(old), new)
    if renames:   # each entity by what it was called before any rename: A -> B, B -> A swaps them
        out = [_rebuilt(e, e.mentions, new) if (new := _renamed(e, renames)) else e for e in out]
    return out


# --- written from the app --------------------------------------------------------------------------

HEADER = "# Corrections to Parallax's entities: merge, split, rename, ignore (see the README)."


def rule_name(entity: Entity, overrides: Overrides) -> str:
    """The name by which this file's rules find `entity`: a merge or split is applied before any
    rename, so an entity shown under a new name is found by the name it had."""
    renamed_to = {normalise(new) for _, new in overrides.rename}
    return next((n for n in (entity.name, *entity.aliases) if normalise(n) not in renamed_to), entity.name)


def _section(data: dict, name: str, kind: type) -> object:
    value = data.get(name)
    if not isinstance(value, kind):
        value = data[name] = kind()
    return value


def add_merge(folder: Path, names: Sequence[str]) -> Path:
    """Add a merge of `names` (the first names the result) to `folder`'s aliases file."""
    path = Path(folder) / FILENAME
    update_file(path, lambda data: _section(data, "merge", list).append(list(names)), HEADER)
    return path


def add_split(folder: Path, name: str, forms: Sequence[str]) -> Path:
    """Add to `folder`'s aliases file that `forms` are split out of the entity `name`."""
    def change(data: dict) -> None:
        splits = _section(data, "split", dict)
        before = splits.get(name)
        before = [before] if isinstance(before, str) else before if isinstance(before, list) else []
        splits[name] = list(dict.fromkeys([*before, *forms]))

    path = Path(folder) / FILENAME
    update_file(path, change, HEADER)
    return path
