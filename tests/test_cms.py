"""The web editor at /admin/ (Decap CMS): its config follows the content model, its page keeps to a policy
of its own, and an editor's journey through it, end to end in Chromium with the local backend (decap-server
on a git checkout of the small project): a new case through the form, `hromada check` passes and the
catalogue lists it; a session's minutes changed in the form move the training's agenda.

HROMADA_CMS_SCREENSHOTS=1 saves the journey's screenshots as docs/redaktoram/img/cms-*.png (the editors'
guide shows them); a normal run writes nothing into the repository."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, Field

from browser import chromium, serve_dir
from conftest import FIXTURES, REPO, copy_project, require_tool, run_hromada
from hromada.content import model as model_mod
from hromada.content.frontmatter import parse
from hromada.content.layout import Layout
from hromada.content.load import load_corpus
from hromada.content.vocab import FIELDS as VOCABULARY_FIELDS
from hromada.publish import cms
from hromada.publish.admin import BUNDLE, bundle_dir
from hromada.text.translit import slugify

SERVER = REPO / ".cache/cms-server/node_modules/decap-server/dist/index.js"
SHOTS = REPO / "docs/redaktoram/img"
CASE = "best_practices/toloka-v-yablunevii-dolyni.md"
SESSION = "curricula/probnyi-treninh/znaiomstvo.md"


def require_cms() -> None:
    present = shutil.which("node") is not None and SERVER.is_file() and bundle_dir(REPO) is not None
    require_tool(present, "node, decap-server or the Decap CMS bundle", "`make cms cms-server` (npm)")


# --- the config follows the model ------------------------------------------------------------------------------


def repo_config() -> dict[str, Any]:
    return cms.config(load_corpus(Layout(REPO)), cms.Backend(repo="owner/name"))


def collection(cfg: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in cfg["collections"] if c["name"] == name)


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (alone, optional or in a list), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def check_form(model: type[BaseModel], fields: list[dict[str, Any]], where: str, required_path: bool = True) -> int:
    """Every field of `model` (and of the models inside it) is in the form, with its label, hint and whether
    it is required; returns how many were checked."""
    form = by_name(fields)
    checked = 0
    for name, info in model.model_fields.items():
        key = info.alias or name
        assert key in form, f"{where}.{key} is not in the editor's form"
        f = form[key]
        assert info.title and f["label"] == info.title, f"{where}.{key}: label"
        assert info.description and f["hint"] == info.description, f"{where}.{key}: hint"
        assert f["required"] == (info.is_required() and required_path), f"{where}.{key}: required"
        checked += 1
        inner = inner_model(info.annotation)
        if inner is None or f["widget"] == "relation":
            continue
        if f["widget"] == "object":
            checked += check_form(inner, f["fields"], f"{where}.{key}", f["required"])
        elif "fields" in f:
            checked += check_form(inner, f["fields"], f"{where}.{key}[]")
    return checked


def test_every_field_of_every_content_type_is_in_the_editor_with_its_label_and_hint() -> None:
    cfg = repo_config()
    checked = check_form(model_mod.CaseStudy, collection(cfg, "cases")["fields"], "case")
    trainings = collection(cfg, "trainings")["files"]
    assert len(trainings) == 2 and all(f["file"].endswith("/index.md") for f in trainings)
    for entry in trainings:
        checked += check_form(model_mod.Training, entry["fields"], entry["file"])
    sessions = [f for c in cfg["collections"] if c["name"].startswith("sessions-") for f in c["files"]]
    assert len(sessions) == len(list((REPO / "curricula").glob("*/*.md"))) - 2
    for entry in sessions:
        checked += check_form(model_mod.Session, entry["fields"], entry["file"])
    guides = [c for c in cfg["collections"] if c["name"].startswith("guides")]
    assert {c["folder"] for c in guides} >= {"docs", "docs/instrumenty", "docs/redaktoram"}
    for c in guides:
        checked += check_form(model_mod.Guide, c["fields"], c["folder"])
    assert checked > 500
    for c in cfg["collections"]:  # and the page's text, in Markdown
        for fields in [c.get("fields")] + [f["fields"] for f in c.get("files", ())]:
            if fields:
                assert fields[-1]["name"] == "body" and fields[-1]["widget"] == "markdown"


def test_vocabularies_are_select_lists_and_required_fields_are_required() -> None:
    cfg = repo_config()
    vocab = load_corpus(Layout(REPO)).vocab
    case = by_name(collection(cfg, "cases")["fields"])
    location = by_name(case["location"]["fields"])
    values = {k: [o if isinstance(o, str) else o["value"] for o in f["options"]]
              for k, f in (("oblast", location["oblast"]), ("themes", case["themes"]), ("tools", case["tools"]),
                           ("public_spectrum", case["public_spectrum"]), ("settlement_type", location["settlement_type"]))}
    assert values == {"oblast": list(vocab.oblasts), "themes": list(vocab.themes), "tools": list(vocab.tools),
                      "public_spectrum": list(vocab.public_spectrum), "settlement_type": list(vocab.settlement_types)}
    assert case["themes"]["multiple"] and case["tools"]["multiple"] and "multiple" not in location["oblast"]
    assert {"label": vocab.tools["hromadski-slukhannia"], "value": "hromadski-slukhannia"} in case["tools"]["options"]
    source = by_name(by_name(case["funding"]["fields"])["sources"]["fields"])
    assert [o if isinstance(o, str) else o["value"] for o in source["type"]["options"]] == list(vocab.funding_types)
    assert len(VOCABULARY_FIELDS) == 7  # each of them is a select somewhere above or in a training's venue
    training = by_name(collection(cfg, "trainings")["files"][0]["fields"])
    assert by_name(training["venue"]["fields"])["oblast"]["widget"] == "select"
    # Required as the model says; inside an optional part (funding), only `hromada check` asks.
    assert case["title"]["required"] and case["themes"]["required"] and not case["tools"]["required"]
    assert by_name(case["period"]["fields"])["start"]["required"]
    assert not by_name(case["funding"]["fields"])["currency"]["required"] and "default" not in by_name(case["funding"]["fields"])["currency"]
    assert source["funder"]["required"] and not source["amount"]["required"]  # an item someone added
    assert case["licence"]["default"] == "CC BY 4.0"
    assert by_name(case["period"]["fields"])["start"]["widget"] == "datetime"
    assert case["body"]["default"].startswith("## Проблема")


def test_the_agenda_is_a_list_of_sessions_of_its_training_and_breaks() -> None:
    cfg = repo_config()
    for entry in collection(cfg, "trainings")["files"]:
        slug = entry["file"].split("/")[1]
        day = by_name(by_name(entry["fields"])["days"]["fields"])
        agenda = day["agenda"]
        assert agenda["widget"] == "list" and agenda["typeKey"] == cms.TYPE_KEY
        kinds = {t["name"]: by_name(t["fields"]) for t in agenda["types"]}
        assert set(kinds) == {"SessionRef", "Break"}
        session = kinds["SessionRef"]["session"]
        assert session["widget"] == "relation" and session["collection"] == f"sessions-{slug}"
        assert session["value_field"] == "{{filename}}"
        names = {f["name"] for f in collection(cfg, f"sessions-{slug}")["files"]}
        assert names == {p.stem for p in (REPO / "curricula" / slug).glob("*.md")} - {"index"}
        assert kinds["Break"]["minutes"]["widget"] == "number" and kinds["Break"]["break"]["required"]
        assert day["start"]["pattern"][0] == model_mod.TIME_PATTERN
    assert cms.typed_lists(cfg) == [{"path": ["days", "*", "agenda"], "kinds": [
        {"name": "SessionRef", "keys": ["session"]}, {"name": "Break", "keys": ["break", "minutes"]}]}]


def test_a_field_added_to_a_model_is_in_the_editor_with_no_hand_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    class Location(model_mod.Location):
        coordinates: str | None = Field(None, title="Координати", description="Широта й довгота.")

    class CaseStudy(model_mod.CaseStudy):
        location: Location = Field(title="Де", description="Де це відбувалося.")
        pilot: bool = Field(False, title="Пілотний проєкт", description="Перший такий у громаді.")
        partners_count: int = Field(title="Скільки партнерів", description="Цифрами.")

    monkeypatch.setattr(cms, "MODELS", MappingProxyType({**model_mod.MODELS, "case": CaseStudy}))
    cfg = cms.config(load_corpus(Layout(FIXTURES / "mini")), cms.Backend())
    case = by_name(collection(cfg, "cases")["fields"])
    assert case["pilot"] == {"name": "pilot", "label": "Пілотний проєкт", "hint": "Перший такий у громаді.",
                             "required": False, "widget": "boolean"}
    assert case["partners_count"]["widget"] == "number" and case["partners_count"]["required"]
    assert by_name(case["location"]["fields"])["coordinates"]["label"] == "Координати"
    assert check_form(CaseStudy, collection(cfg, "cases")["fields"], "case") > 20


def test_hromada_cms_writes_the_config(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)  # GitHub Actions names the repository itself
    out = tmp_path / "admin/config.yml"
    result = run_hromada(mini, "cms", "--out", str(out), "--local")
    assert result.returncode == 0, result.stderr
    assert "repo_url" in result.stderr  # the fixture names no repository: said, in Ukrainian
    cfg = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert cfg["locale"] == "uk" and cfg["local_backend"] == {"url": cms.LOCAL_DEFAULT}
    assert [c["name"] for c in cfg["collections"]][:3] == ["cases", "trainings", "sessions-probnyi-treninh"]
    printed = run_hromada(mini, "cms")
    assert printed.returncode == 0 and yaml.safe_load(printed.stdout)["backend"]["name"] == "github"
    assert "local_backend" not in yaml.safe_load(printed.stdout)


def test_backend_settings_come_from_mkdocs_yml_and_github_actions() -> None:
    raw = {"repo_url": "https://github.com/stepngo/hromada", "site_url": "https://stepngo.github.io/hromada/",
           "extra": {"cms": {"base_url": "https://auth.example.org", "branch": "main"}}}
    backend = cms.Backend.of(raw, environ={})
    assert (backend.repo, backend.base_url, backend.local) == ("stepngo/hromada", "https://auth.example.org", "")
    assert cms.Backend.of({}, environ={"GITHUB_REPOSITORY": "org/site"}).repo == "org/site"
    assert cms.Backend.of({}, environ={cms.LOCAL_ENV: "1"}).local == cms.LOCAL_DEFAULT


# --- builds: /admin/ only with its bundle, a policy of its own, not linked, not offline ---------------------------


def build(root: Path, site: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hromada.cli", "--root", str(root), "build", "--no-pdf",
                           "--site-dir", str(site), *extra], capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})


def test_without_the_bundle_the_site_is_built_without_admin_and_says_so(mini: Path, tmp_path: Path) -> None:
    result = build(mini, tmp_path / "site", "--no-offline", env={"HROMADA_CMS_DIR": str(tmp_path / "none")})
    assert result.returncode == 0, result.stderr
    assert "Веб-редактор /admin/ не зібрано" in result.stderr and "make cms" in result.stderr
    assert not (tmp_path / "site/admin").exists() and (tmp_path / "site/index.html").is_file()


def test_the_admin_page_has_its_own_policy_and_no_reader_page_links_it(mini: Path, tmp_path: Path) -> None:
    require_cms()
    site = tmp_path / "site"
    result = build(mini, site, env={"HROMADA_CMS_DIR": str(REPO / BUNDLE), "HROMADA_CMS_LOCAL": "", "GITHUB_REPOSITORY": ""})
    assert result.returncode == 0, result.stderr
    admin = (site / "admin/index.html").read_text(encoding="utf-8")
    policy = dict(d.strip().split(" ", 1) for d in re.search(r'Content-Security-Policy" content="([^"]+)"', admin).group(1).split(";"))
    assert policy["script-src"] == "'self' 'unsafe-eval'"  # ajv compiles Decap's config schema; still no inline script
    assert "https://api.github.com" in policy["connect-src"] and "localhost" not in policy["connect-src"]
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
    assert admin.count("Content-Security-Policy") == 1 and not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", admin)
    assert all((site / "admin" / name).is_file() for name in ("decap-cms.js", "js-yaml.min.js", "hromada-cms.js", "config.yml"))
    assert not list((site / "admin").glob("*.map"))
    readers = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "admin"]
    assert readers and not [p for p in readers if re.search(r'href="[^"]*admin/', p.read_text(encoding="utf-8"))]
    with zipfile.ZipFile(site / "offline/hromada-site.zip") as pack:  # file:// has no GitHub to save to
        assert not [n for n in pack.namelist() if "/admin/" in n]
    styles = json.loads(re.search(r'data-preview-styles="([^"]+)"', admin).group(1).replace("&quot;", '"'))
    assert any(s.startswith("../assets/stylesheets/main.") for s in styles) and "../assets/hromada/site.css" in styles


# --- in the browser -----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The small project as a git repository: decap-server's git mode commits there, as GitHub would."""
    root = copy_project(FIXTURES / "mini", tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Веб-редактор (тест)")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Проєкт")
    return root


class Backend:
    """decap-server on a free port over `root`; its log is shown when something fails."""

    def __init__(self, root: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/api/v1"
        self.log = log
        env = {**os.environ, "PORT": str(self.port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(root),
               "MODE": "git", "LOG_LEVEL": "info"}
        self.out = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(["node", str(SERVER)], env=env, stdout=self.out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=root)

    def wait(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                request = urllib.request.Request(self.url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"decap-server did not start:\n{self.log.read_text(encoding='utf-8')[-2000:]}")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.out.close()


@pytest.fixture
def backend(checkout: Path, tmp_path: Path) -> Iterator[Backend]:
    require_cms()
    server = Backend(checkout, tmp_path / "decap-server.log")
    try:
        server.wait()
        yield server
    finally:
        server.close()


class Editor:
    """The editor's hands: what a person clicks and types in Decap's forms, and the screenshots of it."""

    def __init__(self, page) -> None:
        self.page = page
        self.keep = os.environ.get("HROMADA_CMS_SCREENSHOTS") == "1"
        if self.keep:
            SHOTS.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str) -> None:
        if not self.keep:
            return
        from PIL import Image

        self.page.wait_for_timeout(400)  # toasts and menus finish their animation
        target = SHOTS / f"cms-{name}.png"
        self.page.screenshot(path=str(target))
        with Image.open(target) as image:  # 256 colours: a third of the bytes, the same to the eye for a form
            small = image.convert("RGB").quantize(colors=256)
        small.save(target, optimize=True)

    def field(self, name: str):
        return self.page.locator(f"[id^='{name}-field-']").first

    def choose(self, name: str, text: str) -> None:
        """A select list: type a few letters, take the first match."""
        self.field(name).click()
        self.page.keyboard.type(text)
        self.page.locator("[class*='-option']").first.wait_for()
        self.page.keyboard.press("Enter")

    def add_line(self, name: str, text: str) -> None:
        box = self.field(name)
        box.get_by_role("button", name="Додати пункт").click()
        box.locator("input").last.fill(text)

    def select_in_text(self, needle: str, start: int, end: int) -> None:
        """Put the cursor on part of a line of the Markdown text (the raw editor is contenteditable)."""
        found = self.page.evaluate("""([needle, start, end]) => {
          const root = document.querySelector('[data-slate-editor="true"]');
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const i = node.textContent.indexOf(needle);
            if (i < 0) continue;
            root.focus();
            const range = document.createRange();
            range.setStart(node, i + start); range.setEnd(node, i + end);
            const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
            return true;
          }
          return false;
        }""", [needle, start, end])
        assert found, needle

    def save(self, shot: str | None = None) -> None:
        """Save: on GitHub a branch and a pull request, here a branch of the checkout; the entry is «В роботі»."""
        self.page.get_by_role("button", name="Зберегти").click()
        status = self.page.get_by_role("button", name=re.compile("тан: В роботі"))  # Decap's «Cтан» has a Latin C
        status.wait_for(timeout=20000)
        if shot:
            self.shot(shot)

    def ready(self, shot: str | None = None) -> None:
        self.page.get_by_role("button", name=re.compile("тан: В роботі")).click()
        if shot:
            self.shot(shot)
        self.page.get_by_role("menuitem", name="Готово").click()
        self.page.get_by_role("button", name=re.compile("тан: Готово")).wait_for(timeout=20000)

    def publish(self) -> None:
        """What a coordinator does after reading it: the branch is merged (on GitHub, the pull request)."""
        self.page.get_by_role("button", name="Опублікувати", exact=True).click()
        self.page.get_by_role("menuitem", name="Опублікувати", exact=True).click()  # and «так» to the question


def wait_for_file(path: Path, needle: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and needle in (text := path.read_text(encoding="utf-8")):
            return text
        time.sleep(0.2)
    raise AssertionError(f"{path} has no «{needle}»")


def agenda_times(site: Path) -> list[str]:
    html = (site / "curricula/probnyi-treninh/index.html").read_text(encoding="utf-8")
    return re.findall(r"\b\d\d:\d\d\b", html.split('id="rozklad"', 1)[-1])


def test_an_editor_creates_a_case_and_changes_a_session_in_the_web_editor(checkout: Path, backend: Backend,
                                                                         tmp_path: Path) -> None:
    env = {"HROMADA_CMS_DIR": str(REPO / BUNDLE), "HROMADA_CMS_LOCAL": backend.url}
    first = tmp_path / "site-1"
    result = build(checkout, first, "--no-offline", env=env)
    assert result.returncode == 0, result.stderr
    assert git(checkout, "status", "--short") == ""  # a build writes nothing into the checkout
    before = agenda_times(first)
    assert "10:30" in before and "10:40" not in before
    violations: list[str] = []
    with serve_dir(first) as origin, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="uk-UA")
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("dialog", lambda d: d.accept())  # «Ви дійсно бажаєте опублікувати запис?»
        hands = Editor(page)
        page.goto(f"{origin}/admin/")
        login = page.get_by_role("button", name="Увійти")
        login.wait_for(timeout=30000)
        assert page.evaluate("typeof window.hromadaCms.slugify") == "function"
        hands.shot("vkhid")
        login.click()
        page.get_by_text("Колекції", exact=True).wait_for()
        hands.shot("kolektsii")

        # A new case, through the form.
        page.locator("a[href$='/collections/cases/new']").click()
        page.get_by_label("Назва", exact=True).fill("Толока в Яблуневій Долині")
        page.get_by_label("Коротко", exact=True).fill("Ініціативна група вулиці Садової разом із сільською радою "
                                                      "впорядкувала занедбаний сквер; прийшли 86 жителів.")
        hands.choose("status", "навчальний")
        page.get_by_label("Населений пункт", exact=True).fill("село Яблунева Долина")
        page.get_by_label("Громада", exact=True).fill("Яблуневодолинська сільська територіальна громада")
        hands.shot("keis-pochatok")
        # The preview pane is the page in the site's own styles: Material's and ours, as the site loads them.
        styles = page.evaluate("""() => [...document.querySelector('iframe').contentDocument
                                          .querySelectorAll('link[rel=stylesheet]')].map(l => l.href)""")
        assert any("/assets/stylesheets/main." in h for h in styles) and any(h.endswith("/assets/hromada/site.css") for h in styles)
        assert page.evaluate("""() => document.querySelector('iframe').contentDocument
                                .querySelector('article.md-typeset h1').textContent""") == "Толока в Яблуневій Долині"
        hands.choose("oblast", "Полтав")
        hands.choose("settlement_type", "село")
        page.get_by_label("Початок", exact=True).fill("2021-03-01")
        page.get_by_label("Кінець (необов’язково)", exact=True).fill("2021-10-31")
        hands.choose("themes", "благоустрій")
        hands.choose("themes", "розвиток спільнот")
        hands.field("tools").click()
        page.keyboard.type("слухання")
        page.locator("[class*='-option']").first.wait_for()
        hands.shot("keis-instrument")
        page.keyboard.press("Enter")
        hands.choose("public_spectrum", "залучення")
        hands.add_line("organizers", "Ініціативна група «Сад»")
        hands.field("tools").scroll_into_view_if_needed()
        hands.shot("keis-slovnyky")
        hands.select_in_text("## Проблема", 11, 11)
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")
        page.keyboard.type("Сквер у центрі села роками стояв занедбаний.")
        hands.save(shot="keis-zberezheno")
        hands.ready(shot="keis-stan")
        page.locator("a[href$='/collections/cases']").first.click()
        page.get_by_role("link", name="Робочий процес").click()
        card = page.get_by_text("Толока в Яблуневій Долині").first
        card.wait_for()
        hands.shot("robochyi-protses")
        card.click()
        hands.publish()

        text = wait_for_file(checkout / CASE, "Сквер у центрі села")
        fm, problems = parse(text, CASE)
        assert problems == [] and fm.data["location"]["oblast"] == "Полтавська"
        assert fm.data["themes"] == ["благоустрій", "розвиток спільнот"] and fm.data["tools"] == ["hromadski-slukhannia"]
        assert fm.data["period"] == {"start": dt.date(2021, 3, 1), "end": dt.date(2021, 10, 31)}
        assert list(fm.data)[:4] == ["title", "summary", "status", "location"]
        assert cms.FILE_KEY not in text and cms.TYPE_KEY not in text
        checked = run_hromada(checkout, "check")
        assert checked.returncode == 0 and "Помилок: 0" in checked.stderr, checked.stderr
        second = tmp_path / "site-2"
        result = build(checkout, second, "--no-offline", env=env)
        assert result.returncode == 0, result.stderr
        catalogue = (second / "best_practices/index.html").read_text(encoding="utf-8")
        assert "Толока в Яблуневій Долині" in catalogue and 'href="toloka-v-yablunevii-dolyni/"' in catalogue

        # A session's minutes, and the step that gets them, in the form.
        page.goto(f"{origin}/admin/#/collections/sessions-probnyi-treninh")
        page.reload()  # a fresh editor, as the next visit is
        page.get_by_text("Знайомство", exact=True).click()
        minutes = page.get_by_label("Тривалість, хв (необов’язково)", exact=True)
        minutes.wait_for()
        assert minutes.input_value() == "60"
        minutes.fill("70")
        hands.select_in_text("Очікування (20 хв)", 12, 14)
        page.keyboard.type("30")
        minutes.scroll_into_view_if_needed()
        hands.shot("zaniattia")
        hands.save()
        hands.ready()
        hands.publish()
        text = wait_for_file(checkout / SESSION, "minutes: 70")
        assert "### Крок 2. Очікування (30 хв)" in text and '!!! trainer "Нотатка для тренера"\n    Стежте за часом.' in text
    assert violations == []
    log = git(checkout, "log", "--format=%s")
    assert "Веб-редактор: новий запис «toloka-v-yablunevii-dolyni»" in log and f"Веб-редактор: зміни в {SESSION}" in log
    third = tmp_path / "site-3"
    result = build(checkout, third, "--no-offline", env=env)
    assert result.returncode == 0, result.stderr
    after = agenda_times(third)
    assert "10:40" in after and "11:00" in after and after != before  # the break and the next session moved by 10 min


def test_the_editors_front_matter_reader_and_writer_keep_every_file(tmp_path: Path) -> None:
    """Every file of the repository read and written back by hromada-cms.js (js-yaml) says the same to
    hromada; and a new file's name is what hromada.text.translit.slugify makes of its title."""
    require_cms()
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    for name in ("js-yaml.min.js",):
        shutil.copyfile(bundle_dir(REPO) / "js-yaml/package/dist" / name, site / "admin" / name)
    shutil.copyfile(REPO / "scripts/hromada/assets/admin/hromada-cms.js", site / "admin/hromada-cms.js")
    typed = json.dumps(cms.typed_lists(repo_config()), ensure_ascii=False).replace('"', "&quot;")
    (site / "admin/index.html").write_text(
        '<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<script src="js-yaml.min.js"></script>'
        f'<script src="hromada-cms.js" data-typed-lists="{typed}"></script></body></html>', encoding="utf-8")
    corpus = load_corpus(Layout(REPO))
    files = {rel: (REPO / rel).read_text(encoding="utf-8") for rel in sorted(corpus.documents)}
    titles = sorted({d.title for d in corpus.documents.values()} | {"Єнакієве і Згорани", "Об'єднання співвласників",
                                                                   "Юрій Щедрий", "ЩЕДРИК", "Ї та й"})
    with serve_dir(site) as origin, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{origin}/admin/")
        written = page.evaluate("""(files) => {
          const out = {};
          for (const [rel, text] of Object.entries(files)) {
            const data = window.hromadaCms.fromFile(text);
            out[rel] = window.hromadaCms.toFile(data, Object.keys(data));
          }
          return out;
        }""", files)
        slugs = page.evaluate("(titles) => titles.map(t => window.hromadaCms.slugify(t))", titles)
    assert len(written) > 100
    for rel, text in files.items():
        before, _ = parse(text, rel)
        after, problems = parse(written[rel], rel)
        assert problems == [], rel
        assert after.data == before.data, rel
        assert after.body.strip() == before.body.strip(), rel
        assert cms.TYPE_KEY not in written[rel]
    training = written["curricula/mystetstvo-vzaiemodii/index.md"]
    assert re.search(r'^    start: "09:\d\d"$', training, re.M)  # times in quotes, as the guide asks
    assert slugs == [slugify(t) for t in titles]
