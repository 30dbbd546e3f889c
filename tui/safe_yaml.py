"""Reading YAML safely.

- libyaml's safe loader where PyYAML has it, never a full loader, so a `!!python/...` tag in a
  cache, config, theme or corpus file is refused, not run;
- no anchors and aliases: nothing Parallax writes uses them, and a few lines of them (an "alias
  bomb") expand into a structure of billions of nodes that hangs whatever walks it;
- bounded size and nesting depth, so a huge or deeply nested file is refused before it costs
  memory or time.

Every refusal is a `yaml.YAMLError`, which the callers already report as an unreadable file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

try:
    SafeLoader: type = yaml.CSafeLoader
    SafeDumper: type = yaml.CSafeDumper
except AttributeError:  # PyYAML built without libyaml
    SafeLoader, SafeDumper = yaml.SafeLoader, yaml.SafeDumper

# A settings file (config, theme, aliases, corpus manifest) is a few kilobytes; a megabyte is
# thousands of articles' metadata. Cache files hold a whole article and its token columns, about
# six times the text (up to sixteen for text of one-letter words), and the largest article indexed is
# MAX_ARTICLE_BYTES (8 MiB): 256 MiB covers it.
SETTINGS_BYTES = 1 << 20
CACHE_BYTES = 256 << 20
MAX_DEPTH = 32   # Parallax's own files nest four levels at most


class Refused(yaml.YAMLError):
    """A YAML document this reader will not load; the message says why."""


def load(text: str, *, max_bytes: int = SETTINGS_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The data of one YAML document. Raises `yaml.YAMLError` (or `Refused`, a subclass) for
    anything unreadable, aliased, larger than `max_bytes` characters or nested deeper than
    `max_depth`."""
    if len(text) > max_bytes:
        raise Refused(f"larger than {_size(max_bytes)}")
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check(node, max_depth)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_file(path: str | os.PathLike[str], *, encoding: str = "utf-8", max_bytes: int = SETTINGS_BYTES,
              max_depth: int = MAX_DEPTH) -> Any:
    """`load` of a file, read only up to its size bound. Raises `OSError` when it cannot be
    read, `UnicodeDecodeError`, or `yaml.YAMLError` as `load` does."""
    return load(read_bounded(path, max_bytes).decode(encoding), max_bytes=max_bytes, max_depth=max_depth)


def read_bounded(path: str | os.PathLike[str], max_bytes: int = SETTINGS_BYTES) -> bytes:
    """A settings file's bytes, read no further than `max_bytes`. Raises `OSError`, or `Refused`
    when it is larger, or is no regular file (a FIFO would block the read, a device never end)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise Refused(f"{Path(path).name} is not a regular file")
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Refused(f"{Path(path).name} is larger than {_size(max_bytes)}")
    return data


def problem(exc: yaml.YAMLError) -> str:
    """What is wrong with a file this module would not load, in the words every caller reports:
    "refused: <why>", or "not valid YAML at line N"."""
    if isinstance(exc, Refused):
        return f"refused: {exc}"
    mark = getattr(exc, "problem_mark", None)
    return f"not valid YAML{f' at line {mark.line + 1}' if mark else ''}"


def _check(root: yaml.Node, max_depth: int) -> None:
    """Refuse a node graph where any node is reached twice (an alias) or that nests too deep.
    The composed graph holds each aliased node once, so this walk is linear in the file."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise Refused(f"aliases are not allowed (line {node.start_mark.line + 1})")
        seen.add(id(node))
        if depth > max_depth:
            raise Refused(f"nested deeper than {max_depth} levels (line {node.start_mark.line + 1})")
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)


def _size(n: int) -> str:
    return f"{n >> 20} MiB" if n >= 1 << 20 else f"{n >> 10} KiB"
