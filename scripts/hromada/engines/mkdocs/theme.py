"""What the MkDocs driver needs of the theme: our template layer, escaped titles, the TOC."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from hromada.content import layout
from hromada.resources import theme_dir


def add_theme_layer(theme) -> None:
    """Our templates (theme/) go in front of Material's, behind an editor's own custom_dir."""
    ours = str(theme_dir())
    if ours in theme.dirs:
        return
    list_templates_without_dot_folders(theme)
    material = next((i for i, d in enumerate(theme.dirs) if Path(d, "partials", "header.html").exists()
                     and "material" in Path(d).parts), 0)
    theme.dirs.insert(material, ours)


def escape_title(page: Page) -> str:
    """The page's title as plain text; the page keeps it escaped, for the theme. MkDocs takes a
    title from the front matter or from the first heading's text: either may hold «<»."""
    title = page.title
    if title is None:
        return ""
    if isinstance(title, Markup):
        return plain(title)
    if "title" in page.meta:
        page.meta["title"] = escape(title)
    else:
        page._title_from_render = escape(title)  # MkDocs keeps the first heading's text here
    return str(title)


def plain(text: str) -> str:
    return Markup(text).unescape() if isinstance(text, Markup) else str(text)


def add_to_toc(page: Page, headings) -> None:
    """Generated headings into the page's table of contents, each under its last higher heading."""
    for level, heading, anchor in headings:
        items = page.toc.items
        while items and items[-1].level < level:
            items = items[-1].children
        items.append(AnchorLink(escape(heading), anchor, level))


def mkdocs_nav(items) -> list:
    """Our navigation as mkdocs.yml's `nav`: pages by path (MkDocs titles them), sections by
    their escaped title (Material prints section titles as they are)."""
    out: list = []
    for item in items:
        if item.rel:
            out.append(layout.site_uri(item.rel))
        else:
            out.append({escape(item.title): mkdocs_nav(item.children)})
    return out


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Theme templates compile once per process, not on every preview rebuild; with a folder, once
    per machine: a build starts from the compiled templates of the last (some 0.3 s of every build).
    Jinja checks each entry against its template's source and its own version, so a changed
    template or Jinja compiles again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self.folder: Path | None = None
        self.disk: jinja2.FileSystemBytecodeCache | None = None

    def keep_in(self, folder: Path) -> None:
        if self.folder != folder:
            self.folder, self.disk = folder, jinja2.FileSystemBytecodeCache(str(folder))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])
        elif self.disk is not None:
            try:
                self.disk.load_bytecode(bucket)
            except (OSError, ValueError, EOFError):  # a broken entry compiles again
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None and self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.disk.dump_bytecode(bucket)
            except OSError:  # a read-only checkout still builds
                pass


def list_templates_without_dot_folders(theme) -> None:
    """MkDocs walks every theme folder for static files on every build, then drops names in dot
    folders; Material's .icons/ holds some 10 000 of its 14 500 files. Listing without them is
    the same result (MkDocs' filter drops ".*" and "*/.*") for a third of the work."""
    get_env = theme.get_env

    def env() -> jinja2.Environment:
        made = get_env()
        loader = made.loader
        if isinstance(loader, jinja2.FileSystemLoader):
            loader.list_templates = lambda: _listed(loader)
        return made

    theme.get_env = env


def _listed(loader: jinja2.FileSystemLoader) -> list[str]:
    found: set[str] = set()
    for searchpath in loader.searchpath:
        for folder, dirs, names in os.walk(searchpath, followlinks=loader.followlinks):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            base = os.path.relpath(folder, searchpath)
            for name in names:
                if not name.startswith("."):
                    found.add(name if base == "." else os.path.join(base, name).replace(os.sep, "/"))
    return sorted(found)
