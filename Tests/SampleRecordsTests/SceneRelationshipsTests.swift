import Describer
import SampleRecords
import SceneModel
import Testing

@Suite struct SceneRelationshipsTests {
    /// A scene with objects left, right, above and below of each other, one inside another
    /// and two overlapping, measured by hand (only boxes, areas and overlaps matter here).
    static func facts() -> SceneFacts {
        let spots: [(x: Double, y: Double, r: Double)] = [
            (60, 60, 40), (60, 60, 10), (200, 60, 20), (60, 200, 20), (210, 210, 30), (240, 230, 20),
        ]
        let red = NamedColor(name: "red", rgb: RGB(255, 0, 0))
        let objects = spots.enumerated().map { i, s in
            SceneObject(
                id: i + 1, shape: .circle, color: red, size: "small", radius: s.r, fill: .solid,
                center: Point(x: s.x, y: s.y), rotation: 0, z: i)
        }
        let measurements = spots.enumerated().map { i, s in
            let box = PixelBox(x: Int(s.x - s.r), y: Int(s.y - s.r), width: Int(2 * s.r), height: Int(2 * s.r))
            let area = Int(Double.pi * s.r * s.r)
            let overlaps: [ObjectMeasurement.Overlap] =
                switch i {
                case 0: [.init(id: 2, pixels: 314)]
                case 1: [.init(id: 1, pixels: 314)]
                case 4: [.init(id: 6, pixels: 400)]
                case 5: [.init(id: 5, pixels: 400)]
                default: []
                }
            return ObjectMeasurement(
                visiblePixels: area, fullPixels: area, bbox: box, fullBox: box, overlaps: overlaps)
        }
        let scene = Scene(
            width: 300, height: 300, background: NamedColor(name: "white", rgb: RGB(255, 255, 255)), objects: objects)
        return SceneFacts(scene: scene, measurements: measurements, relations: Relations(margin: 4))
    }

    @Test func relationshipsAreWhatSceneFactsSays() throws {
        let facts = Self.facts()
        let r = try #require(SceneRelationships(facts))
        for i in 0..<facts.count {
            #expect(r.left[i] == Array(facts.related(i, .left)))
            #expect(r.right[i] == Array(facts.related(i, .right)))
            #expect(r.above[i] == Array(facts.related(i, .above)))
            #expect(r.below[i] == Array(facts.related(i, .below)))
            #expect(r.inside[i] == Array(facts.inside[i]))
            #expect(r.containing[i] == Array(facts.containing[i]))
            #expect(r.overlapping[i] == Array(facts.overlapping[i]))
            #expect(r.nearest[i] == (facts.nearest[i].map { [$0] } ?? []))
        }
        // The scene states something of each kind, so the comparison above is not vacuous.
        #expect(r.left.contains { !$0.isEmpty } && r.above.contains { !$0.isEmpty })
    }
}
