import SceneModel

/// The palette of an indexed render, built while painting: entry 0 is the background, every
/// other entry is a color some pixel took, each RGB value once, in order of first use (so
/// the bytes are deterministic).
///
/// A partly covered pixel blends its source over the entry beneath at one of `levels`
/// coverage steps; the result of each (source, beneath, step) triple is cached, so painting
/// looks up an index instead of blending three channels. More than 256 entries sets
/// `overflowed`; the rasterizer then draws the scene again with fewer levels.
struct IndexedPalette {
    let levels: Int
    private(set) var colors: [RGB]
    private(set) var overflowed = false
    /// Open-addressed cache of blends: key `source | beneath << 8 | step << 16`, plus one.
    private var blendKeys = [UInt32](repeating: 0, count: IndexedPalette.slots)
    private var blendValues = [UInt8](repeating: 0, count: IndexedPalette.slots)
    private var cachedBlends = 0
    /// Open-addressed index of the entries by RGB value, plus one.
    private var colorKeys = [UInt32](repeating: 0, count: 512)
    private var colorValues = [UInt8](repeating: 0, count: 512)

    private static let slots = 4096

    init(levels: Int, background: RGB) {
        self.levels = levels
        colors = []
        colors.reserveCapacity(256)
        _ = index(of: background)
    }

    /// The entry of `rgb`, added when new (0 once the palette has overflowed).
    mutating func index(of rgb: RGB) -> UInt8 {
        let key = (UInt32(rgb.r) << 16 | UInt32(rgb.g) << 8 | UInt32(rgb.b)) + 1
        var slot = Int((key &* 2_654_435_761) >> 23) & 511
        while colorKeys[slot] != 0 {
            if colorKeys[slot] == key { return colorValues[slot] }
            slot = (slot + 1) & 511
        }
        guard colors.count < 256 else {
            overflowed = true
            return 0
        }
        colorKeys[slot] = key
        colorValues[slot] = UInt8(colors.count)
        colors.append(rgb)
        return UInt8(colors.count - 1)
    }

    /// `source` over `beneath` at coverage `step / levels` (0 < step < levels), with the same
    /// arithmetic as the RGB rasterizer's blend.
    @inline(__always)
    mutating func blend(_ source: UInt8, over beneath: UInt8, step: Int) -> UInt8 {
        let key = (UInt32(source) | UInt32(beneath) << 8 | UInt32(step) << 16) + 1
        var slot = Int((key &* 2_654_435_761) >> 20) & (IndexedPalette.slots - 1)
        while blendKeys[slot] != 0 {
            if blendKeys[slot] == key { return blendValues[slot] }
            slot = (slot + 1) & (IndexedPalette.slots - 1)
        }
        let alpha = IndexedPalette.alpha(step: step, levels: levels)
        let s = colors[Int(source)]
        let d = colors[Int(beneath)]
        let result = index(
            of: RGB(
                Rasterizer.blend(s.r, d.r, alpha), Rasterizer.blend(s.g, d.g, alpha), Rasterizer.blend(s.b, d.b, alpha))
        )
        if !overflowed, cachedBlends < IndexedPalette.slots * 3 / 4 {
            cachedBlends += 1
            blendKeys[slot] = key
            blendValues[slot] = result
        }
        return result
    }

    /// The blend weight (out of 256) of coverage step `step` of `levels`.
    @inline(__always)
    static func alpha(step: Int, levels: Int) -> Int { (step * 256 + levels / 2) / levels }

    /// The coverage step nearest to `coverage` in [0, 1].
    @inline(__always)
    static func step(_ coverage: Float, levels: Int) -> Int { Int(coverage * Float(levels) + 0.5) }
}
