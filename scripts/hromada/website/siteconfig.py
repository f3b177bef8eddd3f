"""What the core needs from mkdocs.yml (site name and URL, Markdown extensions), read without MkDocs."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hromada.content.layout import Urls


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's: read four times a build, 4 ms each in Python
    """mkdocs.yml may name Python objects (`!!python/name:…`) and environment values (`!ENV`)."""


def _python_name(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _env(loader: _Loader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *keys, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[k] for k in keys if k in os.environ), default)


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_constructor("!ENV", _env)


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (Python names imported, `!ENV` values resolved)."""
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader) or {}


@dataclass
class SiteConfig:
    site_name: str = ""
    site_url: str = ""
    author: str = ""
    extensions: list[str] = field(default_factory=list)
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    directory_urls: bool = True

    @property
    def urls(self) -> Urls:
        return Urls(self.directory_urls, self.site_url)

    @classmethod
    def load(cls, root: Path) -> SiteConfig:
        raw = read_mkdocs_yml(root)
        exts, configs = [], {}
        for item in raw.get("markdown_extensions") or []:
            if isinstance(item, dict):
                for name, options in item.items():
                    exts.append(name)
                    configs[name] = options or {}
            else:
                exts.append(item)
        if "abbr" in exts:
            add_abbreviations(configs, root)
        return cls(raw.get("site_name", ""), site_url(root, raw.get("site_url")),
                   raw.get("site_author", ""), exts, configs, raw.get("use_directory_urls", True) is not False)


def github_remote(root: Path) -> str | None:
    """'owner/repo' of the clone's GitHub origin, if it has one."""
    try:
        url = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True,
                             text=True, timeout=5, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.match(r"^(?:https://github\.com/|git@github\.com:)([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", url)
    return f"{m.group(1)}/{m.group(2)}" if m else None


def last_commit_epoch(root: Path) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                             timeout=5, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if out.isdigit() else None


def github_pages_url(root: Path) -> str | None:
    """Where GitHub Pages publishes this repository: the site's address when none is configured."""
    remote = github_remote(root)
    if remote is None:
        return None
    owner, repo = remote.split("/")
    if repo.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/"
    return f"https://{owner.lower()}.github.io/{repo}/"


ABBREVIATIONS = "includes/abbreviations.md"
_ABBR = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$")


def load_abbreviations(root: Path) -> dict[str, str]:
    """`*[ГО]: Громадська організація` lines of includes/abbreviations.md."""
    path = root / ABBREVIATIONS
    if not path.is_file():
        return {}
    found = (_ABBR.match(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {m.group(1): m.group(2) for m in found if m}


def add_abbreviations(configs: dict[str, Any], root: Path) -> None:
    """Give the `abbr` extension the site's abbreviations as its glossary: one combined pattern for
    all pages, instead of appending the definitions to every page (which Python-Markdown then
    parses again on each page, ~12 ms a page for 64 of them)."""
    glossary = load_abbreviations(root)
    if glossary:
        options = configs.setdefault("abbr", {})
        options["glossary"] = {**glossary, **(options.get("glossary") or {})}


def edit_base(root: Path, configured: str | None = None) -> str | None:
    """Where «Редагувати» links go: mkdocs.yml's edit_url, or GitHub's editor for the clone's
    origin, so that no repository address is hard-coded."""
    if configured:
        return configured
    remote = github_remote(root)
    return f"https://github.com/{remote}/edit/main/" if remote else None


def site_url(root: Path, configured: str | None) -> str:
    """The published address ending in «/»: mkdocs.yml's site_url, else GitHub Pages' from git."""
    url = configured or github_pages_url(root) or ""
    return url if not url or url.endswith("/") else url + "/"


def plugin_options(raw: dict[str, Any]) -> dict[str, Any]:
    """The options of the hromada plugin in a read mkdocs.yml (whichever engine reads them)."""
    for entry in raw.get("plugins") or []:
        if isinstance(entry, dict) and "hromada" in entry:
            return dict(entry["hromada"] or {})
    return {}
