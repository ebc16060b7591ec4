import SceneModel
import SceneSampler
import Testing
import Typesetting

@testable import Charts
@testable import Rasterizer

/// What the rasterizer measures of every entity (object, mark, word) is what its ids on the id
/// plane give: the count of its pixels and their box, counted here pixel by pixel. Charts whose
/// lines lose pixels to their points, and the same charts with every text item moved over the
/// plot (words over marks and over each other), so the losses the measurements rest on are many.
struct ChartMeasurementTests {
    static func expectMeasuredFromThePlane(_ r: RenderedScene, _ context: String) {
        func check(_ id: Int, _ m: ObjectMeasurement) {
            let id8 = UInt8(id)
            #expect(m.visiblePixels == r.canvas.ids.lazy.filter { $0 == id8 }.count, "\(context): entity \(id)")
            let (_, box) = Rasterizer.measureVisible(id: id8, within: m.fullBox, r.canvas)
            #expect(m.bbox == box, "\(context): entity \(id)")
        }
        for (o, m) in zip(r.scene.objects, r.measurements) { check(o.id, m) }
        for (mark, m) in zip(r.scene.marks, r.markMeasurements) { check(mark.id, m) }
        for (item, t) in zip(r.scene.texts, r.textMeasurements) {
            for (word, m) in zip(item.words, t.words) { check(word.id, m) }
        }
    }

    @Test(arguments: [Chart.Kind.line, .verticalBar, .scatter, .pie])
    func measurementsAreWhatTheIDPlaneHolds(kind: Chart.Kind) throws {
        let f = try ChartSampleTests.factory(kind: kind)
        var lost = 0
        for index: UInt64 in 0..<6 {
            let sample = try f.make(index: index)
            let scene = sample.rendered.scene
            Self.expectMeasuredFromThePlane(Rasterizer.render(scene, coverageLevels: 16), "\(kind) \(index)")
            // Every text item over the plot, spread along its diagonal.
            let plot = try #require(scene.chart?.plot)
            var crowded = scene
            for i in crowded.texts.indices {
                let t = Double(i + 1) / Double(crowded.texts.count + 1)
                crowded.texts[i].position = Point(
                    x: plot.minX + t * (plot.maxX - plot.minX), y: plot.minY + (1 - t) * (plot.maxY - plot.minY))
            }
            let over = Rasterizer.render(try Typesetter.shared.typeset(crowded), coverageLevels: 16)
            Self.expectMeasuredFromThePlane(over, "\(kind) \(index), text over the plot")
            let losing = over.markMeasurements + over.textMeasurements.flatMap(\.words)
            lost += losing.filter { $0.visiblePixels < $0.fullPixels }.count
        }
        #expect(lost > 0, "the crowded charts must lose pixels for this test to test anything")
    }
}

extension ChartMeasurementTests {
    /// The sampler refuses, undrawn, a chart in which a later mark cuts a bar or a point: the
    /// check says so exactly when the drawn id plane shows one partly hidden (text aside).
    /// Points are moved by steps of a third of a pixel towards and across the axes.
    @Test(arguments: [Chart.Kind.line, .scatter, .verticalBar, .horizontalBar])
    func aCutMarkIsFoundWithoutDrawing(kind: Chart.Kind) throws {
        let f = try ChartSampleTests.factory(kind: kind)
        var cut = 0
        var whole = 0
        for index: UInt64 in 0..<3 {
            var scene = try f.make(index: index).rendered.scene
            scene.texts = []
            let plot = try #require(scene.chart?.plot)
            let data = scene.marks.indices.filter { scene.marks[$0].role == .point || scene.marks[$0].role == .bar }
            for step in 0..<24 {
                var moved = scene
                let k = data[step % data.count]
                let b = ShapeGeometry.bounds(of: moved.marks[k].contours.joined().map { $0 })
                // Towards the left axis and the bottom axis, from 4 px inside to 4 px across.
                let dx = step % 2 == 0 ? plot.minX + 4 - Double(step) / 3 - b.minX : 0
                let dy = step % 2 == 1 ? plot.maxY - 4 + Double(step) / 3 - b.maxY : 0
                moved.marks[k].contours = moved.marks[k].contours.map { c in
                    c.map { Point(x: $0.x + dx, y: $0.y + dy) }
                }
                let r = Rasterizer.measure(moved)
                let hidden = zip(moved.marks, r.markMeasurements).contains {
                    ($0.0.role == .point || $0.0.role == .bar) && $0.1.visiblePixels < $0.1.fullPixels
                }
                #expect(Rasterizer.laterMarksCutAWholeMark(moved) == hidden, "\(kind) \(index) step \(step)")
                if hidden { cut += 1 } else { whole += 1 }
            }
        }
        #expect(cut > 0 && whole > 0, "cut \(cut), whole \(whole): both outcomes must occur")
    }
}
