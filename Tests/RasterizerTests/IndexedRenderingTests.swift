import Testing

@testable import Rasterizer
@testable import SceneModel

/// Indexed rendering: palette images exact by construction, with the RGB renderer's id plane.
@Suite struct IndexedRenderingTests {
    /// A splitmix64 stream, so the scenes are the same on every run.
    struct Stream {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// `count` objects of every shape and fill, drawn from `colors` colors, piled on a 128 px
    /// canvas so that edges cross edges and patterns everywhere.
    static func crowded(seed: UInt64, count: Int, colors: Int) -> Scene {
        var s = Stream(state: seed)
        let palette = (0..<colors).map { (i: Int) -> NamedColor in
            let r = UInt8(37 * i % 256)
            let g = UInt8(91 * i % 256)
            let b = UInt8((53 * i + 17) % 256)
            return NamedColor(name: "c\(i)", rgb: RGB(r, g, b))
        }
        let objects = (1...count).map { id in
            SceneObject(
                id: id, shape: ShapeKind.allCases[s.int(ShapeKind.allCases.count)], color: palette[s.int(colors)],
                size: "medium", radius: 6 + 20 * s.unit(), fill: Fill.allCases[s.int(Fill.allCases.count)],
                center: Point(x: 128 * s.unit(), y: 128 * s.unit()), rotation: 360 * s.unit(), z: id)
        }
        return Scene(
            width: 128, height: 128, background: NamedColor(name: "bg", rgb: RGB(250, 248, 240)), objects: objects)
    }

    @Test(arguments: [(3, 4), (8, 11), (20, 11), (60, 40), (120, 120)])
    func everyImageFitsAPalette(count: Int, colors: Int) {
        for seed in UInt64(1)...30 {
            let scene = Self.crowded(seed: seed &* 7919 &+ UInt64(count), count: count, colors: colors)
            let indexed = Rasterizer.render(scene, coverageLevels: 16)
            let rgb = Rasterizer.render(scene)
            guard let palette = indexed.canvas.palette else {
                Issue.record("no palette")
                return
            }
            #expect(palette.count <= 256)
            #expect(indexed.canvas.pixels.allSatisfy { Int($0) < palette.count })
            #expect(Set(palette).count == palette.count, "each color once")
            #expect(indexed.canvas.ids == rgb.canvas.ids, "the id plane does not depend on the color mode")
            #expect(indexed.measurements == rgb.measurements)
            let levels = indexed.coverageLevels ?? 0
            #expect([16, 8, 4, 2, 1].contains(levels))
            // Drawing again at the steps used gives the same image (what verify does).
            let again = Rasterizer.render(scene, coverageLevels: levels)
            #expect(again.canvas == indexed.canvas && again.coverageLevels == levels)
        }
    }

    /// Measuring alone gives the drawn id plane and measurements; an object nothing was drawn
    /// over reports its whole count and box, the same as counting its ids on the plane.
    @Test(arguments: [3, 20, 120])
    func measuringAloneMatchesDrawing(count: Int) {
        for seed in UInt64(1)...20 {
            let scene = Self.crowded(seed: seed &* 104_729 &+ UInt64(count), count: count, colors: 12)
            let drawn = Rasterizer.render(scene, coverageLevels: 16)
            let measured = Rasterizer.measure(scene)
            #expect(measured.canvas.pixels.isEmpty)
            #expect(measured.canvas.ids == drawn.canvas.ids)
            #expect(measured.measurements == drawn.measurements)
            for (object, m) in zip(scene.objects, measured.measurements) {
                let id = UInt8(object.id)
                let counted = measured.canvas.ids.filter { $0 == id }.count
                #expect(m.visiblePixels == counted)
                let (_, box) = Rasterizer.measureVisible(id: id, within: m.fullBox, measured.canvas)
                #expect(m.bbox == box)
            }
        }
    }

    /// One step draws no blend: every pixel is the background, an object's color or its tint.
    @Test func oneStepDrawsOnlyUnblendedColors() {
        let scene = Self.crowded(seed: 5, count: 40, colors: 30)
        let rendered = Rasterizer.render(scene, coverageLevels: 1)
        let colors: [RGB] = scene.objects.map(\.color.rgb)
        let allowed = Set([scene.background.rgb] + colors + colors.map(FillStyle.tint(of:)))
        #expect(Set(rendered.canvas.palette ?? []).isSubset(of: allowed))
        #expect(rendered.coverageLevels == 1)
    }

    /// Where objects do not overlap, a pixel differs from full anti-aliasing only by the
    /// rounding of its coverage and of its pattern's tint, half a step of the colors'
    /// difference each, plus one for the blend's own rounding.
    @Test(arguments: [16, 8, 4])
    func aloneEdgesDifferByAtMostOneStep(levels: Int) {
        var worst = 0
        for i in 0..<12 {
            let x = Double(16 + (i % 4) * 32)
            let y = Double(20 + (i / 4) * 40)
            let scene = Scene(
                width: 128, height: 128, background: NamedColor(name: "bg", rgb: RGB(255, 255, 255)),
                objects: [
                    SceneObject(
                        id: 1, shape: ShapeKind.allCases[i], color: NamedColor(name: "k", rgb: RGB(20, 20, 20)),
                        size: "m", radius: 13, fill: Fill.allCases[i % 4], center: Point(x: x, y: y),
                        rotation: Double(7 * i), z: 1)
                ])
            let full = Rasterizer.render(scene).canvas.rgb
            let indexed = Rasterizer.render(scene, coverageLevels: levels).canvas.rgb
            for (a, b) in zip(full, indexed) { worst = max(worst, abs(Int(a) - Int(b))) }
        }
        #expect(worst <= (235 + levels - 1) / levels + 1, "largest difference \(worst)")
    }
}
