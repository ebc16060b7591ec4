import Foundation
import SceneModel

extension Sampler {
    /// One layout attempt (`attempt` counts from 0) for the plan's layout; nil when it fails (a
    /// placement rejection).
    func layOut(_ attributes: [Attributes], clusters: Int, nest: Nest?, attempt: Int, rng: inout Xoshiro256)
        -> [SceneObject]?
    {
        switch plan.layout {
        case .nested: nest.flatMap { placeNested(attributes, $0, rng: &rng) }
        case .stack:
            placeInStacks(
                attributes, stacks: clusters, newStacks: attempt >= Sampler.stackFallbackAttempt(plan.sceneRetries),
                rng: &rng)
        case .scatter: place(attributes, rng: &rng)
        case .grid, .row, .column: placeInSlots(attributes, rng: &rng)
        case .ring: placeOnRing(attributes, rng: &rng)
        case .clusters: placeInClusters(attributes, clusters: clusters, rng: &rng)
        }
    }

    /// The extent of a shape centered at the origin (the same wherever it goes).
    static func localExtent(_ a: Attributes) -> Rect {
        ShapeGeometry.bounds(
            of: ShapeGeometry.outline(a.shape, center: Point(x: 0, y: 0), radius: a.radius, rotation: a.rotation))
    }

    /// The object whose extent is centered at `p` (positions are extent centers, so a slot's
    /// center is exactly where relations see the object), or nil when it leaves the padded
    /// canvas.
    func object(_ i: Int, _ a: Attributes, extentCenteredAt p: Point) -> SceneObject? {
        let local = Sampler.localExtent(a)
        let center = Point(
            x: Sampler.quantize(p.x - local.center.x, 1000), y: Sampler.quantize(p.y - local.center.y, 1000))
        let o = SceneObject(
            id: i + 1, shape: a.shape, color: a.color, size: a.size, radius: a.radius, fill: a.fill, center: center,
            rotation: a.rotation, z: i)
        let e = o.extent
        guard e.minX >= plan.padding, e.minY >= plan.padding, e.maxX <= Double(plan.width) - plan.padding,
            e.maxY <= Double(plan.height) - plan.padding
        else { return nil }
        return o
    }

    /// Whether `o` overlaps any of `placed` more than the plan allows.
    func overlapsTooMuch(_ o: SceneObject, _ placed: [SceneObject]) -> Bool {
        placed.contains { Sampler.overlapShare(o.extent, $0.extent) > plan.maxOverlap }
    }

    /// Grid, row and column layouts: objects in distinct slots (cells of the grid; for a row or
    /// column, one slot per object, evenly spaced), each at its slot's center plus at most
    /// `jitter`. Slots are at least twice the margin plus the jitter apart (checked when the plan
    /// loads), so objects sharing a line are within half a margin of each other and lines are
    /// two margins apart: ``Relations/lines(_:)`` always decides them.
    func placeInSlots(_ attributes: [Attributes], rng: inout Xoshiro256) -> [SceneObject]? {
        let n = attributes.count
        let (rows, columns): (Int, Int) =
            switch plan.layout {
            case .grid: (plan.gridRows, plan.gridColumns)
            case .row: (1, n)
            default: (n, 1)
            }
        let w = Double(plan.width) - 2 * plan.padding
        let h = Double(plan.height) - 2 * plan.padding
        let cellW = w / Double(columns)
        let cellH = h / Double(rows)
        // A single row (or column) sits at a random height (or x) so scenes vary.
        let rowOffset = plan.layout == .row ? rng.uniform(-h / 4...h / 4) : 0
        let columnOffset = plan.layout == .column ? rng.uniform(-w / 4...w / 4) : 0
        var cells = Array(0..<(rows * columns))
        rng.shuffle(&cells)
        var placed: [SceneObject] = []
        placed.reserveCapacity(n)
        for (i, a) in attributes.enumerated() {
            let cell = cells[i]
            let p = Point(
                x: plan.padding + (Double(cell % columns) + 0.5) * cellW + columnOffset
                    + rng.uniform(-plan.jitter...plan.jitter),
                y: plan.padding + (Double(cell / columns) + 0.5) * cellH + rowOffset
                    + rng.uniform(-plan.jitter...plan.jitter))
            guard let o = object(i, a, extentCenteredAt: p), !overlapsTooMuch(o, placed) else { return nil }
            placed.append(o)
        }
        return placed
    }

    /// Ring layout: evenly spaced on the largest circle the objects fit, with a random phase;
    /// every pair must be decided on both axes, as in scatter, or the attempt is rejected.
    func placeOnRing(_ attributes: [Attributes], rng: inout Xoshiro256) -> [SceneObject]? {
        let n = attributes.count
        let half =
            attributes.map { a in
                let e = Sampler.localExtent(a)
                return max(e.width, e.height) / 2
            }.max() ?? 0
        let radius = Double(min(plan.width, plan.height)) / 2 - plan.padding - half
        guard radius > 0 else { return nil }
        let cx = Double(plan.width) / 2
        let cy = Double(plan.height) / 2
        let phase = rng.uniform(0...(2 * Double.pi))
        var placed: [SceneObject] = []
        for (i, a) in attributes.enumerated() {
            let angle = phase + 2 * Double.pi * Double(i) / Double(n)
            let p = Point(x: cx + radius * cos(angle), y: cy + radius * sin(angle))
            guard let o = object(i, a, extentCenteredAt: p), !overlapsTooMuch(o, placed),
                !placed.contains(where: {
                    !plan.relations.isDecided(Relations.position(of: o), Relations.position(of: $0))
                })
            else { return nil }
            placed.append(o)
        }
        return placed
    }

    /// Clusters layout: object `i` belongs to group `i % clusters`. A group's first object
    /// goes anywhere at least ``Relations/groupSplit`` from every other group's objects; each
    /// later one near a member of its group (extents less than ``Relations/groupJoin`` apart)
    /// and at least the split from the other groups. Every pair is decided on both axes, as in
    /// scatter, so directional words stay true.
    func placeInClusters(_ attributes: [Attributes], clusters: Int, rng: inout Xoshiro256) -> [SceneObject]? {
        let relations = plan.relations
        let w = Double(plan.width)
        let h = Double(plan.height)
        var placed: [SceneObject] = []
        var group: [Int] = []
        for (i, a) in attributes.enumerated() {
            let g = i % clusters
            let local = Sampler.localExtent(a)
            let members = placed.indices.filter { group[$0] == g }
            var found: SceneObject?
            for _ in 0..<plan.placementRetries {
                let p: Point
                if let m = rng.pick(members) {
                    let anchor = placed[m].extent
                    let reachX = anchor.width / 2 + local.width / 2 + relations.groupJoin
                    let reachY = anchor.height / 2 + local.height / 2 + relations.groupJoin
                    p = Point(
                        x: anchor.center.x + rng.uniform(-reachX...reachX),
                        y: anchor.center.y + rng.uniform(-reachY...reachY))
                } else {
                    p = Point(
                        x: rng.uniform((plan.padding + local.width / 2)...(w - plan.padding - local.width / 2)),
                        y: rng.uniform((plan.padding + local.height / 2)...(h - plan.padding - local.height / 2)))
                }
                guard let o = object(i, a, extentCenteredAt: p) else { continue }
                let ok = placed.indices.allSatisfy { j in
                    let other = placed[j]
                    guard relations.isDecided(Relations.position(of: o), Relations.position(of: other)),
                        Sampler.overlapShare(o.extent, other.extent) <= plan.maxOverlap
                    else { return false }
                    return group[j] == g || Relations.gap(o.extent, other.extent) >= relations.groupSplit
                }
                guard ok,
                    members.isEmpty
                        || members.contains(where: { Relations.gap(o.extent, placed[$0].extent) < relations.groupJoin })
                else { continue }
                found = o
                break
            }
            guard let o = found else { return nil }
            placed.append(o)
            group.append(g)
        }
        guard let decided = relations.groups(placed.map(\.extent)), decided.count == clusters else { return nil }
        return placed
    }
}
