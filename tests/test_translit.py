"""Transliteration by КМУ resolution 55 (27.01.2010): the examples from its own table."""

from __future__ import annotations

import pytest

from hromada.content.mdscan import scan
from hromada.text.translit import is_slug, slugify, transliterate

OFFICIAL = {
    "Алушта": "Alushta", "Андрій": "Andrii", "Борщагівка": "Borshchahivka", "Борисенко": "Borysenko",
    "Вінниця": "Vinnytsia", "Володимир": "Volodymyr", "Гадяч": "Hadiach", "Богдан": "Bohdan",
    "Згурський": "Zghurskyi", "Ґалаґан": "Galagan", "Ґорґани": "Gorgany", "Донецьк": "Donetsk",
    "Дмитро": "Dmytro", "Рівне": "Rivne", "Олег": "Oleh", "Есмань": "Esman", "Єнакієве": "Yenakiieve",
    "Гаєвич": "Haievych", "Короп'є": "Koropie", "Житомир": "Zhytomyr", "Жанна": "Zhanna",
    "Жежелів": "Zhezheliv", "Закарпаття": "Zakarpattia", "Казимирчук": "Kazymyrchuk", "Медвин": "Medvyn",
    "Михайленко": "Mykhailenko", "Іванків": "Ivankiv", "Іващенко": "Ivashchenko", "Їжакевич": "Yizhakevych",
    "Кадиївка": "Kadyivka", "Мар'їне": "Marine", "Йосипівка": "Yosypivka", "Стрий": "Stryi",
    "Олексій": "Oleksii", "Київ": "Kyiv", "Коваленко": "Kovalenko", "Лебедин": "Lebedyn", "Леонід": "Leonid",
    "Миколаїв": "Mykolaiv", "Маринич": "Marynych", "Ніжин": "Nizhyn", "Наталія": "Nataliia", "Одеса": "Odesa",
    "Онищенко": "Onyshchenko", "Полтава": "Poltava", "Петро": "Petro", "Решетилівка": "Reshetylivka",
    "Рибчинський": "Rybchynskyi", "Суми": "Sumy", "Соломія": "Solomiia", "Тернопіль": "Ternopil",
    "Троць": "Trots", "Ужгород": "Uzhhorod", "Уляна": "Uliana", "Фастів": "Fastiv", "Філіпчук": "Filipchuk",
    "Харків": "Kharkiv", "Христина": "Khrystyna", "Біла Церква": "Bila Tserkva", "Стеценко": "Stetsenko",
    "Чернівці": "Chernivtsi", "Шевченко": "Shevchenko", "Шостка": "Shostka", "Кишеньки": "Kyshenky",
    "Щербухи": "Shcherbukhy", "Гоща": "Hoshcha", "Гаращенко": "Harashchenko", "Юрій": "Yurii",
    "Корюківка": "Koriukivka", "Яготин": "Yahotyn", "Ярошенко": "Yaroshenko", "Костянтин": "Kostiantyn",
    "Знам'янка": "Znamianka", "Феодосія": "Feodosiia",
}  # fmt: skip


@pytest.mark.parametrize(("ukrainian", "latin"), OFFICIAL.items())
def test_official_examples(ukrainian: str, latin: str) -> None:
    assert transliterate(ukrainian) == latin


def test_slugs_for_urls_and_anchors() -> None:
    assert slugify("Громадські слухання") == "hromadski-slukhannia"
    assert slugify("Крок 2. Дерево проблем (20 хв)") == "krok-2-derevo-problem-20-khv"
    assert slugify("З’їзд «Громада» — 2025!") == "zizd-hromada-2025"
    assert is_slug(slugify("Органи самоорганізації населення"))


def test_repeated_headings_get_unique_anchors_like_the_toc_extension() -> None:
    found = scan("## Підсумки\n\ntext\n\n## Підсумки\n\n## Підсумки\n")
    assert [h.anchor for h in found.headings] == ["pidsumky", "pidsumky_1", "pidsumky_2"]
