"""Search quality: Material's default search vs Hromada's, both driven through the site's own
search box in real Chromium, on the real content and the query set in bench/search_queries.tsv.

    python bench/search.py [--show-misses]

Prints hit@1 / hit@3 / hit@10 and MRR per engine (and per section of the site); asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium, serve_dir
from corpus import REPO, build_both

QUERIES = Path(__file__).with_name("search_queries.tsv")
DEPTH = 10


@dataclass
class Query:
    text: str
    expected: tuple[str, ...]
    note: str

    @property
    def section(self) -> str:
        return self.expected[0].split("/")[0]


def read_queries(path: Path = QUERIES) -> list[Query]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected, *note = line.split("\t")
        queries.append(Query(text, tuple(expected.split("|")), note[0] if note else ""))
    return queries


def ranked_pages(page, base: str, query: str) -> list[str]:
    """Type the query into the search box like a reader and read the pages it lists, in order."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=5)
    # Playwright types Cyrillic as text input, without key events; Material's box reacts to keyup.
    box.dispatch_event("keyup")
    meta = page.locator(".md-search-result__meta")
    previous, stable_since = None, time.monotonic()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # results settle: the same list for 300 ms
        current = (meta.inner_text(), page.eval_on_selector_all(
            ".md-search-result__item > a:first-child", "els => els.map(e => e.href).join(' ')"))
        if current != previous:
            previous, stable_since = current, time.monotonic()
        elif time.monotonic() - stable_since > 0.3 and "розпочато" not in current[0].lower() and "завантаження" not in current[0].lower():
            break
        page.wait_for_timeout(50)
    pages: list[str] = []
    for href in (previous[1].split() if previous and previous[1] else []):
        path = urlsplit(href).path
        path = path[len(urlsplit(base).path):].lstrip("/") if path.startswith(urlsplit(base).path) else path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages[:DEPTH]


def evaluate(browser, base: str, queries: list[Query]) -> list[list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/", wait_until="networkidle")
    page.click("input.md-search__input")
    results = [ranked_pages(page, base, q.text) for q in queries]
    page.close()
    return results


def rank(result: list[str], expected: tuple[str, ...]) -> int | None:
    return next((i + 1 for i, p in enumerate(result) if p in expected), None)


def summary(ranks: list[int | None]) -> tuple[float, float, float, float]:
    n = len(ranks) or 1
    at = lambda k: 100 * sum(1 for r in ranks if r and r <= k) / n  # noqa: E731
    mrr = sum(1 / r for r in ranks if r) / n
    return at(1), at(3), at(10), mrr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-misses", action="store_true", help="queries whose page is not in an engine's top 3")
    args = parser.parse_args()
    queries = read_queries()
    with tempfile.TemporaryDirectory(prefix="hromada-search-") as tmp:
        ours, plain = build_both(REPO, Path(tmp))
        engines = {}
        with chromium() as browser:
            for name, site in (("Material default", plain), ("Hromada", ours)):
                with serve_dir(site) as base:
                    engines[name] = evaluate(browser, base, queries)
    ranks = {name: [rank(r, q.expected) for r, q in zip(results, queries, strict=True)] for name, results in engines.items()}
    print(f"\n{len(queries)} queries ({sum(1 for q in queries if q.note)} annotated), pages counted once, top {DEPTH}")
    print(f"{'engine':<18} {'hit@1':>7} {'hit@3':>7} {'hit@10':>7} {'MRR':>6}")
    for name, r in ranks.items():
        h1, h3, h10, mrr = summary(r)
        print(f"{name:<18} {h1:>6.1f}% {h3:>6.1f}% {h10:>6.1f}% {mrr:>6.3f}")
    print(f"\nhit@3 by section        {'n':>3} " + " ".join(f"{name:>17}" for name in ranks))
    for section in sorted({q.section for q in queries}):
        idx = [i for i, q in enumerate(queries) if q.section == section]
        cells = " ".join(f"{summary([ranks[name][i] for i in idx])[1]:>16.1f}%" for name in ranks)
        print(f"{section:<23} {len(idx):>3} {cells}")
    if args.show_misses:
        for name, results in engines.items():
            print(f"\n{name}: not in top 3")
            for q, r, found in zip(queries, ranks[name], results, strict=True):
                if not r or r > 3:
                    print(f"  {q.text!r:<36} want {q.expected[0]:<55} got {found[:3]}")


if __name__ == "__main__":
    main()
