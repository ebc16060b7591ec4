import CPNGShim

/// Encodes 8-bit pixels to PNG bytes: libpng writes every chunk; unfiltered rows are compressed
/// by zlib in one call (see `swpng_encode`).
public struct PNGEncoder: Sendable {
    public let options: PNGOptions
    /// Unfiltered rows go to libpng row by row instead of one deflate call (same bytes; tests
    /// compare the two).
    var rowsThroughLibpng = false

    public init(options: PNGOptions) throws(PNGError) {
        self.options = try options.validated()
    }

    public func encode(rgb: [UInt8], width: Int, height: Int) throws(PNGError) -> [UInt8] {
        var result: Result<[UInt8], PNGError> = .failure(.invalidImage("empty buffer"))
        rgb.withUnsafeBufferPointer { buffer in
            result = Result { () throws(PNGError) -> [UInt8] in try encode(rgb: buffer, width: width, height: height) }
        }
        return try result.get()
    }

    /// Encodes one 8-bit gray channel (`width * height` bytes) as a grayscale PNG whatever the
    /// color type option: for planes that are not pictures, such as object-id masks.
    public func encode(gray: [UInt8], width: Int, height: Int) throws(PNGError) -> [UInt8] {
        guard width > 0, height > 0, width <= 1 << 20, height <= 1 << 20 else {
            throw .invalidImage("size \(width)x\(height) must be positive")
        }
        guard gray.count == width * height else {
            throw .invalidImage("expected \(width * height) bytes for \(width)x\(height) gray, got \(gray.count)")
        }
        return try gray.withUnsafeBufferPointer { g throws(PNGError) in
            try write(g, width: width, height: height, channels: 1, palette: [])
        }
    }

    /// Encodes an indexed image (PNG color type 3): one palette index per pixel, `palette` as RGB
    /// triples (at most 256), whatever the color type option.
    public func encode(indices: [UInt8], palette: [UInt8], width: Int, height: Int) throws(PNGError) -> [UInt8] {
        guard width > 0, height > 0, width <= 1 << 20, height <= 1 << 20 else {
            throw .invalidImage("size \(width)x\(height) must be positive")
        }
        guard indices.count == width * height else {
            throw .invalidImage("expected \(width * height) indices for \(width)x\(height), got \(indices.count)")
        }
        guard !palette.isEmpty, palette.count % 3 == 0, palette.count <= 256 * 3 else {
            throw .invalidImage("a palette holds 1 to 256 RGB triples, got \(palette.count) bytes")
        }
        let entries = palette.count / 3
        if entries < 256, let largest = indices.max(), Int(largest) >= entries {
            throw .invalidImage("index \(largest) is past the palette's \(entries) entries")
        }
        return try indices.withUnsafeBufferPointer { idx throws(PNGError) in
            try write(idx, width: width, height: height, channels: 1, palette: palette)
        }
    }

    /// Encodes row-major RGB (`width * height * 3` bytes).
    public func encode(rgb: UnsafeBufferPointer<UInt8>, width: Int, height: Int) throws(PNGError) -> [UInt8] {
        guard width > 0, height > 0, width <= 1 << 20, height <= 1 << 20 else {
            throw .invalidImage("size \(width)x\(height) must be positive")
        }
        guard rgb.count == width * height * 3 else {
            throw .invalidImage("expected \(width * height * 3) bytes for \(width)x\(height) RGB, got \(rgb.count)")
        }
        switch options.colorType {
        case .rgb:
            return try write(rgb, width: width, height: height, channels: 3, palette: [])
        case .grayscale:
            let gray = ColorReduction.luma(rgb)
            return try gray.withUnsafeBufferPointer { g throws(PNGError) in
                try write(g, width: width, height: height, channels: 1, palette: [])
            }
        case .palette, .auto, .indexed:
            guard let indexed = ColorReduction.palette(rgb) else {
                if options.colorType == .auto {
                    return try write(rgb, width: width, height: height, channels: 3, palette: [])
                }
                throw .tooManyColors(count: 257)
            }
            return try indexed.indices.withUnsafeBufferPointer { idx throws(PNGError) in
                try write(idx, width: width, height: height, channels: 1, palette: indexed.palette)
            }
        }
    }

    private var filterFlags: Int32 {
        switch options.filter {
        case .none: Int32(SWPNG_FILTER_NONE)
        case .sub: Int32(SWPNG_FILTER_SUB)
        case .up: Int32(SWPNG_FILTER_UP)
        case .average: Int32(SWPNG_FILTER_AVG)
        case .paeth: Int32(SWPNG_FILTER_PAETH)
        case .adaptive: Int32(SWPNG_FILTER_ALL)
        }
    }

    private var strategyCode: Int32 {
        switch options.strategy {
        case .default: Int32(SWPNG_STRATEGY_DEFAULT)
        case .filtered: Int32(SWPNG_STRATEGY_FILTERED)
        case .rle: Int32(SWPNG_STRATEGY_RLE)
        case .huffman: Int32(SWPNG_STRATEGY_HUFFMAN)
        }
    }

    private func write(
        _ pixels: UnsafeBufferPointer<UInt8>, width: Int, height: Int, channels: Int, palette: [UInt8]
    ) throws(PNGError) -> [UInt8] {
        var out = swpng_buffer(data: nil, size: 0, capacity: 0)
        var message = [CChar](repeating: 0, count: 512)
        let status = palette.withUnsafeBufferPointer { pal in
            swpng_encode(
                pixels.baseAddress, UInt32(width), UInt32(height), Int32(channels), pal.baseAddress,
                Int32(palette.count / 3), Int32(options.level), filterFlags, strategyCode, rowsThroughLibpng ? 1 : 0,
                &out, &message, message.count)
        }
        defer { swpng_free(out.data) }
        guard status == 0, let data = out.data else {
            throw .libpng(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return PNGLibrary.copy(data, count: out.size)
    }
}
