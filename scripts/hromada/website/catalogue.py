"""The case catalogue: cards with filters (oblast, theme, tool, settlement type) and a tile-grid
map of Ukraine's regions. Plain HTML that reads without JavaScript; assets/hromada/catalogue.js
adds the filters, their counts and the state in the URL. No map tiles, no external data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType

from hromada.content.layout import Urls
from hromada.content.load import Corpus, Document
from hromada.text.collate import uk_key
from hromada.website.parts import STATUS_LABEL, esc

# One square per region, roughly where it lies: (column, row).
TILES: Mapping[str, tuple[int, int]] = MappingProxyType({
    "Волинська": (1, 0), "Рівненська": (2, 0), "Житомирська": (3, 0), "Київська": (4, 0),
    "Чернігівська": (5, 0), "Сумська": (6, 0),
    "Львівська": (0, 1), "Тернопільська": (1, 1), "Хмельницька": (2, 1), "Вінницька": (3, 1),
    "Київ": (4, 1), "Черкаська": (5, 1), "Полтавська": (6, 1), "Харківська": (7, 1), "Луганська": (8, 1),
    "Закарпатська": (0, 2), "Івано-Франківська": (1, 2), "Чернівецька": (2, 2), "Одеська": (3, 2),
    "Кіровоградська": (4, 2), "Дніпропетровська": (5, 2), "Запорізька": (6, 2), "Донецька": (7, 2),
    "Миколаївська": (4, 3), "Херсонська": (5, 3),
    "Автономна Республіка Крим": (5, 4), "Севастополь": (6, 4),
})  # fmt: skip
# Tile labels a phone can tell apart («Чрг/Чрв/Чрк» could not): the name people use for the region.
SHORT: Mapping[str, str] = MappingProxyType({
    "Волинська": "Волинь", "Рівненська": "Рівне", "Житомирська": "Житом", "Київська": "Київщ",
    "Чернігівська": "Черніг", "Сумська": "Суми", "Львівська": "Львів", "Тернопільська": "Терноп",
    "Хмельницька": "Хмельн", "Вінницька": "Вінниця", "Київ": "Київ", "Черкаська": "Черкас",
    "Полтавська": "Полтава", "Харківська": "Харків", "Луганська": "Луганс", "Закарпатська": "Закарп",
    "Івано-Франківська": "Ів-Фр", "Чернівецька": "Чернів", "Одеська": "Одеса", "Кіровоградська": "Кіров",
    "Дніпропетровська": "Дніпро", "Запорізька": "Запоріж", "Донецька": "Донецьк", "Миколаївська": "Микол",
    "Херсонська": "Херсон", "Автономна Республіка Крим": "Крим", "Севастополь": "Севаст",
})  # fmt: skip
# Map units; on a phone catalogue.css shows a tile at ≥ 44 px (the map scrolls sideways if it must).
TILE, GAP = 56, 4
FILTERS = (("oblast", "Область"), ("theme", "Тема"), ("tool", "Інструмент"), ("type", "Тип населеного пункту"))
def region_label(oblast: str) -> str:
    return oblast if oblast in ("Київ", "Севастополь", "Автономна Республіка Крим") else f"{oblast} область"


def _values(doc: Document) -> dict[str, list[str]]:
    c = doc.model
    return {"oblast": [c.location.oblast], "theme": list(c.themes), "tool": list(c.tools),
            "type": [c.location.settlement_type]}


def _labels(corpus: Corpus) -> dict[str, dict[str, str]]:
    return {"oblast": {}, "theme": {}, "tool": dict(corpus.vocab.tools), "type": {}}


def card(corpus: Corpus, urls: Urls, doc: Document, source_rel: str) -> str:
    c = doc.model
    values = _values(doc)
    data = " ".join(f'data-{k}="{esc("|".join(v))}"' for k, v in values.items())
    href = urls.href(source_rel, doc.rel)
    year = str(c.period.start.year) + ("–" + str(c.period.end.year) if c.period.end and c.period.end.year != c.period.start.year
                                       else "–…" if c.period.ongoing else "")
    tools = ", ".join(esc(corpus.vocab.tools.get(t, t)) for t in c.tools)
    return (f'<li class="hromada-card" {data}><a class="hromada-card__title" href="{href}">{esc(c.title)}</a>'
            f'<p class="hromada-card__place">{esc(c.location.settlement)}, {esc(region_label(c.location.oblast))} · {year}</p>'
            f'<p class="hromada-card__meta">{esc(", ".join(c.themes))}' + (f" · {tools}" if tools else "") + "</p>"
            f'<p class="hromada-card__status hromada-card__status--{c.status}">{STATUS_LABEL[c.status]}</p></li>')


def tile_map(counts: Counter) -> str:
    cols = max(c for c, _ in TILES.values()) + 1
    rows = max(r for _, r in TILES.values()) + 1
    width, height = cols * (TILE + GAP), rows * (TILE + GAP)
    most = max(counts.values(), default=0)
    tiles = []
    for oblast, (col, row) in TILES.items():
        n = counts.get(oblast, 0)
        level = 0 if not n else 1 + min(3, (3 * n) // max(most, 1))
        x, y = col * (TILE + GAP), row * (TILE + GAP)
        label = SHORT.get(oblast, oblast[:6])
        name = esc(region_label(oblast))
        tiles.append(
            f'<g class="hromada-tile" data-tile="{esc(oblast)}" data-name="{name}" data-level="{level}" role="button" '
            f'tabindex="0" aria-label="{name}: кейсів {n}"><title>{name}: кейсів {n}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4"/>'
            f'<text x="{x + TILE / 2}" y="{y + 23}">{esc(label)}</text>'
            f'<text class="hromada-tile__count" x="{x + TILE / 2}" y="{y + 45}">{n}</text></g>')
    return (f'<div class="hromada-map-wrap"><svg class="hromada-map" viewBox="0 0 {width} {height}" role="group" '
            f'aria-label="Мапа областей України: кількість кейсів">{"".join(tiles)}</svg></div>')


def filters(corpus: Corpus, cases: list[Document]) -> str:
    counts: dict[str, Counter] = {k: Counter() for k, _ in FILTERS}
    for doc in cases:
        for key, values in _values(doc).items():
            counts[key].update(values)
    labels = _labels(corpus)
    selects = []
    for key, title in FILTERS:
        options = "".join(
            f'<option value="{esc(v)}" data-label="{esc(labels[key].get(v, v))}">{esc(labels[key].get(v, v))} ({n})</option>'
            for v, n in sorted(counts[key].items(), key=lambda kv: uk_key(labels[key].get(kv[0], kv[0]))))
        selects.append(f'<label>{title}<select data-filter="{key}"><option value="">усі</option>{options}</select></label>')
    return ('<div class="hromada-filters" hidden>' + "".join(selects)
            + '<button type="button" class="md-button hromada-reset">Скинути фільтри</button></div>')


def catalogue(corpus: Corpus, urls: Urls, source_rel: str, script_href: str, css_href: str) -> str:
    cases = sorted(corpus.cases, key=lambda d: uk_key(d.title))
    oblasts = Counter(doc.model.location.oblast for doc in cases)
    return (f'<link rel="stylesheet" href="{css_href}">'
            f'<div class="hromada-catalogue" data-search="skip">{tile_map(oblasts)}{filters(corpus, cases)}'
            f'<p class="hromada-count" aria-live="polite">Кейсів: {len(cases)}</p>'
            f'<ul class="hromada-cards">{"".join(card(corpus, urls, d, source_rel) for d in cases)}</ul></div>'
            f'<script src="{script_href}" defer></script>\n')
