"""What a build produces, read from the built HTML of the small test project."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

from conftest import run_hromada


def text_of(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    body = re.search(r"<article.*?</article>", html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.group(0) if body else html))


def test_training_page_shows_agenda_with_computed_times(built_mini: Path) -> None:
    page = built_mini / "curricula/probnyi-treninh/index.html"
    text = text_of(page)
    assert "День 1" in text
    for row in ("09:30–10:30 Знайомство 1 год", "10:30–10:50 Кава-пауза 20 хв", "10:50–12:20 Громадські слухання в дії 1 год 30 хв"):
        assert row in text, row
    assert "День триває 09:30–12:20, з них навчання — 2 год 30 хв" in text
    assert "Тривалість: 1 день, 2 год 30 хв навчання" in text
    html = page.read_text(encoding="utf-8")
    assert 'href="znaiomstvo/"' in html and 'href="hromadski-slukhannia/"' in html


def test_session_page_has_info_box_and_folded_trainer_notes(built_mini: Path) -> None:
    page = built_mini / "curricula/probnyi-treninh/znaiomstvo/index.html"
    text = text_of(page)
    assert "Про заняття" in text
    assert "Тренінг: Пробний тренінг · день 1, 09:30–10:30" in text
    assert "Тривалість: 1 год · Група: 8–20 осіб" in text
    assert "Методи: коло." in text and "Матеріали: бейджі." in text
    html = page.read_text(encoding="utf-8")
    assert re.search(r'<details class="trainer">\s*<summary>Нотатка для тренера</summary>', html)
    # An on-disk link with an anchor, rewritten to the site URL.
    assert 'href="../hromadski-slukhannia/#krok-1-rolova-hra-45-khv"' in html


def test_urls_and_anchors_are_transliterated(built_mini: Path) -> None:
    page = built_mini / "instrumenty/hromadski-slukhannia/index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert 'id="yak-provesty"' in html
    assert not re.search(r'id="_\d+"', html)


def test_case_page_fact_box_and_label(built_mini: Path) -> None:
    text = text_of(built_mini / "best_practices/vyhadana-hromada/index.html")
    assert "Навчальний приклад" in text
    assert "село Вербівка, Вербівська територіальна громада, Полтавська область (село, 2 400 мешканців)" in text
    assert "1 березня 2021 – 31 жовтня 2021" in text
    assert "Сільська рада (місцевий бюджет, 45 000 грн)" in text  # one notation as in the text (text_of folds no-break spaces)
    assert "Учасників слухань 86" in text
    html = (built_mini / "best_practices/vyhadana-hromada/index.html").read_text(encoding="utf-8")
    assert 'href="../../instrumenty/hromadski-slukhannia/"' in html


def test_tool_page_lists_cases_from_front_matter(built_mini: Path) -> None:
    html = (built_mini / "instrumenty/hromadski-slukhannia/index.html").read_text(encoding="utf-8")
    assert 'href="../../best_practices/vyhadana-hromada/"' in html


def test_generated_indexes(built_mini: Path) -> None:
    assert "Пробний тренінг" in text_of(built_mini / "curricula/index.html")
    assert "Слухання про сквер у Вербівці" in text_of(built_mini / "best_practices/index.html")
    home = (built_mini / "index.html").read_text(encoding="utf-8")
    assert 'href="curricula/probnyi-treninh/"' in home
    assert 'href="instrumenty/hromadski-slukhannia/#yak-provesty"' in home


def test_navigation_lists_sessions_in_agenda_order(built_mini: Path) -> None:
    html = (built_mini / "curricula/probnyi-treninh/index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    assert nav.index("Знайомство") < nav.index("Громадські слухання в дії")


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        # site/ and the PDF cache are build output (both git-ignored); everything else is source.
        if p.is_file() and p.relative_to(root).parts[0] not in ("site", ".hromada-cache"):
            h.update(p.relative_to(root).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


def test_build_never_modifies_sources_and_edit_links_follow_origin(mini: Path) -> None:
    subprocess.run(["git", "init", "-q", str(mini)], check=True)
    subprocess.run(["git", "-C", str(mini), "remote", "add", "origin", "https://github.com/example-org/example-site.git"], check=True)
    before = _digest(mini)
    result = run_hromada(mini, "build")
    assert result.returncode == 0, result.stderr
    assert _digest(mini) == before
    html = (mini / "site/curricula/probnyi-treninh/znaiomstvo/index.html").read_text(encoding="utf-8")
    assert "https://github.com/example-org/example-site/edit/main/curricula/probnyi-treninh/znaiomstvo.md" in html
    guide = (mini / "site/instrumenty/hromadski-slukhannia/index.html").read_text(encoding="utf-8")
    assert "https://github.com/example-org/example-site/edit/main/docs/instrumenty/hromadski-slukhannia.md" in guide


def test_many_cases_are_grouped_by_oblast_in_navigation(mini: Path) -> None:
    case = (mini / "best_practices/vyhadana-hromada.md").read_text(encoding="utf-8")
    oblasts = ["Полтавська", "Львівська", "Одеська"]
    for i in range(45):
        (mini / f"best_practices/keis-{i:02d}.md").write_text(
            case.replace("Слухання про сквер у Вербівці", f"Кейс номер {i}").replace("oblast: Полтавська", f"oblast: {oblasts[i % 3]}"),
            encoding="utf-8")
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hromada\n", "  - hromada:\n      pdf: false\n"), encoding="utf-8")
    result = run_hromada(mini, "build")
    assert result.returncode == 0, result.stderr
    html = (mini / "site/best_practices/keis-01/index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary"):html.index('<div class="md-content"')]
    assert "Львівська область" in nav and "Одеська область" in nav and "Полтавська область" in nav
    # Only the open oblast's cases are listed in the page (navigation.prune), not all 46.
    listed = re.findall(r'href="[^"]*keis-\d\d/"', nav)
    assert 10 <= len(listed) <= 16, len(listed)


def test_legal_pages_say_as_of_which_date(built_mini: Path) -> None:
    text = text_of(built_mini / "instrumenty/hromadski-slukhannia/index.html")
    assert "Станом на 1 червня 2025 року." in text
