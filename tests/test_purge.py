"""Material's stylesheet cut to what the site shows (publish/purge.py) and written into the pages
(publish/inline.py): the rules kept and dropped, no rule an element of a built page uses left out,
and every page type looking the same, pixel for pixel, with the whole stylesheet and with the cut one.
Screenshots of both are kept in test-artifacts/purge/ (and a diff where they differ)."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import cssselect2
import pytest
import tinycss2
import tinyhtml5

from browser import chromium, serve_dir
from conftest import REPO
from hromada.publish import purge as p
from hromada.publish import sheets
from hromada.publish.inline import inlined

ARTIFACTS = Path(os.environ.get("HROMADA_ARTIFACTS", REPO / "test-artifacts")) / "purge"
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
# States an element reaches without a script changing it: a test strips them before cssselect2,
# independently of purge.loosen.
STATES = re.compile(r"::?(?:hover|focus-within|focus-visible|focus|active|checked|target|visited|before|after|"
                    r"placeholder|selection|marker)\b")


def cut(css: str, html: str | list[str], scripts: tuple[str, ...] = (), styles: tuple[str, ...] = ()) -> str:
    sheet = sheets.compile_sheet(css)
    pages = [html] if isinstance(html, str) else html
    usage = p.scan(pages, [x for x in p.probes_of(sheet.rules) if x is not None], scripts, styles)
    return p.purge(sheet, usage)


def assert_kept(out: str, kept: tuple[str, ...], gone: tuple[str, ...]) -> None:
    for text in kept:
        assert text in out, text
    for text in gone:
        assert text not in out, text


PAGE = """<!doctype html><html lang="uk"><head><title>t</title></head><body dir="ltr">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">
<header class="md-header"><form class="md-search__form"><input class="md-search__input"></form></header>
<div class="md-typeset"><p class="lead">Текст <a href="#x">посилання</a></p>
<details class="trainer"><summary>Нотатка</summary><p>…</p></details><table><tr><td>1</td></tr></table></div>
</body></html>"""


# ---- (a) the rules kept and dropped --------------------------------------------------------------

def test_keeps_rules_that_match_and_drops_the_rest() -> None:
    css = ".lead{color:red}.md-typeset a{color:blue}.never{color:green}.md-typeset .lead .never{margin:0}h6{margin:1px}"
    out = cut(css, PAGE)
    assert ".lead{color:red}" in out and ".md-typeset a{color:blue}" in out
    assert ".never" not in out and "h6" not in out


def test_states_count_as_reached() -> None:
    css = (".md-typeset a:hover{color:red}.md-typeset a:focus-visible::after{content:''}"
           "[data-md-toggle=search]:checked~.md-header .md-search__form{display:block}"
           ".md-search__input:focus{outline:0}.md-search__input::placeholder{color:grey}"
           "details[open]>summary:after{transform:rotate(90deg)}.md-typeset :is(details,.x):not(.y)>summary{margin:0}"
           "tbody tr:nth-child(2n){background:#eee}:root>*{color:black}::selection{color:red}"
           ".gone:hover{color:red}details[open]>.gone{margin:0}")
    assert_kept(cut(css, PAGE), ("a:hover", "a:focus-visible::after", ":checked~.md-header", ".md-search__input:focus",
                                 "::placeholder", "details[open]>summary:after", ":is(details,.x):not(.y)",
                                 "tr:nth-child(2n)", ":root>*", "::selection"), gone=(".gone",))


def test_keeps_what_our_scripts_add_or_toggle() -> None:
    script = """var item = element("li", "md-search-result__item"); box.className = "hromada-abbr-tip";
                top.hidden = true; tile.dataset.tileLevel = "2"; el.classList.toggle("md-nav__link--active", on);"""
    css = (".md-search-result__item{padding:0}.hromada-abbr-tip{position:absolute}.md-header[hidden]{display:none}"
           "[data-tile-level]{fill:red}.md-typeset a.md-nav__link--active{color:red}"
           ".md-search-result__teaser{color:grey}.md-typeset .js-only-but-unknown{color:red}")
    assert_kept(cut(css, PAGE, scripts=(script,)), (".md-search-result__item", ".hromada-abbr-tip", ".md-header[hidden]",
                                                    "[data-tile-level]", "a.md-nav__link--active"),
                gone=("teaser", "unknown"))


def test_keeps_font_faces_used_keyframes_and_used_properties() -> None:
    css = ("@charset \"UTF-8\";@font-face{font-family:X;src:local(X)}"
           ":root{--used:1px;--chain:var(--deep);--deep:red;--unused:url(\"data:image/svg+xml,<svg/>\")}"
           ":root,[data-md-color-scheme=default]{--scheme:blue}"
           "@keyframes spin{to{transform:rotate(1turn)}}@keyframes never{to{opacity:0}}"
           ".lead{margin:var(--used);color:var(--chain);animation:spin 1s}"
           "@media screen and (min-width:60em){.lead{padding:0}.never{padding:0}}@media print{.never{display:none}}"
           "@media print{.md-typeset{font-size:10pt}}@page{margin:1cm}")
    out = cut(css, PAGE, styles=(".ours{color:var(--scheme)}",))
    assert out.startswith('@charset "UTF-8";@font-face{font-family:X;src:local(X)}')
    assert "--used:1px" in out and "--chain:var(--deep)" in out and "--deep:red" in out and "--unused" not in out
    assert "--scheme:blue" in out  # our stylesheet reads it
    assert "@keyframes spin" in out and "never" not in out
    assert "@media screen and (min-width:60em){.lead{padding:0}}" in out
    assert "@media print{.md-typeset{font-size:10pt}}" in out and out.count("@media print") == 1
    assert "@page{margin:1cm}" in out


def test_keeps_what_it_does_not_understand_and_is_deterministic() -> None:
    css = "svg|a{color:red}.lead{color:red}.never{x:y}& .nested{color:red}"
    first = cut(css, [PAGE, PAGE.replace("lead", "other")])
    assert "svg|a{color:red}" in first and "& .nested" in first and ".never" not in first
    assert first == cut(css, [PAGE, PAGE.replace("lead", "other")])


def test_loosen() -> None:
    def loose(selector: str) -> str | None:
        probe = sheets.loosen(tinycss2.parse_component_value_list(selector))
        return probe.css if probe else None

    assert loose(".a > .b:hover::before") == ".a>.b"
    assert loose(".a :hover") == ".a *"
    assert loose("[dir=ltr] .a:not(.b)") == "[dir=ltr] .a"
    assert loose(".md-typeset :is(.danger,.error)>summary") == ".md-typeset :is(.danger,.error)>summary"
    assert loose("a:is(:hover,:focus)") == "a"
    assert loose("> .a") is None and loose("ns|a") is None


def test_a_stylesheet_is_compiled_once_and_a_bad_cache_costs_only_the_compile(tmp_path: Path, monkeypatch) -> None:
    import material

    css = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")).read_text("utf-8")
    fresh = sheets.compile_sheet(css)
    assert sheets.compiled([css], tmp_path)[css] == fresh  # made, and kept
    (kept,) = tmp_path.glob("*.pickle")
    monkeypatch.setattr(sheets, "compile_sheet", lambda text: pytest.fail("compiled again"))
    assert sheets.compiled([css], tmp_path)[css] == fresh  # read back, not made
    usage = p.scan([PAGE], [x for x in p.probes_of(fresh.rules) if x is not None])
    assert p.purge(sheets.compiled([css], tmp_path)[css], usage) == p.purge(fresh, usage)
    monkeypatch.undo()
    kept.write_bytes(b"\x80\x05 not a pickle")  # cut short by a full disk, or by two builds at once
    assert sheets.compiled([css], tmp_path)[css] == fresh
    other = css + ".x{color:red}"
    assert sheets.compiled([other, other], tmp_path)[other] != fresh  # another text, another entry
    assert len(list(tmp_path.glob("*.pickle"))) == 2 and not list(tmp_path.glob("*.tmp"))
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert sheets.compiled([css], blocked / "sheets")[css] == fresh  # a cache folder that cannot be made

def test_the_fast_tree_is_the_html_parsers_tree(built_repo: Path) -> None:
    """purge.tree (the stdlib's tokenizer) builds, for every built page, the tree tinyhtml5 builds."""

    def shape(element) -> tuple:
        tag = element.tag.rpartition("}")[2].lower()
        attrs = tuple(sorted((k.rpartition("}")[2].lower(), v) for k, v in element.attrib.items()))
        return tag, attrs, tuple(shape(c) for c in element if isinstance(c.tag, str))

    for page in p.page_files(built_repo):
        text = page.read_text(encoding="utf-8")
        assert shape(p.tree(text)) == shape(tinyhtml5.parse(text)), page.relative_to(built_repo)


def test_the_names_read_from_tags_are_the_trees_names_or_more(built_repo: Path) -> None:
    """scan reads a page's names from its start tags (no tree): never fewer than the tree has."""
    known: dict = {}
    for page in p.page_files(built_repo):
        text = page.read_text(encoding="utf-8")
        exact, quick = p.names_of(p.tree(text)), p.quick_names(p._TAG.findall(text), known)
        assert exact <= quick, (page.relative_to(built_repo), sorted(exact - quick)[:5])
    assert p.quick_names(p._TAG.findall('<p class="A b" data-x=\'1 &amp; 2\' hidden>')) >= {
        "tag:p", "class:a", "class:b", "attr:data-x=1 & 2", "attr:hidden"}


def test_a_selector_whose_names_are_everywhere_but_never_together_is_kept_after_some_pages() -> None:
    """Its names on page after page, its structure on none: kept (unsure) once TRIES pages have its
    names, instead of a tree for every page of a big site. Fewer pages: dropped, as it should be."""
    css = ".a .b{color:red}.c{color:blue}"
    page = '<html><head></head><body><p class="b">x</p><div class="a">y</div></body></html>'
    assert cut(css, [page] * (p.TRIES - 1)) == ""
    assert cut(css, [page] * p.TRIES) == ".a .b{color:red}"


def test_a_tree_is_built_only_where_a_rare_selector_may_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """Selectors whose names are on TRIES pages need no tree; one whose names are on a few pages is
    tried on each of them until it matches, the last of them too."""
    built: list[str] = []
    real_tree = p.tree
    monkeypatch.setattr(p, "tree", lambda html: built.append(html) or real_tree(html))
    common = '<html><head></head><body><div class="a"><p class="b">x</p></div></body></html>'
    apart = '<html><head></head><body><p class="r">x</p><div class="q">y</div></body></html>'
    inside = '<html><head></head><body><div class="q"><p class="r">x</p></div></body></html>'
    pages = [common] * p.TRIES + [apart, common, apart, inside, apart]
    css = ".a .b{color:red}.q .r{color:blue}.q>.s{color:green}"
    assert cut(css, pages) == ".a .b{color:red}.q .r{color:blue}"
    assert built == [apart, apart, inside]  # the common pages: none; after the match: none


def test_what_the_scan_read_of_a_page_is_not_read_again_for_its_part() -> None:
    """Cut.names of a page the scan read takes the scan's names; a page changed since is read."""
    sheet = sheets.compile_sheet(".lead{color:red}.md-typeset a{color:blue}.other{color:green}")
    other = '<html><head></head><body><p class="other">x</p></body></html>'
    usage = p.scan([PAGE, other], [x for x in p.probes_of(sheet.rules) if x is not None])
    assert usage.pages == (frozenset(p.quick_names(p._TAG.findall(PAGE))), frozenset(p.quick_names(p._TAG.findall(other))))
    stale = frozenset({"class:other"})  # not what PAGE has: shows which names were taken
    cut_ = p.cut_of({"main.css": p.sheet_pieces(sheet, usage)}, frozenset(), {PAGE: stale})
    assert cut_.names(PAGE) == stale
    assert cut_.part("main.css", cut_.names(PAGE)) == ".other{color:green}"
    changed = PAGE.replace('class="lead"', 'class="lead other"')
    assert cut_.names(changed) == {"class:lead", "class:other", "class:md-typeset", "tag:a"}


# ---- (b) no used selector left out ---------------------------------------------------------------

def matcher(css: str, used_properties: set[str], states: bool) -> cssselect2.Matcher:
    """Every rule as (its @media and @supports, its selector, its declarations but custom properties
    nothing reads); a rule whose selector cssselect2 cannot compile is left out (both sides alike)."""
    found = cssselect2.Matcher()

    def visit(rules: list, context: str) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                prelude = tinycss2.serialize(rule.prelude)
                body = tuple(d.serialize() for d in sheets.declarations(rule) if not d.name.startswith("--") or d.name in used_properties)
                try:
                    selectors = cssselect2.compile_selector_list(STATES.sub("", prelude) if states else prelude)
                except cssselect2.SelectorError:
                    continue
                for selector in selectors:
                    found.add_selector(selector, (context, prelude, body))
            elif sheets.nests(rule):
                visit(sheets.inner_rules(rule), context + "@" + tinycss2.serialize(rule.prelude))

    visit(sheets.parse(css), "")
    return found


def inline_style(html: str, name: str) -> str | None:
    """The text of the page's <style> that holds (part of) the stylesheet file called `name`."""
    m = re.search(r'<style data-href="[^"]*/' + re.escape(name) + r'">(.*?)</style>', html, re.S)
    return m.group(1) if m else None


def flat(css: str, context: str = "") -> list[str]:
    """Each rule of a stylesheet, as text (re-serialized), under its @media or @supports."""
    found: list[str] = []
    for rule in sheets.parse(css):
        if sheets.nests(rule):
            found += flat(tinycss2.serialize(rule.content), context + "@" + tinycss2.serialize(rule.prelude))
        else:
            found.append(context + " " + rule.serialize())
    return found


def test_no_rule_a_built_page_uses_is_left_out(built_repo: Path) -> None:
    """For every element of every page (as tinyhtml5 parses it), the rules of the whole stylesheet
    that match it are the rules of the cut one that match it, also with :hover, :focus, :checked…
    taken as reached: of the cut file (the offline pack links it), and of what the page carries
    written into it, of Material's stylesheet and of ours. Custom properties nothing reads may go."""
    whole_path = next(built_repo.glob(f"assets/stylesheets/main.*{p.EDITOR_MARK}.min.css"))
    cut_path = whole_path.with_name(whole_path.name.replace(p.EDITOR_MARK, ""))
    whole, small = whole_path.read_text(encoding="utf-8"), cut_path.read_text(encoding="utf-8")
    site_css = (built_repo / "assets/hromada/site.css").read_text(encoding="utf-8")
    assert len(small) < len(whole) / 2
    ours = " ".join(f.read_text(encoding="utf-8") for f in sorted((built_repo / p.OURS).glob("*.[cj]s*")))
    used = set(re.findall(r"--[\w-]+", small + ours))
    matchers: dict[tuple[str, bool], cssselect2.Matcher] = {}

    def of(css: str, states: bool) -> cssselect2.Matcher:  # many pages carry the same part
        if (css, states) not in matchers:
            matchers[(css, states)] = matcher(css, used, states)
        return matchers[(css, states)]

    missing: dict[tuple, str] = {}
    shrunk = 0
    for page in p.page_files(built_repo):
        rel = page.relative_to(built_repo).as_posix()
        text = page.read_text(encoding="utf-8")
        carried = inline_style(text, cut_path.name), inline_style(text, "site.css")
        assert None not in carried, rel
        shrunk += len(carried[0]) < len(small) and len(carried[1]) < len(site_css)
        sides = [(whole, small), (whole, carried[0]), (site_css, carried[1])]
        pairs = [(of(a, states), of(b, states)) for a, b in sides for states in (False, True)]
        root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(text))
        for element in root.iter_subtree():
            for full, cut_ in pairs:
                a = {m[3] for m in full.match(element) if m[3][2]}
                b = {m[3] for m in cut_.match(element)}
                assert b <= a | {m[3] for m in full.match(element)}, (rel, b - a)
                for rule in a - b:
                    missing.setdefault(rule, rel)
    assert not missing, list(missing.items())[:10]
    assert shrunk > len(p.page_files(built_repo)) / 2  # most pages carry less than the cut file, of both


def test_pages_carry_the_cut_stylesheet_and_the_editor_the_whole(built_repo: Path) -> None:
    import material

    whole_path = next(built_repo.glob(f"assets/stylesheets/main.*{p.EDITOR_MARK}.min.css"))
    cut_path = whole_path.with_name(whole_path.name.replace(p.EDITOR_MARK, ""))
    original = Path(material.__file__).parent / "templates/assets/stylesheets" / cut_path.name
    assert whole_path.read_bytes() == original.read_bytes()
    assert not (built_repo / "assets/stylesheets" / (cut_path.name + ".map")).exists()  # it mapped the whole
    small = cut_path.read_text(encoding="utf-8")
    site_css = (built_repo / "assets/hromada/site.css").read_text(encoding="utf-8")
    for page in p.page_files(built_repo):  # each carries, in order, rules of the cut file and of site.css
        text = page.read_text(encoding="utf-8")
        head = text[: text.find("</head>")]
        assert '<link rel="stylesheet"' not in text, page
        for name, source in ((cut_path.name, small), ("site.css", site_css)):
            carried = inline_style(head, name)
            assert carried, (page, name)
            whole_rules, at = flat(source), 0
            for rule in flat(carried):
                assert rule in whole_rules[at:], (page, name, rule[:120])
                at = whole_rules.index(rule, at) + 1
    admin = (built_repo / "admin/index.html").read_text(encoding="utf-8") if (built_repo / "admin").is_dir() else ""
    if admin:
        assert whole_path.name in admin and cut_path.name + "&" not in admin
    with zipfile.ZipFile(built_repo / "offline/hromada-site.zip") as archive:  # file://: cut, linked, no editor's copy
        names = archive.namelist()
        assert f"hromada-site/assets/stylesheets/{cut_path.name}" in names
        assert not any(p.EDITOR_MARK + "." in n for n in names)
        home = archive.read("hromada-site/index.html").decode("utf-8")
        assert f'<link rel="stylesheet" href="assets/stylesheets/{cut_path.name}">' in home and "<style data-href" not in home
        assert len(archive.read(f"hromada-site/assets/stylesheets/{cut_path.name}")) < len(whole_path.read_bytes()) / 2


def test_a_link_in_the_body_goes_to_the_end_of_head(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text(".a{color:red}", encoding="utf-8")
    (tmp_path / "far.css").write_text(".b{background:url(x.png)}", encoding="utf-8")
    page = tmp_path / "index.html"
    html = ('<html><head><link rel="stylesheet" href="a.css"><link rel="stylesheet" href="far.css"></head>'
            '<body><link rel="stylesheet" href="a.css"><p>x</p></body></html>')
    assert inlined(tmp_path, page, html) == (
        '<html><head><style data-href="a.css">.a{color:red}</style><link rel="stylesheet" href="far.css">'
        '<style data-href="a.css">.a{color:red}</style></head><body><p>x</p></body></html>')


# ---- (c) the same pixels -------------------------------------------------------------------------

SEARCH = "петиції"
# Chromium draws a few antialiased pixels of rounded corners one level apart when the stylesheet's text
# changes at all: the whole stylesheet with one more rule that matches nothing (.zzz{color:red}) does it
# to the session page as the cut one does (10 pixels, ±1). More than this fails.
NOISE = 2
# Transitions end at once, on both sides: one still running at the screenshot (the search box's
# placeholder fades in on load, which Playwright's animations="disabled" does not reach), or run by
# opening search, leaves the text drawn a pixel apart from one load to the next.
SETTLED = "*,*::before,*::after,*::placeholder{transition:none!important}"
SHOTS = {  # name: (page, what to do before the screenshot, phone only)
    "home": ("", None, False),
    "training": ("curricula/mystetstvo-vzaiemodii/", None, False),
    "session": ("curricula/mystetstvo-vzaiemodii/osnovy-mediatsii/", None, False),
    "session-notes-open": ("curricula/sotsialnyi-marketynh/plan-mistsevoi-initsiatyvy/", "details", False),
    "case": ("best_practices/boratyn-kava-z-holovoiu/", None, False),
    "catalogue": ("best_practices/", None, False),
    "guide": ("instrumenty/hromadski-slukhannia/", None, False),
    "guide-abbreviation": ("instrumenty/orhany-samoorhanizatsii/", "abbr", False),
    "methodology": ("metodolohiia/navchannia-doroslykh/", None, False),
    "glossary": ("hlosarii/", None, False),
    "404": ("404.html", None, False),
    "search-results": ("", "search", False),
    "drawer": ("curricula/mystetstvo-vzaiemodii/osnovy-mediatsii/", "drawer", True),
}


def act(page, action: str | None, phone: bool) -> None:
    if action == "details":
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    elif action == "abbr":
        page.locator("article abbr[title]").first.click()
        page.wait_for_selector(".hromada-abbr-tip:not([hidden])")
    elif action == "search":
        page.click("label.md-header__button[for=__search]" if phone else "input.md-search__input")
        page.fill("input.md-search__input", SEARCH)
        page.wait_for_selector(f'.md-search-result__list[data-query="{SEARCH}"] .md-search-result__item')
    elif action == "drawer":
        page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)


def shoot(browser, url: str, viewport: dict, swap: dict[str, str] | None, action: str | None, path: Path) -> None:
    """A screenshot (of the whole page, but for search, the drawer and the tip); `swap`: the stylesheets
    the page carries written in (the part of the cut one it can use, of site.css) replaced by the whole."""
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()
    if swap is not None:
        def whole(route) -> None:
            response = route.fetch()
            body = response.text()
            for name, css in swap.items():  # every <style> of that file: a page may carry one in <body> too
                body = re.sub(r'(<style data-href="[^"]*/' + re.escape(name) + r'">).*?(</style>)',
                              lambda m, css=css: m.group(1) + css + m.group(2), body, flags=re.S)
            route.fulfill(response=response, body=body)
        page.route(lambda u: not re.search(r"\.(css|js|json|svg|png|webmanifest)$", u.split("?")[0]), whole)
    page.goto(url, wait_until="networkidle")
    page.add_style_tag(content=SETTLED)
    act(page, action, viewport["width"] < 600)
    # Search and the drawer cover the screen; the abbreviation's tip closes when the window is resized
    # (as a full-page screenshot does): what the screen shows.
    on_screen = action in ("search", "drawer", "abbr")
    page.screenshot(path=str(path), full_page=not on_screen, animations="disabled")
    context.close()


def compared(whole: Path, cut: Path, diff: Path) -> str | None:
    """None when the screenshots are the same (within NOISE), else where they differ."""
    from PIL import Image, ImageChops

    diff.unlink(missing_ok=True)
    with Image.open(whole) as a, Image.open(cut) as b:
        a, b = a.convert("RGB"), b.convert("RGB")
        if a.size != b.size:
            return f"{a.size} vs {b.size}"
        difference = ImageChops.difference(a, b)
        if difference.getbbox() is not None:
            difference.point(lambda v: min(255, v * 64)).save(diff)
        box = difference.point(lambda v: 255 if v > NOISE else 0).getbbox()
        return None if box is None else f"differs in {box}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_type_looks_the_same_with_the_whole_stylesheet(built_repo: Path, viewport: str) -> None:
    """A page shot twice with the same stylesheet now and then differs too (a dotted underline, as
    a late box moves the text under it): a pair that differs is shot again, and only a difference
    that stays fails."""
    whole_path = next(built_repo.glob(f"assets/stylesheets/main.*{p.EDITOR_MARK}.min.css"))
    cut_path = whole_path.with_name(whole_path.name.replace(p.EDITOR_MARK, ""))
    swap = {cut_path.name: whole_path.read_text(encoding="utf-8"),
            "site.css": (built_repo / "assets/hromada/site.css").read_text(encoding="utf-8")}
    folder = ARTIFACTS / viewport
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    different = []
    with serve_dir(built_repo) as base, chromium() as browser:
        for name, (url, action, phone_only) in SHOTS.items():
            if phone_only and viewport != "phone":
                continue
            shots = {variant: folder / f"{name}-{variant}.png" for variant in ("whole", "cut")}
            for _attempt in range(3):
                shoot(browser, f"{base}/{url}", VIEWPORTS[viewport], swap, action, shots["whole"])
                shoot(browser, f"{base}/{url}", VIEWPORTS[viewport], None, action, shots["cut"])
                found = compared(shots["whole"], shots["cut"], folder / f"{name}-diff.png")
                if found is None:
                    break
            if found is not None:
                different.append(f"{name}: {found}")
    assert not different, different
