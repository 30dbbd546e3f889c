"""Where bundled data is: inside the package when installed from a wheel, at the top of the
repository in a checkout or an editable install."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def bundled_corpus() -> Path:
    return _data("corpus")



def bundled_themes() -> Path:
    return _data("themes")


def config_dir() -> Path:
    """The user's Parallax config folder: $PARALLAX_CONFIG_DIR, else the platform's config dir."""
    import os

    from platformdirs import user_config_dir

    return Path(os.environ.get("PARALLAX_CONFIG_DIR") or user_config_dir("parallax", appauthor=False))
