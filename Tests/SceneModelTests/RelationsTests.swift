import Testing

@testable import SceneModel

@Suite struct RelationsTests {
    func object(_ id: Int, x: Double, y: Double) -> SceneObject {
        SceneObject(
            id: id, shape: .circle, color: NamedColor(name: "red", rgb: RGB(255, 0, 0)), size: "small", radius: 5,
            fill: .solid, center: Point(x: x, y: y), rotation: 0, z: id)
    }

    /// The pruned test agrees with the full distance on pairs of every shape, from apart to
    /// crossing, one inside the other, and near the threshold.
    @Test func outlinesApartAgreesWithTheirGap() {
        var rng = Xoshiro256(seed: 42)
        var decided = (apart: 0, near: 0)
        for _ in 0..<3000 {
            let a = ShapeGeometry.outline(
                ShapeKind.allCases[Int(rng.next() % UInt64(ShapeKind.allCases.count))], center: Point(x: 50, y: 50),
                radius: 5 + 20 * rng.unit(), rotation: 360 * rng.unit())
            let b = ShapeGeometry.outline(
                ShapeKind.allCases[Int(rng.next() % UInt64(ShapeKind.allCases.count))],
                center: Point(x: 50 + 70 * (rng.unit() - 0.5), y: 50 + 70 * (rng.unit() - 0.5)),
                radius: 3 + 20 * rng.unit(), rotation: 360 * rng.unit())
            for gap in [0.5, Relations.overlapGap, 6.0] {
                let apart = Relations.outlineGap(a, b) >= gap
                #expect(Relations.outlinesApart(a, b, atLeast: gap) == apart)
                if apart { decided.apart += 1 } else { decided.near += 1 }
            }
        }
        #expect(decided.apart > 1000 && decided.near > 1000, "both answers are tested")
    }

    @Test func directionsNeedTheMargin() {
        let r = Relations(margin: 8)
        let a = object(1, x: 10, y: 10)
        let b = object(2, x: 18, y: 30)
        let c = object(3, x: 17.9, y: 30)
        #expect(r.holds(a, .left, of: b))
        #expect(r.holds(b, .right, of: a))
        #expect(r.holds(a, .above, of: b))
        #expect(r.holds(b, .below, of: a))
        #expect(!r.holds(a, .left, of: c), "7.9 px is within the 8 px margin")
        #expect(!r.holds(c, .right, of: a))
        #expect(r.isDecided(Relations.position(of: a), Relations.position(of: b)))
        #expect(!r.isDecided(Relations.position(of: a), Relations.position(of: c)))
    }

    @Test func orderingIsByPosition() {
        let objs = [object(1, x: 50, y: 5), object(2, x: 10, y: 40), object(3, x: 30, y: 20)]
        #expect(Relations.ordered(objs, toward: .right).map(\.id) == [2, 3, 1])
        #expect(Relations.ordered(objs, toward: .left).map(\.id) == [1, 3, 2])
        #expect(Relations.ordered(objs, toward: .below).map(\.id) == [1, 3, 2])
        #expect(Relations.ordered(objs, toward: .above).map(\.id) == [2, 3, 1])
    }

    @Test func invariantsCatchBrokenScenes() {
        let bg = NamedColor(name: "white", rgb: RGB(255, 255, 255))
        #expect(throws: Never.self) {
            try Scene(width: 64, height: 64, background: bg, objects: [object(1, x: 5, y: 5)]).checkInvariants()
        }
        #expect(throws: SceneInvariantViolation.self) {
            try Scene(width: 64, height: 64, background: bg, objects: [object(2, x: 5, y: 5)]).checkInvariants()
        }
        #expect(throws: SceneInvariantViolation.self) {
            try Scene(width: 0, height: 64, background: bg, objects: []).checkInvariants()
        }
    }

    @Test func ciede2000MatchesSharmasTestData() {
        // Pairs 1, 7 and 17 of Sharma, Wu and Dalal (2005), Table 1.
        let cases: [((Double, Double, Double), (Double, Double, Double), Double)] = [
            ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
            ((50, 0, 0), (50, -1, 2), 2.3669),
            ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ]
        for (a, b, expected) in cases {
            #expect(abs(ColorDifference.ciede2000(lab1: a, lab2: b) - expected) < 1e-4)
        }
    }
}

@Suite struct ContainmentTests {
    func object(_ id: Int, _ shape: ShapeKind, x: Double, y: Double, r: Double, fill: Fill) -> SceneObject {
        SceneObject(
            id: id, shape: shape, color: NamedColor(name: "red", rgb: RGB(255, 0, 0)), size: "medium", radius: r,
            fill: fill, center: Point(x: x, y: y), rotation: 0, z: id)
    }

    @Test func insideNeedsAHollowHolderWithClearance() {
        let frame = object(1, .square, x: 100, y: 100, r: 40, fill: .outline)
        let solidFrame = object(2, .square, x: 100, y: 100, r: 40, fill: .solid)
        let small = object(3, .circle, x: 100, y: 100, r: 8, fill: .solid)
        let onBand = object(4, .circle, x: 132, y: 100, r: 8, fill: .solid)
        let far = object(5, .circle, x: 20, y: 20, r: 8, fill: .solid)
        #expect(Relations.inside(small, frame) == true)
        #expect(Relations.inside(small, solidFrame) == nil, "a solid shape hides, it does not hold")
        #expect(Relations.inside(onBand, frame) == nil, "touching the band is never stated")
        #expect(Relations.inside(far, frame) == false)
        #expect(Relations.inside(frame, small) == nil)
    }

    @Test func overlapNeedsPixelsOrAGap() {
        let a = Rect(minX: 0, minY: 0, maxX: 10, maxY: 10)
        let near = Rect(minX: 11, minY: 0, maxX: 20, maxY: 10)
        let far = Rect(minX: 13, minY: 0, maxX: 20, maxY: 10)
        #expect(Relations.overlap(sharedPixels: 12, a, near) == true)
        #expect(Relations.overlap(sharedPixels: 3, a, near) == nil)
        #expect(Relations.overlap(sharedPixels: 0, a, near) == nil, "1 px apart is too close to call")
        #expect(Relations.overlap(sharedPixels: 0, a, far) == false)
    }

    @Test func nearestNeedsTheMargin() {
        let r = Relations(margin: 8)
        let p = Point(x: 0, y: 0)
        #expect(r.nearest(to: p, among: [(1, Point(x: 10, y: 0)), (2, Point(x: 30, y: 0))]) == 1)
        #expect(r.nearest(to: p, among: [(1, Point(x: 10, y: 0)), (2, Point(x: 0, y: 15))]) == nil)
    }
}
