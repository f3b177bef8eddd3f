"""Reading real PDFs: text (pdftotext), fonts (pdffonts), outline and metadata (pypdf), QR (zbarimg)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from conftest import require_tool


def require(tool: str, package: str) -> None:
    require_tool(shutil.which(tool) is not None, tool, f"`make test` as root, or `sudo apt-get install -y {package}`")


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    require("pdftotext", "poppler-utils")
    args = ["pdftotext", "-layout"] + (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font of the PDF."""
    require("pdffonts", "poppler-utils")
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    emb = lines[0].index("emb")
    return [(line.split()[0], line[emb : emb + 3] == "yes") for line in lines[2:] if line.strip()]


def qr_codes(pdf: Path, page: int = 1) -> list[str]:
    require("pdftoppm", "poppler-utils")
    require("zbarimg", "zbar-tools")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), str(pdf), f"{tmp}/p"], check=True)
        image = next(Path(tmp).glob("p*.png"))
        result = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
        return result.stdout.split()


def outline_titles(reader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles
