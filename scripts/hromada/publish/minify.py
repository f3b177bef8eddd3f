"""Our scripts and stylesheets (assets/hromada/*.js, *.css) in the built site without comments and
indentation: they are written to be read (the why of each part is in its comments), and a phone on a
slow link pays for every byte (site.js 3.5 → 2.4 KB gzip, search.js 8.5 → 5.9, site.css 3.7 → 2.4).

    minify_assets(site, out)    a step of `publish.finish.finish`, before `purge_styles` (which reads
                                what our scripts and stylesheets name) and the offline lists (which hash them)

rjsmin and rcssmin only take out what does not change meaning (comments, whitespace); names stay, so
the strings and properties the purge looks for in our scripts are still there. Not in the live preview,
whose files an editor may want to read.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from hromada.publish.purge import OURS
from hromada.website.prepare import Site


def minify_assets(site: Site, out: Path) -> None:
    if site.options.serving:
        return
    for path in sorted((out / OURS).glob("*")):
        if path.suffix not in (".js", ".css") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        small = rjsmin.jsmin(text) if path.suffix == ".js" else rcssmin.cssmin(text)
        if small != text:
            path.write_text(small, encoding="utf-8")
