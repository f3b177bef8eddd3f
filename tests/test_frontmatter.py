"""Front matter keeps the position of every value; YAML 1.1 surprises are tamed."""

from __future__ import annotations

from hromada.content.frontmatter import parse
from hromada.text.plurals import plural
from hromada.website.schedule import Slot, fmt_duration, parse_time


def test_positions_of_nested_values() -> None:
    text = "---\ntitle: Тренінг\ndays:\n  - day: 1\n    start: \"09:30\"\n    agenda:\n      - session: a\n---\nТіло\n"
    fm, diags = parse(text, "x.md")
    assert not diags
    assert fm.values[("days", 0, "agenda", 0, "session")] == (7, 18)
    assert fm.keys[("days", 0, "start")] == (5, 5)
    assert fm.body_line == 9 and fm.body == "Тіло\n"


def test_unquoted_time_stays_a_time() -> None:
    fm, _ = parse("---\nstart: 9:30\n---\n", "x.md")
    assert fm.data["start"] == "9:30"  # YAML 1.1 would make it 570


def test_duplicate_key_points_at_second() -> None:
    _, diags = parse("---\ntitle: А\nminutes: 5\ntitle: Б\n---\n", "x.md")
    assert [(d.code, d.line) for d in diags] == [("HR004", 4)]
    assert "рядку 2" in diags[0].message


def test_no_front_matter_is_a_body() -> None:
    fm, diags = parse("# Заголовок\n", "x.md")
    assert not fm.present and not diags and fm.body == "# Заголовок\n"


def test_ukrainian_plurals_and_durations() -> None:
    assert [plural(n, "день", "дні", "днів") for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "1 день", "2 дні", "5 днів", "11 днів", "21 день", "22 дні", "112 днів"]
    assert fmt_duration(90) == "1 год 30 хв" and fmt_duration(45) == "45 хв" and fmt_duration(120) == "2 год"
    assert Slot(0, "session", "x", parse_time("09:30"), 75).end == parse_time("10:45")
