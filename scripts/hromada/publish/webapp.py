"""The site as an installable web app that keeps trainings for work without internet.

    write_webapp(site, pages) the last step of `publish.finish.finish`, over the finished output:

    manifest.webmanifest       name, language, icon: the phone offers «Додати на головний екран»
    sw.js                      the service worker, at the site's root so that its scope is the whole site
                               (under a sub-path such as /<repo>/ too: pages register it relatively)
    offline/<slug>.json        per training, every file its «Зберегти для роботи без інтернету» stores:
                               its page and its sessions' pages, their PDFs, what those pages load, search
    every page                 <link rel="manifest"> (site.js registers the worker where a page has it)
    a training page            assets/hromada/offline.js naming its list (data-offline), and offline.css
                               (written into it: publish/inline.py); no inline script

Not for the offline pack (file:// knows no service worker) nor for the live preview (its pages change
on every save; a worker caching them would only get in the way).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from hromada.content import layout
from hromada.publish.inline import style_element
from hromada.publish.pages import Pages
from hromada.resources import assets_dir
from hromada.search.index import INDEX_FILE, SHARD_DIR
from hromada.website.prepare import Site
from hromada.website.siteconfig import read_mkdocs_yml

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
CLIENT_JS = "assets/hromada/offline.js"
CLIENT_CSS = "assets/hromada/offline.css"
ICON = "assets/hromada/favicon.svg"
STEMMER = "assets/hromada/stem.js"  # search.js loads it with the search index
SEARCH_JS = "assets/hromada/search.js"  # site.js loads it when search is opened
LIST_DIR = "offline"  # beside layout.OFFLINE_PACK
FORMAT = 1
THEME_COLOR = "#3f51b5"  # the icon's
SKIP_PAGES = frozenset({"404.html"})  # shown at any address: its relative links would point anywhere
_MARK = 'rel="manifest"'
# What a page loads (not what it links to): stylesheets, icons, scripts, images.
_TAG = re.compile(r"<(link|script|img|source)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""\b(rel|href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_LOADED_RELS = frozenset({"stylesheet", "icon", "manifest", "preload", "apple-touch-icon"})
_GENERATOR = re.compile(r'^[ \t]*<meta name="generator"[^>]*>[ \t]*\n', re.M)
_BLANK = re.compile(r"\n[ \t]*\n+")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.I)


@dataclass(frozen=True)
class Offline:
    """What one training's button stores, as paths under the site's root."""

    slug: str
    title: str
    pages: tuple[str, ...]  # URLs of pages (`curricula/t/` or `curricula/t/index.html`), the training's first
    start: str | None  # the home page, where the installed app opens (stored too, but not the training's)
    pdfs: tuple[str, ...]
    assets: tuple[str, ...]  # stylesheets, scripts, icons, images, search files, the manifest


def write_webapp(site: Site, pages: Pages) -> None:
    if site.options.serving:
        return
    out = pages.out
    write_manifest(site, out)
    shutil.copyfile(assets_dir() / WORKER, out / WORKER)
    trainings = [offline_files(site, pages, doc.slug) for doc in sorted(site.corpus.trainings, key=lambda d: d.slug)]
    trainings = [t for t in trainings if t.pages]
    lists = {page_file(t.pages[0]): f"{LIST_DIR}/{t.slug}.json" for t in trainings}
    inject(pages, lists, {page_file(t.pages[0]): weight(pages, t) for t in trainings})
    seen: dict[str, tuple[bytes, int]] = {}
    for training in trainings:
        target = out / LIST_DIR / f"{training.slug}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(listing(pages, training, seen), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def offline_files(site: Site, pages: Pages, slug: str) -> Offline:
    """The training's page, its sessions' pages in reading order, the PDFs the plan gives those
    pages, and what the pages load; search whole (its files are small, and results need any shard)."""
    out = pages.out
    training_rel = layout.training_rel(slug)
    order = {rel: i for i, rel in enumerate(site.order)}
    sessions = sorted((d.rel for d in site.corpus.sessions_of(slug).values()), key=lambda r: (order.get(r, len(order)), r))
    rels = [training_rel, *sessions]
    title = site.document(training_rel).title if site.document(training_rel) else slug
    if page_file(site.urls.page(training_rel)) not in pages:
        return Offline(slug, title, (), None, (), ())
    urls = [site.urls.page(rel) for rel in rels if page_file(site.urls.page(rel)) in pages]
    pdfs = [h.output for rel in rels for h in site.handouts.get(rel, ()) if (out / h.output).is_file()]
    home = site.urls.page(layout.HOME)
    start = home if home not in urls and page_file(home) in pages else None
    assets = {MANIFEST, CLIENT_JS, CLIENT_CSS, ICON}
    for page in [*urls, *([start] if start is not None else [])]:
        assets |= loaded_by(pages, page)
    if (out / INDEX_FILE).is_file():
        assets |= {STEMMER, SEARCH_JS, INDEX_FILE, *(p.relative_to(out).as_posix() for p in sorted((out / SHARD_DIR).glob("*.js")))}
    for css in sorted(a for a in assets if a.endswith(".css")):
        assets |= urls_in_css(out, css)
    return Offline(slug, title, tuple(dict.fromkeys(urls)), start, tuple(dict.fromkeys(pdfs)),
                   tuple(sorted(a for a in assets if (out / a).is_file())))


def page_file(url: str) -> str:
    """The file a page URL is served from."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def loaded_by(pages: Pages, page: str) -> set[str]:
    """Site paths of the files a built page loads from the site (other origins and data: are not ours)."""
    html = pages.text(page_file(page))
    folder = posixpath.dirname(page_file(page))
    found: set[str] = set()
    for tag, attrs in _TAG.findall(html):
        values = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(attrs)}
        if tag.lower() == "link" and not _LOADED_RELS & set(values.get("rel", "").lower().split()):
            continue
        urls = [values.get("href") or values.get("src") or ""]
        urls += [part.strip().split(" ")[0] for part in values.get("srcset", "").split(",")]
        found |= {p for u in urls if (p := site_path(folder, u))}
    return found


def urls_in_css(out: Path, css: str) -> set[str]:
    text = (out / css).read_text(encoding="utf-8", errors="replace")
    return {p for u in _CSS_URL.findall(text) if (p := site_path(posixpath.dirname(css), u))}


def site_path(folder: str, url: str) -> str | None:
    """A relative reference from a file in `folder` as a path under the site's root; None for other
    origins, data: and anything that climbs out of the site."""
    url = url.split("#", 1)[0].split("?", 1)[0]
    if not url or layout.has_scheme(url) or url.startswith(("/", "#")):
        return None
    joined = posixpath.normpath(posixpath.join(folder, url))
    return None if joined == ".." or joined.startswith("../") or joined == "." else joined


def listing(pages: Pages, training: Offline, seen: dict[str, tuple[bytes, int]] | None = None) -> dict:
    """offline/<slug>.json. `version` changes with what a reader gets of the training: a phone that
    stored an older one stores it again when it is online; `bytes` (said before storing) is what
    it weighs. Both leave out what does not belong to the training, so that the same sources give the
    same list whichever engine wrote the pages: the engine's name in each page (<meta name="generator">,
    blank template lines) and the home page (the offline pack's link is there only in `hromada build`).
    The home page is stored too, as `start`, and kept fresh by the service worker."""
    out = pages.out
    digest = hashlib.sha256()
    size = 0
    seen = {} if seen is None else seen  # url → (hash, bytes): trainings share assets and search files
    for url in [*training.pages, *training.pdfs, *training.assets]:
        if url not in seen:
            page = url in training.pages
            data = as_read(pages.text(page_file(url))).encode() if page else (out / url).read_bytes()
            seen[url] = (hashlib.sha256(data).digest(), len(data))
        digest.update(url.encode() + b"\0" + seen[url][0])
        size += seen[url][1]
    return {"format": FORMAT, "training": training.slug, "title": training.title, "version": digest.hexdigest()[:16],
            "bytes": size, "pages": list(training.pages), "start": training.start, "pdfs": list(training.pdfs),
            "assets": list(training.assets)}


def weight(pages: Pages, training: Offline) -> str:
    """«pages PDFs bytes» of what saving the training stores, for its button to say before anything is
    fetched (the list's own `bytes`, within the few bytes the page's tags add). Pages as `listing`
    weighs them (`as_read`): whichever engine wrote them, the same sources say the same."""
    size = sum(len(as_read(pages.text(page_file(u))).encode()) for u in training.pages)
    files = [f for f in dict.fromkeys([*training.pdfs, *training.assets]) if f not in training.pages]
    return f"{len(training.pages)} {len(training.pdfs)} {size + sum((pages.out / f).stat().st_size for f in files)}"


def as_read(html: str) -> str:
    """A page without what only says which engine wrote it."""
    return _BLANK.sub("\n", without_generator(html))


def without_generator(html: str) -> str:
    """`_GENERATOR`'s lines out, looked for where the tag is: the pattern run over a whole page
    (85 KB with its styles) was two thirds of this step's time."""
    start = 0
    while (at := html.find('<meta name="generator"', start)) >= 0:
        line = html.rfind("\n", 0, at) + 1
        m = _GENERATOR.match(html, line)
        if m:
            html, start = html[:line] + html[m.end():], line
        else:
            start = at + 1
    return html


def write_manifest(site: Site, out: Path) -> None:
    raw = read_mkdocs_yml(site.root)
    name = str(raw.get("site_name") or "Hromada")
    manifest = {
        "name": name, "short_name": name if len(name) <= 12 else " ".join(name.split()[:2]),
        "description": str(raw.get("site_description") or ""), "lang": "uk", "dir": "ltr",
        "start_url": "./", "scope": "./", "id": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": THEME_COLOR,
        "icons": [{"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def inject(pages: Pages, lists: dict[str, str], weights: dict[str, str] | None = None) -> None:
    """The manifest link before </head> of every page (after the policy meta); a training page also
    gets the client script, which names the page's list and what saving it weighs (`weight`), and the
    button's styles."""
    weights = weights or {}
    for rel in pages:
        if rel in SKIP_PAGES:
            continue
        path, text = pages.path(rel), pages.text(rel)
        end = text.find("</head>")
        if end < 0 or _MARK in text[:end]:
            continue  # not a page, or finished already
        up = "../" * rel.count("/")
        tags = [f'<link rel="manifest" href="{up}{MANIFEST}">']
        if rel in lists:
            link = f"{up}{CLIENT_CSS}"  # written into the page: no round trip before its first paint
            tags.append(style_element(pages.out, path, link) or f'<link rel="stylesheet" href="{link}">')
            size = f' data-offline-size="{weights[rel]}"' if rel in weights else ""
            tags.append(f'<script src="{up}{CLIENT_JS}" data-offline="{up}{lists[rel]}"{size} defer></script>')
        pages.update(rel, text[:end] + "  " + "\n    ".join(tags) + "\n  " + text[end:])
