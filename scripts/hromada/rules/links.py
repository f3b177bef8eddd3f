"""Links, anchors, images and raw HTML: what a page points at exists and is harmless."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote

from hromada.content import layout
from hromada.content.diagnostics import Diagnostic, error
from hromada.content.load import Corpus, Document
from hromada.website.parts import generated_anchors
from hromada.website.sanitize import is_local

# --- links, anchors, images, raw HTML --------------------------------------------------

def links(corpus: Corpus) -> Iterable[Diagnostic]:
    anchors: dict[str, set[str]] = {}  # a page's anchors are computed once, however many links point at it

    def anchors_of(doc: Document) -> set[str]:
        if doc.rel not in anchors:
            anchors[doc.rel] = doc.scan.anchors | generated_anchors(corpus, doc)
        return anchors[doc.rel]

    for doc in corpus.documents.values():
        for link in doc.scan.links:
            yield from _link(corpus, doc, link, anchors_of)


def _link(corpus: Corpus, doc: Document, link, anchors_of: Callable[[Document], set[str]]) -> Iterable[Diagnostic]:
    target = link.target.strip()
    if _dangerous_url(target):
        yield error(doc.rel, link.line, link.col, "HR061", "небезпечне посилання",
                    "посилання можуть вести лише на http(s), mailto або файли сайту")
        return
    if not target or not is_local(target):
        if link.image and target:
            yield error(doc.rel, link.line, link.col, "HR062", "зображення з іншого сайту",
                        "сайт не завантажує нічого з інших адрес: збережіть зображення поруч зі сторінкою "
                        "і вкажіть шлях до файлу")
        return
    path_part, _, anchor = target.partition("#")
    path_part = unquote(path_part.split("?", 1)[0])
    if not path_part:
        if anchor and anchor not in anchors_of(doc):
            yield _bad_anchor(doc, link, anchor, doc)
        return
    resolved = layout.resolve(doc.rel, path_part)
    if resolved is None:
        yield error(doc.rel, link.line, link.col, "HR043", f"посилання «{target}» виходить за межі репозиторію",
                    "посилайтеся лише на файли сайту")
        return
    if resolved.endswith("/") or (resolved + "/index.md") in corpus.documents:
        resolved = resolved.rstrip("/") + "/index.md"
    if not corpus.exists(resolved):
        yield _missing(corpus, doc, link, target, resolved)
        return
    target_doc = corpus.documents.get(resolved)
    if anchor and target_doc is not None and anchor not in anchors_of(target_doc):
        yield _bad_anchor(doc, link, anchor, target_doc)


def _missing(corpus: Corpus, doc: Document, link, target: str, resolved: str) -> Diagnostic:
    if link.image or resolved.lower().endswith(layout.IMAGE_EXTS):
        return error(doc.rel, link.line, link.col, "HR042", f"зображення «{target}» не знайдено",
                     "покладіть файл поруч зі сторінкою або виправте шлях (великі й малі літери розрізняються)")
    # Written in site terms instead of disk terms? Say how to write it.
    site_guess = layout.repo_path(layout.resolve(layout.site_uri(doc.rel), target.partition("#")[0]) or "")
    if corpus.exists(site_guess):
        hint = f"шлях рахується від файлу на диску: «{_relpath(doc.rel, site_guess)}»"
    else:
        close = _like(resolved, sorted({*corpus.documents, *corpus.assets}))
        folder = resolved.rpartition("/")[0] or "корінь репозиторію"
        hint = (f"можливо, «{_relpath(doc.rel, close)}»?" if close
                else f"такого файлу немає: покладіть його в {folder}/ або виправте назву й шлях")
    return error(doc.rel, link.line, link.col, "HR040", f"посилання на неіснуючий файл «{target}»", hint)


def _like(missing: str, names: list[str]) -> str | None:
    """A file the editor probably meant: of the same type (a PDF for a PDF), with a similar name;
    folders do not count, or every file in the same folder would look alike."""
    suffix = missing.rpartition(".")[2].lower() if "." in missing.rpartition("/")[2] else ""
    same_type = [n for n in names if n.rpartition(".")[2].lower() == suffix] if suffix else names
    by_name: dict[str, list[str]] = {}
    for n in same_type:
        by_name.setdefault(n.rpartition("/")[2].lower(), []).append(n)
    close = difflib.get_close_matches(missing.rpartition("/")[2].lower(), list(by_name), n=1, cutoff=0.75)
    if not close:
        return None
    here = missing.rpartition("/")[0]
    candidates = by_name[close[0]]
    return next((c for c in candidates if c.rpartition("/")[0] == here), candidates[0])


def _relpath(source_rel: str, target_rel: str) -> str:
    import posixpath

    return posixpath.relpath(target_rel, posixpath.dirname(source_rel) or ".")


def _bad_anchor(doc: Document, link, anchor: str, target: Document) -> Diagnostic:
    close = difflib.get_close_matches(anchor, sorted(target.scan.anchors), n=1, cutoff=0.6)
    hint = f"можливо, «#{close[0]}»?" if close else "якір — це заголовок латиницею, наприклад #hromadski-slukhannia"
    where = "на цій сторінці" if target is doc else f"у {target.rel}"
    return error(doc.rel, link.line, link.col, "HR041", f"якоря «#{anchor}» немає {where}", hint)


_ALLOWED_HTML = frozenset({
    "a", "abbr", "b", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
})  # fmt: skip
_EVENT_ATTR = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_BAD_URL_ATTR = re.compile(r"\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*(?:javascript|data|vbscript):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _as_browser_reads(text: str) -> str:
    """Entities decoded, tabs, newlines and control characters dropped, as a browser reads a URL."""
    return _INVISIBLE.sub("", html.unescape(text))


def _dangerous_url(target: str) -> bool:
    plain = _as_browser_reads(target).lower()
    return plain.startswith(("javascript:", "data:", "vbscript:", "file:"))


def raw_html(corpus: Corpus) -> Iterable[Diagnostic]:
    for doc in corpus.documents.values():
        for tag in doc.scan.html:
            if tag.name not in _ALLOWED_HTML:
                yield error(doc.rel, tag.line, tag.col, "HR060", f"HTML-тег <{tag.name}> заборонено у вмісті",
                            "використайте Markdown; скрипти, стилі, форми та вбудовані фрейми не дозволені")
            elif (_EVENT_ATTR.search(tag.attrs) or _BAD_URL_ATTR.search(tag.attrs)
                  or _BAD_URL_ATTR.search(_as_browser_reads(tag.attrs))):
                yield error(doc.rel, tag.line, tag.col, "HR061", f"небезпечний атрибут у тегу <{tag.name}>",
                            "приберіть обробники on…= та адреси javascript:/data:")
            elif _foreign_resource(tag):
                yield error(doc.rel, tag.line, tag.col, "HR062", f"тег <{tag.name}> завантажує ресурс з іншого сайту",
                            "сайт не завантажує нічого з інших адрес: збережіть зображення поруч зі сторінкою "
                            "і вкажіть шлях до файлу; стилі з url(…) не потрібні")


_SRC_ATTR = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _foreign_resource(tag) -> bool:
    attrs = html.unescape(tag.attrs)
    src = _SRC_ATTR.search(attrs)
    if src and not is_local(next(g for g in src.groups() if g is not None)):
        return True
    return "url(" in attrs.lower().replace(" ", "")
