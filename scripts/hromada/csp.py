"""The Content-Security-Policy every page carries (a meta tag: GitHub Pages sets no headers).

Scripts only from the site itself: contributed content cannot run code even if a script slipped
past the checks (HR060). An inline script of the theme outside the article is allowed by its hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S | re.I)
_DATA_TYPE = re.compile(r"""type\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.I)
POLICY = ("default-src 'self'{files}; script-src 'self'{files}{hashes}; style-src 'self'{files} 'unsafe-inline'; "
          "img-src 'self'{files} data:; font-src 'self'{files}; connect-src 'self'; object-src 'none'; frame-src 'none'; "
          "base-uri 'self'; form-action 'self'")


def theme_script_hashes(html: str) -> list[str]:
    """sha256 sources for inline scripts outside the article (the theme's own)."""
    outside = _ARTICLE.sub("", html)
    hashes = []
    for m in _SCRIPT.finditer(outside):
        if "src=" in m.group("attrs").lower() or _DATA_TYPE.search(m.group("attrs")) or not m.group("body").strip():
            continue
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy(html: str, file_urls: bool = False) -> str:
    """file_urls: the offline pack, whose pages are file:// URLs, which browsers do not all count as 'self'."""
    hashes = theme_script_hashes(html)
    return POLICY.format(hashes="".join(" " + h for h in hashes), files=" file:" if file_urls else "")


def with_policy(html: str, file_urls: bool = False) -> str:
    """The page with its policy as the first thing in <head> after the charset."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, file_urls)}">'
    m = _CHARSET.search(html)
    if m:
        return html[: m.end()] + "\n    " + meta + html[m.end():]
    return html.replace("<head>", "<head>\n    " + meta, 1)
