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
            lost +=
                zip(over.markMeasurements, over.textMeasurements.flatMap(\.words))
                .filter { $0.0.visiblePixels < $0.0.fullPixels || $0.1.visiblePixels < $0.1.fullPixels }.count
        }
        #expect(lost > 0, "the crowded charts must lose pixels for this test to test anything")
    }
}
