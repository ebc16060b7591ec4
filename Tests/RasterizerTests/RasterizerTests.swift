import Testing

@testable import Rasterizer
@testable import SceneModel

@Suite struct RasterizerTests {
    let white = NamedColor(name: "white", rgb: RGB(255, 255, 255))

    func object(
        _ id: Int, _ shape: ShapeKind, _ rgb: RGB, x: Double, y: Double, r: Double, fill: Fill = .solid, rot: Double = 0
    ) -> SceneObject {
        SceneObject(
            id: id, shape: shape, color: NamedColor(name: "c\(id)", rgb: rgb), size: "medium", radius: r, fill: fill,
            center: Point(x: x, y: y), rotation: rot, z: id)
    }

    var overlapping: Scene {
        Scene(
            width: 96, height: 96, background: white,
            objects: [
                object(1, .circle, RGB(200, 30, 30), x: 40, y: 40, r: 25),
                object(2, .star, RGB(30, 30, 200), x: 58, y: 55, r: 26, rot: 10),
                object(3, .hexagon, RGB(30, 160, 60), x: 25, y: 70, r: 14, fill: .outline),
            ])
    }

    @Test func antiAliasedEdgesHaveIntermediateValues() {
        let rendered = Rasterizer.render(overlapping)
        var intermediate = 0
        let palette = Set([RGB(255, 255, 255)] + overlapping.objects.map(\.color.rgb))
        for y in 0..<96 {
            for x in 0..<96 where !palette.contains(rendered.canvas.pixel(x: x, y: y)) { intermediate += 1 }
        }
        #expect(intermediate > 100, "edges should blend, found \(intermediate) blended pixels")
    }

    /// The id plane and the canvas come from the same coverage: a pixel owned by an object is
    /// at least half its color, and a pixel of exactly an object's color is owned by it.
    @Test func idPlaneAgreesWithCanvasColors() {
        let scene = overlapping
        let rendered = Rasterizer.render(scene)
        let canvas = rendered.canvas
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let id = Int(canvas.ids[y * canvas.width + x])
                let px = canvas.pixel(x: x, y: y)
                if let owner = scene.objects.first(where: { $0.id == id }) {
                    let c = owner.color.rgb
                    let far = max(abs(Int(px.r) - Int(c.r)), abs(Int(px.g) - Int(c.g)), abs(Int(px.b) - Int(c.b)))
                    #expect(far <= 128, "pixel \(x),\(y) owned by \(id) is too far from its color")
                } else {
                    #expect(id == 0)
                }
                for o in scene.objects where o.color.rgb == px {
                    #expect(id == o.id, "pixel \(x),\(y) has object \(o.id)'s exact color but id \(id)")
                }
                if id == 0 && px != RGB(255, 255, 255) {
                    // Background-owned pixels are at most half covered by anything.
                    #expect(px.r >= 100 || px.g >= 100 || px.b >= 100)
                }
            }
        }
    }

    /// Measurements equal an independent count over the id plane.
    @Test func measurementsMatchTheIdPlane() {
        let scene = overlapping
        let rendered = Rasterizer.render(scene)
        let canvas = rendered.canvas
        for (o, m) in zip(scene.objects, rendered.measurements) {
            var count = 0
            var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
            for y in 0..<canvas.height {
                for x in 0..<canvas.width where Int(canvas.ids[y * canvas.width + x]) == o.id {
                    count += 1
                    minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                }
            }
            #expect(m.visiblePixels == count)
            #expect(m.bbox == PixelBox(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1))
            #expect(m.fullPixels >= m.visiblePixels)
        }
        // The circle is partly under the star; the star, on top, is whole.
        #expect(rendered.measurements[0].visibleFraction < 0.95)
        #expect(rendered.measurements[1].visibleFraction == 1)
        // The full box of the occluded circle is its whole extent.
        let full = rendered.measurements[0].fullBox
        #expect(full == PixelBox(x: 15, y: 15, width: 50, height: 50))
    }

    @Test func outlineFillLeavesTheInteriorToWhatLiesBeneath() {
        let scene = Scene(
            width: 64, height: 64, background: white,
            objects: [
                object(1, .square, RGB(200, 30, 30), x: 32, y: 32, r: 10),
                object(2, .square, RGB(30, 30, 200), x: 32, y: 32, r: 25, fill: .outline),
            ])
        let rendered = Rasterizer.render(scene)
        #expect(rendered.canvas.ids[32 * 64 + 32] == 1, "the small square shows through the outline's hole")
        #expect(rendered.canvas.ids[32 * 64 + 13] == 2, "the band belongs to the outline")
        #expect(rendered.canvas.ids[32 * 64 + 20] == 0, "between them is background")
        // The square spans pixels 12..<52; the band is 4.25 px wide, so its owned pixels (coverage
        // at least one half) are the outer 40x40 less the inner 32x32.
        #expect(FillStyle.strokeWidth(radius: 25) == 4.25)
        #expect(rendered.measurements[1].visiblePixels == 40 * 40 - 32 * 32)
    }

    @Test(arguments: [Fill.striped, .dotted])
    func patternsShowTheTintButKeepTheColorDominant(fill: Fill) {
        let color = RGB(30, 100, 230)
        let scene = Scene(
            width: 80, height: 80, background: white,
            objects: [object(1, .circle, color, x: 40, y: 40, r: 30, fill: fill)])
        let canvas = Rasterizer.render(scene).canvas
        let tint = FillStyle.tint(of: color)
        var exact = 0, tinted = 0, owned = 0
        for p in 0..<(80 * 80) where canvas.ids[p] == 1 {
            owned += 1
            let px = canvas.pixel(x: p % 80, y: p / 80)
            if px == color { exact += 1 }
            if px == tint { tinted += 1 }
        }
        #expect(tinted > 0)
        #expect(Double(exact) / Double(owned) > 0.5, "\(exact) of \(owned) pixels keep the named color")
    }

    /// A patterned background changes no id and no measurement; where no object is, every
    /// pixel lies between the background and its shade, and the shade shows.
    @Test(arguments: [BackgroundPattern.striped, .dotted], [nil, 16])
    func aBackgroundPatternPaintsOnlyTheBackground(pattern: BackgroundPattern, levels: Int?) {
        var patterned = overlapping
        patterned.backgroundPattern = pattern
        let plain = Rasterizer.render(overlapping, coverageLevels: levels)
        let drawn = Rasterizer.render(patterned, coverageLevels: levels)
        #expect(drawn.canvas.ids == plain.canvas.ids)
        #expect(drawn.measurements == plain.measurements)
        let shade = BackgroundPattern.shade(of: white.rgb)
        var shaded = 0
        var outside = 0
        var background = 0
        for y in 0..<96 {
            for x in 0..<96 where drawn.canvas.ids[y * 96 + x] == 0 {
                // Away from every object's owned pixels (two pixels grown: a sharp tip's faint
                // edge reaches beyond them), only the pattern is drawn.
                let near = drawn.measurements.contains { m in
                    guard let b = m.fullBox else { return false }
                    return x >= b.x - 2 && x <= b.x + b.width + 1 && y >= b.y - 2 && y <= b.y + b.height + 1
                }
                if near { continue }
                background += 1
                let px = drawn.canvas.pixel(x: x, y: y)
                if px == shade { shaded += 1 }
                if !(shade.r...white.rgb.r).contains(px.r) || px.r != px.g || px.g != px.b { outside += 1 }
            }
        }
        #expect(outside == 0, "\(outside) background pixels are neither the background, its shade nor a blend")
        #expect(shaded * 20 > background, "the shade shows: \(shaded) of \(background)")
    }

    /// A patterned background is painted once and copied after: a copy gives the same pixels
    /// and palette as painting it afresh.
    @Test(arguments: [BackgroundPattern.striped, .dotted], [nil, 16])
    func aCopiedBackgroundIsThePaintedOne(pattern: BackgroundPattern, levels: Int?) {
        var patterned = overlapping
        patterned.backgroundPattern = pattern
        Rasterizer.paintedBackgrounds.withLock { $0.removeAll() }
        let painted = Rasterizer.render(patterned, coverageLevels: levels)
        let copied = Rasterizer.render(patterned, coverageLevels: levels)
        #expect(Rasterizer.paintedBackgrounds.withLock { !$0.isEmpty })
        #expect(copied.canvas.pixels == painted.canvas.pixels)
        #expect(copied.canvas.palette == painted.canvas.palette)
        #expect(copied.measurements == painted.measurements)
    }

    @Test func renderingIsDeterministic() {
        #expect(Rasterizer.render(overlapping).canvas == Rasterizer.render(overlapping).canvas)
    }
}
