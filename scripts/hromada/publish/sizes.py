"""Last touches to the written pages, once every file is in the output folder: download buttons say
how big their file is (a reader on mobile data decides before tapping a 10 MB ZIP), and the error
page's links start from the site's own path, so that it works at any depth under a sub-path.

    fill_sizes(pages)                      «Робочий зошит (PDF), 1,2 МБ» where the file exists
    root_error_page(pages, site_url)       404.html's "/assets/…" → "/<repo>/assets/…"
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from hromada.publish.pages import Pages
from hromada.website.prepare import Site

ERROR_PAGE = "404.html"
# website.render.downloads writes it empty; the path is from the site's root.
_SIZE = re.compile(r'<span class="hromada-size" data-size-of="([^"]+)"></span>')
_ROOTED = re.compile(r'\b(href|src|action)="/(?!/)')


def finish_pages(site: Site, pages: Pages) -> None:
    """The step `publish.finish.finish` runs after the PDFs and ZIPs are written."""
    fill_sizes(pages)
    root_error_page(pages, site.urls.site_url)  # (the offline pack leaves 404.html out: no server shows it)


def human_size(size: int) -> str:
    """Bytes in Ukrainian: «850 КБ», «1,2 МБ», «11 МБ» (comma decimals, a no-break space)."""
    kb = size / 1024
    if kb < 1000:
        return f"{max(1, round(kb))}\u00a0КБ"
    mb = kb / 1024
    text = f"{mb:.1f}" if mb < 10 else f"{mb:.0f}"
    return text.replace(".", ",") + "\u00a0МБ"


def fill_sizes(pages: Pages) -> None:
    """Every empty size placeholder whose file exists in the output folder gets «, 1,2 МБ» (and the
    bytes in data-size); a file that is not there (yet) leaves the placeholder as it was."""
    root = pages.out.resolve()
    sizes: dict[str, int | None] = {}

    def size_of(rel: str) -> int | None:
        if rel not in sizes:
            target = (root / rel).resolve()
            sizes[rel] = target.stat().st_size if target.is_relative_to(root) and target.is_file() else None
        return sizes[rel]

    def filled(m: re.Match) -> str:
        n = size_of(m.group(1))
        if n is None:
            return m.group(0)
        return f'<span class="hromada-size" data-size-of="{m.group(1)}" data-size="{n}">, {human_size(n)}</span>'

    for rel in pages:
        text = pages.text(rel)
        if 'class="hromada-size"' in text:
            pages.update(rel, _SIZE.sub(filled, text))


def root_error_page(pages: Pages, site_url: str) -> None:
    """A server shows 404.html at whatever address was missing (/<repo>/a/b/c): its links must not
    depend on that address. MkDocs writes them from the server's root ("/assets/…") unless
    mkdocs.yml names site_url; a site published under a path (GitHub Pages' /<repo>/) needs that path."""
    base = urlsplit(site_url).path if site_url else "/"
    if base in ("", "/") or ERROR_PAGE not in pages:
        return
    base = base if base.endswith("/") else base + "/"
    text = pages.text(ERROR_PAGE)

    def rooted(m: re.Match) -> str:
        rest = text[m.end(): m.end() + len(base) - 1]
        return m.group(0) if "/" + rest == base else f'{m.group(1)}="{base}'

    pages.update(ERROR_PAGE, _ROOTED.sub(rooted, text))
