#include "CTextShim.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <hb-ot.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct swtext_font {
    FT_Library library;  // one per font: FreeType's library and face are used under one lock
    FT_Face face;
    hb_font_t *hb;       // HarfBuzz's own OpenType functions, at one unit per font unit
};

static void set_message(char *err, size_t errlen, const char *message) {
    if (err && errlen > 0) {
        strncpy(err, message, errlen - 1);
        err[errlen - 1] = 0;
    }
}

swtext_font *swtext_open(const char *path, int face_index, char *err, size_t errlen) {
    swtext_font *font = (swtext_font *)calloc(1, sizeof(swtext_font));
    if (!font) {
        set_message(err, errlen, "out of memory");
        return NULL;
    }
    if (FT_Init_FreeType(&font->library) != 0) {
        set_message(err, errlen, "FreeType does not start");
        free(font);
        return NULL;
    }
    FT_Error e = FT_New_Face(font->library, path, face_index, &font->face);
    if (e != 0) {
        char message[128];
        snprintf(message, sizeof message, "FreeType cannot open it as a font (error %d)", (int)e);
        set_message(err, errlen, message);
        FT_Done_FreeType(font->library);
        free(font);
        return NULL;
    }
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) {
        set_message(err, errlen, "HarfBuzz cannot read the file");
        FT_Done_Face(font->face);
        FT_Done_FreeType(font->library);
        free(font);
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, (unsigned)face_index);
    hb_blob_destroy(blob);
    font->hb = hb_font_create(face);
    hb_face_destroy(face);
    int upem = (int)hb_face_get_upem(hb_font_get_face(font->hb));
    hb_font_set_scale(font->hb, upem, upem);
    return font;
}

void swtext_close(swtext_font *font) {
    if (!font) return;
    hb_font_destroy(font->hb);
    FT_Done_Face(font->face);
    FT_Done_FreeType(font->library);
    free(font);
}

int32_t swtext_units_per_em(const swtext_font *font) { return (int32_t)hb_face_get_upem(hb_font_get_face(font->hb)); }

void swtext_line_metrics(const swtext_font *font, int32_t *ascender, int32_t *descender) {
    hb_font_extents_t extents;
    if (hb_font_get_h_extents(font->hb, &extents)) {
        *ascender = extents.ascender;
        *descender = extents.descender;
    } else {
        *ascender = (int32_t)font->face->ascender;
        *descender = (int32_t)font->face->descender;
    }
}

void swtext_names(const swtext_font *font, char *out, size_t outlen) {
    char names[256];
    snprintf(names, sizeof names, "%s %s", font->face->family_name ? font->face->family_name : "?",
             font->face->style_name ? font->face->style_name : "");
    set_message(out, outlen, names);
}

int swtext_shape(
    swtext_font *font, const char *text, int length, const char *language, uint32_t *glyphs, uint32_t *clusters,
    int32_t *positions, int capacity) {
    hb_buffer_t *buffer = hb_buffer_create();
    hb_buffer_add_utf8(buffer, text, length, 0, length);
    hb_buffer_set_language(buffer, hb_language_from_string(language, -1));
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(font->hb, buffer, NULL, 0);
    unsigned int count = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buffer, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buffer, &count);
    for (unsigned int i = 0; i < count && (int)i < capacity; i++) {
        glyphs[i] = info[i].codepoint;
        clusters[i] = info[i].cluster;
        positions[4 * i] = pos[i].x_advance;
        positions[4 * i + 1] = pos[i].y_advance;
        positions[4 * i + 2] = pos[i].x_offset;
        positions[4 * i + 3] = pos[i].y_offset;
    }
    hb_buffer_destroy(buffer);
    return (int)count;
}

typedef struct {
    uint8_t *commands;
    int command_capacity;
    int32_t *points;
    int point_capacity;
    int command_count;
    int point_count;
} outline_sink;

static void add_command(outline_sink *sink, uint8_t command) {
    if (sink->command_count < sink->command_capacity) sink->commands[sink->command_count] = command;
    sink->command_count++;
}

static void add_point(outline_sink *sink, const FT_Vector *v) {
    if (sink->point_count < sink->point_capacity) {
        sink->points[2 * sink->point_count] = (int32_t)v->x;
        sink->points[2 * sink->point_count + 1] = (int32_t)v->y;
    }
    sink->point_count++;
}

static int on_move(const FT_Vector *to, void *user) {
    add_command((outline_sink *)user, 0);
    add_point((outline_sink *)user, to);
    return 0;
}

static int on_line(const FT_Vector *to, void *user) {
    add_command((outline_sink *)user, 1);
    add_point((outline_sink *)user, to);
    return 0;
}

static int on_conic(const FT_Vector *control, const FT_Vector *to, void *user) {
    add_command((outline_sink *)user, 2);
    add_point((outline_sink *)user, control);
    add_point((outline_sink *)user, to);
    return 0;
}

static int on_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user) {
    add_command((outline_sink *)user, 3);
    add_point((outline_sink *)user, c1);
    add_point((outline_sink *)user, c2);
    add_point((outline_sink *)user, to);
    return 0;
}

int swtext_outline(
    swtext_font *font, uint32_t glyph, uint8_t *commands, int command_capacity, int32_t *points,
    int point_capacity, int *command_count, int *point_count) {
    *command_count = 0;
    *point_count = 0;
    if (FT_Load_Glyph(font->face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) return -1;
    if (font->face->glyph->format != FT_GLYPH_FORMAT_OUTLINE) return 0;  // no outline: nothing drawn
    outline_sink sink = {commands, command_capacity, points, point_capacity, 0, 0};
    FT_Outline_Funcs funcs = {on_move, on_line, on_conic, on_cubic, 0, 0};
    if (FT_Outline_Decompose(&font->face->glyph->outline, &funcs, &sink) != 0) return -1;
    *command_count = sink.command_count;
    *point_count = sink.point_count;
    return 0;
}
