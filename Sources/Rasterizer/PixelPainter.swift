import SceneModel

/// What one object puts into one pixel of the color plane, given the pixel's coverage: the
/// color part of ``Rasterizer/paint(_:on:takenOver:with:)``, which owns the id plane.
protocol PixelPainter {
    mutating func paint(_ pixels: UnsafeMutableBufferPointer<UInt8>, at p: Int, x: Int, y: Int, coverage: Float)
    /// Whether every fully covered pixel takes one color (no pattern): ``fillCovered`` applies.
    var fillsRuns: Bool { get }
    /// Paints the `count` fully covered pixels from `p` on as `paint` would (`fillsRuns` only).
    func fillCovered(_ pixels: UnsafeMutableBufferPointer<UInt8>, from p: Int, count: Int)
}

/// Blends the object's color (or its fill pattern's) over RGB pixels at full precision.
struct RGBPainter: PixelPainter {
    let color: RGB
    let pattern: FillPattern?

    init(_ object: SceneObject) {
        color = object.color.rgb
        pattern = FillPattern(object: object)
    }

    /// A plain color (text).
    init(color: RGB) {
        self.color = color
        pattern = nil
    }

    /// A pattern alone (a patterned background).
    init(pattern: FillPattern) {
        color = pattern.color
        self.pattern = pattern
    }

    var fillsRuns: Bool { pattern == nil }

    @inline(__always)
    func fillCovered(_ px: UnsafeMutableBufferPointer<UInt8>, from p: Int, count: Int) {
        for o in stride(from: p * 3, to: (p + count) * 3, by: 3) {
            px[o] = color.r
            px[o + 1] = color.g
            px[o + 2] = color.b
        }
    }

    @inline(__always)
    mutating func paint(_ px: UnsafeMutableBufferPointer<UInt8>, at p: Int, x: Int, y: Int, coverage c: Float) {
        let src = pattern?.color(x: x, y: y) ?? color
        let o = p * 3
        if c >= 1 {
            px[o] = src.r
            px[o + 1] = src.g
            px[o + 2] = src.b
        } else {
            let alpha = Int(c * 256 + 0.5)
            px[o] = Rasterizer.blend(src.r, px[o], alpha)
            px[o + 1] = Rasterizer.blend(src.g, px[o + 1], alpha)
            px[o + 2] = Rasterizer.blend(src.b, px[o + 2], alpha)
        }
    }
}

/// Writes palette indices: coverage and the pattern's tint are rounded to the palette's
/// coverage steps, and every blend goes through the palette's cache.
struct IndexedPainter: PixelPainter {
    let palette: UnsafeMutablePointer<IndexedPalette>
    let levels: Int
    /// The object's plain color.
    let plain: UInt8
    let pattern: FillPattern?
    /// The pattern's color at each tint step (0: the plain color), -1 until first used, so
    /// that only colors some pixel takes enter the palette.
    var tinted: [Int]

    init(_ object: SceneObject, _ palette: UnsafeMutablePointer<IndexedPalette>) {
        self.palette = palette
        levels = palette.pointee.levels
        plain = palette.pointee.index(of: object.color.rgb)
        pattern = FillPattern(object: object)
        tinted = pattern == nil ? [] : [Int](repeating: -1, count: levels + 1)
    }

    /// A plain color (text).
    init(color: RGB, _ palette: UnsafeMutablePointer<IndexedPalette>) {
        self.palette = palette
        levels = palette.pointee.levels
        plain = palette.pointee.index(of: color)
        pattern = nil
        tinted = []
    }

    /// A pattern alone (a patterned background).
    init(pattern: FillPattern, _ palette: UnsafeMutablePointer<IndexedPalette>) {
        self.palette = palette
        levels = palette.pointee.levels
        plain = palette.pointee.index(of: pattern.color)
        self.pattern = pattern
        tinted = [Int](repeating: -1, count: levels + 1)
    }

    @inline(__always)
    mutating func source(_ pattern: FillPattern, x: Int, y: Int) -> UInt8 {
        let step = IndexedPalette.step(Float(pattern.tintAmount(x: x, y: y)), levels: levels)
        if step == 0 { return plain }
        if tinted[step] < 0 {
            let tint = palette.pointee.index(of: pattern.tint)
            tinted[step] = step == levels ? Int(tint) : Int(palette.pointee.blend(tint, over: plain, step: step))
        }
        return UInt8(truncatingIfNeeded: tinted[step])
    }

    var fillsRuns: Bool { pattern == nil }

    @inline(__always)
    func fillCovered(_ px: UnsafeMutableBufferPointer<UInt8>, from p: Int, count: Int) {
        for q in p..<(p + count) { px[q] = plain }
    }

    @inline(__always)
    mutating func paint(_ px: UnsafeMutableBufferPointer<UInt8>, at p: Int, x: Int, y: Int, coverage c: Float) {
        let src: UInt8
        if let pattern { src = source(pattern, x: x, y: y) } else { src = plain }
        if c >= 1 {
            px[p] = src
            return
        }
        let step = IndexedPalette.step(c, levels: levels)
        if step == 0 { return }
        px[p] = step >= levels ? src : palette.pointee.blend(src, over: px[p], step: step)
    }
}

/// Paints nothing: the id plane alone (``Rasterizer/measure(_:)``).
struct NoPainter: PixelPainter {
    var fillsRuns: Bool { true }

    @inline(__always)
    func fillCovered(_ px: UnsafeMutableBufferPointer<UInt8>, from p: Int, count: Int) {}

    @inline(__always)
    mutating func paint(_ px: UnsafeMutableBufferPointer<UInt8>, at p: Int, x: Int, y: Int, coverage c: Float) {}
}
