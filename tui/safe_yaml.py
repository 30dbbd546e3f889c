"""Reading YAML safely: libyaml's safe loader where PyYAML has it, never a full loader, so a
`!!python/...` tag in a cache, config, theme or corpus file is refused, not run."""

from __future__ import annotations

from typing import Any

import yaml

try:
    SafeLoader: type = yaml.CSafeLoader
    SafeDumper: type = yaml.CSafeDumper
except AttributeError:  # PyYAML built without libyaml
    SafeLoader, SafeDumper = yaml.SafeLoader, yaml.SafeDumper


def load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)
