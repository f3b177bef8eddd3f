"""How big and how fast a book assembled from part PDFs would be: the measurement behind the plan for
assembled books (issue 16), not the package's code.

    python bench/book_merge.py [--site site] [--training mystetstvo-vzaiemodii] [--out /tmp/merged.pdf]

Merges a training's session PDFs (built by `make site`) with pypdf, then gives each font face one
subset for the whole book: WeasyPrint subsets with HarfBuzz keeping glyph ids (RETAIN_GIDS), so the
parts' subsets of a face can be replaced by one subset of the union of their glyphs, with their
widths and ToUnicode maps merged. Prints the sizes (parts, merged, the facilitator guide as WeasyPrint
writes it) and the time of each step. What it does not do yet, and a real assembly must: the tagged
structure (pypdf drops /StructTreeRoot), «Сторінка N з M» over the whole book, links between parts.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import re
import time
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject, NumberObject

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "scripts/hromada/assets/fonts"
SOURCES = {"Hromada-Sans": FONTS / "NotoSans_400Regular.ttf", "Hromada-Sans-Bold": FONTS / "NotoSans_700Bold.ttf",
           "Hromada-Sans-Italic": FONTS / "NotoSans_400Regular_Italic.ttf",
           "Hromada-Sans-BoldItalic": FONTS / "NotoSans_700Bold_Italic.ttf",
           "DejaVu-Sans": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")}  # the fallback for a few symbols
BOOKS = ("posibnyk-trenera.pdf", "robochyi-zoshyt.pdf", "rozdatkovi-materialy.pdf")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_CMAP_HEAD = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<< /Registry (Adobe)\n"
              b"/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
              b"1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n")
_CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"


def widths(w: list) -> dict[int, object]:
    """A CID font's /W array as glyph id → width (both of its forms: `c [w…]` and `c1 c2 w`)."""
    out: dict[int, object] = {}
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], list):
            out.update((first + k, v) for k, v in enumerate(w[i + 1]))
            i += 2
        else:
            out.update((g, w[i + 2]) for g in range(first, int(w[i + 1]) + 1))
            i += 3
    return out


def union_subset(face: str, gids: set[int]) -> bytes:
    font = TTFont(SOURCES[face])
    options = subset.Options()
    options.retain_gids, options.notdef_outline, options.hinting = True, True, False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(gids | {0}))
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()


def stream(writer: PdfWriter, data: bytes, **entries: int):
    obj = DecodedStreamObject()
    obj.set_data(data)
    obj = obj.flate_encode()
    for key, value in entries.items():
        obj[NameObject(f"/{key}")] = NumberObject(value)
    return writer._add_object(obj)


def one_font_per_face(writer: PdfWriter) -> None:
    faces: dict[str, dict[int, object]] = {}
    for page in writer.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            faces.setdefault(str(font["/BaseFont"]).split("+", 1)[1], {})[id(font)] = font
    for face, fonts in faces.items():
        w: dict[int, object] = {}
        unicode: dict[int, bytes] = {}
        for font in fonts.values():
            w.update(widths(list(font["/DescendantFonts"][0].get_object()["/W"])))
            cmap = font["/ToUnicode"].get_object().get_data().split(b"beginbfchar", 1)[-1]
            unicode.update((int(cid, 16), uni) for cid, uni in _BFCHAR.findall(cmap))
        data = union_subset(face, set(w))
        file_ref = stream(writer, data, Length1=len(data))
        rows = sorted(unicode.items())
        cmap = _CMAP_HEAD + b"".join(
            b"%d beginbfchar\n" % len(rows[i:i + 100]) + b"".join(b"<%04x> <%s>\n" % r for r in rows[i:i + 100]) + b"endbfchar\n"
            for i in range(0, len(rows), 100)) + _CMAP_TAIL
        unicode_ref = stream(writer, cmap)
        w_ref = writer._add_object(ArrayObject(x for g in sorted(w) for x in (NumberObject(g), ArrayObject([w[g]]))))
        name = NameObject(f"/HRMDAA+{face}")
        for font in fonts.values():
            cid = font["/DescendantFonts"][0].get_object()
            descriptor = cid["/FontDescriptor"].get_object()
            descriptor[NameObject("/FontFile2")], cid[NameObject("/W")] = file_ref, w_ref
            font[NameObject("/ToUnicode")] = unicode_ref
            font[NameObject("/BaseFont")] = cid[NameObject("/BaseFont")] = descriptor[NameObject("/FontName")] = name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--training", default="mystetstvo-vzaiemodii")
    parser.add_argument("--out", type=Path, default=Path("/tmp/hromada-merged-book.pdf"))
    args = parser.parse_args()
    folder = args.site / "pdf/curricula" / args.training
    parts = sorted(p for p in folder.glob("*.pdf") if p.name not in BOOKS)
    start = time.perf_counter()
    writer = PdfWriter()
    for part in parts:
        writer.append(part)
    appended = time.perf_counter()
    one_font_per_face(writer)
    fonts = time.perf_counter()
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    writer.write(args.out)
    written = time.perf_counter()
    kb = 1024
    print(f"{len(parts)} session PDFs of {args.training}, {len(writer.pages)} pages")
    print(f"{'':<34} {'KB':>6} {'s':>6}")
    print(f"{'the parts, as they are':<34} {sum(p.stat().st_size for p in parts) / kb:>6.0f}")
    print(f"{'merged, one subset per face':<34} {args.out.stat().st_size / kb:>6.0f} {written - start:>6.2f}")
    print(f"{'  of it: append / fonts / write':<34} {'':>6} {appended - start:.2f} / {fonts - appended:.2f} / {written - fonts:.2f}")
    guide = folder / BOOKS[0]
    if guide.is_file():
        print(f"{'facilitator guide (WeasyPrint)':<34} {guide.stat().st_size / kb:>6.0f}")


if __name__ == "__main__":
    main()
