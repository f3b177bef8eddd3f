"""A book from PDFs rendered part by part: pages in order, one bookmark tree, links between parts,
one tagged structure, one subset per font face, «Сторінка N з M» over the whole book.

Each part is laid out alone (and cached alone), so an edit to one session lays out that session,
not the whole facilitator guide. A part is rendered without page numbers; a stamp (a WeasyPrint
file of M pages holding only them) is drawn over the pages here, marked as an artifact. Links to
another part are rendered as `BOOK_LINK + anchor` (WeasyPrint drops a link to an anchor it has not
laid out) and become links to the page and spot of that anchor; a link whose anchor no part has is
dropped, as WeasyPrint drops it in a book laid out whole. A part's bookmarks go at the top of the
book's tree: a part opens with a level-1 bookmark (its chapter), as it would nest laid out whole.

pikepdf (qpdf): copying pages and then the structure tree from the same file keeps the tree's page
references pointing at the copied pages, only reachable objects are written (the parts' font
subsets replaced here vanish), and object streams keep the ~10 000 structure elements of a guide
small (150 KB instead of 1.3 MB written one by one)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

from hromada.handouts import fontsubset

BOOK_LINK = "https://hromada.invalid/book#"  # .invalid never resolves: nothing leaves a book unassembled
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_CMAP_HEAD = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<< /Registry (Adobe)\n"
              b"/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
              b"1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n")
_CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
_STAMP = Name("/HromadaPageNumber")


def assemble(parts: Sequence[Path], target: Path, font_files: Mapping[str, Path],
             stamp: Callable[[int], Path] | None = None) -> None:
    """Write the book of `parts` to `target`. `font_files`: the file of each embedded face by its
    PDF name (e.g. "Hromada-Sans-Bold"); a face not named there keeps one subset per part.
    `stamp(pages)`: the PDF of the page numbers of a book of that many pages."""
    book = Pdf.new()
    sources = [Pdf.open(path) for path in parts]
    try:
        merged = _Merge(book)
        for source in sources:
            merged.add(source)
        merged.finish()
        if stamp is not None:
            with Pdf.open(stamp(len(book.pages))) as numbers:
                _stamp(book, numbers)
        _one_subset_per_face(book, font_files)
        book.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                  deterministic_id=True)
    finally:
        for source in sources:
            source.close()
        book.close()


class _Merge:
    """The book as its parts are added: where each anchor landed, the links to point at them, the
    structure elements and parent-tree keys renumbered past the earlier parts'."""

    def __init__(self, book: Pdf) -> None:
        self.book = book
        self.anchors: dict[str, Array] = {}
        self.links: list[tuple[Dictionary, str]] = []
        self.outline: list[Dictionary] = []  # top-level bookmarks of all parts, in order
        self.kids: list = []  # the children of each part's Document element
        self.nums: list = []  # the merged parent tree
        self.offset = 0
        self.structure: Dictionary | None = None  # the first part's, kept for the book
        self.document: Dictionary | None = None

    def add(self, source: Pdf) -> None:
        book, offset = self.book, self.offset
        if len(book.pages) == 0:
            self._catalog(source)
        first = len(book.pages)
        book.pages.extend(source.pages)
        pages = {page.obj.objgen: book.pages[first + i].obj for i, page in enumerate(source.pages)}
        for page in book.pages[first:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", ()):
                self._annotation(annot, offset)
        for name, dest in _leaves(source.Root.get("/Names", Dictionary()).get("/Dests"), "/Names"):
            name = str(name)
            if isinstance(dest, Dictionary):
                dest = dest.get("/D")
            if isinstance(dest, Array) and len(dest) and dest[0].objgen in pages:
                self.anchors[name] = Array([pages[dest[0].objgen], *list(dest)[1:]])
        outlines = source.Root.get("/Outlines")
        if outlines is not None:
            self.outline += self._bookmarks(outlines.get("/First"), pages)
        self._structure(source, offset)

    def _catalog(self, source: Pdf) -> None:
        for key in ("/Lang", "/MarkInfo", "/ViewerPreferences"):
            if key in source.Root:
                value = source.Root[key]
                self.book.Root[key] = self.book.copy_foreign(value if value.is_indirect else source.make_indirect(value))
        info = source.trailer.get("/Info")
        if info is not None:
            self.book.trailer.Info = self.book.make_indirect(Dictionary(
                {key: String(str(value)) for key, value in info.items() if key != "/Producer"}))

    def _annotation(self, annot: Dictionary, offset: int) -> None:
        if "/StructParent" in annot:
            annot.StructParent = int(annot.StructParent) + offset
        if annot.get("/Subtype") != Name.Link:
            return
        dest = annot.get("/Dest")
        if isinstance(dest, String):
            self.links.append((annot, str(dest)))
        action = annot.get("/A")
        uri = str(action.get("/URI", "")) if action is not None else ""
        if uri.startswith(BOOK_LINK):
            self.links.append((annot, uri[len(BOOK_LINK):]))

    def _bookmarks(self, item, pages: dict) -> list[Dictionary]:
        out = []
        while item is not None:
            dest = item.get("/Dest")
            if isinstance(dest, Array) and len(dest) and dest[0].objgen in pages:
                new = self.book.make_indirect(Dictionary(Title=String(str(item.Title)),
                                                         Dest=Array([pages[dest[0].objgen], *list(dest)[1:]])))
                new[Name("/Hromada-kids")] = Array(self._bookmarks(item.get("/First"), pages))
                out.append(new)
            item = item.get("/Next")
        return out

    def _structure(self, source: Pdf, offset: int) -> None:
        root = source.Root.get("/StructTreeRoot")
        if root is None:
            return
        copied = self.book.copy_foreign(root)  # after the pages: its page references are the book's
        top = copied.K
        document = top[0] if isinstance(top, Array) else top
        if self.structure is None:
            self.structure, self.document = copied, document
        kids = document.get("/K", Array())
        kids = list(kids) if isinstance(kids, Array) else [kids]
        for kid in kids:
            if isinstance(kid, Dictionary):
                kid.P = self.document
        self.kids += kids
        highest = -1
        for key, value in _leaves(copied.get("/ParentTree"), "/Nums"):
            key = int(key)
            self.nums += [key + offset, value]
            highest = max(highest, key + offset)
        self.offset = max(offset, highest + 1)

    def finish(self) -> None:
        dropped = set()
        for annot, name in self.links:
            for key in ("/A", "/Contents"):
                if key in annot:
                    del annot[key]
            if name in self.anchors:
                annot.Dest = self.anchors[name]
            else:
                dropped.add(annot.objgen)
        if dropped:
            for page in self.book.pages:
                if "/Annots" in page.obj:
                    page.obj.Annots = Array(a for a in page.obj.Annots if a.objgen not in dropped)
        if self.structure is not None:
            self.document.K = Array(self.kids)
            self.structure.ParentTree = self.book.make_indirect(Dictionary(Nums=Array(self.nums)))
            self.structure.ParentTreeNextKey = self.offset
            self.book.Root.StructTreeRoot = self.structure
        names = Array()
        for name in sorted(self.anchors):
            names.extend([String(name), self.anchors[name]])
        self.book.Root.Names = Dictionary(Dests=self.book.make_indirect(Dictionary(Names=names)))
        if self.outline:
            root = self.book.make_indirect(Dictionary(Type=Name.Outlines))
            root.Count = _link_bookmarks(root, self.outline)
            self.book.Root.Outlines = root
            self.book.Root.PageMode = Name.UseOutlines


def _link_bookmarks(parent: Dictionary, items: list[Dictionary]) -> int:
    """Chain bookmarks under `parent` (First/Last/Prev/Next/Parent), open; the count of all below."""
    count = 0
    for i, item in enumerate(items):
        kids = list(item.get("/Hromada-kids", ()))
        del item[Name("/Hromada-kids")]
        item.Parent = parent
        if i:
            item.Prev = items[i - 1]
        if i + 1 < len(items):
            item.Next = items[i + 1]
        below = _link_bookmarks(item, kids) if kids else 0
        if kids:
            item.Count = below
        count += 1 + below
    if items:
        parent.First, parent.Last = items[0], items[-1]
    return count


def _leaves(node, key: str) -> Iterator[tuple[object, object]]:
    """(key, value) of a name tree (`key` "/Names") or a number tree ("/Nums"), its kids included."""
    if node is None:
        return
    pairs = node.get(key, ())
    for i in range(0, len(pairs) - 1, 2):
        yield pairs[i], pairs[i + 1]
    for kid in node.get("/Kids", ()):
        yield from _leaves(kid, key)


def _stamp(book: Pdf, numbers: Pdf) -> None:
    """Draw page i of `numbers` over page i of the book, as an artifact (page numbers are not content)."""
    if len(numbers.pages) != len(book.pages):
        raise ValueError(f"штамп має {len(numbers.pages)} сторінок, книжка — {len(book.pages)}")
    before = book.make_stream(b"q\n")
    for page, over in zip(book.pages, numbers.pages, strict=True):
        form = book.copy_foreign(over.as_form_xobject())
        # A page's own resource and form dictionaries: a part's pages may share theirs (its QR code).
        resources = page.obj.Resources = Dictionary({key: value for key, value in page.obj.Resources.items()})
        forms = {key: value for key, value in resources.get("/XObject", Dictionary()).items()}
        resources.XObject = Dictionary({**forms, str(_STAMP): form})
        page.contents_add(before, prepend=True)
        page.contents_add(book.make_stream(b"\nQ\n/Artifact BMC\nq\n" + str(_STAMP).encode() + b" Do\nQ\nEMC\n"))


def _fonts_of(resources) -> Iterator[tuple[Dictionary, object]]:
    """(font dictionary of a resource dictionary, its font) for a page and the forms it draws."""
    if resources is None:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        for name in list(fonts.keys()):
            yield fonts, name
    for form in resources.get("/XObject", Dictionary()).values():
        if form.get("/Subtype") == Name.Form:
            yield from _fonts_of(form.get("/Resources"))


def _one_subset_per_face(book: Pdf, font_files: Mapping[str, Path]) -> None:
    """The parts' subsets of a face share glyph ids: one subset of their union serves them all."""
    faces: dict[str, dict[tuple, Dictionary]] = {}
    uses: list[tuple[Dictionary, object, str]] = []
    for page in book.pages:
        for fonts, name in _fonts_of(page.obj.get("/Resources")):
            font = fonts[name]
            face = str(font.get("/BaseFont", "")).partition("+")[2]
            if face in font_files:
                faces.setdefault(face, {})[font.objgen] = font
                uses.append((fonts, name, face))
    kept: dict[str, Dictionary] = {}
    for face, fonts in faces.items():
        keep = next(iter(fonts.values()))
        kept[face] = keep
        if len(fonts) < 2:
            continue
        widths: dict[int, object] = {}
        unicode: dict[int, bytes] = {}
        for font in fonts.values():
            widths.update(_widths(font.DescendantFonts[0].W))
            if "/ToUnicode" in font:
                cmap = font.ToUnicode.read_bytes().split(b"beginbfchar", 1)[-1]
                unicode.update((int(cid, 16), uni) for cid, uni in _BFCHAR.findall(cmap))
        data = fontsubset.subset(font_files[face], widths)
        file = book.make_stream(data)
        file.Length1 = len(data)
        rows = sorted(unicode.items())
        cmap = _CMAP_HEAD + b"".join(
            b"%d beginbfchar\n" % len(rows[i:i + 100]) + b"".join(b"<%04x> <%s>\n" % r for r in rows[i:i + 100])
            + b"endbfchar\n" for i in range(0, len(rows), 100)) + _CMAP_TAIL
        cid = keep.DescendantFonts[0]
        cid.FontDescriptor.FontFile2 = file
        cid.W = Array(x for g in sorted(widths) for x in (g, Array([widths[g]])))
        keep.ToUnicode = book.make_stream(cmap)
    for fonts, name, face in uses:
        fonts[name] = kept[face]


def _widths(w) -> dict[int, object]:
    """A CID font's /W array as glyph id → width (both of its forms: `c [w…]` and `c1 c2 w`)."""
    items = list(w)
    out: dict[int, object] = {}
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], Array):
            out.update((first + k, v) for k, v in enumerate(items[i + 1]))
            i += 2
        else:
            out.update((g, items[i + 2]) for g in range(first, int(items[i + 1]) + 1))
            i += 3
    return out
