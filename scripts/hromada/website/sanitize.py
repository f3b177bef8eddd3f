"""The one allowlist over HTML that content produces, applied after Markdown.

Whatever syntax an editor (or an attacker with edit rights) writes, Markdown's output passes
through this before anything of ours is added: only the tags and attributes that Markdown and
its extensions produce survive, links keep safe schemes only, and nothing loads from another
origin. Ammonia (via nh3) parses as a browser does, so tricks with entities, control characters,
split tags or quoting do not matter. `hromada check` reports the common cases with a line first;
this is what makes the rest harmless.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import nh3

from hromada.content import layout

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label",
    "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
})  # fmt: skip
# Removed with everything inside them (the rest are unwrapped: their text stays).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed", "noscript",
                                  "svg", "math", "select", "textarea", "title", "frame", "frameset", "noembed"})
ATTRIBUTES = MappingProxyType({
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height"},
    "details": {"open"},
    "input": {"checked", "disabled", "id", "name"},  # task lists and content tabs
    "label": {"for"},
    "ol": {"start"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan"},
    "div": {"data-tabs"},
})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def clean(html: str) -> str:
    """Content HTML with nothing active left: no script, handler, frame, form, foreign resource."""
    return _CLEANER.clean(html)


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and not is_local(value):
        return None  # an image from another site would be a request to another origin
    if name in ("id", "for", "name") and value.startswith("__") and not value.startswith("__tabbed_"):
        return None  # the theme's own controls (__drawer, __search) are not content's to shadow
    return value


def is_local(url: str) -> bool:
    """A URL inside the site: no scheme, no host (`//host`, `\\\\host`)."""
    stripped = url.strip()
    if stripped.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    head = stripped.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return ":" not in head


# Built once at import and never changed: the policy is a constant.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    tag_attribute_values={"input": {"type": {"checkbox", "radio"}}},
    attribute_filter=_attribute,
    strip_comments=False,  # the build's own markers are comments; a comment runs nothing
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties={"text-align"},
)


# --- images in content folders: an SVG is a document that can carry script ----------------

_SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "use",
    "symbol", "marker", "metadata",
})  # fmt: skip
_SVG_REF_ATTRS = ("href", "{http://www.w3.org/1999/xlink}href")


def svg_problem(data: bytes) -> str | None:
    """Why an SVG may not be published (script, handlers, links, foreign resources), or None.

    Only drawing elements and in-file references (`#id`) are allowed: an SVG opened on its own
    is a page of the site's origin, and no Content-Security-Policy of ours applies to it.
    """
    import xml.etree.ElementTree as ET

    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return "SVG містить DOCTYPE або ENTITY"
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return f"SVG не читається як XML (рядок {exc.position[0]})"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else "?"
        if name not in _SVG_ELEMENTS:
            return f"елемент <{name}> у SVG не дозволено"
        for attr, value in element.attrib.items():
            local = attr.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"обробник подій «{local}» у SVG"
            if attr in _SVG_REF_ATTRS and not value.strip().startswith("#"):
                return f"посилання «{value[:60]}» у SVG веде за межі файлу"
            if "url(" in value.replace(" ", "").lower() and "url(#" not in value.replace(" ", "").lower():
                return "SVG завантажує ресурс з іншого місця (url(…))"
            if local == "style" and ("@import" in value or "expression(" in value):
                return "стилі SVG завантажують ресурси"
    return None


def publishable_file(path: Path, rel: str) -> bool:
    """A content file other than a page that the site may publish: an allowed type, and an SVG
    with nothing active in it."""
    if not layout.publishable(rel):
        return False
    if rel.lower().endswith(".svg"):
        try:
            return svg_problem(path.read_bytes()) is None
        except OSError:
            return False
    return True
