"""Translate editors' on-disk links into the paths MkDocs knows pages by."""

from __future__ import annotations

from hromada.content import layout
from hromada.content.mdscan import rewrite_links


def to_site(body: str, source_rel: str, exists) -> str:
    """Rewrite relative links of `source_rel` whose on-disk target exists into site terms."""

    def fix(target: str) -> str | None:
        if not layout.is_file_link(target):
            return None
        path, sep, anchor = target.partition("#")
        resolved = layout.resolve(source_rel, path)
        if resolved is None or not exists(resolved):
            return None
        new = layout.site_relative(source_rel, resolved)
        return None if new == path else new + sep + anchor

    return rewrite_links(body, fix)
