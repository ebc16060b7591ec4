/// PNG files written by another encoder (Python's zlib and struct), as literal bytes.
enum PNGFixtures {
    /// 2x2, 16-bit RGBA: red, green / blue, gray 0x8080 (8-bit 128), all opaque.
    static let rgba16: [UInt8] = [
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 16, 6, 0, 0, 0, 34, 38,
        209, 103, 0, 0, 0, 25, 73, 68, 65, 84, 120, 156, 99, 248, 255, 159, 1, 8, 64, 36, 12, 131, 185, 255, 255, 55,
        128, 193, 255, 255, 0, 4, 188, 16, 243, 129, 142, 101, 176, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
    ]
}
