"""The offline pack offline/hromada-site.zip: the whole site for a USB stick, opened from file://,
made from the finished output folder (no second build).

    write_pack(site, pages)  a step of `publish.finish.finish`, after the PDFs, `finish_pages` and
                             `purge_styles` (the pack gets the sizes and the cut stylesheet) and before
                             `inline_styles`, `write_webapp` and `write_admin` (it gets none of theirs);
                             then the home page's ZIP button gets the pack's size (`fill_sizes`)
    file_link(url, …)        one link as it works from files: a folder → its index.html

The pack keeps the site's folders (`a/b/index.html`). A browser shows a folder's index.html only
from a server, so every relative href whose path is a folder («.», «..», «x/», «../../..», with a
query or fragment or none) gets index.html; a link without a dot in its last part that names a
folder of the site (written without the slash) too. Left alone: absolute URLs (the canonical link,
og:url, other sites), root paths, «#…», a query alone («?q=…»: the same file), mailto:, data:, files.
Only the href of <a> and <link> carries page links in the pages (src and srcset name files; no data-* attribute our
scripts read is a link: data-offline is the web app's, data-size-of a path for `fill_sizes`).
The search index keeps the site's folder URLs: site.js adds index.html when it runs from file:.

What `hromada build` used to get from a second build under file URLs, and here:
- the policy names file: (`csp.policy(True)`: not every browser counts file:// pages as 'self');
- the home page does not offer the pack itself (its «hromada-downloads--pack» paragraph goes);
- no manifest, service worker, per-training lists, offline.js/.css (file:// has no service
  worker) and no admin/ (`LEFT_OUT`; made after this step anyway), no stylesheets inlined (opened
  from files: no round trips, and every page would carry its copy), no editor's copy of the
  stylesheet (`purge.editor_copy`);
- 404.html is left out: no server shows it, and its links start from the site's root path;
- kept as the site has them: the PDFs and training ZIPs, the sitemap, the canonical link and og:url
  (`identity.page_meta` left og:url out of the second build): both name the page's published
  address, which is true of a copy too, and neither is loaded.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from pathlib import Path
from urllib.parse import unquote

from hromada.content import layout
from hromada.publish.admin import ADMIN
from hromada.publish.csp import policy
from hromada.publish.packs import write_zip
from hromada.publish.pages import Pages
from hromada.publish.purge import EDITOR_MARK, THEME_CSS
from hromada.publish.sizes import ERROR_PAGE, fill_sizes
from hromada.publish.webapp import CLIENT_CSS, CLIENT_JS, LIST_DIR, MANIFEST, WORKER
from hromada.website.prepare import Site

TOP = "hromada-site"  # the folder the ZIP unpacks to
INDEX = "index.html"
LEFT_OUT = frozenset({ERROR_PAGE, MANIFEST, WORKER, CLIENT_JS, CLIENT_CSS})
LEFT_OUT_FOLDERS = (f"{LIST_DIR}/", f"{ADMIN}/")  # the per-training lists and the pack itself; the web editor
_HREF = re.compile(r'(<(?:a|link)\s[^>]*?\bhref=")([^"]*)(")')  # in a tag: not «href="…"» in a page's text
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_PACK_OFFER = re.compile(r'<p class="hromada-downloads hromada-downloads--pack"[^>]*>.*?</p>\n?', re.S)


def write_pack(site: Site, pages: Pages) -> None:
    if not site.options.offline_pack or site.options.serving:
        return
    write_zip(pages.out / layout.OFFLINE_PACK, members(pages))
    fill_sizes(pages)  # the home page's button: the ZIP has a size now


def members(pages: Pages) -> list[tuple[str, Path | bytes]]:
    """(name in the ZIP, the file or a page's rewritten bytes), sorted by path; the pages as the
    finishing steps so far left them."""
    out = pages.out
    files = [(p.relative_to(out).as_posix(), p) for p in sorted(out.rglob("*")) if p.is_file()]
    files = [(rel, p) for rel, p in files if packed(rel)]
    folders = frozenset(posixpath.normpath(posixpath.dirname(rel)) for rel, _ in files if posixpath.basename(rel) == INDEX)
    online, offline = policy(False), policy(True)
    result: list[tuple[str, Path | bytes]] = []
    for rel, path in files:
        if rel.endswith(".html"):
            page = pages.text(rel) if rel in pages else path.read_text(encoding="utf-8")
            text = for_files(page, posixpath.dirname(rel), folders)
            result.append((f"{TOP}/{rel}", text.replace(f'content="{online}"', f'content="{offline}"', 1).encode("utf-8")))
        else:
            result.append((f"{TOP}/{rel}", path))
    return result


def packed(rel: str) -> bool:
    if rel in LEFT_OUT or rel.startswith(LEFT_OUT_FOLDERS):
        return False
    return not (rel.startswith(THEME_CSS) and EDITOR_MARK + "." in posixpath.basename(rel))


def for_files(html: str, folder: str, folders: Collection[str] = ()) -> str:
    """A page (at `folder`, relative to the site's root) with its links to folders made links to
    their index.html, and without the offer of the pack."""
    if "hromada-downloads--pack" in html:
        html = _PACK_OFFER.sub("", html)
    return _HREF.sub(lambda m: m.group(1) + file_link(m.group(2), folder, folders) + m.group(3), html)


def file_link(url: str, folder: str = "", folders: Collection[str] = ()) -> str:
    """`url` as written in a page at `folder`; `folders`: the site's folders that have an index.html
    (for a link to one written without its slash)."""
    if not url or url[0] in "#?/" or _SCHEME.match(url):
        return url
    end = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:end], url[end:]
    last = path.rsplit("/", 1)[-1]
    if last in ("", ".", ".."):
        return f"{path}{'' if last == '' else '/'}{INDEX}{rest}"
    if "." not in last and folders and posixpath.normpath(posixpath.join(folder, unquote(path))) in folders:
        return f"{path}/{INDEX}{rest}"
    return url
