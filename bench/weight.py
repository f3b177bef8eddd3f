"""Bytes a reader's phone downloads: first load of each page type in Chromium (gzip, empty cache),
and the search index, for Hromada and for plain Material built from the same content.

    python bench/weight.py [--synthetic 500 2000]
    python bench/weight.py --paint [--against 62371a1] [--runs 7]

--paint: first paint on a slow phone link instead (Chromium's own throttling over CDP:
400 kbit/s down and up, 400 ms latency, empty cache, 360×740), home and a session page, and the
bytes of a first visit of each page type: this repository built by the code at REV (its package
first on PYTHONPATH, `git archive REV scripts`, as bench/preview.py) and by this tree, served by
the same gzip server, A and B alternating; medians.

Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium
from corpus import REPO, build_both, write_project

COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that compresses text as a CDN would."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file():
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(root: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def metered(context, page, skip_other: bool = False) -> tuple[dict[str, float], dict[str, str]]:
    """Bytes on the wire per request and each request's URL, filled as `page` loads, with the cache
    off. `skip_other`: leave out what CDP types «Other» (the favicon a page asks for meanwhile)."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, float] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
           if not (skip_other and e.get("type") == "Other") else None)
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    return sizes, urls


def first_load(browser, url: str) -> tuple[int, int, int]:
    """(bytes on the wire, requests, of which search index bytes) for one page with an empty cache."""
    context = browser.new_context()
    page = context.new_page()
    sizes, urls = metered(context, page)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    index = sum(v for k, v in sizes.items() if urls.get(k, "").endswith(("search_index.json", ".js")) and "/search/" in urls.get(k, ""))
    return int(sum(sizes.values())), len(sizes), int(index)


def index_size(site: Path) -> tuple[int, int, int]:
    """(raw bytes, gzip bytes file by file as served, files) of a site's search index."""
    files = [site / "search/search_index.json"] if (site / "search/search_index.json").exists() else \
        sorted((site / "search").rglob("*.js"))
    data = [f.read_bytes() for f in files]
    return sum(map(len, data)), sum(len(gzip.compress(d, 6)) for d in data), len(files)


def open_search(browser, url: str, query: str) -> tuple[int, int]:
    """(bytes, requests) fetched after the page has loaded, by opening search and typing a query."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.goto(url, wait_until="networkidle")
    sizes: dict[str, float] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.wait_for_selector(f'.md-search-result__list[data-query="{query}"]')
    page.wait_for_timeout(300)
    context.close()
    return int(sum(sizes.values())), len(sizes)


def pages_of(site: Path, plain: bool) -> dict[str, str]:
    training = sorted(site.glob("curricula/*/index.html"))[0].parent
    session = sorted(p for p in training.glob("*/index.html"))[0].parent
    case = sorted(p for p in site.glob("best_practices/*/index.html"))[0].parent
    rel = lambda p: p.relative_to(site).as_posix() + "/"  # noqa: E731
    return {"home": "", "training": rel(training), "session": rel(session), "case study": rel(case),
            "guide": "instrumenty/hromadski-slukhannia/", "case catalogue": "best_practices/"}


def first_results(browser, url: str, query: str) -> float:
    """Seconds from opening search and typing a word to the first result listed (index fetch,
    parse and, for Material, building its lunr index in the worker)."""
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    start = time.perf_counter()
    page.click("input.md-search__input")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.dispatch_event("keyup")  # Material listens to keyup
    deadline = start + 120
    while not page.locator(".md-search-result__item").count():
        if time.perf_counter() > deadline:
            return float("nan")
        page.wait_for_timeout(20)
        if page.locator(".md-search-result__meta").inner_text().startswith("Розпочніть"):
            box.dispatch_event("keyup")  # Material was still building its index when the word came
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def synthetic(sizes: list[int]) -> None:
    """Index size and time to first result on synthetic corpora of growing size."""
    print("\nSynthetic corpora (bench/corpus.py): search index, and seconds from opening search to the first"
          " result in Chromium\n(localhost, no network delay; Material fetched its index and began building it"
          " at page load, before this clock starts)")
    print(f"{'pages':>6} {'Hromada KB gz':>14} {'Material KB gz':>15} {'ratio':>6} {'Hromada s':>10} {'Material s':>11}")
    with tempfile.TemporaryDirectory(prefix="hromada-weight-syn-") as tmp, chromium() as browser:
        for n in sizes:
            (Path(tmp) / f"b{n}").mkdir()
            sites = build_both(write_project(Path(tmp) / f"p{n}", n), Path(tmp) / f"b{n}")
            ours = index_size(sites[0])[1]
            theirs = index_size(sites[1])[1]
            times = []
            for site in sites:
                server = serve(site)
                times.append(first_results(browser, f"http://127.0.0.1:{server.server_address[1]}/", "громади"))
                server.shutdown()
            print(f"{n:>6} {ours / 1024:>14.0f} {theirs / 1024:>15.0f} {ours / theirs:>6.2f} {times[0]:>10.2f} {times[1]:>11.2f}")


PHONE = {"width": 360, "height": 740}
SLOW = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
PAINTED = ("home", "session")


def built_by(rev: str | None, work: Path) -> Path:
    """This repository's site (no PDFs, no offline pack) as the code at `rev` builds it; None: this tree."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if rev:
        code = work / f"code-{rev}"
        code.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "scripts"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
        env["PYTHONPATH"] = str(code / "scripts")
    site = work / f"site-{rev or 'now'}"
    result = subprocess.run([sys.executable, "-m", "hromada.cli", "--root", str(REPO), "build", "--no-pdf", "--no-offline",
                             "--site-dir", str(site)], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        sys.exit(f"build at {rev or 'this tree'} failed:\n{result.stderr[-3000:]}")
    return site


def painted(browser, url: str) -> tuple[float, float]:
    """(first paint, first contentful paint) in ms of one load over SLOW with an empty cache."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW)
    page.goto(url, wait_until="load")
    # Polled from here: wait_for_function evaluates a string predicate with eval, which the pages' CSP forbids.
    for _ in range(200):
        if page.evaluate("performance.getEntriesByType('paint').length") >= 2:
            break
        page.wait_for_timeout(50)
    entries = dict(page.evaluate("performance.getEntriesByType('paint').map(e => [e.name, e.startTime])"))
    context.close()
    return entries["first-paint"], entries["first-contentful-paint"]


def theme_css(site: Path) -> tuple[int, int]:
    """(raw, gzip) bytes of Material's stylesheet as this site publishes it."""
    data = b"".join(p.read_bytes() for p in sorted(site.glob("assets/stylesheets/main.*.min.css")) if ".full." not in p.name)
    return len(data), len(gzip.compress(data, 6))


def paint_table(rev: str, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="hromada-paint-") as tmp:
        work = Path(tmp)
        sites = {rev: built_by(rev, work), "now": built_by(None, work)}
        servers = {name: serve(site) for name, site in sites.items()}
        bases = {name: f"http://127.0.0.1:{server.server_address[1]}/" for name, server in servers.items()}
        kinds = pages_of(sites["now"], False)
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        loads: dict[tuple[str, str], tuple[int, int, int] | None] = {}
        with chromium() as browser:
            for _ in range(runs):  # alternating: the machine's noise falls on both alike
                for kind in PAINTED:
                    for name in sites:
                        times.setdefault((name, kind), []).append(painted(browser, bases[name] + kinds[kind]))
            for kind, path in kinds.items():
                for name, site in sites.items():
                    loads[(name, kind)] = first_load(browser, bases[name] + path) if (site / path / "index.html").exists() else None
        for server in servers.values():
            server.shutdown()
        css = {name: theme_css(site) for name, site in sites.items()}
    print(f"\nFirst paint on a phone link (400 kbit/s down and up, 400 ms latency, empty cache, gzip; 360×740;"
          f" median of {runs}, {rev} and this tree alternating), seconds")
    print(f"{'page':<10} {'first paint':>22} {'first contentful paint':>26}")
    print(f"{'':<10} {rev[:10]:>10} {'now':>10}  {rev[:10]:>12} {'now':>12}")
    for kind in PAINTED:
        fp = [statistics.median(t[0] for t in times[(name, kind)]) / 1000 for name in sites]
        fcp = [statistics.median(t[1] for t in times[(name, kind)]) / 1000 for name in sites]
        print(f"{kind:<10} {fp[0]:>10.2f} {fp[1]:>10.2f}  {fcp[0]:>12.2f} {fcp[1]:>12.2f}")
    print("Goal: ≤ 1.1 s")
    print("\nFirst visit, bytes on the wire (gzip, empty cache, no throttling): KB and requests")
    print(f"{'page type':<16} {rev[:10]:>10} {'req':>4} {'now':>10} {'req':>4}")
    for kind in kinds:
        cells = [f"{'—':>10} {'':>4}" if (r := loads[(name, kind)]) is None else f"{r[0] / 1024:>10.1f} {r[1]:>4}" for name in sites]
        print(f"{kind:<16} {cells[0]} {cells[1]}")
    print("Goal: ≤ 25 KB")
    for name, (raw, packed) in css.items():
        print(f"Material's stylesheet, {name}: {raw / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--synthetic", type=int, nargs="*", default=[], metavar="PAGES",
                        help="also measure index size and time to first result on synthetic corpora, e.g. 500 2000")
    parser.add_argument("--paint", action="store_true", help="first paint on a slow phone link and first-visit bytes, "
                        "an earlier revision against this tree (only that)")
    parser.add_argument("--against", metavar="REV", default="62371a1", help="with --paint: the revision to compare with")
    parser.add_argument("--runs", type=int, default=7, help="with --paint: loads of each page per side")
    args = parser.parse_args()
    if args.paint:
        paint_table(args.against, args.runs)
        return
    if args.synthetic:
        synthetic(args.synthetic)
    with tempfile.TemporaryDirectory(prefix="hromada-weight-") as tmp:
        work = Path(tmp)
        ours, plain = build_both(REPO, work)
        rows = []
        with chromium() as browser:
            for name, site in (("Hromada", ours), ("plain Material", plain)):
                server = serve(site)
                base = f"http://127.0.0.1:{server.server_address[1]}/"
                for kind, path in pages_of(site, name != "Hromada").items():
                    if not (site / path / "index.html").exists():
                        rows.append((name, kind, None, 0, 0))  # plain Material has no generated catalogue
                        continue
                    rows.append((name, kind, *first_load(browser, base + path)))
                server.shutdown()
        print("\nFirst load on an empty cache (gzip as a CDN serves it), KB and requests;"
              " «of it index»: the search index fetched with the page")
        print(f"{'page type':<16} {'Hromada KB':>11} {'req':>4} {'of it index':>12} {'plain KB':>11} {'req':>4} {'of it index':>12}")
        for kind in dict.fromkeys(r[1] for r in rows):
            cells = []
            for engine in ("Hromada", "plain Material"):
                r = next(r for r in rows if r[0] == engine and r[1] == kind)
                cells.append(f"{'—':>11} {'':>4} {'':>12}" if r[2] is None else f"{r[2] / 1024:>11.1f} {r[3]:>4} {r[4] / 1024:>12.1f}")
            print(f"{kind:<16} {cells[0]} {cells[1]}")
        print(f"\nGoal: session page ≤ 60 KB on first load. Hromada: {next(r[2] for r in rows if r[0] == 'Hromada' and r[1] == 'session') / 1024:.1f} KB")
        print("\nSearch index, all of it (Hromada: search/index.js and its shards search/t/*.js, fetched only"
              " when search is opened, a shard per query word; Material: search/search_index.json, fetched on"
              " every page load)")
        sizes = {}
        for name, site in (("Hromada", ours), ("plain Material", plain)):
            sizes[name] = index_size(site)
            print(f"{name:<16} {sizes[name][0] / 1024:>9.1f} KB raw {sizes[name][1] / 1024:>8.1f} KB gzip"
                  f" in {sizes[name][2]} files")
        print(f"{'ratio':<16} {sizes['Hromada'][0] / sizes['plain Material'][0]:>12.2f} raw {sizes['Hromada'][1] / sizes['plain Material'][1]:>11.2f} gzip"
              "   (goal ≤ 0.40)")
        with chromium() as browser:
            server = serve(ours)
            base = f"http://127.0.0.1:{server.server_address[1]}/curricula/"
            opened = {q: open_search(browser, base, q) for q in ("петиції", "громадських слуханнях", "бюджет участі громади")}
            server.shutdown()
        print("\nOpening search and typing a query on Hromada: bytes more than the page (stemmer, index, shards)")
        for query, (size, count) in opened.items():
            print(f"  «{query}»: {size / 1024:.1f} KB in {count} requests")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
