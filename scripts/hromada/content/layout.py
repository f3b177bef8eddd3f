"""Where content lives on disk and where it lands in the site.

Pages under docs/ sit at the site root; curricula/ and best_practices/ keep their folder
name. Editors link between files by their path on disk (which also works in GitHub's
viewer); `site_uri` maps a repository path to the path MkDocs knows it by.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

DOCS = "docs"
CURRICULA = "curricula"
CASES = "best_practices"
CONTENT_ROOTS = (DOCS, CURRICULA, CASES)
GENERATED_INDEXES = (f"{CURRICULA}/index.md", f"{CASES}/index.md")
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


# Set from mkdocs.yml by the plugin: the offline pack is built without directory URLs.
DIRECTORY_URLS = True


def page_url(rel: str, directory_urls: bool | None = None) -> str:
    """The URL path (relative to the site root) of the page built from `rel`."""
    directory_urls = DIRECTORY_URLS if directory_urls is None else directory_urls
    stem = site_uri(rel)[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] + ("" if directory_urls else "index.html")
    return stem + "/" if directory_urls else stem + ".html"


def href(source_rel: str, target_rel: str, directory_urls: bool | None = None) -> str:
    """A relative link from the page of `source_rel` to the page of `target_rel`, as in built HTML."""
    src = page_url(source_rel, directory_urls)
    src_dir = (src if src.endswith("/") else posixpath.dirname(src)).rstrip("/") or "."
    target = page_url(target_rel, directory_urls) or "."
    rel = posixpath.relpath(target, src_dir)
    if (target.endswith("/") or target == ".") and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel
