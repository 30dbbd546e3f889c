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
        try:
            data = safe_yaml.load_file(path)
        except FileNotFoundError:
            return config
        except safe_yaml.Refused as exc:
            config.problems.append(f"{path}: refused: {exc}; using defaults")
            return config
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            config.problems.append(f"{path}: unreadable ({type(exc).__name__}); using defaults")
            return config
        if data is None:
            return config
        if not isinstance(data, dict):
            config.problems.append(f"{path}: expected a mapping of settings; using defaults")
            return config
        config.raw = data
        if isinstance(data.get("theme"), str):
            config.theme = data["theme"]
            config.chose_theme = True
        keys = data.get("keys") or {}
        if not isinstance(keys, dict):
            config.problems.append(f"{path}: 'keys' should map binding ids to keys; ignored")
        else:
            for binding_id, value in keys.items():
                if isinstance(value, str) and value.strip():
                    config.keys[str(binding_id)] = value.replace(" ", "")
                elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                    config.keys[str(binding_id)] = ",".join(value)
                else:
                    config.problems.append(f"{path}: key for '{binding_id}' should be a key name; ignored")
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
