"""The user's settings file (`config.yaml` in the config folder): theme and key bindings.

    theme: parallax-light
    keys:
      next_mention: n,j        # binding id: comma-separated keys
      search: slash

A missing file is the defaults; an unreadable one is reported and ignored, never fatal.
Saving rewrites only the keys the app owns and keeps the rest of the file's settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import safe_yaml
from ..paths import config_dir
from ..preprocess.cache import atomic_write
from ..untrusted import shown

DEFAULT_THEME = "parallax-dark"


@dataclass(slots=True)
class Config:
    path: Path
    theme: str = DEFAULT_THEME
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    chose_theme: bool = False   # the file names a theme (the app then never picks one itself)

    @classmethod
    def load(cls, folder: Path | None = None) -> Config:
        path = (folder or config_dir()) / "config.yaml"
        config = cls(path)
        where = shown(path)
        try:
            data = safe_yaml.load_file(path)
        except FileNotFoundError:
            return config
        except yaml.YAMLError as exc:
            config.problems.append(f"{where}: {safe_yaml.problem(exc)}; using defaults")
            return config
        except (OSError, UnicodeDecodeError) as exc:
            config.problems.append(f"{where}: unreadable ({type(exc).__name__}); using defaults")
            return config
        if data is None:
            return config
        if not isinstance(data, dict):
            config.problems.append(f"{where}: expected a mapping of settings; using defaults")
            return config
        config.raw = data
        if isinstance(data.get("theme"), str):
            config.theme = shown(data["theme"])
            config.chose_theme = True
        keys = data.get("keys") or {}
        if not isinstance(keys, dict):
            config.problems.append(f"{where}: 'keys' should map binding ids to keys; ignored")
        else:
            for binding_id, value in keys.items():
                binding_id = shown(binding_id)
                if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                    value = ",".join(value)
                refused = bad_keys(value) if isinstance(value, str) else ["not a key name"]
                if refused:
                    config.problems.append(f"{where}: keys for '{binding_id}' refused ({', '.join(refused)}); ignored")
                else:
                    config.keys[binding_id] = value.replace(" ", "")
        return config

    def save(self) -> None:
        """Write the theme back, keeping every other setting in the file."""
        data = dict(self.raw)
        data["theme"] = self.theme
        if self.keys:
            data["keys"] = dict(self.keys)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode("utf-8"))
        self.raw = data


_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}


def bad_keys(value: str) -> list[str]:
    """What is wrong with a comma-separated list of keys, as Textual names them ("j",
    "ctrl+n", "f5", "comma"); empty when every key is one Textual can bind."""
    from textual.keys import REPLACED_KEYS, Keys, key_to_character

    names = {k.value for k in Keys}
    keys = [k.strip() for k in value.split(",")]
    if not value.strip() or any(not k for k in keys):
        return ["an empty key: write a comma as 'comma'"]
    out = []
    for key in keys:
        *modifiers, base = key.split("+")
        ok = (all(m in _MODIFIERS for m in modifiers) and base != ""
              and ((len(base) == 1 and base.isprintable() and not base.isspace())
                   or base in names or (len(base) > 1 and key_to_character(REPLACED_KEYS.get(base, base)) is not None)))
        if not ok:
            out.append(f"'{shown(key)}' is not a key")
    return out
