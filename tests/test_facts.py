"""Law that stays current by itself: one registry of dated facts, checks that see time pass."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_hromada
from pdf import text as pdf_text

FACTS = """\
# Датовані факти
martial-law-until:
  text: "4 травня 2026 року"
  date: 2026-05-04
  review_months: 6
  source: "Закон України № 4757-IX від 14 січня 2026 року"
  as_of: 2020-02-21
statute-mandatory-from:
  text: "1 січня 2027 року"
  date: 2027-01-01
  source: "Закон України № 3703-IX, розділ II"
  as_of: 2100-01-01
"""

GUIDE = """\
---
title: Воєнний стан і участь
legal: true
legal_as_of: 2020-03-01
handout: true
---

# Воєнний стан і участь

Станом на дату перевірки воєнний стан продовжено до {{ факт: martial-law-until }}.

Закон набере чинності 1 січня 2021 року, і тоді все зміниться.

Статут обов'язковий з {{ факт: statute-mandatory-from }}.

Тут помилка: {{ факт: martial-law-untill }}. А так пишуть позначку: `{{ факт: назва }}`.

!!! note "Станом на 1 березня 2020 року"
    Звірено з текстом закону.

```
{{ факт: no-such-fact-in-code }}
```
"""


def _codes(stderr: str) -> list[tuple[str, int, str]]:
    return [(m.group(1), int(m.group(2)), m.group(3)) for m in re.finditer(r"^(\S+?):(\d+):\d+: \w+\[(HR\d+)\]", stderr, re.M)]


def test_stale_facts_and_pages_and_past_future_are_reported_with_file_and_line(mini: Path) -> None:
    (mini / "facts.yml").write_text(FACTS, encoding="utf-8")
    (mini / "docs" / "voiennyi-stan.md").write_text(GUIDE, encoding="utf-8")
    result = run_hromada(mini, "check")
    found = _codes(result.stderr)
    assert ("facts.yml", 2, "HR056") in found  # its review (6 months after 2020-02-21) is long past
    assert not any(code == "HR056" and line == 8 for _, line, code in found)  # checked «in 2100»: not due
    assert ("docs/voiennyi-stan.md", 4, "HR057") in found  # legal_as_of of a page that uses a 6-month fact
    assert ("docs/voiennyi-stan.md", 16, "HR055") in found  # the misspelt fact, with a suggestion
    assert "martial-law-until" in result.stderr.split("HR055")[1].split("\n")[1]
    assert ("docs/voiennyi-stan.md", 10, "HR058") in found  # «продовжено до 4 травня 2026 року», filled from the registry
    assert ("docs/voiennyi-stan.md", 12, "HR058") in found  # «набере чинності 1 січня 2021 року»
    assert not any(line == 14 and code == "HR058" for _, line, code in found)  # a date still ahead
    assert ("docs/voiennyi-stan.md", 18, "HR054") in found  # its own «Станом на» box
    assert "no-such-fact-in-code" not in result.stderr and "«назва»" not in result.stderr  # code is text
    assert result.returncode == 1  # the unknown fact is an error; the rest are warnings
    assert "Traceback" not in result.stderr


def test_check_legal_lists_what_to_review_oldest_first(mini: Path) -> None:
    (mini / "facts.yml").write_text(FACTS, encoding="utf-8")
    (mini / "docs" / "voiennyi-stan.md").write_text(GUIDE.replace("{{ факт: martial-law-untill }}", "—"), encoding="utf-8")
    result = run_hromada(mini, "check", "--legal")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if re.match(r"\s+\d{4}-\d\d-\d\d", line)]
    dates = [line.split()[0] for line in lines]
    assert dates == sorted(dates) and len(dates) == 4  # two facts, two legal pages
    assert dates[0] == "2020-02-21" and "ПРОСТРОЧЕНО" in lines[0] and "martial-law-until" in lines[0]
    assert "facts.yml:2" in result.stdout and "docs/voiennyi-stan.md:4" in result.stdout
    assert "прострочено: 3" in result.stdout  # the fact of 2020, the page of 2020 and the mini guide of 2025


def test_changing_one_fact_changes_every_page_and_pdf(mini: Path) -> None:
    (mini / "facts.yml").write_text(FACTS, encoding="utf-8")
    (mini / "docs" / "voiennyi-stan.md").write_text(GUIDE.replace("{{ факт: martial-law-untill }}", "—"), encoding="utf-8")
    tool = mini / "docs" / "instrumenty" / "hromadski-slukhannia.md"
    tool.write_text(tool.read_text(encoding="utf-8") + "\nВоєнний стан — до {{ факт: martial-law-until }}.\n", encoding="utf-8")
    pages = ["voiennyi-stan/index.html", "instrumenty/hromadski-slukhannia/index.html"]
    pdfs = ["pdf/voiennyi-stan.pdf", "pdf/instrumenty/hromadski-slukhannia.pdf"]
    for value in ("4 травня 2026 року", "2 серпня 2026 року"):
        (mini / "facts.yml").write_text(FACTS.replace("4 травня 2026 року", value), encoding="utf-8")
        result = run_hromada(mini, "build", "--no-offline")
        assert result.returncode == 0, result.stderr
        for page in pages:
            html = (mini / "site" / page).read_text(encoding="utf-8")
            assert value in html and "факт: martial-law-until" not in html, page
        for pdf in pdfs:
            printed = " ".join(pdf_text(mini / "site" / pdf).split())
            assert value.replace(" року", "") in printed and "факт: martial-law-until" not in printed, pdf
        index = (mini / "site" / "search" / "index.js").read_text(encoding="utf-8")
        assert "факт: martial-law-until" not in index
    for page in pages:
        assert "4 травня 2026" not in (mini / "site" / page).read_text(encoding="utf-8")


def test_more_than_two_hours_without_a_break_is_a_warning(mini: Path) -> None:
    training = mini / "curricula" / "probnyi-treninh" / "index.md"
    text = training.read_text(encoding="utf-8")
    training.write_text(text.replace("      - break: Кава-пауза\n        minutes: 20\n", ""), encoding="utf-8")
    result = run_hromada(mini, "check")
    hits = [f for f in _codes(result.stderr) if f[2] == "HR059"]
    assert hits == [("curricula/probnyi-treninh/index.md", 15, "HR059")], result.stderr
    assert "2 год 30 хв занять поспіль" in result.stderr
