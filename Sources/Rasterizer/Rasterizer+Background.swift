import SceneModel
import Synchronization

/// A patterned background (``BackgroundPattern``) is painted over the whole canvas before any
/// object, by the fill patterns' own code, at full coverage: each pixel takes the pattern's
/// color at its center (in an indexed image, at the palette's coverage steps). The id plane
/// stays 0: the background owns its pattern, so no measurement changes.
///
/// The painted background depends only on its color, pattern, canvas size and image kind, and
/// it is painted first (into a palette holding only the background color), so each is painted
/// once per process and copied after: a pattern at every pixel cost a third of a sign sample.
extension Rasterizer {
    struct BackgroundKey: Hashable {
        let color: RGB
        let pattern: BackgroundPattern
        let width: Int
        let height: Int
        /// The indexed palette's coverage steps; 0 for RGB.
        let levels: Int
    }

    struct PaintedBackground {
        let pixels: [UInt8]
        /// The palette after painting (indexed images only).
        let palette: IndexedPalette?
    }

    /// Bounded: a plan has few background colors, and a miss only costs painting.
    static let paintedBackgrounds = Mutex<[BackgroundKey: PaintedBackground]>([:])
    static let paintedBackgroundLimit = 64

    static func paintBackground(_ scene: Scene, on canvas: inout Canvas, painting: Painting) {
        guard let kind = scene.backgroundPattern,
            let pattern = FillPattern(background: scene.background.rgb, pattern: kind)
        else { return }
        if case .none = painting { return }
        var levels = 0
        if case .indexed(let palette) = painting {
            // Only a palette holding just the background gives the same indices every time.
            guard palette.pointee.colors.count == 1 else {
                paintEverywhere(on: &canvas, with: IndexedPainter(pattern: pattern, palette))
                return
            }
            levels = palette.pointee.levels
        }
        let key = BackgroundKey(
            color: scene.background.rgb, pattern: kind, width: canvas.width, height: canvas.height, levels: levels)
        if let known = paintedBackgrounds.withLock({ $0[key] }) {
            canvas.pixels = known.pixels
            if case .indexed(let palette) = painting, let state = known.palette { palette.pointee = state }
            return
        }
        var palette: IndexedPalette?
        switch painting {
        case .rgb: paintEverywhere(on: &canvas, with: RGBPainter(pattern: pattern))
        case .indexed(let p):
            paintEverywhere(on: &canvas, with: IndexedPainter(pattern: pattern, p))
            palette = p.pointee
        case .none: return
        }
        let painted = PaintedBackground(pixels: canvas.pixels, palette: palette)
        paintedBackgrounds.withLock { cache in
            if cache.count < paintedBackgroundLimit { cache[key] = painted }
        }
    }

    static func paintEverywhere<Painter: PixelPainter>(on canvas: inout Canvas, with painter: Painter) {
        var painter = painter
        let (width, height) = (canvas.width, canvas.height)
        canvas.pixels.withUnsafeMutableBufferPointer { px in
            for y in 0..<height {
                for x in 0..<width { painter.paint(px, at: y * width + x, x: x, y: y, coverage: 1) }
            }
        }
    }
}
