"""Contributed content never attacks a reader or the build (see hostile_cases.py for the corpus).

Each case runs the real command line in a child process under a time and memory limit. A case is
either rejected by the checks, with its code, file and line in Ukrainian, before anything is
written (the previous site/ stays as it was), or built into pages that carry nothing active.
"""

from __future__ import annotations

import hashlib
import html
import re
import resource
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import chromium, serve_dir
from conftest import FIXTURES, copy_project
from hostile_cases import CASES, CLEAN, Case

TIMEOUT = 90  # seconds for one check-and-build of the mini project; a clean one takes about 2
MEMORY = 2 * 1024**3  # bytes of address space for the child process
CYRILLIC = re.compile(r"[а-яіїєґ]", re.I)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_limited(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hromada.cli", "--root", str(root), *args], capture_output=True,
                          text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, preexec_fn=_limits)


def apply(case: Case, root: Path) -> None:
    for rel, content in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if case.setup:
        case.setup(root)


def digest(folder: Path, skip: str | None = None) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if skip and (rel == skip or rel.startswith(skip + "/")):
            continue
        if path.is_symlink():
            h.update(rel.encode() + b"->" + str(path.readlink()).encode())
        elif path.is_file():
            h.update(rel.encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from the unbroken mini project: a failed build must leave it as it is."""
    root = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("hostile-base") / "mini")
    result = run_limited(root, "build", "--no-pdf", "--no-offline")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_corpus_covers_every_class_with_enough_cases() -> None:
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)
    classes = {c.klass for c in CASES}
    assert {"front matter → theme", "content value in Markdown", "body past the allowlist", "front matter readers differ",
            "content assets", "other origins", "build under attack", "errors and nonsense"} <= classes
    assert sum(c.expect == CLEAN for c in CASES) >= 20 and sum(c.expect != CLEAN for c in CASES) >= 30


REJECTED = [c for c in CASES if c.expect != CLEAN]


@pytest.mark.parametrize("case", REJECTED, ids=[c.name for c in REJECTED])
def test_rejected_with_code_file_and_line(case: Case, tmp_path: Path, previous_site: Path) -> None:
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    shutil.copytree(previous_site, root / "site")
    apply(case, root)
    sources, site_before = digest(root, skip="site"), digest(root / "site")
    result = run_limited(root, "build", "--no-pdf", "--no-offline")
    code, path, line = case.expect
    err = result.stderr
    assert result.returncode == 1, err[-3000:]
    assert "Traceback" not in err and "Error:" not in err, err[-3000:]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", err), "raw control characters reach the terminal"
    reported = [ln for ln in err.splitlines() if f"error[{code}]" in ln]
    assert any(ln.startswith(f"{path}:{line}:") for ln in reported), f"expected {code} at {path}:{line}, got:\n{err[-3000:]}"
    assert all(CYRILLIC.search(ln.split(f"[{code}]:", 1)[1]) for ln in reported), reported
    assert "підказка:" in err
    assert digest(root / "site") == site_before, "a failed build changed the previous site/"
    assert digest(root, skip="site") == sources, "a source file was modified"
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")], "temporary build folder left behind"


CLEANED = [c for c in CASES if c.expect == CLEAN]


ENGINES = ["mkdocs", "zensical"]  # contributed content is harmless whichever engine renders it


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", CLEANED, ids=[c.name for c in CLEANED])
def test_built_pages_carry_nothing_active(case: Case, engine: str, tmp_path: Path) -> None:
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    apply(case, root)
    sources = digest(root)
    result = run_limited(root, "build", "--no-pdf", "--no-offline", "--engine", engine)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    site = root / "site"
    problems = [p for page in sorted(site.rglob("*.html")) for p in inert_problems(page, site)]
    assert problems == []
    assert published_files_problems(site) == []
    if case.shows:
        texts = [page_text(p) for p in sorted(site.rglob("*.html"))]
        assert any(case.shows in t for t in texts), f"«{case.shows}» is not shown as text anywhere"
    assert "\u2028" not in (site / "search" / "index.js").read_text(encoding="utf-8")
    assert digest(root, skip="site") == sources


# --- what "nothing active" means, on the parsed page ---------------------------------------

_URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background", "ping"}
_SUBRESOURCE = {"img", "script", "source", "video", "audio", "track", "embed", "input", "iframe", "link", "image"}
_FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class _Audit(HTMLParser):
    def __init__(self, page: Path, site: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.site = page, site
        self.problems: list[str] = []
        self.in_script = False
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"{self.page.relative_to(self.site)}:{self.getpos()[0]} <{tag}>"
        values = {k: v or "" for k, v in attrs}
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"{where}: forbidden element")
        if tag == "form" and "md-search__form" not in values.get("class", ""):
            self.problems.append(f"{where}: a form that is not the site's search")
        if tag == "meta" and values.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            self.problems.append(f"{where}: meta http-equiv={values['http-equiv']}")
        if tag == "script":
            self.in_script = True
            src = values.get("src", "")
            if not src or not self._own_script(src):
                self.problems.append(f"{where}: script {src or '(inline)'}")
        self.in_style = tag == "style"
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"{where}: handler {name}")
            plain = _INVISIBLE.sub("", html.unescape(value)).lower()
            if name in _URL_ATTRS and plain.startswith(("javascript:", "vbscript:", "data:")):
                self.problems.append(f"{where}: {name}={value[:60]}")
            if name == "style" and "url(" in plain and "url(#" not in plain:
                self.problems.append(f"{where}: style loads {value[:60]}")
        if tag in _SUBRESOURCE and values.get("rel") not in ("canonical", "alternate"):
            for name in ("src", "href", "srcset", "poster"):
                target = values.get(name, "").strip()
                if target.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                    self.problems.append(f"{where}: loads {target[:60]} from another origin")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.problems.append(f"{self.page.relative_to(self.site)}:{self.getpos()[0]}: inline script")
        if self.in_style and re.search(r"url\(\s*['\"]?(?:https?:)?//", data):
            self.problems.append(f"{self.page.relative_to(self.site)}: style element loads from another origin")

    def _own_script(self, src: str) -> bool:
        path = src.split("?", 1)[0]
        if path.startswith("/"):  # 404.html links from the site's address path (/hromada/…)
            parts = path.strip("/").split("/")
            path = next(("/".join(parts[i:]) for i in range(len(parts)) if (self.site / "/".join(parts[i:])).is_file()), path)
            target = (self.site / path.lstrip("/")).resolve()
        else:
            target = (self.page.parent / path).resolve()
        try:
            rel = target.relative_to(self.site.resolve()).as_posix()
        except ValueError:
            return False
        return target.is_file() and rel.startswith(("assets/hromada/", "search/"))


def inert_problems(page: Path, site: Path) -> list[str]:
    audit = _Audit(page, site)
    audit.feed(page.read_text(encoding="utf-8"))
    audit.close()
    return audit.problems


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def published_files_problems(site: Path) -> list[str]:
    """Only the site's own code is code: no HTML or script came from content folders, no active SVG."""
    out = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        # sw.js is the site's own service worker: it must sit at the root for its scope to be the site
        if path.suffix in (".js", ".mjs") and not rel.startswith(("assets/", "search/")) and rel != "sw.js":
            out.append(f"{rel}: a script from content")
        if path.suffix in (".html", ".htm") and not (rel.endswith("index.html") or rel == "404.html"):
            out.append(f"{rel}: an HTML file from content")
        if path.suffix == ".svg" and not rel.startswith("assets/"):
            data = path.read_text(encoding="utf-8", errors="replace").lower()
            if "<script" in data or re.search(r"\son\w+\s*=", data):
                out.append(f"{rel}: active SVG")
    return out


# --- in a real browser, under the site's own policy -------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_the_worst_cases_run_nothing_in_chromium_and_the_site_still_works(engine: str, tmp_path: Path) -> None:
    """All cleaned cases in one site (a case whose files another already wrote is left out)."""
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    taken: set[str] = set()
    for case in CLEANED:
        if taken.isdisjoint(case.files):
            apply(case, root)
            taken |= set(case.files)
    assert len(taken) >= 15
    result = run_limited(root, "build", "--no-pdf", "--no-offline", "--engine", engine)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    errors: list[str] = []
    with serve_dir(site) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.on("pageerror", lambda e: errors.append(str(e)))
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        for rel in pages:
            page.goto(f"{origin}/{rel}", wait_until="load")
            page.mouse.move(180, 300)  # handlers that wait for a pointer
            for element in page.locator("article a, article img, article details").all()[:20]:
                if element.is_visible():  # Zensical's theme keeps an empty skip-link target in the article
                    element.hover(timeout=2000, force=True)
            assert page.evaluate("() => window.__pwned") is None, rel
            if rel != "404.html":  # its links start at the site's address path (/hromada/), not served here
                assert page.evaluate("() => document.documentElement.classList.contains('js')"), rel  # site.js ran
        # The site's own features still work under the policy: search finds a page.
        page.goto(f"{origin}/", wait_until="load")
        page.click("label.md-header__button[for=__search]")
        page.fill("input.md-search__input", "слухання")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert page.evaluate("() => window.__pwned") is None
    assert errors == []
    assert [u for u in requests if not u.startswith(origin)] == []
