import Testing

@testable import PNGCodec

@Suite struct PNGRoundTripTests {
    /// A 37x23 image with flat regions, a gradient and anti-aliased-looking blends: several
    /// hundred colors, odd dimensions to catch stride mistakes.
    static let manyColors: [UInt8] = {
        var px: [UInt8] = []
        for y in 0..<23 {
            for x in 0..<37 {
                px += [UInt8(x * 7 % 256), UInt8(y * 11 % 256), UInt8((x * y) % 256)]
            }
        }
        return px
    }()

    /// Four flat colors: fits a palette.
    static let fewColors: [UInt8] = {
        let colors: [[UInt8]] = [[255, 255, 255], [215, 38, 38], [30, 100, 230], [40, 160, 60]]
        var px: [UInt8] = []
        for y in 0..<23 { for x in 0..<37 { px += colors[(x / 9 + y / 6) % 4] } }
        return px
    }()

    /// Gray pixels (r == g == b): grayscale is exact for them.
    static let gray: [UInt8] = {
        var px: [UInt8] = []
        for y in 0..<23 { for x in 0..<37 { let v = UInt8((x * 5 + y * 3) % 256); px += [v, v, v] } }
        return px
    }()

    static let levels = Array(0...9)

    @Test(arguments: levels, PNGOptions.RowFilter.allCases)
    func rgbRoundTripsAtEveryLevelAndFilter(level: Int, filter: PNGOptions.RowFilter) throws {
        let png = try PNGEncoder(options: PNGOptions(level: level, filter: filter)).encode(
            rgb: Self.manyColors, width: 37, height: 23)
        let decoded = try PNGDecoder.decode(png)
        #expect(decoded.width == 37 && decoded.height == 23)
        #expect(decoded.rgb == Self.manyColors)
        #expect(decoded.fileColorType == .rgb)
        #expect(decoded.bitDepth == 8)
    }

    @Test(arguments: levels, PNGOptions.RowFilter.allCases)
    func paletteAndGrayRoundTrip(level: Int, filter: PNGOptions.RowFilter) throws {
        let palette = try PNGEncoder(options: PNGOptions(level: level, filter: filter, colorType: .palette))
            .encode(rgb: Self.fewColors, width: 37, height: 23)
        let p = try PNGDecoder.decode(palette)
        #expect(p.rgb == Self.fewColors)
        #expect(p.fileColorType == .palette)
        let gray = try PNGEncoder(options: PNGOptions(level: level, filter: filter, colorType: .grayscale))
            .encode(rgb: Self.gray, width: 37, height: 23)
        let g = try PNGDecoder.decode(gray)
        #expect(g.rgb == Self.gray)
        #expect(g.fileColorType == .grayscale)
    }

    @Test(arguments: PNGOptions.Strategy.allCases)
    func everyStrategyRoundTrips(strategy: PNGOptions.Strategy) throws {
        let png = try PNGEncoder(options: PNGOptions(level: 1, filter: .sub, strategy: strategy)).encode(
            rgb: Self.manyColors, width: 37, height: 23)
        #expect(try PNGDecoder.decode(png).rgb == Self.manyColors)
    }

    @Test func grayscaleOfColorIsLuma() throws {
        let png = try PNGEncoder(options: PNGOptions(colorType: .grayscale)).encode(
            rgb: [255, 0, 0, 0, 255, 0], width: 2, height: 1)
        // BT.601: round(0.299 * 255) = 76, round(0.587 * 255) = 150.
        #expect(try PNGDecoder.decode(png).rgb == [76, 76, 76, 150, 150, 150])
    }

    @Test func autoPicksPaletteOnlyWhenItFits() throws {
        let auto = try PNGEncoder(options: PNGOptions(colorType: .auto))
        #expect(
            try PNGDecoder.decode(try auto.encode(rgb: Self.fewColors, width: 37, height: 23)).fileColorType == .palette
        )
        #expect(
            try PNGDecoder.decode(try auto.encode(rgb: Self.manyColors, width: 37, height: 23)).fileColorType == .rgb)
    }

    @Test func paletteRefusesMoreThan256Colors() {
        #expect(throws: PNGError.tooManyColors(count: 257)) {
            try PNGEncoder(options: PNGOptions(colorType: .palette)).encode(rgb: Self.manyColors, width: 37, height: 23)
        }
    }

    @Test func encodingIsDeterministic() throws {
        let e = try PNGEncoder(options: PNGOptions(level: 6, filter: .adaptive))
        #expect(
            try e.encode(rgb: Self.manyColors, width: 37, height: 23)
                == e.encode(rgb: Self.manyColors, width: 37, height: 23))
    }

    @Test func badInputGivesErrorsNotCrashes() throws {
        #expect(throws: PNGError.invalidOptions("zlib level must be 0-9, got 12")) {
            try PNGEncoder(options: PNGOptions(level: 12))
        }
        #expect(throws: PNGError.self) {
            try PNGEncoder(options: PNGOptions()).encode(rgb: [1, 2, 3], width: 2, height: 2)
        }
        #expect(throws: PNGError.self) { try PNGDecoder.decode(Array("not a png at all".utf8)) }
        let png = try PNGEncoder(options: PNGOptions()).encode(rgb: Self.manyColors, width: 37, height: 23)
        for cut in [8, 20, 40, png.count / 2, png.count - 13] {
            do {
                _ = try PNGDecoder.decode(Array(png.prefix(cut)))
                Issue.record("a PNG truncated to \(cut) bytes decoded")
            } catch let PNGError.libpng(message) {
                #expect(!message.isEmpty)
            }
        }
        var corrupt = png
        corrupt[png.count / 2] ^= 0xFF
        #expect(throws: PNGError.self) { try PNGDecoder.decode(corrupt) }
    }

    /// A PNG written by another encoder: 2x2, 16-bit RGBA (ImageMagick-style), checks the
    /// strip-16 and strip-alpha transforms. Bytes produced with Python's zlib, CRCs included.
    @Test func decodesSixteenBitRGBAFromAnotherEncoder() throws {
        let bytes: [UInt8] = PNGFixtures.rgba16
        let d = try PNGDecoder.decode(bytes)
        #expect(d.width == 2 && d.height == 2)
        #expect(d.bitDepth == 16)
        #expect(d.rgb == [255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128])
    }

    @Test func libraryVersionsAreKnown() {
        #expect(PNGLibrary.libpngVersion.hasPrefix("1.6"))
        #expect(!PNGLibrary.zlibVersion.isEmpty)
    }
}
