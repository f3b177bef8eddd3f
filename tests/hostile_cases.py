"""The hostile corpus: what an attacker with edit rights (or a merged pull request) would try.

Each case changes a copy of the mini project. `expect` is either CLEAN (the build succeeds and the
built HTML, parsed, carries nothing active from content) or (code, path, line): `hromada check`
and `hromada build` reject it with that code at that file and line. Every payload that could run
sets `window.__pwned`, which the browser test watches.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PWN = "window.__pwned=1"
CLEAN = "clean"
EVIL = "https://evil.example"


@dataclass(frozen=True)
class Case:
    name: str
    klass: str  # the class of attack, as the issue groups them
    files: dict[str, str | bytes]
    expect: str | tuple[str, str, int]
    shows: str = ""  # for CLEAN: text that must appear on a built page, as text (escaped, not eaten)
    setup: Callable[[Path], None] | None = field(default=None, compare=False)


def guide(title: str = "Сторінка", body: str = "Текст сторінки.", extra: str = "") -> str:
    head = f"title: {title}\n" if title else ""
    return f"---\n{head}{extra}---\n\n{body}\n"


def case_file(title: str = "Кейс для перевірки", **fields: str) -> str:
    values = {
        "summary": "Короткий опис.", "settlement": "село Вербівка", "hromada": "Вербівська громада",
        "oblast": "Полтавська", "population": "2400", "amount": "45000", "organizers": "[Ініціативна група]",
        "body": "## Проблема\n\nОпис.",
    } | fields
    return (f"---\ntitle: {title}\nsummary: {values['summary']}\nstatus: illustrative\nlocation:\n"
            f"  settlement: {values['settlement']}\n  hromada: {values['hromada']}\n  oblast: {values['oblast']}\n"
            f"  settlement_type: село\npopulation: {values['population']}\nperiod:\n  start: 2021-03-01\n"
            "themes: [благоустрій]\npublic_spectrum: залучення\n"
            f"organizers: {values['organizers']}\nfunding:\n  sources:\n    - funder: Сільська рада\n"
            f"      type: місцевий бюджет\n      amount: {values['amount']}\n---\n\n{values['body']}\n")


TRAINING = "curricula/probnyi-treninh/index.md"
SESSION = "curricula/probnyi-treninh/znaiomstvo.md"


def training(title: str = "Пробний тренінг", summary: str = "Тренінг для перевірки генератора.",
             settlement: str = "Запоріжжя", days: str | None = None) -> str:
    days = days if days is not None else (
        "  - day: 1\n    start: \"09:30\"\n    agenda:\n      - session: znaiomstvo\n      - break: Кава-пауза\n"
        "        minutes: 20\n      - session: hromadski-slukhannia\n")
    return (f"---\ntitle: {title}\nsummary: {summary}\naudience: Активісти громад.\nvenue:\n  settlement: {settlement}\n"
            f"  oblast: Запорізька\noutcomes:\n  - Розуміти, як працює розклад.\ndays:\n{days}---\n\nВступ.\n")


def session(title: str = "Знайомство", head: str = "minutes: 60\n", body_extra: str = "") -> str:
    return (f"---\ntitle: {title}\n{head}objectives:\n  - Познайомитися.\ngroup_size: {{min: 8, max: 20}}\n---\n\n"
            "Вступ.\n\n## Хід заняття\n\n### Крок 1. Коло імен (40 хв)\n\nКожен називає себе.\n\n"
            f"### Крок 2. Очікування (20 хв)\n\nОчікування на стікерах.\n{body_extra}")


def _symlink_loop(root: Path) -> None:
    os.symlink("..", root / "docs" / "petlia")


def _symlink_dir(root: Path) -> None:
    os.symlink("../../docs", root / "curricula" / "probnyi-treninh" / "docs-link")


def _svg(inner: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">{inner}</svg>'


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201"
                    "a7e0e4e40000000049454e44ae426082")
DENSE = "*a* [b](c) `d` **e** <span>f</span> "
BRACKET_BLOCKS = "\n\n".join(("[" * 150 + "x" * 19_000) for _ in range(3))

CASES: list[Case] = [
    # --- front matter values reach the theme: a title is text, never markup -----------------
    Case("guide-title-script", "front matter → theme", {"docs/napad.md": guide(f"'<script>{PWN}</script>'")}, CLEAN,
         shows=f"<script>{PWN}</script>"),
    Case("case-title-img-onerror", "front matter → theme",
         {"best_practices/napad.md": case_file(f"'<img src=x onerror={PWN}>'")}, CLEAN, shows="<img src=x onerror="),
    Case("case-title-svg-onload", "front matter → theme",
         {"best_practices/napad-svg.md": case_file(f"'<svg onload={PWN}>'")}, CLEAN, shows="<svg onload="),
    Case("title-attribute-breakout", "front matter → theme",
         {"docs/lapky.md": guide(f"'Назва\" onmouseover=\"{PWN}\" x=\"'")}, CLEAN, shows='" onmouseover="'),
    Case("title-closes-title-element", "front matter → theme",
         {"docs/title.md": guide(f"'</title><script>{PWN}</script>'")}, CLEAN, shows="</title><script>"),
    Case("description-meta-refresh", "front matter → theme",
         {"docs/opys.md": guide(extra=f"description: '\"><meta http-equiv=\"refresh\" content=\"0;url={EVIL}/\">'\n")}, CLEAN),
    Case("heading-title-from-first-h1", "front matter → theme",
         {"docs/bez-nazvy.md": guide("", f"# &lt;img src=x onerror={PWN}&gt;\n\nТекст.")}, CLEAN, shows="<img src=x onerror="),
    Case("session-title-script", "front matter → theme",
         {SESSION: session(f"'<script>{PWN}</script>'")}, CLEAN, shows=f"<script>{PWN}</script>"),
    Case("case-organizers-and-settlement", "front matter → theme",
         {"best_practices/orhanizatory.md": case_file(settlement=f"'<b onclick={PWN}>Село</b>'",
                                                       organizers=f"['<img src=x onerror={PWN}>']")}, CLEAN,
         shows="<b onclick="),
    Case("title-with-line-separator", "front matter → theme",
         {"docs/rozdilnyk.md": guide('"Назва\u2028з роздільником\u2029рядків"')}, CLEAN),
    Case("template-key", "front matter → theme", {"docs/shablon.md": guide(extra="template: ../../../../etc/passwd\n")},
         ("HR012", "docs/shablon.md", 3)),
    Case("icon-key", "front matter → theme", {"docs/ikonka.md": guide(extra="icon: material/<script>\n")},
         ("HR012", "docs/ikonka.md", 3)),
    Case("status-key-on-guide", "front matter → theme",
         {"docs/status.md": guide(extra=f"status: '<img src=x onerror={PWN}>'\n")}, ("HR012", "docs/status.md", 3)),
    Case("hide-unknown-value", "front matter → theme", {"docs/hide.md": guide(extra="hide: ['<script>']\n")},
         ("HR013", "docs/hide.md", 3)),
    Case("oblast-markup", "front matter → theme",
         {"best_practices/oblast.md": case_file(oblast=f"'<script>{PWN}</script>'")}, ("HR013", "best_practices/oblast.md", 8)),
    # --- training values used to be pasted into Markdown ----------------------------------
    Case("training-title-javascript-link", "content value in Markdown",
         {TRAINING: training(title=f"'[натисніть](javascript:{PWN})'")}, CLEAN, shows="[натисніть](javascript:"),
    Case("training-summary-markup", "content value in Markdown",
         {TRAINING: training(summary=f"'<img src=x onerror={PWN}> [x](javascript:{PWN})'")}, CLEAN, shows="<img src=x"),
    Case("training-venue-script", "content value in Markdown",
         {TRAINING: training(settlement=f"'<script>{PWN}</script>'")}, CLEAN, shows="<script>"),
    # --- page bodies: syntax tricks around the allowlist -----------------------------------
    Case("attr-list-onclick", "body past the allowlist",
         {"docs/attr.md": guide(body=f'Абзац.\n{{: onclick="{PWN}" }}')}, CLEAN),
    Case("attr-list-href-javascript", "body past the allowlist",
         {"docs/attr-href.md": guide(body=f"[посилання](index.md){{: href=\"javascript:{PWN}\" }}")}, CLEAN),
    Case("entity-javascript-link", "body past the allowlist",
         {"docs/entity.md": guide(body=f"[x](&#106;avascript:{PWN})")}, ("HR061", "docs/entity.md", 5)),
    Case("tab-inside-javascript", "body past the allowlist",
         {"docs/tab.md": guide(body=f'<a href="java\tscript:{PWN}">x</a>')}, ("HR061", "docs/tab.md", 5)),
    Case("control-char-inside-javascript", "body past the allowlist",
         {"docs/ctrl.md": guide(body=f'<a href="java\x01script:{PWN}">x</a>')}, ("HR061", "docs/ctrl.md", 5)),
    Case("entity-in-raw-href", "body past the allowlist",
         {"docs/entity-raw.md": guide(body=f'<a href="&#x6A;avascript:{PWN}">x</a>')}, ("HR061", "docs/entity-raw.md", 5)),
    Case("tag-split-over-lines", "body past the allowlist",
         {"docs/split.md": guide(body=f"<img src=x\nonerror={PWN}>")}, CLEAN),
    Case("gt-inside-quoted-attribute", "body past the allowlist",
         {"docs/gt.md": guide(body=f'<img alt="a>b" src=x onerror={PWN}>')}, CLEAN),
    Case("multiline-iframe", "body past the allowlist",
         {"docs/iframe.md": guide(body=f'<iframe\nsrc="{EVIL}/"></iframe>')}, CLEAN),
    Case("link-url-on-next-line", "body past the allowlist",
         {"docs/next-line.md": guide(body=f"[натисніть](\njavascript:{PWN})")}, CLEAN),
    Case("reference-url-on-next-line", "body past the allowlist",
         {"docs/ref.md": guide(body=f"[натисніть][r]\n\n[r]:\n    javascript:{PWN}")}, CLEAN),
    Case("fence-desync", "body past the allowlist",
         {"docs/fence.md": guide(body=f"Текст `` ``` `` далі.\n\n<img src=x onerror={PWN}>\n\n<script>{PWN}</script>")},
         ("HR060", "docs/fence.md", 9)),
    Case("inline-code-desync", "body past the allowlist",
         {"docs/code.md": guide(body=f"Початок `коду\nі кінець` тут <img src=x onerror={PWN}>")}, ("HR061", "docs/code.md", 6)),
    Case("script-tag", "body past the allowlist", {"docs/script.md": guide(body=f"<script>{PWN}</script>")},
         ("HR060", "docs/script.md", 5)),
    Case("uppercase-script", "body past the allowlist", {"docs/upper.md": guide(body=f"<SCRIPT>{PWN}</SCRIPT>")},
         ("HR060", "docs/upper.md", 5)),
    Case("nested-script-name", "body past the allowlist", {"docs/nested.md": guide(body=f"<scr<script>ipt>{PWN}</script>")},
         ("HR060", "docs/nested.md", 5)),
    Case("javascript-href", "body past the allowlist", {"docs/js.md": guide(body=f'<a href="javascript:{PWN}">x</a>')},
         ("HR061", "docs/js.md", 5)),
    Case("onclick-div", "body past the allowlist", {"docs/div.md": guide(body=f'<div onclick="{PWN}">x</div>')},
         ("HR061", "docs/div.md", 5)),
    Case("details-ontoggle", "body past the allowlist",
         {"docs/details.md": guide(body=f"<details open ontoggle={PWN}><summary>x</summary></details>")},
         ("HR061", "docs/details.md", 5)),
    Case("inline-svg-script", "body past the allowlist",
         {"docs/svg-inline.md": guide(body=f"<svg><script>{PWN}</script></svg>")}, ("HR060", "docs/svg-inline.md", 5)),
    Case("math-mtext", "body past the allowlist",
         {"docs/math.md": guide(body=f"<math><mtext><img src=x onerror={PWN}></mtext></math>")}, ("HR060", "docs/math.md", 5)),
    Case("style-element", "body past the allowlist",
         {"docs/style.md": guide(body=f"<style>body{{background:url({EVIL}/x)}}</style>")}, ("HR060", "docs/style.md", 5)),
    Case("form", "body past the allowlist",
         {"docs/form.md": guide(body=f'<form action="{EVIL}/"><input name="q"></form>')}, ("HR060", "docs/form.md", 5)),
    Case("meta-refresh-in-body", "body past the allowlist",
         {"docs/meta.md": guide(body=f'<meta http-equiv="refresh" content="0;url={EVIL}/">')}, ("HR060", "docs/meta.md", 5)),
    Case("base-href", "body past the allowlist", {"docs/base.md": guide(body=f'<base href="{EVIL}/">')},
         ("HR060", "docs/base.md", 5)),
    Case("object-embed", "body past the allowlist",
         {"docs/object.md": guide(body=f'<object data="{EVIL}/x.swf"></object>')}, ("HR060", "docs/object.md", 5)),
    Case("data-url-link", "body past the allowlist",
         {"docs/data.md": guide(body="[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")},
         ("HR061", "docs/data.md", 5)),
    Case("md-in-html-handler", "body past the allowlist",
         {"docs/mdhtml.md": guide(body=f'<div markdown="1" onmouseover="{PWN}">\n**x**\n</div>')}, ("HR061", "docs/mdhtml.md", 5)),
    Case("admonition-title-markup", "body past the allowlist",
         {"docs/admon.md": guide(body=f'!!! note "<img src=x onerror={PWN}>"\n    Текст.')}, ("HR061", "docs/admon.md", 5)),
    Case("table-cell-script", "body past the allowlist",
         {"docs/table.md": guide(body=f"| a | b |\n|---|---|\n| <script>{PWN}</script> | 2 |")}, ("HR060", "docs/table.md", 7)),
    Case("comment-then-script", "body past the allowlist",
         {"docs/comment.md": guide(body=f"<!-- --><script>{PWN}</script>")}, ("HR060", "docs/comment.md", 5)),
    Case("build-marker-in-content", "body past the allowlist",
         {"docs/marker.md": guide(body="<!--hromada:before--> <!--hromada:catalogue-->\n\nТекст.")}, CLEAN),
    Case("tabbed-shadowing-theme-ids", "body past the allowlist",
         {"docs/ids.md": guide(body='<span id="__search">x</span>\n\n## Заголовок {#__drawer}')}, CLEAN),
    # --- front matter read differently by Hromada and MkDocs -----------------------------------
    Case("front-matter-without-final-newline", "front matter readers differ",
         {"docs/bez-riadka.md": f"---\ntitle: '<img src=x onerror={PWN}>'\n---"}, CLEAN, shows="<img src=x onerror="),
    Case("python-tag", "front matter readers differ",
         {"docs/python.md": guide(extra="summary: !!python/object/apply:os.system ['touch /tmp/hromada-pwned']\n")},
         ("HR011", "docs/python.md", 3)),
    Case("huge-number", "front matter readers differ", {SESSION: session(head="minutes: " + "9" * 5000 + "\n")},
         ("HR011", SESSION, 3)),
    Case("dots-close-front-matter", "front matter readers differ",
         {"docs/dots.md": f"---\ntitle: '<script>{PWN}</script>'\n...\n\nТекст.\n"}, CLEAN, shows="<script>"),
    # --- files served from the site's own origin --------------------------------------------
    Case("html-page-asset", "content assets", {"docs/zlo.html": f"<script>{PWN}</script>"}, ("HR093", "docs/zlo.html", 1)),
    Case("js-asset", "content assets", {"docs/zlo.js": PWN}, ("HR093", "docs/zlo.js", 1)),
    Case("js-in-cases", "content assets", {"best_practices/zlo.mjs": PWN}, ("HR093", "best_practices/zlo.mjs", 1)),
    Case("svg-onload", "content assets", {"docs/zlo.svg": _svg(f'<rect onload="{PWN}" width="5" height="5"/>')},
         ("HR094", "docs/zlo.svg", 1)),
    Case("svg-script", "content assets", {"best_practices/zlo.svg": _svg(f"<script>{PWN}</script>")},
         ("HR094", "best_practices/zlo.svg", 1)),
    Case("svg-foreign-image", "content assets", {"docs/foto.svg": _svg(f'<image href="{EVIL}/x.png"/>')},
         ("HR094", "docs/foto.svg", 1)),
    Case("svg-entity", "content assets",
         {"docs/ent.svg": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + _svg("&x;")},
         ("HR094", "docs/ent.svg", 1)),
    Case("svg-javascript-link", "content assets",
         {"docs/link.svg": _svg(f'<a xlink:href="javascript:{PWN}"><rect width="5" height="5"/></a>')},
         ("HR094", "docs/link.svg", 1)),
    # --- requests to other origins ------------------------------------------------------------
    Case("markdown-foreign-image", "other origins", {"docs/img.md": guide(body=f"![x]({EVIL}/x.png)")},
         ("HR062", "docs/img.md", 5)),
    Case("raw-foreign-image", "other origins", {"docs/img-raw.md": guide(body=f'<img src="{EVIL}/x.png" alt="x">')},
         ("HR062", "docs/img-raw.md", 5)),
    Case("protocol-relative-image", "other origins", {"docs/img-pr.md": guide(body='<img src="//evil.example/x.png" alt="x">')},
         ("HR062", "docs/img-pr.md", 5)),
    Case("style-background-url", "other origins",
         {"docs/bg.md": guide(body=f'<span style="background:url({EVIL}/x)">x</span>')}, ("HR062", "docs/bg.md", 5)),
    Case("attr-list-foreign-src", "other origins",
         {"docs/attr-src.md": guide(body=f'![x](foto.png){{: src="{EVIL}/x.png" }}'), "docs/foto.png": PNG}, CLEAN),
    # --- the checker and the build under attack ----------------------------------------------
    Case("yaml-alias-bomb", "build under attack", {"docs/bomba.md": "---\ntitle: x\na: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{k}: &{k} [{', '.join(['*' + p] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi", strict=True)) + "---\n"},
         ("HR016", "docs/bomba.md", 3)),
    Case("yaml-deep-nesting", "build under attack", {"docs/hlyboko.md": "---\ntitle: " + "[" * 990 + "]" * 990 + "\n---\n"},
         ("HR016", "docs/hlyboko.md", 2)),
    Case("yaml-huge-head", "build under attack",
         {"docs/velykyi.md": "---\ntitle: x\nsummary: \"" + "а" * 210_000 + "\"\n---\n"}, ("HR005", "docs/velykyi.md", 2)),
    Case("dense-markup-line", "build under attack", {"docs/shchilno.md": guide(body=DENSE * 12_000)},
         ("HR007", "docs/shchilno.md", 5)),
    Case("bracket-storm", "build under attack", {"docs/duzhky.md": guide(body="[" * 19_000)}, ("HR008", "docs/duzhky.md", 5)),
    Case("bracket-work-over-blocks", "build under attack", {"docs/bloky.md": guide(body=BRACKET_BLOCKS)},
         ("HR008", "docs/bloky.md", 5)),
    Case("file-too-large", "build under attack", {"docs/velyka.md": guide(body=("Слово " * 20 + "\n\n") * 5000)},
         ("HR006", "docs/velyka.md", 1)),
    Case("deep-html-nesting", "build under attack", {"docs/div.md": guide(body="<div>" * 500 + "x" + "</div>" * 500)},
         ("HR009", "docs/div.md", 5)),
    Case("deep-blockquote", "build under attack", {"docs/quote.md": guide(body=">" * 1000 + " x")},
         ("HR009", "docs/quote.md", 5)),
    Case("deep-list", "build under attack",
         {"docs/list.md": guide(body="".join("  " * i + "- x\n" for i in range(30)))}, ("HR009", "docs/list.md", 34)),
    Case("symlink-loop", "build under attack", {}, ("HR092", "docs/petlia", 1), setup=_symlink_loop),
    Case("symlink-to-folder", "build under attack", {}, ("HR092", "curricula/probnyi-treninh/docs-link", 1),
         setup=_symlink_dir),
    # --- errors in Ukrainian with a line; nonsense rejected where it stands --------------------
    Case("terminal-escapes-in-value", "errors and nonsense",
         {TRAINING: training(days="  - day: 1\n    start: \"09:30\"\n    agenda:\n      - session: \"nemaie\\e[2K\\e[1A\\r\"\n"
                             "      - session: znaiomstvo\n      - session: hromadski-slukhannia\n")},
         ("HR030", TRAINING, 14)),
    Case("zero-days", "errors and nonsense", {TRAINING: training(days="  []\n")}, ("HR017", TRAINING, 11)),
    Case("negative-day", "errors and nonsense",
         {TRAINING: training(days="  - day: -1\n    start: \"09:30\"\n    agenda:\n      - session: znaiomstvo\n"
                             "      - session: hromadski-slukhannia\n")}, ("HR017", TRAINING, 11)),
    Case("negative-group-size", "errors and nonsense",
         {SESSION: session().replace("{min: 8, max: 20}", "{min: -5, max: -1}")}, ("HR017", SESSION, 6)),
    Case("negative-population", "errors and nonsense", {"best_practices/naselennia.md": case_file(population="-1")},
         ("HR017", "best_practices/naselennia.md", 10)),
    Case("money-nan", "errors and nonsense", {"best_practices/nan.md": case_file(amount=".nan")},
         ("HR017", "best_practices/nan.md", 20)),
    Case("money-inf", "errors and nonsense", {"best_practices/inf.md": case_file(amount=".inf")},
         ("HR017", "best_practices/inf.md", 20)),
    Case("negative-exercises", "errors and nonsense",
         {SESSION: session(head="teaching: 65\nexercises: -5\n")}, ("HR017", SESSION, 4)),
    Case("yaml-second-document", "errors and nonsense", {"docs/dva.md": "---\ntitle: x\n--- y\n---\n"},
         ("HR002", "docs/dva.md", 3)),
]
