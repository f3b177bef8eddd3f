"""Where the package's own files are: the theme layer, the assets (CSS, scripts, fonts); and what a
run keeps for the next one in the user's cache (`user_cache`, `read_kept`, `write_kept`)."""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
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


def read_kept(path: Path) -> object | None:
    """What `write_kept` left at `path`; None when there is nothing, or nothing readable (a run
    then makes it again: a cache never fails a build)."""
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                             IndexError, ValueError, TypeError):
        return pickle.loads(path.read_bytes())
    return None


def write_kept(path: Path, value: object) -> None:
    """`value` pickled to `path` whole or not at all (two runs at once may write it); a folder that
    cannot be written, or a value that does not pickle, leaves nothing behind and no error."""
    tmp = ""
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as file:
            tmp = file.name
            file.write(data)
        os.replace(tmp, path)
        tmp = ""
    if tmp:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
