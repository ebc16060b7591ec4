import Foundation
import Testing

@testable import SceneModel

@Suite struct ShapeGeometryTests {
    @Test(arguments: ShapeKind.allCases)
    func outlineIsCenteredOnItsBox(kind: ShapeKind) {
        let box = ShapeGeometry.bounds(of: ShapeGeometry.unitOutline(kind, segments: 256))
        #expect(abs(box.center.x) < 1e-9, "\(kind)")
        #expect(abs(box.center.y) < 1e-9, "\(kind)")
        #expect(max(box.width, box.height) <= 2.2, "\(kind) is larger than its radius suggests")
        #expect(max(box.width, box.height) >= 1.0, "\(kind)")
    }

    @Test(arguments: ShapeKind.allCases)
    func flattenedAreaMatchesAnalyticArea(kind: ShapeKind) {
        let polygon = ShapeGeometry.polygonArea(ShapeGeometry.unitOutline(kind, segments: 4096))
        #expect(abs(polygon - kind.unitArea) / kind.unitArea < 1e-4, "\(kind): \(polygon) vs \(kind.unitArea)")
    }

    @Test func insetLeavesABandOfTheRequestedWidth() {
        let square = ShapeGeometry.outline(.square, center: Point(x: 50, y: 50), radius: 20, rotation: 0)
        let inner = ShapeGeometry.inset(square, by: 3)
        // A square of half side 16 shrinks to half side 13 and turns the other way.
        let box = ShapeGeometry.bounds(of: inner)
        #expect(abs(box.width - 26) < 1e-9)
        #expect(ShapeGeometry.signedArea(inner) * ShapeGeometry.signedArea(square) < 0)
    }

    @Test func rotationTurnsClockwiseOnScreen() {
        // The triangle's apex points up; a quarter turn clockwise points it right.
        let up = ShapeGeometry.outline(.triangle, center: Point(x: 0, y: 0), radius: 10, rotation: 0)
        let right = ShapeGeometry.outline(.triangle, center: Point(x: 0, y: 0), radius: 10, rotation: 90)
        #expect(up[0].y < -5 && abs(up[0].x) < 1e-9)
        #expect(right[0].x > 5 && abs(right[0].y) < 1e-9)
    }

    @Test func segmentCountsStayInTheCacheForAnyRadius() {
        for r in [0, 0.5, 20, 1e6, 1e15, 1e300, .infinity, -.infinity, .nan] {
            let n = ShapeGeometry.segments(radius: r)
            #expect(n >= 16 && n <= 512 && n % 8 == 0, "radius \(r) gave \(n) segments")
        }
    }

    /// The cached unit circle is the circle's points at its segment count, computed as a
    /// chart's point marks once computed them.
    @Test func theUnitCircleIsTheCircleAtItsSegmentCount() {
        for r in [0.5, 1, 2, 3, 17.5, 300, 1e9] {
            let n = ShapeGeometry.segments(radius: r)
            let expected = (0..<n).map { i in
                let t = 2 * Double.pi * Double(i) / Double(n)
                return Point(x: cos(t), y: sin(t))
            }
            #expect(ShapeGeometry.unitCircle(radius: r) == expected, "radius \(r)")
        }
    }
}
