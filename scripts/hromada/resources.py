"""Where the package's own files are: the theme layer, the assets (CSS, scripts, fonts)."""

from __future__ import annotations

from pathlib import Path


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def theme_dir() -> Path:
    """Our templates, in front of Material's."""
    return package_dir() / "theme"


def assets_dir() -> Path:
    """Print CSS and fonts (PDFs), assets/hromada/ (the site's own CSS and scripts)."""
    return package_dir() / "assets"
