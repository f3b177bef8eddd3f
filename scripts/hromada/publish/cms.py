"""The web editor's configuration (Decap CMS at /admin/, its config.yml), generated from the content model.

    config(corpus, backend) -> dict     what config.yml says: `hromada cms` prints it, every build writes it
    typed_lists(config) -> list          where the editor's lists of several item kinds are (for hromada-cms.js)

Every form field comes from a model in content/model.py, through its JSON Schema (the same one `hromada
schema` writes): its label and hint are the field's `title` and `description`, a vocabulary of
vocabularies.yml is a select list, a nested model is an object, a list of models a list of objects, a
training's agenda a list of sessions (a relation to that training's sessions) and breaks. What the model
requires is required in the form; inside an optional part (dates, funding) only `hromada check` asks for
it, since the form would demand it even when the part is left out. A field added to a model is in the form
after the next build, with no edit here.

Collections, as content/layout.py places the files:
    cases                 best_practices/<назва>.md, new ones too
    trainings             curricula/<тренінг>/index.md, one entry per training there is (new ones: `hromada new`)
    sessions-<тренінг>    curricula/<тренінг>/<заняття>.md of one training: its agenda chooses from these only
    guides, guides-<тека> docs/*.md and docs/<тека>/*.md, new ones too
Folder collections cannot tell a training's index.md from its sessions (both are curricula/*/…md), so
trainings and sessions are files collections listed from the corpus at each build.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from hromada.content import layout, session_parts
from hromada.content.frontmatter import split
from hromada.content.load import Corpus, Document
from hromada.content.model import MODELS
from hromada.content.scaffold import TEMPLATES
from hromada.content.vocab import FIELDS as VOCABULARY_FIELDS
from hromada.content.vocab import Vocabularies

FORMAT = "hromada"  # front matter read and written by hromada-cms.js (js-yaml), not Decap's own YAML
FILE_KEY = "hromada_file"  # a new entry's file name, from its title (hromada-cms.js); never written to the file
TYPE_KEY = "hromada_type"  # which kind an item of a typed list is; added on reading, dropped on writing
LOCAL_ENV = "HROMADA_CMS_LOCAL"  # "1" or decap-server's URL: the editor saves through it (tests, a local try)
LOCAL_DEFAULT = "http://localhost:8081/api/v1"
TEXT_FIELDS = frozenset({"summary", "audience", "description"})  # a few sentences: a text area, not one line
# What a person reads for a value the model fixes (Literal); a value not here is shown as it is.
OPTION_LABELS: Mapping[str, str] = MappingProxyType({
    "documented": "documented — задокументований, є публічні джерела",
    "illustrative": "illustrative — навчальний приклад",
    "navigation": "меню", "toc": "зміст сторінки", "footer": "низ сторінки", "path": "шлях угорі",
    **session_parts.COPIES_LABELS,
})
BODY_HINTS: Mapping[str, str] = MappingProxyType({
    "training": "Вступ до тренінгу. Розклад сайт складе сам із «Днів».",
    "session": "Вступ, «## Хід заняття» з кроками «### Крок 1. Назва (15 хв)» — разом стільки хвилин, скільки в «Тривалості», "
               "далі «## Запитання для обговорення», «## Робочий аркуш».",
    "case": "П'ять розділів: Проблема, Що зробили, Партнери і ресурси, Результати, Уроки.",
    "guide": "Текст сторінки в Markdown.",
})
COMMITS = MappingProxyType({
    "create": "Веб-редактор: новий запис «{{slug}}» ({{collection}})",
    "update": "Веб-редактор: зміни в {{path}}",
    "delete": "Веб-редактор: вилучено {{path}}",
    "uploadMedia": "Веб-редактор: файл {{path}}",
    "deleteMedia": "Веб-редактор: вилучено файл {{path}}",
    "openAuthoring": "{{message}}",
})


@dataclass(frozen=True)
class Backend:
    """Where the editor saves. On the published site: GitHub (repo, branch; base_url is the OAuth proxy that
    signs people in — GitHub Pages has none of its own). `local`: decap-server's URL, for a try on this computer."""

    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    auth_endpoint: str = ""
    local: str = ""
    site_url: str = ""

    @classmethod
    def of(cls, raw: Mapping[str, Any], environ: Mapping[str, str] | None = None, local: str | None = None) -> Backend:
        """From mkdocs.yml (`repo_url`, `site_url`, `extra.cms`) and the environment (GITHUB_REPOSITORY in
        GitHub Actions, HROMADA_CMS_LOCAL); `local` overrides the environment."""
        env = os.environ if environ is None else environ
        extra = raw.get("extra") if isinstance(raw.get("extra"), Mapping) else {}
        cms = extra.get("cms") if isinstance(extra.get("cms"), Mapping) else {}
        m = re.match(r"^https://github\.com/([^/\s]+/[^/\s]+?)(?:\.git)?/?$", str(raw.get("repo_url") or ""))
        repo = str(cms.get("repo") or (m.group(1) if m else "") or env.get("GITHUB_REPOSITORY", ""))
        wanted = env.get(LOCAL_ENV, "") if local is None else local
        url = "" if wanted in ("", "0") else LOCAL_DEFAULT if wanted in ("1", "true", "так") else wanted
        return cls(repo=repo, branch=str(cms.get("branch") or "main"), base_url=str(cms.get("base_url") or ""),
                   auth_endpoint=str(cms.get("auth_endpoint") or ""), local=url, site_url=str(raw.get("site_url") or ""))


@dataclass(frozen=True)
class Context:
    """What a form field needs beyond the model: the collection a relation chooses from, the keys of a map."""

    relations: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))
    keys: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))


def config(corpus: Corpus, backend: Backend) -> dict[str, Any]:
    settings: dict[str, Any] = {"name": "github", "branch": backend.branch, "commit_messages": dict(COMMITS)}
    if backend.repo:
        settings["repo"] = backend.repo
    if backend.base_url:
        settings["base_url"] = backend.base_url
    if backend.auth_endpoint:
        settings["auth_endpoint"] = backend.auth_endpoint
    out: dict[str, Any] = {"backend": settings}
    if backend.local:
        out["local_backend"] = {"url": backend.local}
    out.update({
        "locale": "uk",
        # A pull request per change: the checks run on it and a coordinator merges (docs/redaktoram/vebredaktor.md).
        "publish_mode": "editorial_workflow",
        "media_folder": layout.DOCS,
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(corpus),
    })
    if backend.site_url:
        out["site_url"] = out["display_url"] = backend.site_url
    return out


def collections(corpus: Corpus) -> list[dict[str, Any]]:
    vocab = corpus.vocab
    out = [_folder("cases", "Кейси", "Кейс", layout.CASES, "case", vocab,
                   "Історії громад, best_practices/<назва>.md. Назву файлу латиницею редактор складе з назви.")]
    trainings = sorted(corpus.trainings, key=lambda d: d.title)
    files = []
    for doc in trainings:
        sessions = _sessions_name(doc.slug)
        relations = {("SessionRef", "session"): sessions} if corpus.sessions_of(doc.slug) else {}
        files.append(_file(doc, "training", vocab, Context(relations=MappingProxyType(relations))))
    if files:
        out.append({"name": "trainings", "label": "Тренінги", "label_singular": "Тренінг", "format": FORMAT,
                    "description": "curricula/<тренінг>/index.md. Новий тренінг створює методист: hromada new training.",
                    "files": files})
    for doc in trainings:
        members = sorted(corpus.sessions_of(doc.slug).values(), key=lambda d: d.title)
        if members:
            out.append({"name": _sessions_name(doc.slug), "label": f"Заняття: {doc.title}", "label_singular": "Заняття",
                        "format": FORMAT, "description": f"{layout.CURRICULA}/{doc.slug}/<заняття>.md",
                        "files": [_file(d, "session", vocab, _session_context(d)) for d in members]})
    for folder in guide_folders(corpus):
        rel = f"{layout.DOCS}/{folder}" if folder else layout.DOCS
        index = corpus.documents.get(f"{rel}/index.md")
        title = (index.title if index is not None else folder) if folder else "Загальні сторінки"
        name = f"guides-{folder}" if folder else "guides"
        out.append(_folder(name, f"Посібники: {title}", "Сторінка", rel, "guide", vocab, f"{rel}/<назва>.md"))
    return out


def guide_folders(corpus: Corpus) -> list[str]:
    """docs/ itself ("") and each folder right under it that holds pages, in the order of their names."""
    folders = set()
    for doc in corpus.of_kind("guide"):
        parts = doc.rel.split("/")
        if parts[0] == layout.DOCS and len(parts) <= 3:
            folders.add(parts[1] if len(parts) == 3 else "")
    return sorted(folders)


def _sessions_name(slug: str) -> str:
    return f"sessions-{slug}"


def _session_context(doc: Document) -> Context:
    """Which handouts a session has: the keys of its `copies` (each heading as it stands, and any key it already has)."""
    titles = [p.title for p in session_parts.handouts(session_parts.of_session(doc))]
    titles += [str(k) for k in (getattr(doc.model, "copies", None) or {})]
    return Context(keys=MappingProxyType({("Session", "copies"): tuple(dict.fromkeys(t for t in titles if "." not in t))}))


def _folder(name: str, label: str, singular: str, folder: str, kind: str, vocab: Vocabularies, description: str) -> dict:
    return {"name": name, "label": label, "label_singular": singular, "description": description, "folder": folder,
            "create": True, "format": FORMAT, "extension": "md", "slug": "{{fields." + FILE_KEY + "}}",
            "identifier_field": "title", "summary": "{{title}}", "media_folder": "", "public_folder": "",
            "fields": form(kind, vocab, Context())}


def _file(doc: Document, kind: str, vocab: Vocabularies, context: Context) -> dict:
    return {"name": doc.slug, "label": doc.title, "file": doc.rel, "media_folder": "", "public_folder": "",
            "fields": form(kind, vocab, context)}


def form(kind: str, vocab: Vocabularies, context: Context) -> list[dict[str, Any]]:
    """The form of one content type: every field of its model, then the text of the page."""
    model = MODELS[kind]
    schema = model.model_json_schema(by_alias=True)
    walker = _Walker(schema.get("$defs", {}), vocab, context)
    fields = walker.fields(model.__name__, schema, required_path=True)
    body = {"name": "body", "label": "Текст сторінки", "widget": "markdown", "hint": BODY_HINTS[kind],
            # Raw Markdown only: the rich-text mode rewrites what it does not know (admonitions, step headings).
            "modes": ["raw"], "sanitize_preview": True, "required": False}
    template = TEMPLATES[kind].format(title="Назва", today="2000-01-01")
    starter = split(template)[2].lstrip("\n")
    if kind == "case" and starter.strip():
        body["default"] = starter  # the five sections of a case, as `hromada new case` writes them
    return [*fields, body]


@dataclass(frozen=True)
class _Walker:
    defs: Mapping[str, Any]
    vocab: Vocabularies
    context: Context

    def fields(self, owner: str, schema: Mapping[str, Any], required_path: bool) -> list[dict[str, Any]]:
        """`required_path`: every part above is required (or is a list item someone added)."""
        required = set(schema.get("required", ()))
        return [self.field(owner, name, node, required_path and name in required, required_path)
                for name, node in schema.get("properties", {}).items()]

    def field(self, owner: str, name: str, node: Mapping[str, Any], required: bool, required_path: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"name": name, "label": node.get("title") or name}
        if node.get("description"):
            out["hint"] = node["description"]
        out["required"] = required
        default = node.get("default")
        # A real default (CC BY 4.0) goes into a new entry, but not into a part the editor may leave out.
        if required_path and isinstance(default, str | int | float) and not isinstance(default, bool) and default != "":
            out["default"] = default
        inner = self.resolve(_without_null(node))
        vocabulary = VOCABULARY_FIELDS.get((owner, name))
        if vocabulary is not None:
            choices = self.vocab.choices(vocabulary)
            out.update(widget="select", options=[_option(value, label) for value, label in choices])
            if inner.get("type") == "array":
                out["multiple"] = True
            return out
        relation = self.context.relations.get((owner, name))
        if relation is not None:
            out.update(widget="relation", collection=relation, value_field="{{filename}}", search_fields=["title"],
                       display_fields=["title"], options_length=200)
            return out
        out.update(self.widget(owner, name, inner, required))
        return out

    def widget(self, owner: str, name: str, node: Mapping[str, Any], required: bool) -> dict[str, Any]:
        if "properties" in node:  # a nested model: its fields, required only when this part is
            return {"widget": "object", "collapsed": False, "fields": self.fields(node.get("title", ""), node, required)}
        if "enum" in node:
            return {"widget": "select", "options": _options(node["enum"])}
        kind = node.get("type")
        if kind == "array":
            return self.array(owner, name, self.resolve(node.get("items", {})))
        if kind == "object":  # a map whose keys a document names (a session's handouts)
            keys = self.context.keys.get((owner, name), ())
            values = self.resolve(node.get("additionalProperties") or {})
            if not keys:
                return {"widget": "hidden"}
            sub = {"widget": "select", "options": _options(values["enum"])} if "enum" in values else {"widget": "string"}
            return {"widget": "object", "collapsed": True,
                    "fields": [{"name": k, "label": k, "required": False, **sub} for k in keys]}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind in ("integer", "number"):
            out: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            if "minimum" in node:
                out["min"] = node["minimum"]
            return out
        if node.get("format") == "date":
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD.MM.YYYY", "time_format": False,
                    "picker_utc": True}
        out = {"widget": "text" if name in TEXT_FIELDS else "string"}
        if "pattern" in node:
            out["pattern"] = [node["pattern"], "формат: " + str(node.get("description") or node["pattern"])]
        return out

    def array(self, owner: str, name: str, items: Mapping[str, Any]) -> dict[str, Any]:
        variants = items.get("oneOf") or items.get("anyOf")
        if variants:  # items of several kinds (a session or a break): a typed list
            types = []
            for variant in variants:
                model = self.resolve(variant)
                model_name = variant["$ref"].rsplit("/", 1)[-1] if "$ref" in variant else model.get("title", "")
                fields = self.fields(model_name, model, required_path=True)
                types.append({"name": model_name, "label": fields[0]["label"] if fields else model_name,
                              "widget": "object", "summary": _summary(fields), "fields": fields})
            return {"widget": "list", "typeKey": TYPE_KEY, "types": types}
        if "properties" in items:  # a list of objects: an item's own required fields are required once it is added
            fields = self.fields(items.get("title", ""), items, required_path=True)
            return {"widget": "list", "summary": _summary(fields), "fields": fields}
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": _options(items["enum"])}
        inner = self.widget(owner, name, items, True)
        # Open, so that each line is seen as it is; «Додати пункт» rather than the list's plural label.
        return {"widget": "list", "label_singular": "пункт", "collapsed": False,
                "field": {"name": "item", "label": "Пункт", **inner}}

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        if "$ref" in node:
            return self.defs[node["$ref"].rsplit("/", 1)[-1]]
        return node


def _without_null(node: Mapping[str, Any]) -> Mapping[str, Any]:
    """`X | None`: the X."""
    variants = node.get("anyOf")
    if variants:
        real = [v for v in variants if v.get("type") != "null"]
        if len(real) == 1:
            return real[0]
    return node


def _options(values: list[Any]) -> list[str | dict[str, str]]:
    return [_option(str(v), OPTION_LABELS.get(str(v), str(v))) for v in values]


def _option(value: str, label: str) -> str | dict[str, str]:
    return value if value == label else {"label": label, "value": value}


def _summary(fields: list[dict[str, Any]]) -> str:
    """What a collapsed list item shows: its first two plain fields."""
    plain = [f["name"] for f in fields if f.get("widget") not in ("object", "list", "hidden")][:2]
    return " · ".join("{{fields." + n + "}}" for n in plain)


def typed_lists(cfg: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every typed list of the config, once: its path in an entry's data (`*` for any list item) and, per kind,
    the fields that tell it (its required ones). hromada-cms.js marks items with their kind on reading."""
    found: dict[str, dict[str, Any]] = {}

    def walk(fields: list[dict[str, Any]], path: list[str]) -> None:
        for f in fields:
            here = [*path, f["name"]]
            if f.get("types"):
                kinds = [{"name": t["name"], "keys": [s["name"] for s in t["fields"] if s.get("required")]} for t in f["types"]]
                found.setdefault(".".join(here), {"path": here, "kinds": kinds})
            if f.get("fields"):
                walk(f["fields"], [*here, "*"] if f.get("widget") == "list" else here)

    for collection in cfg.get("collections", ()):
        walk(collection.get("fields", []), [])
        for entry in collection.get("files", ()):
            walk(entry.get("fields", []), [])
    return list(found.values())


def key_orders(cfg: Mapping[str, Any]) -> dict[str, list[str]]:
    """The order of the keys of every object the forms write (path in the data, `*` for a list item → keys):
    hromada-cms.js writes them in the model's order, as a person writes them, whatever order they were filled in."""
    orders: dict[str, list[str]] = {}

    def walk(fields: list[dict[str, Any]], path: list[str]) -> None:
        names = orders.setdefault(".".join(path), [])
        names += [f["name"] for f in fields if f["name"] not in names]
        for f in fields:
            here = [*path, f["name"]]
            inner = [*here, "*"] if f.get("widget") == "list" else here
            if f.get("fields"):
                walk(f["fields"], inner)
            for kind in f.get("types", ()):
                walk(kind["fields"], inner)

    for collection in cfg.get("collections", ()):
        walk(collection.get("fields", []), [])
        for entry in collection.get("files", ()):
            walk(entry.get("fields", []), [])
    return orders


def write_config(cfg: Mapping[str, Any], path: Path) -> None:
    path.write_text(dump(cfg), encoding="utf-8")


def dump(cfg: Mapping[str, Any]) -> str:
    head = "# Згенеровано `hromada cms` з моделі вмісту (content/model.py): не редагуйте вручну.\n"
    return head + yaml.safe_dump(dict(cfg), allow_unicode=True, sort_keys=False, width=1000)
