"""Where content lives on disk and where it lands in the site.

Pages under docs/ sit at the site root; curricula/ and best_practices/ keep their folder
name. Editors link between files by their path on disk (which also works in GitHub's
viewer); `site_uri` maps a repository path to the path MkDocs knows it by.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

DOCS = "docs"
CURRICULA = "curricula"
CASES = "best_practices"
CONTENT_ROOTS = (DOCS, CURRICULA, CASES)
TRAININGS_INDEX = f"{CURRICULA}/index.md"  # the list of trainings, generated unless an editor writes one
CASES_INDEX = f"{CASES}/index.md"  # the case catalogue, generated unless an editor writes one
GENERATED_INDEXES = (TRAININGS_INDEX, CASES_INDEX)
HOME = f"{DOCS}/index.md"
OFFLINE_PACK = "offline/hromada-site.zip"  # the whole site for file://, linked from home
IMAGE_EXTS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
# What content folders may publish besides pages: images and documents to download. Never
# scripts, stylesheets or HTML: served from the site's own origin, those would run as the site.
DOWNLOAD_EXTS = (".pdf", ".csv", ".txt", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".rtf")


def publishable(rel: str) -> bool:
    """A non-Markdown file that may be copied into the site (SVGs are also checked inside)."""
    return rel.lower().endswith(IMAGE_EXTS + DOWNLOAD_EXTS)


@dataclass(frozen=True)
class Layout:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Layout:
        """The project whose mkdocs.yml is in `start` or the nearest folder above it."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file():
                return cls(folder)
        return cls(here)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()


def training_rel(slug: str) -> str:
    """The index page of the training in curricula/<slug>/."""
    return f"{CURRICULA}/{slug}/index.md"


def site_uri(rel: str) -> str:
    """Repository path → the path of the file inside the MkDocs site (its src_uri)."""
    if rel.startswith(DOCS + "/"):
        return rel[len(DOCS) + 1 :]
    return rel


def repo_path(uri: str) -> str:
    """Inverse of `site_uri` for a site path."""
    if uri.startswith((CURRICULA + "/", CASES + "/")):
        return uri
    return f"{DOCS}/{uri}"


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def has_scheme(target: str) -> bool:
    """`https:`, `mailto:`, `javascript:` …: not a path inside the site."""
    return bool(_SCHEME.match(target))


def is_file_link(target: str) -> bool:
    """A relative link to another file (not external, not protocol-relative, not an anchor alone)."""
    return bool(target) and not has_scheme(target) and not target.startswith(("//", "#"))


def resolve(source_rel: str, target: str) -> str | None:
    """Resolve a relative link target (no anchor) written in `source_rel`, as on disk.

    Returns a normalised repository path, or None when it climbs out of the repository.
    """
    base = posixpath.dirname(source_rel)
    joined = posixpath.normpath(posixpath.join(base, target))
    if joined.startswith("../") or joined == ".." or posixpath.isabs(joined):
        return None
    return joined


def site_relative(source_rel: str, target_rel: str) -> str:
    """The link from the page of `source_rel` to `target_rel`, in site terms."""
    src = posixpath.dirname(site_uri(source_rel)) or "."
    return posixpath.relpath(site_uri(target_rel), src)


def page_url(rel: str, directory_urls: bool = True) -> str:
    """The URL path (relative to the site root) of the page built from `rel`."""
    stem = site_uri(rel)[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] + ("" if directory_urls else "index.html")
    return stem + "/" if directory_urls else stem + ".html"


@dataclass(frozen=True)
class Urls:
    """The URL policy of one build: folders (`page/`) online, files (`page.html`) in the offline
    pack opened from a USB stick; `site_url` is the published address, if known ("" if not)."""

    directory: bool = True
    site_url: str = ""

    def page(self, rel: str) -> str:
        return page_url(rel, self.directory)

    def href(self, source_rel: str, target_rel: str) -> str:
        """A relative link from the page of `source_rel` to the page of `target_rel`, as in built HTML."""
        src = self.page(source_rel)
        src_dir = (src if src.endswith("/") else posixpath.dirname(src)).rstrip("/") or "."
        target = self.page(target_rel) or "."
        rel = posixpath.relpath(target, src_dir)
        if (target.endswith("/") or target == ".") and not rel.endswith("/"):
            rel = "./" if rel == "." else rel + "/"
        return rel

    def to_root(self, rel: str) -> str:
        """From the page of `rel` back to the site root, as a relative prefix («../../»)."""
        return "../" * self.page(rel).count("/")

    def online(self, rel: str) -> str:
        """The page's address for a QR code: absolute when the site's address is known."""
        return urljoin(self.site_url, self.page(rel)) if self.site_url else "/" + self.page(rel)


def linked_folder(folder: Path) -> Path | None:
    """The first symbolic link to a folder inside `folder`, if any: a site engine walking it
    would follow the link, perhaps forever (a link to a folder above itself)."""
    for parent, dirs, _ in os.walk(folder):
        for name in dirs:
            path = Path(parent, name)
            if path.is_symlink():
                return path
    return None
