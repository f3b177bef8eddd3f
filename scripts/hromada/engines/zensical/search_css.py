"""The search dialog's styles for Zensical: our search box is Material 9's markup, and Zensical's
theme no longer styles it (its own search is another component). The rules are taken from the
installed Material's stylesheet, so the dialog looks as it does under MkDocs."""

from __future__ import annotations

from pathlib import Path

SELECTORS = ("md-search", "toggle=search")
# Zensical hides the search box on phones (its own search opens elsewhere); Material keeps it.
SHOWN_ON_PHONES = "@media screen and (max-width:59.984375em){.md-search{display:block}}"


def material_stylesheet() -> Path | None:
    import material  # mkdocs-material is a dependency of hromada; only its CSS file is read

    found = sorted((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))
    return found[0] if found else None


def search_rules(css: str) -> str:
    """Rules of a minified stylesheet whose selector names the search, inside their @media."""
    out: list[str] = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@media") or prelude.startswith("@supports"):
            inner = search_rules(body)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif not prelude.startswith("@") and any(s in prelude for s in SELECTORS):
            out.append(f"{prelude}{{{body}}}")
    return "".join(out)


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level `prelude{body}` pairs (bodies may nest)."""
    blocks: list[tuple[str, str]] = []
    depth, start, open_at = 0, 0, 0
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                blocks.append((css[start:open_at].strip(), css[open_at + 1:i]))
                start = i + 1
        elif ch == ";" and depth == 0:
            start = i + 1  # @charset and the like
    return blocks


def stylesheet() -> str:
    source = material_stylesheet()
    return (search_rules(source.read_text(encoding="utf-8")) if source else "") + SHOWN_ON_PHONES
