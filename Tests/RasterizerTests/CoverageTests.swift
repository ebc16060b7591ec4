import Foundation
import Testing

@testable import Rasterizer
@testable import SceneModel

@Suite struct CoverageTests {
    @Test func axisAlignedSquareOnPixelEdgesIsExact() {
        let square = [Point(x: 2, y: 3), Point(x: 6, y: 3), Point(x: 6, y: 7), Point(x: 2, y: 7)]
        let mask = CoverageMask(contours: [square], canvasWidth: 10, canvasHeight: 10)
        for y in 0..<10 {
            for x in 0..<10 {
                let inside = (2..<6).contains(x) && (3..<7).contains(y)
                #expect(mask.coverage(x: x, y: y) == (inside ? 1 : 0), "pixel \(x),\(y)")
            }
        }
    }

    @Test func halfPixelEdgesGiveHalfCoverage() {
        let rect = [Point(x: 2.5, y: 2), Point(x: 5.5, y: 2), Point(x: 5.5, y: 4), Point(x: 2.5, y: 4)]
        let mask = CoverageMask(contours: [rect], canvasWidth: 8, canvasHeight: 8)
        #expect(mask.coverage(x: 2, y: 2) == 0.5)
        #expect(mask.coverage(x: 3, y: 2) == 1)
        #expect(mask.coverage(x: 5, y: 3) == 0.5)
        #expect(abs(mask.area - 6) < 1e-5)
    }

    @Test func bothOrientationsCoverTheSame() {
        let tri = [Point(x: 1.3, y: 1.1), Point(x: 9.7, y: 2.4), Point(x: 4.2, y: 8.9)]
        let a = CoverageMask(contours: [tri], canvasWidth: 12, canvasHeight: 12)
        let b = CoverageMask(contours: [tri.reversed()], canvasWidth: 12, canvasHeight: 12)
        #expect(a.values == b.values)
        #expect(abs(a.area - ShapeGeometry.polygonArea(tri)) < 1e-3)
    }

    /// Painting looks only between a row's span ends: outside them coverage is 0 on the left and
    /// at most the rounding residue of the row's edges on the right, far below what is painted.
    @Test func coverageOutsideTheRowSpansIsBelowPainting() {
        var rng = Xoshiro256(seed: 11)
        for shape in 0..<300 {
            // Star-like polygons with many edges, some across the canvas border, some with holes.
            let n = 3 + rng.int(in: 0...60)
            let cx = Double(rng.int(in: -10...110))
            let cy = Double(rng.int(in: -10...110))
            var outline: [Point] = []
            for k in 0..<n {
                let a = Double(k) / Double(n) * 2 * Double.pi
                let r = 5 + Double(rng.int(in: 0...400)) / 10
                outline.append(Point(x: cx + r * cos(a), y: cy + r * sin(a)))
            }
            let contours = shape % 3 == 0 ? [outline, ShapeGeometry.inset(outline, by: 2)] : [outline]
            let mask = CoverageMask(contours: contours, canvasWidth: 100, canvasHeight: 100)
            for row in 0..<mask.height {
                let (first, last) = (Int(mask.spans[row].first), Int(mask.spans[row].last))
                for col in 0..<mask.width where col < first || col > last {
                    #expect(mask.values[row * mask.width + col] <= 1e-4, "shape \(shape) row \(row) col \(col)")
                }
            }
        }
    }

    @Test func clippingAtTheCanvasKeepsCoverageExact() {
        // A square half outside the canvas on every side covers exactly the canvas.
        let big = [Point(x: -5, y: -5), Point(x: 15, y: -5), Point(x: 15, y: 15), Point(x: -5, y: 15)]
        let mask = CoverageMask(contours: [big], canvasWidth: 10, canvasHeight: 10)
        #expect(mask.values.allSatisfy { $0 == 1 })
        #expect(mask.values.count == 100)
    }

    /// Each shape's rasterized area is within 2% of its analytic area at 64 px (radius 32).
    @Test(arguments: ShapeKind.allCases)
    func rasterizedAreaMatchesAnalyticArea(kind: ShapeKind) {
        for rotation in [0.0, 17.0, 45.0] {
            let outline = ShapeGeometry.outline(kind, center: Point(x: 50.3, y: 49.6), radius: 32, rotation: rotation)
            let mask = CoverageMask(contours: [outline], canvasWidth: 100, canvasHeight: 100)
            let analytic = kind.unitArea * 32 * 32
            #expect(
                abs(mask.area - analytic) / analytic < 0.02,
                "\(kind) at \(rotation) degrees: \(mask.area) vs \(analytic)")
            let owned = mask.values.filter { $0 >= Rasterizer.ownershipThreshold }.count
            #expect(abs(Double(owned) - analytic) / analytic < 0.02, "\(kind) owned pixels \(owned) vs \(analytic)")
        }
    }
}
