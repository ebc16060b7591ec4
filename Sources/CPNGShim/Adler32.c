#include "CPNGShim.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Adler-32 (RFC 1950): a = 1 + sum of bytes, b = sum of the a's, both mod 65521. zlib's loop
// adds one byte at a time; here 16 bytes at a time: over k blocks starting from (a, b),
// b grows by 16 k a, by 16 times each block's sum of the bytes before it, and by each block's
// bytes weighted 16, 15, ..., 1. Runs of at most 5552 bytes keep every lane exact.
enum { ADLER_BASE = 65521, ADLER_RUN = 5552 };

uint32_t swpng_adler32(uint32_t adler, const uint8_t *p, size_t n) {
    uint64_t a = adler & 0xffff;
    uint64_t b = (adler >> 16) & 0xffff;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    const __m128i first = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
    const __m128i second = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
    while (n >= 16) {
        size_t blocks = n / 16;
        if (blocks > ADLER_RUN / 16) blocks = ADLER_RUN / 16;
        n -= blocks * 16;
        __m128i sum = zero, before = zero, weighted = zero;
        for (size_t k = 0; k < blocks; k++, p += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)p);
            before = _mm_add_epi64(before, sum);
            sum = _mm_add_epi64(sum, _mm_sad_epu8(v, zero));
            weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpacklo_epi8(v, zero), first));
            weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpackhi_epi8(v, zero), second));
        }
        uint64_t s[2], pre[2];
        uint32_t w[4];
        _mm_storeu_si128((__m128i *)s, sum);
        _mm_storeu_si128((__m128i *)pre, before);
        _mm_storeu_si128((__m128i *)w, weighted);
        b += 16 * (uint64_t)blocks * a + 16 * (pre[0] + pre[1]) + w[0] + w[1] + w[2] + w[3];
        a += s[0] + s[1];
        a %= ADLER_BASE;
        b %= ADLER_BASE;
    }
#endif
    while (n > 0) {
        size_t k = n < ADLER_RUN ? n : ADLER_RUN;
        n -= k;
        while (k--) {
            a += *p++;
            b += a;
        }
        a %= ADLER_BASE;
        b %= ADLER_BASE;
    }
    return (uint32_t)(b << 16 | a);
}
