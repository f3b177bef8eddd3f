"""WeasyPrint, fenced in: it may read files inside the repository (and data: URIs), nothing else."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, URLFetcher
from weasyprint.logger import LOGGER

ASSETS = Path(__file__).resolve().parent.parent / "assets"  # our print CSS and fonts


class RepositoryFetcher(URLFetcher):
    """No network, no file outside the repository (and our own assets): a handout gets no content from elsewhere."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=False)
        self.allowed = (root.resolve(), ASSETS)

    def fetch(self, url: str, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(folder) for folder in self.allowed):
                raise ValueError(f"поза репозиторієм: {url}")
        elif parts.scheme != "data":
            raise ValueError(f"мережеві адреси заборонені: {url}")
        return super().fetch(url, headers)


def quiet() -> None:
    # WeasyPrint reports every unsupported CSS property of the content; only errors matter here.
    LOGGER.setLevel(logging.ERROR)


def render(html: str, base_url: str, root: Path, target: Path) -> None:
    HTML(string=html, base_url=base_url, url_fetcher=RepositoryFetcher(root)).write_pdf(
        target, pdf_tags=True, custom_metadata=True)
