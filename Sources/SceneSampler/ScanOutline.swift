import SceneModel

/// A closed outline prepared for horizontal scanlines, to measure how much of one shape another
/// covers: the stack layout aims each object at a drawn share of the smaller shape, and finds
/// the distance that gives it by regula falsi, so the share is evaluated several times per try.
///
/// The share is the area the two shapes have in common over the smaller shape's area (exact,
/// by the shoelace formula). The common area is integrated over rows at most half a pixel
/// apart (midpoint rule); along each row it is exact: the lengths where both shapes' inside
/// intervals (even-odd, as ``ShapeGeometry/contains(_:_:)``) meet. One evaluation costs
/// O(rows x edges) and allocates nothing once the buffers have grown; the shapes are never
/// copied or moved: the second is read at an offset.
struct ScanOutline {
    /// The edges that a row can cross (horizontal ones never do), as the x where the edge
    /// starts at its top `y0`, the rows it spans `y0 ..< y1`, and its x change per unit y;
    /// sorted by `y0`, so rows taken top to bottom meet them in order.
    private var edges: [(x0: Double, y0: Double, y1: Double, slope: Double)] = []
    let bounds: Rect
    let area: Double

    init(_ points: [Point]) {
        bounds = ShapeGeometry.bounds(of: points)
        area = ShapeGeometry.polygonArea(points)
        edges.reserveCapacity(points.count)
        var j = points.count - 1
        for i in points.indices {
            let (a, b) = (points[j], points[i])
            j = i
            guard a.y != b.y else { continue }
            let (top, bottom) = a.y < b.y ? (a, b) : (b, a)
            edges.append((top.x, top.y, bottom.y, (bottom.x - top.x) / (bottom.y - top.y)))
        }
        edges.sort { ($0.y0, $0.x0) < ($1.y0, $1.x0) }
    }

    /// Rows of one outline taken top to bottom: the edges a row may cross (an active edge
    /// table, as scanline rasterizers keep), so a row costs the few edges it meets rather
    /// than every edge of the outline. Fixed storage with counts: rows run millions of times.
    struct Rows {
        var next = 0
        var active: [Int]
        var activeCount = 0
        /// The current row's crossings are `crossings[0 ..< count]`.
        var crossings: [Double]
        var count = 0

        init(capacity: Int = 64) {
            active = Array(repeating: 0, count: capacity)
            crossings = Array(repeating: 0, count: capacity)
        }

        mutating func reset(edges: Int) {
            next = 0
            activeCount = 0
            count = 0
            if active.count < edges {
                active = Array(repeating: 0, count: edges)
                crossings = Array(repeating: 0, count: edges)
            }
        }
    }

    /// The x where the row at `y` crosses the outline, sorted, into `rows.crossings`: the
    /// inside is between crossings 0 and 1, 2 and 3, and so on. An edge counts for rows
    /// `y0 <= y < y1`, as in ``ShapeGeometry/contains(_:_:)``. Successive calls on one `rows`
    /// must not go up; ``Rows/reset(edges:)`` (with this outline's edge count) starts again.
    func crossings(atY y: Double, _ rows: inout Rows) {
        while rows.next < edges.count && edges[rows.next].y0 <= y {
            rows.active[rows.activeCount] = rows.next
            rows.activeCount += 1
            rows.next += 1
        }
        rows.count = 0
        var k = 0
        while k < rows.activeCount {
            let e = edges[rows.active[k]]
            guard y < e.y1 else {
                rows.activeCount -= 1
                rows.active[k] = rows.active[rows.activeCount]
                continue
            }
            k += 1
            let x = e.x0 + (y - e.y0) * e.slope
            // Insertion sort: a row crosses a shape a handful of times.
            var m = rows.count
            while m > 0 && rows.crossings[m - 1] > x {
                rows.crossings[m] = rows.crossings[m - 1]
                m -= 1
            }
            rows.crossings[m] = x
            rows.count += 1
        }
    }

    /// Reusable row state for ``covered(_:by:offset:_:)``.
    struct Buffers {
        var a = Rows()
        var b = Rows()

        init() {}
    }

    /// Rows per pixel of height: the midpoint rule's error is well under a percent of the
    /// shares the stack layout aims at.
    static let rowsPerPixel = 2.0

    /// The area `a` and `b` moved by `offset` have in common.
    static func commonArea(_ a: ScanOutline, _ b: ScanOutline, offset: Point, _ buffers: inout Buffers) -> Double {
        let x0 = max(a.bounds.minX, b.bounds.minX + offset.x)
        let x1 = min(a.bounds.maxX, b.bounds.maxX + offset.x)
        let y0 = max(a.bounds.minY, b.bounds.minY + offset.y)
        let y1 = min(a.bounds.maxY, b.bounds.maxY + offset.y)
        guard x0 < x1, y0 < y1 else { return 0 }
        let rows = max(1, Int(((y1 - y0) * rowsPerPixel).rounded(.up)))
        let h = (y1 - y0) / Double(rows)
        var total = 0.0
        buffers.a.reset(edges: a.edges.count)
        buffers.b.reset(edges: b.edges.count)
        for r in 0..<rows {
            let y = y0 + (Double(r) + 0.5) * h
            a.crossings(atY: y, &buffers.a)
            b.crossings(atY: y - offset.y, &buffers.b)
            total += overlapLength(buffers.a, buffers.b, shift: offset.x)
        }
        return total * h
    }

    /// The share of the smaller of `a` and `b` (moved by `offset`) that the two have in common.
    static func covered(_ a: ScanOutline, by b: ScanOutline, offset: Point, _ buffers: inout Buffers) -> Double {
        let smaller = min(a.area, b.area)
        return smaller > 0 ? commonArea(a, b, offset: offset, &buffers) / smaller : 0
    }

    /// The length where two rows' inside intervals (pairs of sorted crossings) meet, the
    /// second row's crossings moved by `shift`.
    static func overlapLength(_ a: Rows, _ b: Rows, shift: Double) -> Double {
        var (i, j) = (0, 0)
        var length = 0.0
        while i + 1 < a.count && j + 1 < b.count {
            let (b0, b1) = (b.crossings[j] + shift, b.crossings[j + 1] + shift)
            let lo = max(a.crossings[i], b0)
            let hi = min(a.crossings[i + 1], b1)
            if hi > lo { length += hi - lo }
            if a.crossings[i + 1] < b1 { i += 2 } else { j += 2 }
        }
        return length
    }
}

extension Sampler {
    /// The share of the smaller of two shapes that they have in common: what a stack's
    /// `overlap` controls (shapes, not their boxes: a star's box corners are empty, so boxes
    /// would promise occlusions that never happen). See ``ScanOutline``.
    static func coveredShare(_ a: [Point], _ b: [Point]) -> Double {
        var buffers = ScanOutline.Buffers()
        return ScanOutline.covered(ScanOutline(a), by: ScanOutline(b), offset: Point(x: 0, y: 0), &buffers)
    }
}
