"""No built page loads anything from another origin: checked in the HTML and in real Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from browser import chromium, serve_dir

# Attributes that make the browser fetch something (links in <a href> are only navigation).
_LOADING = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(src|href|data|srcset)=\"([^\"]+)\"", re.I)
_CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", re.I)


def readers(site: Path, pattern: str) -> list[Path]:
    """The site's files but the web editor's: admin/ talks to GitHub's API by design, under a policy of its
    own (publish/admin.py, checked in tests/test_cms.py), and no reader's page links it."""
    return sorted(p for p in site.rglob(pattern) if p.relative_to(site).parts[0] != "admin")


def external_loads(site: Path) -> list[str]:
    found = []
    for page in readers(site, "*.html"):
        for tag, _attr, url in _LOADING.findall(page.read_text(encoding="utf-8")):
            if tag.lower() == "link" and "canonical" in url:
                continue
            if url.startswith(("http:", "https:", "//")):
                found.append(f"{page.relative_to(site)}: <{tag}> {url}")
    for css in readers(site, "*.css"):
        found += [f"{css.relative_to(site)}: {u}" for u in _CSS_URL.findall(css.read_text(encoding="utf-8"))]
    return found


def test_html_and_css_load_nothing_from_other_origins(built_repo: Path) -> None:
    assert external_loads(built_repo) == []


PAGE_TYPES = ["", "curricula/", "best_practices/", "prohrama/", "instrumenty/"]


def _pick_pages(site: Path) -> list[str]:
    """One page of each type: home, indexes, a training, a session, a case, a guide."""
    pages = list(PAGE_TYPES)
    training = next(p for p in sorted(site.glob("curricula/*/index.html")))
    pages.append(training.parent.relative_to(site).as_posix() + "/")
    session = next(p for p in sorted(training.parent.glob("*/index.html")))
    pages.append(session.parent.relative_to(site).as_posix() + "/")
    case = next(p for p in sorted(site.glob("best_practices/*/index.html")))
    pages.append(case.parent.relative_to(site).as_posix() + "/")
    return pages


def test_chromium_records_only_same_origin_requests(built_repo: Path) -> None:
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        for path in _pick_pages(built_repo):
            response = page.goto(f"{origin}/{path}", wait_until="networkidle")
            assert response is not None and response.status == 200, path
        foreign = [u for u in requested if urlsplit(u).netloc and f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" != origin
                   and not u.startswith("data:")]
        assert foreign == []
        assert len(requested) > len(_pick_pages(built_repo))  # pages really loaded their assets


def test_no_page_scrolls_sideways_on_a_phone(built_repo: Path) -> None:
    """Every page at 360×740 (a common phone): the page is no wider than the screen."""
    pages = sorted(p.parent.relative_to(built_repo).as_posix() for p in readers(built_repo, "index.html") if "assets" not in p.parts)
    wide = []
    with serve_dir(built_repo) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        for path in pages:
            page.goto(f"{origin}/{'' if path == '.' else path + '/'}", wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                wide.append((path, width))
    assert len(pages) > 50
    assert wide == []


def test_the_themes_unused_scripts_are_named_by_theme_script_and_not_published(built_repo: Path) -> None:
    """Material's bundle, search worker and lunr (never loaded: theme/main.html) are left out of
    MkDocs' copy by the files `theme_script` names (all of them), and not in the site."""
    import material

    from hromada.publish.finish import theme_script

    theme = Path(material.__file__).parent / "templates"
    scripts = [p.relative_to(theme).as_posix() for p in (theme / "assets/javascripts").rglob("*") if p.is_file()]
    assert len(scripts) > 10 and all(theme_script(rel) for rel in scripts), [r for r in scripts if not theme_script(r)]
    assert not theme_script("assets/stylesheets/main.css") and not theme_script("assets/javascripts/bundle.txt")
    assert not (built_repo / "assets/javascripts").exists()


def test_the_themes_scripts_copied_anyway_are_removed_and_nothing_else(tmp_path: Path) -> None:
    """For an engine that copies them (Zensical): every file `theme_script` names goes, with the
    folders it empties; a file of ours beside them stays."""
    import shutil

    import material

    from hromada.publish.finish import remove_theme_scripts

    theme = Path(material.__file__).parent / "templates/assets/javascripts"
    only_theme, mixed = tmp_path / "a", tmp_path / "b"
    for out in (only_theme, mixed):
        shutil.copytree(theme, out / "assets/javascripts")
    (mixed / "assets/javascripts/ours.js").write_text("1", encoding="utf-8")
    remove_theme_scripts(only_theme)
    remove_theme_scripts(mixed)
    assert not (only_theme / "assets/javascripts").exists()
    assert sorted(p.relative_to(mixed).as_posix() for p in mixed.rglob("*")) == ["assets", "assets/javascripts",
                                                                           "assets/javascripts/ours.js"]
