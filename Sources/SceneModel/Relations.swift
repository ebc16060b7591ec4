/// The one definition of spatial words. Every stage that states or checks a relation asks
/// here; nothing else decides what "left of" means.
///
/// Positions are the centers of objects' analytic extents (the whole shape, as a person sees
/// its place even when a corner is hidden). A relation holds only with a margin: "A is left
/// of B" needs A's center at least `margin` pixels left of B's. The sampler keeps every pair
/// of objects at least `margin` apart on both axes, so for any pair exactly one of left/right
/// and one of above/below holds and no stated relation is borderline.
public struct Relations: Sendable {
    public enum Direction: String, CaseIterable, Sendable {
        case left, right, above, below

        /// Every direction, in `allCases` order, as one shared list.
        public static let all: [Direction] = [.left, .right, .above, .below]

        /// Position in `allCases` (tables are indexed by it).
        public var ordinal: Int {
            switch self {
            case .left: 0
            case .right: 1
            case .above: 2
            case .below: 3
            }
        }
    }

    public var margin: Double

    public init(margin: Double) { self.margin = margin }

    /// The position relations use for an object.
    public static func position(of object: SceneObject) -> Point { object.extent.center }

    /// Whether `a` lies in `direction` of `b` ("a is left of b"), with the margin.
    public func holds(_ a: SceneObject, _ direction: Direction, of b: SceneObject) -> Bool {
        holds(Relations.position(of: a), direction, of: Relations.position(of: b))
    }

    public func holds(_ a: Point, _ direction: Direction, of b: Point) -> Bool {
        switch direction {
        case .left: a.x + margin <= b.x
        case .right: a.x >= b.x + margin
        case .above: a.y + margin <= b.y
        case .below: a.y >= b.y + margin
        }
    }

    /// Whether two positions are far enough apart on both axes for every directional
    /// relation between them to be decided (the sampler's acceptance rule).
    public func isDecided(_ a: Point, _ b: Point) -> Bool {
        abs(a.x - b.x) >= margin && abs(a.y - b.y) >= margin
    }

    /// Pixels two objects must share, as drawn, for text to say they overlap.
    public static let overlapMinPixels = 12
    /// Gap in pixels between two objects' whole-shape extents for text to say they do not.
    public static let overlapGap = 2.0

    /// Whether two objects overlap: true when they share at least ``overlapMinPixels`` drawn
    /// pixels, false when their extents are at least ``overlapGap`` apart, nil (never stated)
    /// in between.
    public static func overlap(sharedPixels: Int, _ a: Rect, _ b: Rect) -> Bool? {
        if sharedPixels >= overlapMinPixels { return true }
        let dx = max(a.minX - b.maxX, b.minX - a.maxX)
        let dy = max(a.minY - b.maxY, b.minY - a.maxY)
        if sharedPixels == 0 && max(dx, dy) >= overlapGap { return false }
        return nil
    }

    /// Clearance in pixels between a shape and the hollow of the outline shape holding it.
    public static let insideMargin = 2.0

    /// Whether `a` lies inside `b`: true when `b` is drawn as an outline and all of `a` lies in
    /// its hollow at least ``insideMargin`` from the band; false when their extents do not meet;
    /// nil (never stated) otherwise. "b contains a" is the same relation read the other way.
    public static func inside(_ a: SceneObject, _ b: SceneObject) -> Bool? {
        guard a.extent.intersects(b.extent) else { return false }
        guard b.fill == .outline, a.id != b.id else { return nil }
        let hole = ShapeGeometry.inset(b.outline, by: FillStyle.strokeWidth(radius: b.radius))
        for p in a.outline {
            guard ShapeGeometry.contains(hole, p), ShapeGeometry.distance(hole, p) >= insideMargin else { return nil }
        }
        return true
    }

    /// The relations of nested and stacked objects: what holds what, and what is drawn over
    /// what. `relate(X, "inside")` gives the objects inside X, `"contains"` the objects holding
    /// X, `"front"` the objects in front of X and `"behind"` the objects behind it.
    public enum Layering: String, CaseIterable, Sendable {
        case inside, contains, front, behind
    }

    /// Drawn pixels one object must take over from another for text to say it is in front of
    /// it: a sliver of contact is not an occlusion a person would name.
    public static let occlusionMinPixels = 40

    /// Whether `a` is in front of `b`: decided only for pairs that clearly overlap (at least
    /// ``occlusionMinPixels`` shared drawn pixels), where the later-drawn (larger `z`) is in
    /// front; false for pairs whose outlines are at least ``overlapGap`` apart (neither hides
    /// the other; outlines, not extents, as stacked shapes sit diagonally with their boxes
    /// crossing); nil (never stated) in between. "b is behind a" is the same relation read the
    /// other way.
    public static func inFront(_ a: SceneObject, of b: SceneObject, sharedPixels: Int) -> Bool? {
        guard a.id != b.id else { return nil }
        if sharedPixels >= occlusionMinPixels { return a.z > b.z }
        if sharedPixels == 0
            && (gap(a.extent, b.extent) >= overlapGap || outlinesApart(a.outline, b.outline, atLeast: overlapGap))
        {
            return false
        }
        return nil
    }

    /// The distance between two closed outlines; 0 when they meet or one holds a vertex of the
    /// other.
    public static func outlineGap(_ a: [Point], _ b: [Point]) -> Double {
        if a.contains(where: { ShapeGeometry.contains(b, $0) }) || b.contains(where: { ShapeGeometry.contains(a, $0) })
        {
            return 0
        }
        func cross(_ o: Point, _ p: Point, _ q: Point) -> Double {
            (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x)
        }
        for i in a.indices {
            let (p1, p2) = (a[i], a[(i + 1) % a.count])
            for j in b.indices {
                let (q1, q2) = (b[j], b[(j + 1) % b.count])
                if (cross(p1, p2, q1) > 0) != (cross(p1, p2, q2) > 0)
                    && (cross(q1, q2, p1) > 0) != (cross(q1, q2, p2) > 0)
                {
                    return 0
                }
            }
        }
        var d = Double.infinity
        for p in a { d = min(d, ShapeGeometry.distance(b, p)) }
        for p in b { d = min(d, ShapeGeometry.distance(a, p)) }
        return d
    }

    /// Whether two closed outlines are at least `gap` (> 0) apart: the answer of
    /// `outlineGap(a, b) >= gap`, looking only at what lies within `gap` of the other outline's
    /// box. A vertex inside the other outline, a crossing point, and a vertex nearer than `gap`
    /// to the other outline all lie there, so nothing that decides the answer is skipped.
    public static func outlinesApart(_ a: [Point], _ b: [Point], atLeast gap: Double) -> Bool {
        /// The edges whose box comes within `gap` of `r`, and the vertices that do.
        func near(_ pts: [Point], _ r: Rect) -> (edges: [(Point, Point)], vertices: [Point]) {
            var edges: [(Point, Point)] = []
            var vertices: [Point] = []
            for i in pts.indices {
                let (p, q) = (pts[i], pts[(i + 1) % pts.count])
                if min(p.x, q.x) <= r.maxX + gap && max(p.x, q.x) >= r.minX - gap && min(p.y, q.y) <= r.maxY + gap
                    && max(p.y, q.y) >= r.minY - gap
                {
                    edges.append((p, q))
                }
                if p.x <= r.maxX + gap && p.x >= r.minX - gap && p.y <= r.maxY + gap && p.y >= r.minY - gap {
                    vertices.append(p)
                }
            }
            return (edges, vertices)
        }
        let (nearA, nearB) = (near(a, ShapeGeometry.bounds(of: b)), near(b, ShapeGeometry.bounds(of: a)))
        if nearA.vertices.contains(where: { ShapeGeometry.contains(b, $0) })
            || nearB.vertices.contains(where: { ShapeGeometry.contains(a, $0) })
        {
            return false
        }
        func cross(_ o: Point, _ p: Point, _ q: Point) -> Double {
            (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x)
        }
        for (p1, p2) in nearA.edges {
            for (q1, q2) in nearB.edges
            where (cross(p1, p2, q1) > 0) != (cross(p1, p2, q2) > 0)
                && (cross(q1, q2, p1) > 0) != (cross(q1, q2, p2) > 0)
            {
                return false
            }
        }
        return nearA.vertices.allSatisfy { ShapeGeometry.distance(b, $0) >= gap }
            && nearB.vertices.allSatisfy { ShapeGeometry.distance(a, $0) >= gap }
    }

    /// The smallest distance from `a`'s outline to the band of the outline shape `b` when `a`
    /// lies wholly in `b`'s hollow; nil otherwise. The sampler asks for more than
    /// ``insideMargin`` so nested scenes are never near the edge of the definition.
    public static func clearance(_ a: SceneObject, inside b: SceneObject) -> Double? {
        guard b.fill == .outline, a.id != b.id else { return nil }
        let hole = ShapeGeometry.inset(b.outline, by: FillStyle.strokeWidth(radius: b.radius))
        var least = Double.infinity
        for p in a.outline {
            guard ShapeGeometry.contains(hole, p) else { return nil }
            least = min(least, ShapeGeometry.distance(hole, p))
        }
        return least
    }

    /// The position nearest to `p` among `candidates` (index, position), when it is nearer than
    /// every other by at least the margin; nil when none is clearly nearest.
    public func nearest(to p: Point, among candidates: [(Int, Point)]) -> Int? {
        var best: (Int, Double)?
        var second = Double.infinity
        for (i, q) in candidates {
            let d = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
            if let b = best, d >= b.1 {
                second = min(second, d)
            } else {
                if let b = best { second = min(second, b.1) }
                best = (i, d)
            }
        }
        guard let best, best.1 + margin <= second else { return nil }
        return best.0
    }

    /// Objects ordered by position along a direction ("from left to right" for `.right`),
    /// the basis of ordinals and superlatives. Ties cannot occur in an accepted scene.
    public static func ordered(_ objects: [SceneObject], toward direction: Direction) -> [SceneObject] {
        let keyed = objects.map { (Relations.position(of: $0), $0) }
        let sorted: [(Point, SceneObject)]
        switch direction {
        case .right: sorted = keyed.sorted { ($0.0.x, $0.1.id) < ($1.0.x, $1.1.id) }
        case .left: sorted = keyed.sorted { ($0.0.x, $1.1.id) > ($1.0.x, $0.1.id) }
        case .below: sorted = keyed.sorted { ($0.0.y, $0.1.id) < ($1.0.y, $1.1.id) }
        case .above: sorted = keyed.sorted { ($0.0.y, $1.1.id) > ($1.0.y, $0.1.id) }
        }
        return sorted.map(\.1)
    }

    /// Lines (rows or columns) of objects along one axis: the coordinates `coordinates` (the
    /// y of positions for rows, x for columns) sorted, a coordinate joins the current line when
    /// it lies less than the margin past the line's first member and starts a new line when it
    /// lies at least twice the margin past the previous one; anything between is undecided and
    /// the whole answer is nil (text then names no row or column). Returns each object's line,
    /// 1-based from the top (rows) or the left (columns), and the number of lines.
    ///
    /// Grids, rows and columns are lines of objects as seen: a grid row with no object is not a
    /// line, so "the second row" is the second row that shows something.
    public func lines(_ coordinates: [Double]) -> (index: [Int], count: Int)? {
        guard !coordinates.isEmpty else { return ([], 0) }
        let order = coordinates.indices.sorted { (coordinates[$0], $0) < (coordinates[$1], $1) }
        var index = [Int](repeating: 0, count: coordinates.count)
        var line = 1
        var start = coordinates[order[0]]
        var previous = start
        index[order[0]] = 1
        for i in order.dropFirst() {
            let c = coordinates[i]
            if c - start < margin {
                // same line
            } else if c - previous >= 2 * margin {
                line += 1
                start = c
            } else {
                return nil
            }
            index[i] = line
            previous = c
        }
        return (index, line)
    }

    /// Extents closer than this (in pixels, the larger of the horizontal and vertical gap) hold
    /// their objects in one group.
    public var groupJoin: Double { 2 * margin }
    /// Objects of different groups have extents at least this far apart.
    public var groupSplit: Double { 5 * margin }

    /// The gap between two extents: the larger of the horizontal and vertical gap, negative when
    /// they overlap on both axes.
    public static func gap(_ a: Rect, _ b: Rect) -> Double {
        max(a.minX - b.maxX, b.minX - a.maxX, a.minY - b.maxY, b.minY - a.maxY)
    }

    /// Groups ("how many groups are there?"): objects are linked when their extents are less
    /// than ``groupJoin`` apart, and groups are the linked components. Decided only when every
    /// two objects of different groups are at least ``groupSplit`` apart; nil otherwise. Returns
    /// each object's group, numbered by first member, and the number of groups.
    public func groups(_ extents: [Rect]) -> (index: [Int], count: Int)? {
        let n = extents.count
        var group = [Int](repeating: -1, count: n)
        var count = 0
        for start in 0..<n where group[start] < 0 {
            group[start] = count
            var stack = [start]
            while let i = stack.popLast() {
                for j in 0..<n where group[j] < 0 && Relations.gap(extents[i], extents[j]) < groupJoin {
                    group[j] = count
                    stack.append(j)
                }
            }
            count += 1
        }
        for i in 0..<n {
            for j in (i + 1)..<n where group[i] != group[j] && Relations.gap(extents[i], extents[j]) < groupSplit {
                return nil
            }
        }
        return (group, count)
    }
}
