import SceneModel

/// A patterned background (``BackgroundPattern``) is painted over the whole canvas before any
/// object, by the fill patterns' own code, at full coverage: each pixel takes the pattern's
/// color at its center (in an indexed image, at the palette's coverage steps). The id plane
/// stays 0: the background owns its pattern, so no measurement changes.
extension Rasterizer {
    static func paintBackground(_ scene: Scene, on canvas: inout Canvas, painting: Painting) {
        guard let kind = scene.backgroundPattern,
            let pattern = FillPattern(background: scene.background.rgb, pattern: kind)
        else { return }
        switch painting {
        case .rgb: paintEverywhere(on: &canvas, with: RGBPainter(pattern: pattern))
        case .indexed(let palette): paintEverywhere(on: &canvas, with: IndexedPainter(pattern: pattern, palette))
        case .none: return
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
