"""Where the package's own files are: the theme layer, the assets (CSS, scripts, fonts)."""

from __future__ import annotations

import os
from pathlib import Path


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def theme_dir() -> Path:
    """Our templates, in front of Material's."""
    return package_dir() / "theme"


def assets_dir() -> Path:
    """Print CSS and fonts (PDFs), assets/hromada/ (the site's own CSS and scripts)."""
    return package_dir() / "assets"


def user_cache(kind: str) -> Path:
    """What a build keeps for the next one, per user (~/.cache/hromada/<kind>, or under
    $XDG_CACHE_HOME), not in the project: a build with --no-pdf writes nothing into an editor's checkout."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hromada" / kind
