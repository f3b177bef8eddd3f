"""WeasyPrint, fenced in: it may read files inside the repository (and data: URIs), nothing else."""

from __future__ import annotations

import logging
from functools import lru_cache
from multiprocessing import util
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML, URLFetcher
from weasyprint.logger import LOGGER
from weasyprint.text.fonts import FontConfiguration

ASSETS = Path(__file__).resolve().parent.parent / "assets"  # our print CSS and fonts
PRINT_CSS = ASSETS / "print.css"
# The faces print.css declares, by the name WeasyPrint embeds them under: an assembled book gets one
# subset of each (assemble.py); a face missing here would keep a subset per part.
BOOK_FONTS = MappingProxyType({
    "Hromada-Sans": ASSETS / "fonts/NotoSans_400Regular.ttf",
    "Hromada-Sans-Bold": ASSETS / "fonts/NotoSans_700Bold.ttf",
    "Hromada-Sans-Italic": ASSETS / "fonts/NotoSans_400Regular_Italic.ttf",
    "Hromada-Sans-BoldItalic": ASSETS / "fonts/NotoSans_700Bold_Italic.ttf",
})


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


class Renderer:
    """One parsed print.css and one font configuration (its @font-face fonts loaded once) for many
    PDFs: parsing them for every PDF was ~15 % of a one-session PDF. print.css is given to WeasyPrint
    as a user stylesheet, so a document's own <style> (its page headers) still wins over it."""

    def __init__(self, root: Path) -> None:
        self.fetcher = RepositoryFetcher(root)
        self.fonts = FontConfiguration()
        self.css = CSS(url=PRINT_CSS.as_uri(), url_fetcher=self.fetcher, font_config=self.fonts)

    def render(self, html: str, base_url: str, target: Path) -> None:
        HTML(string=html, base_url=base_url, url_fetcher=self.fetcher).write_pdf(
            target, stylesheets=[self.css], font_config=self.fonts, pdf_tags=True, custom_metadata=True)

    def close(self) -> None:
        # FontConfiguration keeps the fonts in a temporary folder until it is collected; a pool
        # worker ends with os._exit, so it is dropped here (multiprocessing's exit finalizers).
        self.fonts.__del__()


@lru_cache(maxsize=1)
def worker_renderer(root: str) -> Renderer:
    """The renderer of this worker process, made on its first PDF and kept until it exits: a pool
    worker has no other place to keep it. The parent process never calls this."""
    renderer = Renderer(Path(root))
    util.Finalize(renderer, renderer.close, exitpriority=10)
    return renderer


def fast_font_subsets() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz: without libharfbuzz-subset it uses fontTools,
    ten times slower (a case study's PDF 1.2 → 0.12 s) and says so only in a log we keep quiet."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def quiet() -> None:
    # WeasyPrint reports every unsupported CSS property of the content; only errors matter here.
    LOGGER.setLevel(logging.ERROR)


def render(html: str, base_url: str, root: Path, target: Path) -> None:
    worker_renderer(str(root)).render(html, base_url, target)

