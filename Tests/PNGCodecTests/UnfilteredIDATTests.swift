import CPNGShim
import Testing

@testable import PNGCodec

/// Unfiltered images are compressed in one deflate call with Adler-32 computed 16 bytes at a
/// time; the files must be the bytes libpng writes when it compresses row by row.
@Suite struct UnfilteredIDATTests {
    /// Flat areas, stripes and noise, so that deflate emits runs, literals and several blocks.
    static func pixels(_ count: Int, seed: UInt32, noise: Int) -> [UInt8] {
        var x = seed | 1
        return (0..<count).map { i in
            x ^= x << 13
            x ^= x >> 17
            x ^= x << 5
            if Int(x % 100) < noise { return UInt8(truncatingIfNeeded: x >> 8) }
            return UInt8(truncatingIfNeeded: (i / 97) % 5 * 40)
        }
    }

    static func bothPaths(_ options: PNGOptions, _ encode: (PNGEncoder) throws -> [UInt8]) throws -> ([UInt8], [UInt8])
    {
        let direct = try PNGEncoder(options: options)
        var rowByRow = direct
        rowByRow.rowsThroughLibpng = true
        return (try encode(direct), try encode(rowByRow))
    }

    @Test(arguments: [(1, 1), (3, 5), (17, 9), (64, 64), (100, 70), (256, 256), (1000, 31), (384, 288)])
    func sameBytesAsLibpngRowByRow(width: Int, height: Int) throws {
        for level in [1, 3, 6, 9] {
            for strategy in [PNGOptions.Strategy.default, .filtered, .rle, .huffman] {
                for noise in [0, 3, 60] {
                    let options = PNGOptions(level: level, filter: .none, colorType: .rgb, strategy: strategy)
                    let seed = UInt32(width * 7 + height + level + noise)
                    let rgb = Self.pixels(width * height * 3, seed: seed, noise: noise)
                    let (a, b) = try Self.bothPaths(options) { try $0.encode(rgb: rgb, width: width, height: height) }
                    #expect(a == b, "RGB \(width)x\(height) level \(level) \(strategy) noise \(noise)")
                    let indices = Self.pixels(width * height, seed: seed, noise: noise).map { $0 % 16 }
                    let palette = (0..<48).map { UInt8($0 * 5) }
                    let (c, d) = try Self.bothPaths(options) {
                        try $0.encode(indices: indices, palette: palette, width: width, height: height)
                    }
                    #expect(c == d, "indexed \(width)x\(height) level \(level) \(strategy) noise \(noise)")
                    let decoded = try PNGDecoder.decode(c)
                    #expect(decoded.width == width && decoded.height == height)
                }
            }
        }
    }

    /// An image whose compressed data passes libpng's 8,192-byte buffer is split into IDAT
    /// chunks at the same places.
    @Test func largeNoisyImageSpansSeveralChunks() throws {
        let rgb = Self.pixels(300 * 200 * 3, seed: 5, noise: 90)
        let options = PNGOptions(level: 1, filter: .none, colorType: .rgb, strategy: .default)
        let (a, b) = try Self.bothPaths(options) { try $0.encode(rgb: rgb, width: 300, height: 200) }
        #expect(a == b)
        #expect(a.count > 3 * 8192)
    }

    /// Adler-32 16 bytes at a time equals the definition, for every length around the block and
    /// run sizes and from any running value.
    @Test func adlerMatchesTheDefinition() {
        func reference(_ start: UInt32, _ bytes: ArraySlice<UInt8>) -> UInt32 {
            var a = start & 0xffff
            var b = start >> 16
            for byte in bytes {
                a = (a + UInt32(byte)) % 65521
                b = (b + a) % 65521
            }
            return b << 16 | a
        }
        let data = Self.pixels(20000, seed: 9, noise: 100).map { $0 | 0x80 } + [UInt8](repeating: 255, count: 12000)
        for n in [0, 1, 15, 16, 17, 31, 32, 5551, 5552, 5553, 5568, 11104, 11120, 20000, 32000] {
            for start: UInt32 in [1, 0xfff0_fff0, 0x1234_5678 % 65521] {
                let got = data[0..<n].withUnsafeBufferPointer { swpng_adler32(start, $0.baseAddress, $0.count) }
                #expect(got == reference(start, data[0..<n]), "length \(n) from \(start)")
            }
        }
        #expect(Adler32(Array(data[0..<20000])).value == reference(1, data[0..<20000]))
    }
}
