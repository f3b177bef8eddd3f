"""Synthetic Ukrainian corpora for benchmarks: trainings with sessions, case studies, guides.

`write_project(dest, pages)` makes a Hromada project; `write_plain(dest, pages)` puts the same
Markdown under docs/ for plain MkDocs + Material with the same theme settings.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

WORDS = ["громада", "громади", "громаді", "громадою", "громадський", "громадська", "громадські", "слухання", "слухань", "ініціатива", "ініціативи", "ініціативою", "петиція", "петиції", "петицію", "петиціями", "бюджет", "бюджету", "бюджетом", "рада", "ради", "раді", "радою", "депутат", "депутати", "депутатів", "староста", "старости", "старостат", "село", "села", "селі", "селище", "селища", "місто", "міста", "місті", "мешканці", "мешканців", "мешканцям", "молодь", "молоді", "молоддю", "волонтер", "волонтери", "волонтерів", "партнерство", "партнерства", "партнерів", "організація", "організації", "організацією", "проєкт", "проєкту", "проєкти", "проєктів", "грант", "гранту", "гранти", "бюджетування", "участь", "участі", "учасники", "учасників", "тренер", "тренерка", "заняття", "вправа", "вправи", "обговорення", "рішення", "рішень", "рішенням", "статут", "статуту", "меморандум", "меморандуму", "коаліція", "коаліції", "платформа", "платформи", "центр", "центру", "активність", "активності", "інформування", "консультування", "залучення", "співпраця", "мапування", "ресурси", "ресурсів", "спільнота", "спільноти", "спільнотою", "лідерство", "мотивація", "комунікація", "конфлікт", "фасилітація", "зустріч", "зустрічі", "план", "плану", "цілі", "ціль", "завдання", "результат", "результати", "показники", "звіт", "звіту", "кошти", "коштів", "школа", "бібліотека", "клуб", "майданчик", "сквер", "дорога", "освітлення", "безпека", "культура", "екологія", "та", "і", "або", "що", "як", "для", "від", "до", "на", "у", "в", "з", "із", "про", "через", "після", "перед", "щоб", "коли", "де", "також", "дуже", "важливо", "потрібно"]

OBLASTS = ["Запорізька", "Полтавська", "Вінницька", "Львівська", "Чернігівська", "Одеська", "Херсонська", "Сумська"]
TOOLS = ["hromadski-slukhannia", "elektronni-petytsii", "hromadskyi-biudzhet", "mistsevi-initsiatyvy", "zahalni-zbory"]
THEMES = ["розвиток спільнот", "місцева демократія", "молодь", "благоустрій", "громадянська освіта", "екологія"]


def sentence(rng: random.Random, n: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def session_body(rng: random.Random, minutes: int, link: str | None) -> str:
    steps = [minutes // 3, minutes // 3, minutes - 2 * (minutes // 3)]
    out = [paragraph(rng), "", "## Хід заняття", ""]
    for i, m in enumerate(steps, 1):
        out += [f"### Крок {i}. {sentence(rng, 3)[:-1]} ({m} хв)", "", paragraph(rng, 4), ""]
        if i == 2:
            out += ['!!! trainer "Нотатка для тренера"', "    " + paragraph(rng, 2), ""]
    out += ["## Запитання для обговорення", "", *(f"{i}. {sentence(rng, 8)}" for i in range(1, 5)), "",
            "## Робочий аркуш", "", "| Питання | Відповідь |", "|---|---|",
            *(f"| {sentence(rng, 5)} | |" for _ in range(4)), ""]
    if link:
        out += [f"Див. також [попереднє заняття]({link}).", ""]
    return "\n".join(out)


def plan(pages: int) -> tuple[int, int, int, int]:
    """(trainings, sessions per training, cases, guides) adding up to about `pages`."""
    sessions_total = pages // 2
    trainings = max(1, sessions_total // 15)
    per = sessions_total // trainings
    cases = pages * 3 // 10
    guides = pages - trainings * (per + 1) - cases
    return trainings, per, cases, max(guides, 1)


def write_project(dest: Path, pages: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs/instrumenty").mkdir(parents=True)
    # PDFs are left out here: plain Material makes none (bench/handouts.py measures them).
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(config.replace("  - hromada:\n", "  - hromada:\n      pdf: false\n"), encoding="utf-8")
    shutil.copy(REPO / "vocabularies.yml", dest / "vocabularies.yml")
    shutil.copytree(REPO / "includes", dest / "includes")  # abbreviations appended to every page
    trainings, per, cases, guides = plan(pages)
    (dest / "docs/index.md").write_text("---\ntitle: Головна\n---\n\n" + paragraph(rng, 6) + "\n", encoding="utf-8")
    for t in range(trainings):
        folder = dest / f"curricula/treninh-{t:03d}"
        folder.mkdir(parents=True)
        days = [[] for _ in range(3)]
        for s in range(per):
            slug = f"zaniattia-{s:03d}"
            minutes = rng.choice([45, 60, 75])
            link = f"zaniattia-{s - 1:03d}.md" if s else None
            front = (f"---\ntitle: {sentence(rng, 4)[:-1]}\nminutes: {minutes}\nobjectives:\n  - {sentence(rng, 8)}\n"
                     f"  - {sentence(rng, 8)}\nquestions:\n  - {sentence(rng, 6)}\nkeypoints:\n  - {sentence(rng, 8)}\n"
                     f"methods: [міні-лекція, робота в групах]\nmaterials: [фліпчарт, маркери]\n"
                     f"preparation:\n  - {sentence(rng, 6)}\ngroup_size: {{min: 10, max: 25}}\n---\n\n")
            (folder / f"{slug}.md").write_text(front + session_body(rng, minutes, link), encoding="utf-8")
            days[s * 3 // per].append(slug)
        agenda = ""
        for d, slugs in enumerate(days, 1):
            agenda += f"  - day: {d}\n    start: \"09:00\"\n    agenda:\n"
            for i, slug in enumerate(slugs):
                agenda += f"      - session: {slug}\n"
                if i % 2 == 1:
                    agenda += "      - break: Кава-пауза\n        minutes: 10\n"
        (folder / "index.md").write_text(
            f"---\ntitle: Тренінг {t + 1}. {sentence(rng, 4)[:-1]}\nsummary: {sentence(rng, 10)}\naudience: Активісти громад.\n"
            f"venue:\n  settlement: Запоріжжя\n  oblast: Запорізька\noutcomes:\n  - {sentence(rng, 8)}\ndays:\n{agenda}---\n\n"
            + paragraph(rng, 6) + "\n", encoding="utf-8")
    (dest / "best_practices").mkdir()
    for c in range(cases):
        tools = rng.sample(TOOLS, 2)
        front = (f"---\ntitle: {sentence(rng, 5)[:-1]}\nsummary: {sentence(rng, 12)}\nstatus: illustrative\n"
                 f"location:\n  settlement: село Вигадане-{c}\n  hromada: Вигадана громада\n  oblast: {rng.choice(OBLASTS)}\n"
                 f"  settlement_type: село\nperiod:\n  start: 2021-0{rng.randint(1, 9)}-01\n  ongoing: true\n"
                 f"themes: [{', '.join(rng.sample(THEMES, 2))}]\ntools: [{', '.join(tools)}]\npublic_spectrum: залучення\n"
                 f"organizers: [Ініціативна група села Вигадане-{c}]\nresults:\n  - indicator: Учасників\n    value: \"{rng.randint(10, 300)}\"\n"
                 f"lessons:\n  - {sentence(rng, 8)}\nlicence: CC BY 4.0\n---\n\n")
        body = "".join(f"## {h}\n\n{paragraph(rng, 5)}\n\n" for h in ("Проблема", "Що зробили", "Результати", "Уроки"))
        body += f"Див. [інструмент](../docs/instrumenty/{tools[0]}.md).\n"
        (dest / f"best_practices/keis-{c:04d}.md").write_text(front + body, encoding="utf-8")
    for tool in TOOLS:
        (dest / f"docs/instrumenty/{tool}.md").write_text(
            f"---\ntitle: {sentence(rng, 3)[:-1]}\nlegal: true\nlegal_as_of: 2025-06-01\n---\n\n" + paragraph(rng, 8)
            + "\n\n## Кейси\n\nКейси з цим інструментом:\n", encoding="utf-8")
    for g in range(max(0, guides - len(TOOLS))):
        body = "".join(f"## {sentence(rng, 3)[:-1]}\n\n{paragraph(rng, 6)}\n\n" for _ in range(4))
        folder = dest / f"docs/tema-{g // 25:02d}"  # guides live in topic folders, as on the real site
        folder.mkdir(exist_ok=True)
        (folder / f"posibnyk-{g:04d}.md").write_text(f"---\ntitle: {sentence(rng, 4)[:-1]}\n---\n\n" + body, encoding="utf-8")
    return dest


def write_plain(project: Path, dest: Path) -> Path:
    """The same Markdown as plain MkDocs pages, built by Material without the hromada plugin."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(project / "docs", dest / "docs")
    shutil.copytree(project / "includes", dest / "includes")
    for folder in ("curricula", "best_practices"):
        shutil.copytree(project / folder, dest / "docs" / folder)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^  - hromada:\n(?:      .*\n|\s+#.*\n)*", "", config, flags=re.M).replace("      slugify: !!python/name:hromada.text.translit.slugify\n", "")
    # Material as it comes: its own search plugin and favicon.
    config = re.sub(r"^plugins:\n(?:  #.*\n)*", "plugins:\n  - search\n", config, flags=re.M)
    config = re.sub(r"^  favicon:.*\n", "", config, flags=re.M)
    # The same abbreviations, given to plain MkDocs as the abbr glossary the way Hromada does.
    glossary = dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$", (project / "includes/abbreviations.md").read_text(encoding="utf-8"), re.M))
    config = re.sub(r"^  - abbr\b.*$", "  - abbr:\n      glossary: " + json.dumps(glossary, ensure_ascii=False), config, count=1, flags=re.M)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build_both(project: Path, work: Path, pdf: bool = True) -> tuple[Path, Path]:
    """The project's site built by Hromada (without the offline pack; without PDFs if not `pdf`:
    the search index is the same) and by plain Material: (ours, plain)."""
    import subprocess
    import sys

    binaries = Path(sys.executable).parent
    ours = work / "hromada-site"
    subprocess.run([str(binaries / "hromada"), "--root", str(project), "build", "--no-offline", "--site-dir", str(ours),
                    *([] if pdf else ["--no-pdf"])], check=True, capture_output=True)
    plain_project = write_plain(project, work / "plain")
    subprocess.run([str(binaries / "mkdocs"), "build", "-q", "-d", str(work / "plain-site")], cwd=plain_project,
                   check=True, capture_output=True)
    return ours, work / "plain-site"
