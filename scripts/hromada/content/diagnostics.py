"""Diagnostics: one reported content problem, and how it is printed."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str  # relative to the project root, with forward slashes
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format_text(self) -> str:
        head = (f"{printable(self.path)}:{self.line}:{self.col}: {self.severity.value}[{self.code}]: "
                f"{printable(self.message)}")
        return head + (f"\n  підказка: {printable(self.hint, keep_newlines=True)}" if self.hint else "")

    def format_github(self) -> str:
        # GitHub workflow command: shown as an annotation on the changed line.
        text = printable(self.message) + (f" Підказка: {printable(self.hint, keep_newlines=True)}" if self.hint else "")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = printable(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{self.severity.value} file={path},line={self.line},col={self.col},title={self.code}::{text}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """Text quoted from content, safe to print in a terminal: control characters (ESC, CR …) and
    invisible direction marks are shown as escapes instead of acting on the screen."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") and ch != "\u00ad":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def error(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, col, code, message, hint, Severity.ERROR)


def warning(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, col, code, message, hint, Severity.WARNING)


def format_all(diagnostics: list[Diagnostic], fmt: str = "text") -> str:
    render = Diagnostic.format_github if fmt == "github" else Diagnostic.format_text
    return "\n".join(render(d) for d in sorted(diagnostics))


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"Помилок: {errors}, попереджень: {warnings}."


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
