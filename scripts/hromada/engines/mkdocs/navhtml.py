"""The site menu of a page as Material's `partials/nav-item.html` writes it, written in Python.

Material renders the menu with a recursive Jinja macro on every page: at 500 pages that was 3.8 s
of a 24 s profiled build, the largest step of ours or MkDocs'. The same markup from Python takes a
fraction of it. Only what the menu of this site uses is done here (`SUPPORTED`: Material 9 with
`navigation.indexes` and `navigation.prune`); a site with other menu features, or a page whose front
matter sets an icon, a subtitle or a status, gets None and Material's own macro.

    items(nav, page, features)             (before, after): the <li> items of the menu; the page's
                                           own table of contents (partials/toc.html, by Jinja) goes
                                           between them, or after is None when it has none

Whitespace: any run of it where the macro writes one, none where it writes none, so that the menu
reads the same to a browser (tests/test_navhtml.py compares it with the macro on every page).
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

MENU_FEATURES = frozenset({"navigation.indexes", "navigation.prune", "navigation.tabs", "navigation.sections",
                           "navigation.expand"})
SUPPORTED = frozenset({"navigation.indexes", "navigation.prune"})
_ICON = '<span class="md-nav__icon md-icon"></span>'
_META = ("icon", "subtitle", "status")


def items(nav: Navigation, page: Page, features: list[str] | tuple[str, ...]) -> tuple[str, str | None] | None:
    if MENU_FEATURES & set(features) != SUPPORTED & set(features) or "navigation.prune" not in features:
        return None
    menu = _Menu(page, "navigation.indexes" in features)
    try:
        for i, item in enumerate(nav.items, start=1):
            menu.item(item, f"__nav_{i}", 1)
    except _Unsupported:
        return None
    text = "\n".join(menu.out)
    if menu.toc_at is None:
        return text, None
    cut = len("\n".join(menu.out[: menu.toc_at]))
    return text[:cut], text[cut:]


class _Unsupported(Exception):
    """Something of the menu this module does not write: Material's macro does."""


class _Menu:
    def __init__(self, page: Page, indexes: bool) -> None:
        self.page, self.indexes = page, indexes
        self.out: list[str] = []
        self.toc_at: int | None = None  # where in `out` the page's table of contents goes

    def url(self, url: str) -> str:
        return normalize_url(str(url), page=self.page)

    def content(self, item, ref=None) -> str:
        meta = getattr(item, "meta", None)
        if meta and any(meta.get(key) for key in _META):
            raise _Unsupported
        return f'<span class="md-ellipsis">\n{(ref or item).title}\n</span>'

    def item(self, item, path: str, level: int) -> None:
        cls = "md-nav__item" + (" md-nav__item--active" if getattr(item, "active", False) else "")
        children = getattr(item, "children", None)
        if children:
            self.section(item, children, cls, path, level)
        elif item == self.page:
            self.current(item, cls)
        else:
            self.out.append(f'<li class="{cls}">\n<a href="{self.url(item.url)}" class="md-nav__link">\n'
                            f"{self.content(item)}\n</a>\n</li>")

    def section(self, item, children: list, cls: str, path: str, level: int) -> None:
        index = next((c for c in children if getattr(c, "is_index", False)), None) if self.indexes else None
        if not item.active:  # pruned: a link to its first page, no children written
            self.out.append(f'<li class="{cls} md-nav__item--pruned md-nav__item--nested">\n{self.pruned(item, item)}\n</li>')
            return
        out = self.out
        out.append(f'<li class="{cls} md-nav__item--nested">\n'
                   f'<input class="md-nav__toggle md-toggle " type="checkbox" id="{path}" checked>')
        if index is None:
            out.append(f'<label class="md-nav__link" for="{path}" id="{path}_label" tabindex="0">\n'
                       f"{self.content(item)}\n{_ICON}\n</label>")
        else:
            active = "md-nav__link--active" if index == self.page else ""
            out.append(f'<div class="md-nav__link md-nav__container">\n<a href="{self.url(index.url)}" class="md-nav__link {active}">\n'
                       f"{self.content(index, item)}\n</a>"
                       + (f'\n<label class="md-nav__link {active}" for="{path}" id="{path}_label" tabindex="0">\n{_ICON}\n</label>'
                          if len(children) > 1 else "")
                       + "\n</div>")
        out.append(f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{path}_label" aria-expanded="true">\n'
                   f'<label class="md-nav__title" for="{path}">\n{_ICON}\n{item.title}\n</label>\n'
                   '<ul class="md-nav__list" data-md-scrollfix>')
        for i, child in enumerate(children, start=1):
            if index is None or child != index:
                self.item(child, f"{path}_{i}", level + 1)
        out.append("</ul>\n</nav>\n</li>")

    def pruned(self, item, ref) -> str:
        first = item.children[0] if item.children else None
        if first is None:
            raise _Unsupported  # Material links an empty section to "." with an undefined URL
        if getattr(first, "children", None):
            return self.pruned(first, ref)
        icon = f"\n{_ICON}" if item.children else ""
        return f'<a href="{self.url(first.url)}" class="md-nav__link">\n{self.content(ref)}{icon}\n</a>'

    def current(self, item: Page, cls: str) -> None:
        toc = list(self.page.toc)
        if toc and toc[0].level == 1:
            toc = list(toc[0].children)
        content = self.content(item)
        self.out.append(f'<li class="{cls}">\n<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
                        + (f'\n<label class="md-nav__link md-nav__link--active" for="__toc">\n{content}\n{_ICON}\n</label>'
                           if toc else "")
                        + f'\n<a href="{self.url(item.url)}" class="md-nav__link md-nav__link--active">\n{content}\n</a>')
        if toc:
            self.toc_at = len(self.out)
            self.out.append("")  # the table of contents goes here
        self.out.append("</li>")
