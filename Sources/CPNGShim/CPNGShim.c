#include "CPNGShim.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct {
    char *message;
    size_t length;
} error_sink;

static void on_error(png_structp png, png_const_charp message) {
    error_sink *sink = (error_sink *)png_get_error_ptr(png);
    if (sink && sink->message && sink->length > 0) {
        strncpy(sink->message, message ? message : "unknown libpng error", sink->length - 1);
        sink->message[sink->length - 1] = 0;
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void set_message(char *err, size_t errlen, const char *message) {
    if (err && errlen > 0) {
        strncpy(err, message, errlen - 1);
        err[errlen - 1] = 0;
    }
}

static void write_to_buffer(png_structp png, png_bytep data, png_size_t length) {
    swpng_buffer *buffer = (swpng_buffer *)png_get_io_ptr(png);
    if (buffer->size + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 16384;
        while (capacity < buffer->size + length) capacity *= 2;
        uint8_t *grown = (uint8_t *)realloc(buffer->data, capacity);
        if (!grown) png_error(png, "out of memory while writing PNG");
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, data, length);
    buffer->size += length;
}

static void flush_nothing(png_structp png) { (void)png; }

// The IDAT chunks libpng writes for unfiltered rows, made in one deflate call: libpng feeds zlib
// row by row and lets it compute Adler-32 a byte at a time, a quarter of the encoding's time on
// flat indexed images. The stream is the same bytes: libpng's window size for small images, a
// raw deflate of the filter bytes and rows (deflate's output does not depend on how its input is
// split, except at level 0, which goes through libpng), zlib's header, libpng's header fix for
// small images, Adler-32 of the same bytes, and IDAT chunks of libpng's 8,192-byte buffer.
// The scratch memory goes into `*scratch` for the caller to free (also after a png_error).
static void write_unfiltered_idat(png_structp png, const uint8_t *pixels, size_t stride, uint32_t height, int level,
                                  int strategy, uint8_t *volatile *scratch) {
    size_t size = (stride + 1) * (size_t)height;
    size_t image_size = (stride < 32768 && height < 32768) ? size : 0xffffffffu;  // png_image_size
    int window_bits = 15;
    if (image_size <= 16384) {
        unsigned int half_window = 1u << (window_bits - 1);
        while (image_size + 262 <= half_window) {
            half_window >>= 1;
            --window_bits;
        }
    }
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, level, Z_DEFLATED, -window_bits, 8, strategy) != Z_OK)
        png_error(png, "zlib could not start compressing");
    size_t bound = deflateBound(&z, (uLong)size) + 6;
    uint8_t *memory = (uint8_t *)malloc(size + bound);
    *scratch = memory;
    if (!memory) {
        deflateEnd(&z);
        png_error(png, "out of memory for the image's compressed data");
    }
    uint8_t *filtered = memory;
    uint8_t *stream = memory + size;
    for (uint32_t y = 0; y < height; y++) {
        filtered[(size_t)y * (stride + 1)] = 0;
        memcpy(filtered + (size_t)y * (stride + 1) + 1, pixels + (size_t)y * stride, stride);
    }
    z.next_in = filtered;
    z.avail_in = (uInt)size;
    z.next_out = stream + 2;
    z.avail_out = (uInt)(bound - 6);
    int status = deflate(&z, Z_FINISH);
    size_t body = z.total_out;
    deflateEnd(&z);
    if (status != Z_STREAM_END) png_error(png, "zlib did not finish the image's data");
    int level_flags = (strategy >= Z_HUFFMAN_ONLY || level < 2) ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
    if (level == Z_DEFAULT_COMPRESSION) level_flags = strategy >= Z_HUFFMAN_ONLY ? 0 : 2;
    unsigned int header = ((unsigned int)(Z_DEFLATED + ((window_bits - 8) << 4)) << 8) | (unsigned int)(level_flags << 6);
    header += 31 - (header % 31);
    stream[0] = (uint8_t)(header >> 8);
    stream[1] = (uint8_t)header;
    uint32_t adler = swpng_adler32(1, filtered, size);
    size_t length = 2 + body;
    stream[length++] = (uint8_t)(adler >> 24);
    stream[length++] = (uint8_t)(adler >> 16);
    stream[length++] = (uint8_t)(adler >> 8);
    stream[length++] = (uint8_t)adler;
    // libpng's optimize_cmf: a header may state a smaller window when the image is small.
    if (image_size <= 16384 && (stream[0] & 0x0f) == 8 && (stream[0] & 0xf0) <= 0x70) {
        unsigned int cinfo = stream[0] >> 4;
        unsigned int half_window = 1u << (cinfo + 7);
        if (image_size <= half_window) {
            do {
                half_window >>= 1;
                --cinfo;
            } while (cinfo > 0 && image_size <= half_window);
            unsigned int cmf = (stream[0] & 0x0fu) | (cinfo << 4);
            unsigned int flg = stream[1] & 0xe0u;
            flg += 0x1f - ((cmf << 8) + flg) % 0x1f;
            stream[0] = (uint8_t)cmf;
            stream[1] = (uint8_t)flg;
        }
    }
    for (size_t offset = 0; offset < length; offset += PNG_ZBUF_SIZE) {
        size_t part = length - offset < PNG_ZBUF_SIZE ? length - offset : PNG_ZBUF_SIZE;
        png_write_chunk(png, (png_const_bytep) "IDAT", stream + offset, part);
    }
}

int swpng_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, const uint8_t *palette,
                 int palette_count, int level, int filters, int strategy, int rows_through_libpng, swpng_buffer *out,
                 char *err, size_t errlen) {
    error_sink sink = {err, errlen};
    set_message(err, errlen, "");
    out->data = NULL;
    out->size = 0;
    out->capacity = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
    if (!png) {
        set_message(err, errlen, "libpng could not create a write structure");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    png_bytep *volatile rows = NULL;
    uint8_t *volatile scratch = NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        set_message(err, errlen, "libpng could not create an info structure");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(rows);
        free(scratch);
        free(out->data);
        out->data = NULL;
        out->size = 0;
        return -1;
    }
    int color_type = channels == 3 ? PNG_COLOR_TYPE_RGB : (palette_count > 0 ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_GRAY);
    png_set_write_fn(png, out, write_to_buffer, flush_nothing);
    png_set_IHDR(png, info, width, height, 8, color_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color colors[256];
        for (int i = 0; i < palette_count && i < 256; i++) {
            colors[i].red = palette[3 * i];
            colors[i].green = palette[3 * i + 1];
            colors[i].blue = palette[3 * i + 2];
        }
        png_set_PLTE(png, info, colors, palette_count);
        // libpng would scan every row for indices past the palette; the caller has checked them.
        png_set_check_for_invalid_index(png, 0);
    }
    png_set_compression_level(png, level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    int z = Z_DEFAULT_STRATEGY;
    if (strategy == SWPNG_STRATEGY_FILTERED) z = Z_FILTERED;
    if (strategy == SWPNG_STRATEGY_HUFFMAN) z = Z_HUFFMAN_ONLY;
    if (strategy == SWPNG_STRATEGY_RLE) z = Z_RLE;
    png_set_compression_strategy(png, z);
    size_t stride = (size_t)width * (size_t)channels;
    if (!rows_through_libpng && filters == SWPNG_FILTER_NONE && level != 0 &&
        (stride + 1) * (size_t)height <= 0x7fffffffu) {
        png_write_info(png, info);
        write_unfiltered_idat(png, pixels, stride, height, level, z, &scratch);
        png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
        png_destroy_write_struct(&png, &info);
        free(scratch);
        return 0;
    }
    rows = (png_bytep *)malloc(sizeof(png_bytep) * (height ? height : 1));
    if (!rows) png_error(png, "out of memory for row pointers");
    for (uint32_t y = 0; y < height; y++) rows[y] = (png_bytep)(pixels + (size_t)y * stride);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(rows);
    return 0;
}

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t offset;
} read_source;

static void read_from_memory(png_structp png, png_bytep target, png_size_t length) {
    read_source *source = (read_source *)png_get_io_ptr(png);
    if (source->offset + length > source->size) png_error(png, "unexpected end of PNG data (the file is truncated)");
    memcpy(target, source->data + source->offset, length);
    source->offset += length;
}

int swpng_decode(const uint8_t *data, size_t size, swpng_image *out, char *err, size_t errlen) {
    error_sink sink = {err, errlen};
    set_message(err, errlen, "");
    out->rgb = NULL;
    if (size < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        set_message(err, errlen, "not a PNG file (bad signature)");
        return -1;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
    if (!png) {
        set_message(err, errlen, "libpng could not create a read structure");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        set_message(err, errlen, "libpng could not create an info structure");
        return -1;
    }
    png_bytep *volatile rows = NULL;
    uint8_t *volatile pixels = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        free(rows);
        free(pixels);
        return -1;
    }
    read_source source = {data, size, 0};
    png_set_read_fn(png, &source, read_from_memory);
    png_set_user_limits(png, 16384, 16384);
    // A chunk states its own length, and libpng allocates that much for the ancillary chunks
    // it keeps (a 189-byte file with an sPLT of 1.1 GB took 1.2 GB). None of these changes the
    // decoded pixels, so they are skipped unread (the other ancillary chunks have small fixed sizes).
    static const png_byte skipped[] = "sPLT\0iCCP\0zTXt\0iTXt\0tEXt\0eXIf\0pCAL\0sCAL\0hIST\0";
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, skipped, (int)(sizeof skipped / 5));
    png_read_info(png, info);
    png_uint_32 width = png_get_image_width(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    out->color_type = png_get_color_type(png, info);
    out->bit_depth = png_get_bit_depth(png, info);
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_strip_alpha(png);
    png_set_gray_to_rgb(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t stride = png_get_rowbytes(png, info);
    if (stride != (size_t)width * 3) png_error(png, "unexpected row size after expanding to RGB");
    pixels = (uint8_t *)malloc(stride * height);
    rows = (png_bytep *)malloc(sizeof(png_bytep) * height);
    if (!pixels || !rows) png_error(png, "out of memory for the decoded image");
    for (png_uint_32 y = 0; y < height; y++) rows[y] = pixels + (size_t)y * stride;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    out->width = width;
    out->height = height;
    out->rgb = pixels;
    return 0;
}

void swpng_free(void *pointer) { free(pointer); }

const char *swpng_libpng_version(void) { return png_get_libpng_ver(NULL); }

const char *swpng_zlib_version(void) { return zlibVersion(); }


