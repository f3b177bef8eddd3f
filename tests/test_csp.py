"""Content-Security-Policy: on every page, no inline script allowed from content, and the site works under it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from browser import chromium, serve_dir
from hromada.publish.csp import policy, with_policy

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_carries_a_policy_that_forbids_inline_scripts(built_repo: Path) -> None:
    # Every reader's page. The web editor (admin/) has a policy of its own: tests/test_cms.py checks it.
    pages = sorted(p for p in built_repo.rglob("*.html") if p.relative_to(built_repo).parts[0] != "admin")
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policies = _META.findall(html)
        assert len(policies) == 1, path
        head = html[: html.index("</head>")]
        assert head.index("Content-Security-Policy") < min((head.find(t) for t in ("<script", "<link") if t in head), default=len(head))
        directives = dict(d.strip().split(" ", 1) for d in policies[0].split(";"))
        script_src = directives["script-src"].split()
        assert script_src[0] == "'self'" and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
        # No inline script is allowed at all, not even the theme's by its hash.
        assert script_src == ["'self'"], path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script in {path}"


def test_the_policy_allows_no_inline_script_even_outside_the_article() -> None:
    page = ('<html><head><meta charset="utf-8"><script>var a=1</script><script type="application/json">{}</script></head>'
            '<body><article><script>alert(1)</script></article><script src="x.js"></script></body></html>')
    assert "script-src 'self';" in policy() and "sha256" not in with_policy(page)
    assert "script-src 'self' file:;" in policy(file_urls=True)
    out = with_policy(page)
    assert out.index("Content-Security-Policy") < out.index("<script>") and out.count("Content-Security-Policy") == 1


def test_the_site_works_under_its_policy_and_the_policy_blocks_injected_script(built_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_repo, site)
    # A page into whose article a script was smuggled (the checks forbid it; the policy is the second wall).
    target = site / "instrumenty/elektronni-petytsii/index.html"
    html = target.read_text(encoding="utf-8")
    target.write_text(html.replace("</article>", '<script>window.smuggled = 1</script><img src="x" onerror="window.smuggled = 2"></article>', 1),
                      encoding="utf-8")
    violations: list[str] = []
    with serve_dir(site) as origin, chromium() as browser:
        page = browser.new_page()
        page.on("console", lambda m: violations.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None)
        for path in ["", "curricula/", "best_practices/", "instrumenty/hromadski-slukhannia/",
                     "curricula/mystetstvo-vzaiemodii/", "curricula/mystetstvo-vzaiemodii/osnovy-mediatsii/"]:
            page.goto(f"{origin}/{path}", wait_until="networkidle")
            assert page.evaluate("document.documentElement.classList.contains('js')"), path  # site.js ran
            if path == "best_practices/":
                assert page.locator(".hromada-filters").is_visible()  # catalogue.js ran
        page.click("input.md-search__input")
        page.fill("input.md-search__input", "петиціями")
        page.wait_for_selector(".md-search-result__item")
        assert violations == []
        page.goto(f"{origin}/instrumenty/elektronni-petytsii/", wait_until="networkidle")
        assert page.evaluate("window.smuggled === undefined")
        assert violations and all("Content Security Policy" in v for v in violations)
