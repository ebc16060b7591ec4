/// How images are encoded. The defaults (zlib level 1, no row filter, RGB) are the fastest
/// settings that still compress flat-colored scenes well; docs/PNG.md has the measurements.
public struct PNGOptions: Sendable, Hashable {
    public enum ColorType: String, CaseIterable, Sendable {
        /// 8-bit RGB.
        case rgb
        /// 8-bit gray from integer BT.601 luma: exact for gray pixels, lossy for colored ones.
        case grayscale
        /// 8-bit palette; an image with more than 256 colors is an error.
        case palette
        /// Palette when the image has at most 256 colors, else RGB.
        case auto
        /// Palette images the rasterizer draws as indices, at a few coverage steps, so that
        /// every image fits 256 colors by construction. Given RGB pixels, the same as `palette`.
        case indexed

        /// zlib's run-length strategy for indexed images: their rows are long runs of one
        /// index, which it finds faster than the default's hash chains, and smaller
        /// (docs/PERFORMANCE.md); the default strategy for the rest.
        public var defaultStrategy: Strategy { self == .indexed ? .rle : .default }
    }

    public enum RowFilter: String, CaseIterable, Sendable {
        case none, sub, up, average, paeth
        /// libpng chooses per row among all five.
        case adaptive
    }

    public enum Strategy: String, CaseIterable, Sendable {
        case `default`, filtered, rle, huffman
    }

    public var level: Int
    public var filter: RowFilter
    public var colorType: ColorType
    public var strategy: Strategy

    public init(level: Int = 1, filter: RowFilter = .none, colorType: ColorType = .rgb, strategy: Strategy = .default) {
        self.level = level
        self.filter = filter
        self.colorType = colorType
        self.strategy = strategy
    }

    public func validated() throws(PNGError) -> PNGOptions {
        guard (0...9).contains(level) else { throw .invalidOptions("zlib level must be 0-9, got \(level)") }
        return self
    }
}
