"""The installable web app: a training stored with «Зберегти для роботи без інтернету» opens, downloads
its PDFs and searches with the network off, in real Chromium; nothing is asked of another origin."""

from __future__ import annotations

import json
import re
import shutil
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from browser import chromium, serve_dir

TRAINING = "curricula/mystetstvo-vzaiemodii/"


def test_manifest_and_worker_are_published(built_repo: Path) -> None:
    manifest = json.loads((built_repo / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Твій крок до участі" and manifest["lang"] == "uk"
    assert manifest["start_url"] == "./" and manifest["scope"] == "./" and manifest["display"] == "standalone"
    assert manifest["icons"] and all((built_repo / icon["src"]).is_file() for icon in manifest["icons"])
    assert (built_repo / "sw.js").is_file()
    # Every reader's page; the web editor (admin/) is no part of the installable app.
    pages = [p for p in sorted(built_repo.rglob("*.html")) if p.name != "404.html" and p.relative_to(built_repo).parts[0] != "admin"]
    lists = {p.stem for p in (built_repo / "offline").glob("*.json")}
    for path in pages:  # every page links the manifest (site.js registers the worker), relative to where it is;
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]  # only a training's loads the client
        rel = path.relative_to(built_repo)
        up = "../" * (len(rel.parts) - 1)
        assert f'<link rel="manifest" href="{up}manifest.webmanifest">' in head, path
        is_training = len(rel.parts) == 3 and rel.parts[0] == "curricula" and rel.parts[1] in lists
        assert (f'<script src="{up}assets/hromada/offline.js"' in head) == is_training, path
    training = (built_repo / TRAINING / "index.html").read_text(encoding="utf-8")
    assert 'data-offline="../../offline/mystetstvo-vzaiemodii.json"' in training
    assert len(lists) >= 2


def test_the_list_names_the_training_its_sessions_and_their_pdfs(built_repo: Path) -> None:
    data = json.loads((built_repo / "offline/mystetstvo-vzaiemodii.json").read_text(encoding="utf-8"))
    sessions = sorted(p.parent.name for p in (built_repo / TRAINING).glob("*/index.html"))
    assert data["pages"][0] == TRAINING and data["start"] == ""  # the home page, where the installed app opens
    assert sorted(p.rstrip("/").rsplit("/", 1)[-1] for p in data["pages"][1:]) == sessions
    pdfs = set(data["pdfs"])
    assert {"pdf/curricula/mystetstvo-vzaiemodii/robochyi-zoshyt.pdf", "pdf/curricula/mystetstvo-vzaiemodii/posibnyk-trenera.pdf"} <= pdfs
    assert {f"pdf/curricula/mystetstvo-vzaiemodii/{s}.pdf" for s in sessions} <= pdfs
    # site.css is written into the pages (publish/inline.py), not loaded
    assert {"assets/hromada/site.js", "assets/hromada/search.js", "assets/hromada/stem.js", "search/index.js",
            "manifest.webmanifest"} <= set(data["assets"])
    assert any(a.startswith("search/t/") for a in data["assets"])
    files = [*data["pdfs"], *data["assets"]]
    assert all((built_repo / f).is_file() for f in files)
    assert re.fullmatch(r"[0-9a-f]{16}", data["version"]) and data["bytes"] > sum((built_repo / f).stat().st_size for f in files)


def test_offline_pack_pages_register_no_worker(built_repo: Path) -> None:
    with zipfile.ZipFile(built_repo / "offline/hromada-site.zip") as archive:
        names = archive.namelist()
        assert "hromada-site/sw.js" not in names and "hromada-site/manifest.webmanifest" not in names
        assert not [n for n in names if n.startswith("hromada-site/offline/") or n.endswith("/offline.js")]
        pages = [n for n in names if n.endswith(".html")]
        assert len(pages) > 50
        for name in pages:
            html = archive.read(name).decode("utf-8")
            assert "offline.js" not in html and 'rel="manifest"' not in html, name


def test_a_stored_training_works_without_network(built_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "hromada"  # served under a sub-path, as GitHub Pages serves /<repo>/
    shutil.copytree(built_repo, site, ignore=shutil.ignore_patterns("hromada-site.zip"))
    data = json.loads((site / "offline/mystetstvo-vzaiemodii.json").read_text(encoding="utf-8"))
    session = data["pages"][1]
    pdf = next(p for p in data["pdfs"] if p.endswith("robochyi-zoshyt.pdf"))
    with serve_dir(tmp_path) as server, chromium() as browser:
        origin = f"{server}/hromada"
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        requested: list[str] = []
        context.on("request", lambda r: requested.append(r.url))
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{origin}/{TRAINING}")
        page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=15000)
        assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == f"{origin}/"
        box = page.locator(".hromada-offline")
        button = box.get_by_role("button", name="Зберегти для роботи без інтернету")
        button.wait_for()
        status = box.locator(".hromada-offline__status")
        # Before saving, the page says what it weighs (data-offline-size): nothing fetched for it.
        status.filter(has_text=re.compile(rf"^{len(data['pages'])}\s")).wait_for(timeout=15000)
        assert re.fullmatch(rf"{len(data['pages'])}\s(сторінка|сторінки|сторінок), {len(data['pdfs'])}\sPDF, [\d,]+\s[КМ]Б",
                            status.inner_text()), status.inner_text()
        assert not [u for u in requested if "/offline/" in u and u.endswith(".json")]
        started = time.monotonic()
        button.click()
        status.filter(has_text=re.compile("^Збережено: ")).wait_for(timeout=120000)
        took = time.monotonic() - started
        text = status.inner_text()
        assert re.fullmatch(rf"Збережено: {len(data['pages'])}\s(сторінка|сторінки|сторінок), {len(data['pdfs'])}\sPDF, [\d,]+\s[КМ]Б", text), text
        stored = page.evaluate("""async () => { let n = 0, bytes = 0;
            for (const name of await caches.keys()) { const cache = await caches.open(name);
              for (const r of await cache.keys()) { n += 1; bytes += (await (await cache.match(r)).blob()).size; } }
            return [n, bytes]; }""")
        print(f"\nstored {stored[0]} files, {stored[1]} bytes in {took:.1f} s: {text}")
        assert stored[0] == len(data["pages"]) + 1 + len(data["pdfs"]) + len(data["assets"]) + 2  # home, the list, the record
        assert stored[1] >= data["bytes"]

        context.set_offline(True)
        page.goto(f"{origin}/{TRAINING}")
        assert page.locator("h2#rozklad").count() == 1
        page.locator(".hromada-offline__status", has_text="Збережено для роботи без інтернету").wait_for()
        assert page.locator(".hromada-offline__action", has_text="видалити").is_visible()
        page.goto(f"{origin}/{session}")
        assert page.locator("article h1").count() == 1
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"  # its CSS came too
        status_type = page.evaluate("""async (url) => { const r = await fetch(url);
            const b = await r.arrayBuffer(); return [r.status, r.headers.get('content-type'), new TextDecoder().decode(b.slice(0, 5))]; }""",
                                    f"{origin}/{pdf}")
        assert status_type == [200, "application/pdf", "%PDF-"]
        page.click("input.md-search__input")
        page.fill("input.md-search__input", "медіації")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        first = page.locator(f'.md-search-result__item > a[href*="/{TRAINING}"]').first
        assert "?q=" in first.get_attribute("href")
        first.click()  # a result opens from what is stored (the query does not stand in the way)
        page.wait_for_load_state("load")
        assert page.locator("article mark").count() > 0
        page.goto(f"{origin}/prohrama/")  # not stored: the worker says so instead of the browser's error
        assert "не збережено" in page.content()

        # Online again: a stored page is shown at once and fetched again behind it (stale-while-revalidate) ...
        context.set_offline(False)
        served = site / TRAINING / "index.html"
        served.write_text(served.read_text(encoding="utf-8").replace("</article>", '<p id="newer">Новіше</p></article>', 1), encoding="utf-8")
        page.goto(f"{origin}/{TRAINING}")
        page.wait_for_timeout(1000)
        context.set_offline(True)
        page.goto(f"{origin}/{TRAINING}")
        assert page.locator("#newer").count() == 1
        # ... and a newer build (its list has another version) is stored again, whole.
        context.set_offline(False)
        newer = site / "offline/mystetstvo-vzaiemodii.json"
        newer.write_text(json.dumps({**data, "version": "0" * 16}), encoding="utf-8")
        page.goto(f"{origin}/{TRAINING}")
        page.locator(".hromada-offline__status", has_text=re.compile("^Збережено: ")).wait_for(timeout=120000)
        record = page.evaluate("""async () => { for (const name of await caches.keys()) {
            const r = await (await caches.open(name)).match(new URL('../../offline/mystetstvo-vzaiemodii.saved', location.href).href);
            if (r) return r.json(); } }""")
        assert record["version"] == "0" * 16 and len(page.evaluate("caches.keys()")) == 1
        page.get_by_role("button", name="видалити").click()
        page.get_by_role("button", name="Зберегти для роботи без інтернету").wait_for()
        assert page.evaluate("caches.keys()") == []
        context.close()
    assert problems == []
    foreign = [u for u in requested if urlsplit(u).scheme not in ("data", "blob") and not u.startswith(origin + "/")]
    assert foreign == []
