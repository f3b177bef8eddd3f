"""Every internal link and every PDF, image, script and style reference in the built site resolves."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_REF = re.compile(r'<[a-zA-Z][^<>]*?\s(?:href|src)="([^"]+)"')  # attributes of real tags, not code text
_ID = re.compile(r'\bid="([^"]+)"')


def _target(site: Path, page: Path, ref: str) -> tuple[Path, str] | None:
    parts = urlsplit(ref)
    if parts.scheme or ref.startswith(("//", "mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    # 404.html is served from any depth, so MkDocs writes it with root-relative paths.
    target = (site / path.lstrip("/")).resolve() if path.startswith("/") else (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_reference_resolves(built_repo: Path) -> None:
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    pages = sorted(built_repo.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for ref in _REF.findall(html):
            found = _target(built_repo, page, ref.replace("&amp;", "&"))
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                broken.append(f"{page.relative_to(built_repo)} → {ref}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(_ID.findall(target.read_text(encoding="utf-8")))
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(built_repo)} → {ref} (no anchor)")
    assert len(pages) > 50
    assert broken == []


def test_every_page_with_a_pdf_button_points_at_a_real_pdf(built_repo: Path) -> None:
    buttons = 0
    for page in built_repo.rglob("index.html"):
        for ref in re.findall(r'href="([^"]+\.pdf)" download', page.read_text(encoding="utf-8")):
            buttons += 1
            assert (page.parent / ref).resolve().is_file(), f"{page} → {ref}"
    assert buttons >= 80
