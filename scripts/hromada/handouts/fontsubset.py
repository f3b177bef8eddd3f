"""One subset of a font for a whole assembled book: the glyphs of all its parts, at the glyph ids
WeasyPrint gave them (it subsets with HarfBuzz keeping glyph ids), so the parts' text needs no change.

HarfBuzz, the library WeasyPrint itself subsets with, through cffi (both come with WeasyPrint): a
face in ~20 ms where fontTools takes ~0.4 s. fontTools (also a WeasyPrint dependency) where the
HarfBuzz subsetter cannot be loaded."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
hb_blob_t *hb_blob_create_from_file_or_fail(const char *file_name);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
void hb_face_destroy(hb_face_t *face);
void hb_set_add(hb_set_t *set, uint32_t codepoint);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set(hb_subset_input_t *input);
hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned int value);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
uint32_t hb_tag_from_string(const char *str, int len);
"""
# hb-subset.h: the flags and the set of tables to drop.
_NO_HINTING, _RETAIN_GIDS, _NOTDEF_OUTLINE = 0x1, 0x2, 0x40
_DROP_TABLE_TAG = 3
# What a PDF does not use (WeasyPrint drops the same): shaping was done when the parts were laid out.
_DROPPED = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"GDEF", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


def subset(font_file: Path, glyph_ids: Iterable[int]) -> bytes:
    """The font with only `glyph_ids` (and .notdef) drawn, every glyph at its own id, no hinting."""
    gids = sorted(set(glyph_ids) | {0})
    try:
        return _harfbuzz(font_file, gids)
    except OSError:  # no libharfbuzz-subset: slower, same glyphs
        return _fonttools(font_file, gids)


def _harfbuzz(font_file: Path, gids: list[int]) -> bytes:
    from cffi import FFI

    ffi = FFI()
    ffi.cdef(_CDEF)
    hb = ffi.dlopen("libharfbuzz.so.0")
    hbs = ffi.dlopen("libharfbuzz-subset.so.0")
    blob = hb.hb_blob_create_from_file_or_fail(str(font_file).encode())
    if blob == ffi.NULL:
        raise ValueError(f"не вдалося прочитати шрифт {font_file}")
    face = hb.hb_face_create(blob, 0)
    try:
        kept = _hb_subset(ffi, hb, hbs, face, gids, _RETAIN_GIDS | _NO_HINTING | _NOTDEF_OUTLINE, font_file)
        # Kept ids leave empty glyphs up to the font's last one: cut them off (ids 0…max stay as they are).
        trimmed = _hb_subset(ffi, hb, hbs, kept, range(gids[-1] + 1), _NO_HINTING | _NOTDEF_OUTLINE, font_file)
        hb.hb_face_destroy(kept)
        out = hb.hb_face_reference_blob(trimmed)
        length = ffi.new("unsigned int *")
        data = ffi.buffer(hb.hb_blob_get_data(out, length), length[0])[:]
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(trimmed)
        return data
    finally:
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def _hb_subset(ffi, hb, hbs, face, gids: Iterable[int], flags: int, font_file: Path):
    plan = hbs.hb_subset_input_create_or_fail()
    try:
        glyphs = hbs.hb_subset_input_glyph_set(plan)
        for gid in gids:
            hb.hb_set_add(glyphs, gid)
        dropped = hbs.hb_subset_input_set(plan, _DROP_TABLE_TAG)
        for tag in _DROPPED:
            hb.hb_set_add(dropped, hb.hb_tag_from_string(tag, -1))
        hbs.hb_subset_input_set_flags(plan, flags)
        result = hbs.hb_subset_or_fail(face, plan)
        if result == ffi.NULL:
            raise ValueError(f"HarfBuzz не зміг вибрати гліфи зі шрифту {font_file}")
        return result
    finally:
        hbs.hb_subset_input_destroy(plan)


def _fonttools(font_file: Path, gids: list[int]) -> bytes:
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    font = TTFont(font_file)
    options = ft_subset.Options()
    options.retain_gids, options.notdef_outline, options.hinting = True, True, False
    options.drop_tables += [t.decode().strip() for t in _DROPPED]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(gids=gids)
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()
