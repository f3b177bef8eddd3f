"""The core owns the build: engines only in their drivers, no module-level state, one prepared
site for the online build and the offline pack, previous/next in navigation order."""

from __future__ import annotations

import ast
import importlib
import itertools
import re
import zipfile
from pathlib import Path

import pytest

import hromada
from conftest import FIXTURES, copy_project
from hromada.content.layout import Layout
from hromada.engines.mkdocs import driver
from hromada.website.prepare import for_build

PACKAGE = Path(hromada.__file__).resolve().parent
ENGINE_PACKAGES = {"mkdocs": "engines/mkdocs/", "properdocs": "engines/mkdocs/", "jinja2": "engines/mkdocs/",
                   "zensical": "engines/zensical/"}


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_engines_are_imported_only_by_their_drivers() -> None:
    found = []
    for path in sources():
        rel = path.relative_to(PACKAGE).as_posix()
        for name in imported(ast.parse(path.read_text(encoding="utf-8"))):
            top = name.split(".")[0]
            if top in ENGINE_PACKAGES and not rel.startswith(ENGINE_PACKAGES[top]):
                found.append(f"{rel} imports {name}")
            if name.startswith("hromada.engines") and not rel.startswith(("engines/", "cli.py")):
                found.append(f"{rel} (core) imports the driver {name}")
    assert not found, found


def test_the_plugin_class_only_translates() -> None:
    tree = ast.parse((PACKAGE / "engines/mkdocs/plugin.py").read_text(encoding="utf-8"))
    plugin = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "HromadaPlugin")
    assert plugin.end_lineno is not None
    assert plugin.end_lineno - plugin.lineno + 1 <= 150


def test_no_module_state() -> None:
    """No `global`, no assignment to another module's attribute, no mutable value at module level."""
    problems = []
    for path in sources():
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {a.asname or a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                problems.append(f"{rel}:{node.lineno}: global {', '.join(node.names)}")
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id in modules:
                    problems.append(f"{rel}:{node.lineno}: assigns {target.value.id}.{target.attr}")
        module = importlib.import_module(module_name(path))
        own = {t.id for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign)
               for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)}
        for name in sorted(own - {"__all__"}):
            value = getattr(module, name)
            if isinstance(value, dict | list | set | bytearray):
                problems.append(f"{rel}: module-level {type(value).__name__} {name} (make it a tuple, frozenset or MappingProxyType)")
    assert not problems, problems


def test_online_build_and_offline_pack_in_one_process(tmp_path: Path) -> None:
    """One prepared site, built twice in one process, with its offline pack: the pack's file links and
    policy never leak into the site's pages (the pack is made from them, after they are finished)."""
    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    lay = Layout(root)
    for attempt in ("first", "again"):
        site = for_build(lay, offline=True, pdf=False)
        target = tmp_path / f"site-{attempt}"
        driver.build(site, target)
        training = (target / "curricula/probnyi-treninh/index.html").read_text(encoding="utf-8")
        assert re.search(r'<a href="znaiomstvo/">', training), "online pages link to folders"
        assert 'href="offline/hromada-site.zip"' in (target / "index.html").read_text(encoding="utf-8")
        with zipfile.ZipFile(target / "offline/hromada-site.zip") as pack:
            offline = pack.read("hromada-site/curricula/probnyi-treninh/index.html").decode()
            home = pack.read("hromada-site/index.html").decode()
        assert re.search(r'<a href="znaiomstvo/index.html">', offline), "the offline pack links to files"
        assert "file:" in re.search(r'Content-Security-Policy" content="([^"]*)"', offline).group(1)
        assert "file:" not in re.search(r'Content-Security-Policy" content="([^"]*)"', training).group(1)
        assert "hromada-site.zip" not in home, "the pack does not offer itself"


@pytest.fixture(scope="module")
def nav_site(built_repo: Path) -> Path:
    return built_repo


def _footer(page: Path) -> tuple[str | None, str | None]:
    html = page.read_text(encoding="utf-8")
    prev = re.search(r'<link rel="prev" href="([^"]*)">', html)
    nxt = re.search(r'<link rel="next" href="([^"]*)">', html)
    return (prev.group(1) if prev else None, nxt.group(1) if nxt else None)


def _resolve(site: Path, page: Path, href: str) -> Path:
    target = (page.parent / href).resolve()
    return target / "index.html" if target.is_dir() else target


def test_previous_and_next_follow_the_navigation(nav_site: Path) -> None:
    """Every session of every training: «Вперед» is the next session of the agenda, «Назад» the
    previous; the top sections follow the navigation's order."""
    from hromada.content.layout import Urls
    from hromada.website.prepare import DEFAULT_NAV_ORDER, Options, prepare
    from hromada.website.siteconfig import plugin_options, read_mkdocs_yml

    repo = Path(__file__).resolve().parent.parent
    site = prepare(Layout(repo), Urls(), Options(tuple(plugin_options(read_mkdocs_yml(repo))["nav_order"] or DEFAULT_NAV_ORDER), pdf=False))
    order = list(site.order)
    checked = 0
    for training in site.corpus.trainings:
        sessions = [f"curricula/{training.slug}/{e.session}.md" for day in training.model.days for e in day.agenda
                    if getattr(e, "session", None)]
        assert order.index(training.rel) + 1 == order.index(sessions[0]), "a training's first session follows it"
        for before, after in itertools.pairwise(sessions):
            assert order.index(before) + 1 == order.index(after), (before, after)
        for rel in [training.rel, *sessions]:
            page = nav_site / Urls().page(rel) / "index.html"
            prev, nxt = _footer(page)
            i = order.index(rel)
            if nxt is not None:
                assert _resolve(nav_site, page, nxt) == (nav_site / Urls().page(order[i + 1]) / "index.html").resolve(), rel
            assert prev is not None
            assert _resolve(nav_site, page, prev) == (nav_site / Urls().page(order[i - 1]) / "index.html").resolve(), rel
            checked += 1
    assert checked >= 2 + 17
    # the top: home, then the first page of each top section in nav_order
    home_prev, home_next = _footer(nav_site / "index.html")
    assert home_prev is None
    assert _resolve(nav_site, nav_site / "index.html", home_next) == (nav_site / "prohrama/index.html").resolve()
    tops = list(site.nav)
    firsts = [next(iter(_pages(item))) for item in tops]
    assert [order.index(f) for f in firsts] == sorted(order.index(f) for f in firsts)
    for before, item in itertools.pairwise(tops):
        last_of_before = list(_pages(before))[-1]
        first = next(iter(_pages(item)))
        page = nav_site / Urls().page(first) / "index.html"
        prev, _ = _footer(page)
        assert _resolve(nav_site, page, prev) == (nav_site / Urls().page(last_of_before) / "index.html").resolve(), first


def _pages(item):
    if item.rel:
        yield item.rel
    for child in item.children:
        yield from _pages(child)


def test_mkdocs_yml_is_read_with_its_python_names_and_environment_values(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The core reads mkdocs.yml itself (libyaml's loader where there is one): `!!python/name:` gives
    the object, `!ENV` the first variable set or the default, and the rest as YAML says."""
    from hromada.text.translit import slugify
    from hromada.website.siteconfig import read_mkdocs_yml

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Сайт\nsite_url: !ENV [HROMADA_TEST_UNSET, HROMADA_TEST_URL, 'https://default.example/']\n"
        "edit: !ENV HROMADA_TEST_UNSET\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:hromada.text.translit.slugify\n"
        "  - abbr\n", encoding="utf-8")
    monkeypatch.delenv("HROMADA_TEST_UNSET", raising=False)
    monkeypatch.delenv("HROMADA_TEST_URL", raising=False)
    raw = read_mkdocs_yml(tmp_path)
    assert raw == {"site_name": "Сайт", "site_url": "https://default.example/", "edit": None,
                   "markdown_extensions": [{"toc": {"slugify": slugify}}, "abbr"]}
    monkeypatch.setenv("HROMADA_TEST_URL", "https://set.example/")
    assert read_mkdocs_yml(tmp_path)["site_url"] == "https://set.example/"


def test_a_build_in_this_process_gives_the_collector_back_what_it_froze(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """driver.build freezes what lives to its end (gc.freeze: no full collection walks it) and
    unfreezes it after, so a caller that goes on (tests, one process) collects its garbage again."""
    import gc

    from conftest import FIXTURES, copy_project
    from hromada.engines.mkdocs import driver
    from hromada.website.prepare import for_build

    root = copy_project(FIXTURES / "mini", tmp_path / "mini")
    frozen: list[int] = []
    real_plugins = driver.plugins
    monkeypatch.setattr(driver, "plugins", lambda lay, **options: frozen.append(gc.get_freeze_count()) or real_plugins(lay, **options))
    driver.build(for_build(Layout(root), offline=False, pdf=False), tmp_path / "site")
    assert frozen and frozen[0] > 10_000  # the modules and the site, frozen while it built
    assert gc.get_freeze_count() == 0 and (tmp_path / "site/index.html").is_file()
