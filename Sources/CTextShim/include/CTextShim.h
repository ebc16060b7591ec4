// The fonts' C side: one opaque font (a FreeType face for outlines, a HarfBuzz font for
// shaping, both from one file) and one function per operation. No FreeType or HarfBuzz type
// crosses into Swift; results are written into the caller's arrays, and a count larger than
// the caller's capacity asks for a second call with room for it.
#ifndef SCENEWRIGHT_CTEXTSHIM_H
#define SCENEWRIGHT_CTEXTSHIM_H

#include <stddef.h>
#include <stdint.h>

typedef struct swtext_font swtext_font;

/// Opens face `face_index` of the font file at `path`. Returns NULL and a message in `err`
/// (at most `errlen` bytes, NUL-terminated) when the file is missing or not a font.
swtext_font *swtext_open(const char *path, int face_index, char *err, size_t errlen);
void swtext_close(swtext_font *font);

/// Font units per em, and the horizontal line metrics in font units (ascender above the
/// baseline positive, descender below it negative).
int32_t swtext_units_per_em(const swtext_font *font);
void swtext_line_metrics(const swtext_font *font, int32_t *ascender, int32_t *descender);

/// The family and style names the file states (for messages), into `out` (NUL-terminated).
void swtext_names(const swtext_font *font, char *out, size_t outlen);

/// Shapes `length` bytes of UTF-8 in language `language` (a BCP 47 tag) with HarfBuzz, at one
/// font unit per unit (no hinting). Writes up to `capacity` glyphs: their ids, clusters (byte
/// offsets into the text) and positions (x advance, y advance, x offset, y offset per glyph,
/// font units, y up). Returns the number of glyphs, which may exceed `capacity`.
int swtext_shape(
    swtext_font *font, const char *text, int length, const char *language, uint32_t *glyphs, uint32_t *clusters,
    int32_t *positions, int capacity);

/// The unhinted outline of glyph `glyph` in font units (y up), as path commands (0 move, 1 line,
/// 2 quadratic with one control point, 3 cubic with two) and their points (x, y pairs; a move or
/// line takes one point, a quadratic two, a cubic three). Writes up to the capacities and stores
/// the full counts in `command_count` and `point_count`. Returns 0, or -1 when FreeType cannot
/// load the glyph.
int swtext_outline(
    swtext_font *font, uint32_t glyph, uint8_t *commands, int command_capacity, int32_t *points,
    int point_capacity, int *command_count, int *point_count);

#endif
