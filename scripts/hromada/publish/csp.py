"""The Content-Security-Policy every page carries (a meta tag: GitHub Pages sets no headers).

Scripts only from the site's own files, and no inline script at all, not even the theme's by its
hash: a hash would also allow the same script wherever content managed to put it. Content folders
may not publish scripts (HR093), so 'self' means the site's own code.
"""

from __future__ import annotations

import re

_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.I)
POLICY = ("default-src 'self'{files}; script-src 'self'{files}; style-src 'self'{files} 'unsafe-inline'; "
          "img-src 'self'{files} data:; font-src 'self'{files}; connect-src 'self'; object-src 'none'; frame-src 'none'; "
          "base-uri 'self'; form-action 'self'")


def policy(file_urls: bool = False) -> str:
    """file_urls: the offline pack, whose pages are file:// URLs, which browsers do not all count as 'self'."""
    return POLICY.format(files=" file:" if file_urls else "")


def with_policy(html: str, file_urls: bool = False) -> str:
    """The page with its policy as the first thing in <head> after the charset."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(file_urls)}">'
    if 'http-equiv="Content-Security-Policy"' in html[: html.find("</head>")]:
        return html  # finished already (a build's output is finished once, but may be asked twice)
    m = _CHARSET.search(html)
    if m:
        return html[: m.end()] + "\n    " + meta + html[m.end():]
    return html.replace("<head>", "<head>\n    " + meta, 1)
