"""Engines that turn the prepared site into HTML. Each driver only translates: the core prepares
(website.prepare), renders each page's parts (website.render) and finishes (publish.finish).

    mkdocs    MkDocs 1.6 or ProperDocs 1.6 with the hromada plugin (engines/mkdocs)
    zensical  Zensical over a staging tree of composed pages (engines/zensical)
"""

from __future__ import annotations

from pathlib import Path

from hromada.website.prepare import Site

ENGINES = ("mkdocs", "zensical")


def build(engine: str, site: Site, target: Path, strict: bool = False) -> None:
    """The offline pack comes with the site when `site.options.offline_pack` (publish.finish)."""
    if engine == "zensical":
        from hromada.engines.zensical import driver as zensical

        zensical.build(site, target, strict=strict)
    else:
        from hromada.engines.mkdocs import driver

        driver.build(site, target, strict=strict)


def failure(engine: str, exc: BaseException) -> str:
    """Why a build stopped, in Ukrainian."""
    if engine == "zensical":
        from hromada.engines.zensical import driver as zensical

        return zensical.failure(exc)
    from hromada.engines.mkdocs import driver

    return driver.failure(exc)
