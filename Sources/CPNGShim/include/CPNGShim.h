// One function per operation. Each owns libpng's whole lifecycle (create, setjmp guard,
// destroy) and reports failure as a message copied into the caller's buffer, so no libpng
// type or longjmp ever crosses into Swift.
#ifndef SCENEWRIGHT_CPNGSHIM_H
#define SCENEWRIGHT_CPNGSHIM_H

#include <stddef.h>
#include <stdint.h>

/// A growable output buffer; free `data` with swpng_free.
typedef struct {
    uint8_t *data;
    size_t size;
    size_t capacity;
} swpng_buffer;

/// A decoded image, always 8-bit RGB; free `rgb` with swpng_free.
typedef struct {
    uint32_t width;
    uint32_t height;
    int color_type;  // the file's PNG color type (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA)
    int bit_depth;   // the file's bit depth
    uint8_t *rgb;
} swpng_image;

/// Row filter flags (combine with |); equal to libpng's PNG_FILTER_* values.
enum {
    SWPNG_FILTER_NONE = 0x08,
    SWPNG_FILTER_SUB = 0x10,
    SWPNG_FILTER_UP = 0x20,
    SWPNG_FILTER_AVG = 0x40,
    SWPNG_FILTER_PAETH = 0x80,
    SWPNG_FILTER_ALL = 0xF8
};

/// zlib strategies.
enum { SWPNG_STRATEGY_DEFAULT = 0, SWPNG_STRATEGY_FILTERED = 1, SWPNG_STRATEGY_HUFFMAN = 2, SWPNG_STRATEGY_RLE = 3 };

/// Encodes 8-bit pixels: `channels` 3 (RGB) or 1 (grayscale, or palette indices when
/// `palette_count` > 0 with `palette` holding that many RGB triples). Returns 0 on success;
/// on failure returns -1 with a message in `err`. Output bytes carry no time stamp.
/// Unfiltered rows at levels 1-9 are compressed in one deflate call and written as libpng's
/// IDAT chunks (the same bytes); `rows_through_libpng` makes libpng compress them row by row.
int swpng_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int channels, const uint8_t *palette,
                 int palette_count, int level, int filters, int strategy, int rows_through_libpng,
                 swpng_buffer *out, char *err, size_t errlen);

/// Decodes any PNG into 8-bit RGB (palette and gray expanded, 16-bit stripped, alpha dropped).
int swpng_decode(const uint8_t *data, size_t size, swpng_image *out, char *err, size_t errlen);

void swpng_free(void *pointer);

const char *swpng_libpng_version(void);
const char *swpng_zlib_version(void);

/// CRC-32 (zlib's: the checksum of gzip, zip and PNG) of `count` bytes, continuing from `crc`
/// (0 to start); by carry-less multiplication where the processor has it.
uint32_t swpng_crc32(uint32_t crc, const uint8_t *bytes, size_t count);

/// Adler-32 (zlib's checksum) of `count` bytes, continuing from `adler` (1 to start).
uint32_t swpng_adler32(uint32_t adler, const uint8_t *bytes, size_t count);

#endif
