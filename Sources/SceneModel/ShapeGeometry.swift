import Foundation

/// Exact outlines of shapes, in unit and in canvas coordinates.
///
/// Local coordinates have x to the right and y down (as the canvas), the origin at the middle
/// of the unrotated bounding box, and unit radius: the largest half-extent of most shapes is 1.
/// An object maps local `p` to canvas `center + radius * R(rotation) * p`, where a positive
/// rotation turns clockwise on screen.
public enum ShapeGeometry {
    public static let ellipseMinor = 0.6
    public static let squareHalf = 0.8
    public static let rectangleHalfHeight = 0.55
    public static let starInner = 0.45
    public static let crossHalfWidth = 0.3
    public static let crossHalfLength = 0.95
    public static let diamondHalfWidth = 0.65
    public static let triangleCircumradius = 1.1
    /// The heart uses Inigo Quilez's construction (tip at the origin, y up, half-width
    /// 1/4 + sqrt(2)/4); it is scaled to unit half-width.
    public static let heartScale = 1.0 / (0.25 + 2.0.squareRoot() / 4)

    /// Number of segments used to flatten a curved outline of the given radius: enough that
    /// the chord error r(1 - cos(pi/n)) stays under 0.02 px, rounded up to a multiple of 8 so
    /// that unit outlines can be computed once and shared.
    public static func segments(radius: Double) -> Int {
        let r = radius.isFinite ? max(radius, 1) : 1
        // Past about 1e14 px, 1 - 0.02/r rounds to 1 and n is infinite: the cap applies first.
        let n = min(Double.pi / acos(1 - min(0.02 / r, 1)), 512)
        let exact = max(16, Int(n.rounded(.up)))
        return (exact + 7) / 8 * 8
    }

    /// Unit outlines of every shape at every segment count ``segments(radius:)`` can return,
    /// computed once: placing and drawing objects then costs one transform per point.
    static let cachedOutlines: [[[Point]]] = ShapeKind.allCases.map { kind in
        kind.isPolygon
            ? [unitOutline(kind, segments: 0)] : (0...64).map { unitOutline(kind, segments: max(16, $0 * 8)) }
    }

    /// The cached unit outline for a shape drawn at `radius`.
    static func cachedUnitOutline(_ kind: ShapeKind, radius: Double) -> [Point] {
        let table = cachedOutlines[kind.ordinal]
        return kind.isPolygon ? table[0] : table[segments(radius: radius) / 8]
    }

    /// The unit circle's points (angle 2 pi i / n for i in 0..<n) at the segment count of a
    /// circle drawn at `radius`, from the cache.
    public static func unitCircle(radius: Double) -> [Point] {
        cachedUnitOutline(.circle, radius: radius)
    }

    /// The closed outline at unit radius, without repeating the first point.
    /// `segments` applies to curved shapes only.
    public static func unitOutline(_ kind: ShapeKind, segments n: Int) -> [Point] {
        switch kind {
        case .circle:
            return arc(center: Point(x: 0, y: 0), radius: 1, from: 0, to: 2 * .pi, steps: n, closed: true)
        case .ellipse:
            return (0..<n).map { i in
                let t = 2 * Double.pi * Double(i) / Double(n)
                return Point(x: cos(t), y: ellipseMinor * sin(t))
            }
        case .square:
            let h = squareHalf
            return [Point(x: -h, y: -h), Point(x: h, y: -h), Point(x: h, y: h), Point(x: -h, y: h)]
        case .rectangle:
            let h = rectangleHalfHeight
            return [Point(x: -1, y: -h), Point(x: 1, y: -h), Point(x: 1, y: h), Point(x: -1, y: h)]
        case .triangle:
            return centered(regular(sides: 3, radius: triangleCircumradius))
        case .pentagon:
            return centered(regular(sides: 5, radius: 1))
        case .hexagon:
            return (0..<6).map { i in
                let a = Double(i) * Double.pi / 3
                return Point(x: cos(a), y: sin(a))
            }
        case .star:
            let pts = (0..<10).map { i in
                let a = -Double.pi / 2 + Double(i) * Double.pi / 5
                let r = i % 2 == 0 ? 1.0 : starInner
                return Point(x: r * cos(a), y: r * sin(a))
            }
            return centered(pts)
        case .cross:
            let w = crossHalfWidth
            let l = crossHalfLength
            return [
                Point(x: -w, y: -l), Point(x: w, y: -l), Point(x: w, y: -w), Point(x: l, y: -w),
                Point(x: l, y: w), Point(x: w, y: w), Point(x: w, y: l), Point(x: -w, y: l),
                Point(x: -w, y: w), Point(x: -l, y: w), Point(x: -l, y: -w), Point(x: -w, y: -w),
            ]
        case .diamond:
            let w = diamondHalfWidth
            return [Point(x: 0, y: -1), Point(x: w, y: 0), Point(x: 0, y: 1), Point(x: -w, y: 0)]
        case .heart:
            // Right half in the heart's own units (y up): tip, the line to (1/2, 1/2), the arc
            // around (1/4, 3/4) up to (0, 1); then the mirror image.
            let r = 2.0.squareRoot() / 4
            let half = max(8, n / 2)
            var right = [Point(x: 0, y: 0)]
            right += arc(
                center: Point(x: 0.25, y: 0.75), radius: r, from: -Double.pi / 4, to: 0.75 * Double.pi,
                steps: half, closed: false)
            var pts = right
            for p in right.dropFirst().dropLast().reversed() { pts.append(Point(x: -p.x, y: p.y)) }
            // To local coordinates: y down, scaled to unit half-width, box-centered.
            let midY = (0.75 + r) / 2
            return pts.map { Point(x: $0.x * heartScale, y: (midY - $0.y) * heartScale) }
        case .semicircle:
            // Dome up: the disk's center lies on the chord, half a radius below the origin.
            return arc(
                center: Point(x: 0, y: 0.5), radius: 1, from: Double.pi, to: 2 * Double.pi, steps: max(8, n / 2),
                closed: false)
        }
    }

    /// The closed outline of a shape placed on the canvas.
    public static func outline(_ kind: ShapeKind, center: Point, radius: Double, rotation: Double) -> [Point] {
        let unit = cachedUnitOutline(kind, radius: radius)
        let a = rotation * Double.pi / 180
        let c = cos(a) * radius
        let s = sin(a) * radius
        return unit.map { p in Point(x: center.x + c * p.x - s * p.y, y: center.y + s * p.x + c * p.y) }
    }

    /// The analytic extent of the outline (exact for polygons, within 0.02 px for curves).
    public static func bounds(of points: [Point]) -> Rect {
        var r = Rect(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        for p in points {
            r.minX = min(r.minX, p.x)
            r.minY = min(r.minY, p.y)
            r.maxX = max(r.maxX, p.x)
            r.maxY = max(r.maxY, p.y)
        }
        return r
    }

    /// Whether `p` lies inside the closed outline (even-odd rule).
    public static func contains(_ pts: [Point], _ p: Point) -> Bool {
        var inside = false
        var j = pts.count - 1
        for i in pts.indices {
            let a = pts[i]
            let b = pts[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// Distance from `p` to the outline's nearest edge.
    public static func distance(_ pts: [Point], _ p: Point) -> Double {
        var best = Double.infinity
        var j = pts.count - 1
        for i in pts.indices {
            let a = pts[j]
            let b = pts[i]
            let ex = b.x - a.x
            let ey = b.y - a.y
            let len2 = ex * ex + ey * ey
            let t = len2 > 0 ? min(max(((p.x - a.x) * ex + (p.y - a.y) * ey) / len2, 0), 1) : 0
            let dx = p.x - (a.x + t * ex)
            let dy = p.y - (a.y + t * ey)
            best = min(best, (dx * dx + dy * dy).squareRoot())
            j = i
        }
        return best
    }

    /// Shoelace area (absolute value).
    public static func polygonArea(_ pts: [Point]) -> Double {
        abs(signedArea(pts))
    }

    /// Shoelace signed area: positive when the outline turns clockwise on screen (y down).
    public static func signedArea(_ pts: [Point]) -> Double {
        var sum = 0.0
        for i in pts.indices {
            let p = pts[i]
            let q = pts[(i + 1) % pts.count]
            sum += p.x * q.y - q.x * p.y
        }
        return sum / 2
    }

    /// The outline moved inward by `distance` along each edge's normal, with mitred corners,
    /// in the opposite orientation (so that, drawn together with the original under the
    /// non-zero rule, it leaves a band of that width). Valid while `distance` is small against
    /// the edges, which ``FillStyle/strokeWidth(radius:)`` keeps true for every shape kind.
    public static func inset(_ pts: [Point], by distance: Double) -> [Point] {
        let n = pts.count
        let orientation: Double = signedArea(pts) > 0 ? 1 : -1
        var out: [Point] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let prev = pts[(i + n - 1) % n]
            let p = pts[i]
            let next = pts[(i + 1) % n]
            let n0 = inwardNormal(from: prev, to: p, orientation: orientation)
            let n1 = inwardNormal(from: p, to: next, orientation: orientation)
            let denom = max(1 + n0.x * n1.x + n0.y * n1.y, 0.05)
            out.append(Point(x: p.x + distance * (n0.x + n1.x) / denom, y: p.y + distance * (n0.y + n1.y) / denom))
        }
        return out.reversed()
    }

    private static func inwardNormal(from a: Point, to b: Point, orientation: Double) -> Point {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let len = max((dx * dx + dy * dy).squareRoot(), 1e-12)
        // For a clockwise (on screen) outline the interior lies to the right of each edge.
        return Point(x: -dy / len * orientation, y: dx / len * orientation)
    }

    private static func regular(sides: Int, radius: Double) -> [Point] {
        (0..<sides).map { i in
            let a = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(sides)
            return Point(x: radius * cos(a), y: radius * sin(a))
        }
    }

    /// Shifts an outline so the middle of its bounding box is the origin.
    private static func centered(_ pts: [Point]) -> [Point] {
        let c = bounds(of: pts).center
        return pts.map { Point(x: $0.x - c.x, y: $0.y - c.y) }
    }

    private static func arc(center: Point, radius: Double, from a0: Double, to a1: Double, steps: Int, closed: Bool)
        -> [Point]
    {
        let count = closed ? steps : steps + 1
        return (0..<count).map { i in
            let t = a0 + (a1 - a0) * Double(i) / Double(steps)
            return Point(x: center.x + radius * cos(t), y: center.y + radius * sin(t))
        }
    }
}
