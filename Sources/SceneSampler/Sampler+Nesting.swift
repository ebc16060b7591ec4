import Foundation
import SceneModel

extension Sampler {
    /// A nested scene's containers and which container (by index) holds each drawn object;
    /// nil for objects left outside. Drawn from the attributes stream, fixed across attempts.
    struct Nest {
        var containers: [Attributes]
        var holder: [Int?]
    }

    /// Containers: shape from the plan's container shapes, color by the plan's weights, the
    /// largest size class, drawn as outlines. The first objects are dealt to them in turn, each
    /// taking up to a number drawn from `contents`; the rest stay outside.
    func drawNest(count: Int, rng: inout Xoshiro256) -> Nest {
        let n = rng.int(in: plan.containerCount)
        let size = plan.sizes[plan.largestSizeIndex ?? 0]
        let colorWeights = plan.colors.map(\.weight)
        var containers: [Attributes] = []
        var room: [Int] = []
        for _ in 0..<n {
            containers.append(
                Attributes(
                    shape: plan.containerShapes[rng.int(in: 0...(plan.containerShapes.count - 1))],
                    color: plan.colors[rng.weightedIndex(colorWeights)].value, size: size.name,
                    radius: Sampler.quantize(rng.uniform(size.radius), 1000), fill: .outline,
                    rotation: Sampler.quantize(rng.uniform(plan.rotation), 100)))
            room.append(rng.int(in: plan.contentCount))
        }
        // Dealt in turn, so every container gets objects before any gets many.
        var holder: [Int?] = []
        var j = 0
        while holder.count < count, room.contains(where: { $0 > 0 }) {
            if room[j] > 0 {
                holder.append(j)
                room[j] -= 1
            }
            j = (j + 1) % n
        }
        while holder.count < count { holder.append(nil) }
        return Nest(containers: containers, holder: holder)
    }

    /// Nested layout: containers first (drawn below, ids 1...), each at a uniform position with
    /// its extent at least a relation margin from the others'; then each held object at a
    /// uniform position in its container's hollow, at least the plan's clearance from the band
    /// (or, when the hollow has no room for it, outside like the free objects); then the free objects, their extents clear of every container. Every pair is decided on
    /// both axes, as in scatter, and "inside" is decided (true or false) for every object and
    /// container, so text never meets a borderline case.
    func placeNested(_ attributes: [Attributes], _ nest: Nest, rng: inout Xoshiro256) -> [SceneObject]? {
        let relations = plan.relations
        let all = nest.containers + attributes
        let c = nest.containers.count
        var placed: [SceneObject] = []
        placed.reserveCapacity(all.count)
        for (i, a) in all.enumerated() {
            let local = Sampler.localExtent(a)
            let dealt: SceneObject? = i < c ? nil : nest.holder[i - c].map { placed[$0] }
            // An object that finds no room in its container (a crowded hollow) goes outside
            // instead, so no drawn combination makes the scene impossible.
            var found: SceneObject?
            for home in dealt == nil ? [nil] : [dealt, nil] where found == nil {
                // Where the extent's center may go: inside the holder's extent, or the padded canvas.
                let area =
                    home?.extent
                    ?? Rect(
                        minX: plan.padding, minY: plan.padding, maxX: Double(plan.width) - plan.padding,
                        maxY: Double(plan.height) - plan.padding)
                let xs = (area.minX + local.width / 2)...(area.maxX - local.width / 2)
                let ys = (area.minY + local.height / 2)...(area.maxY - local.height / 2)
                guard xs.lowerBound < xs.upperBound, ys.lowerBound < ys.upperBound else { continue }
                for _ in 0..<plan.placementRetries {
                    guard let o = object(i, a, extentCenteredAt: Point(x: rng.uniform(xs), y: rng.uniform(ys))) else {
                        continue
                    }
                    if let home, (Relations.clearance(o, inside: home) ?? 0) < plan.clearance { continue }
                    let ok = placed.indices.allSatisfy { j in
                        let other = placed[j]
                        guard relations.isDecided(Relations.position(of: o), Relations.position(of: other)) else {
                            return false
                        }
                        if j < c {
                            // A container: this object's home holds it; every other one is clear of it.
                            return other.id == home?.id || Relations.gap(o.extent, other.extent) >= relations.margin
                        }
                        return !overlapsTooMuch(o, [other])
                    }
                    guard ok else { continue }
                    found = o
                    break
                }
            }
            guard let o = found else { return nil }
            placed.append(o)
        }
        // "inside" decided for every pair, by the one definition.
        for a in placed {
            for b in placed.prefix(c) where a.id != b.id && Relations.inside(a, b) == nil { return nil }
        }
        return placed
    }

    /// Stack layout: object `i` joins stack `i % stacks`. A stack's first object goes anywhere
    /// at least two relation margins from other stacks (extents); each later one covers the previous one
    /// of its stack: it is moved along a random direction (away from the axes) until it covers
    /// a share, drawn from the plan's `overlap`, of the smaller of the two shapes (found by
    /// bisection, as the share shrinks with the distance). It stays clearly apart from the
    /// other members of its stack and two margins from other stacks, and every pair is decided
    /// on both axes. The sampler then rejects scenes where an object shows less than the
    /// visibility minimums or where a pair touches too little for front and behind to be decided.
    func placeInStacks(_ attributes: [Attributes], stacks: Int, rng: inout Xoshiro256) -> [SceneObject]? {
        let relations = plan.relations
        let w = Double(plan.width)
        let h = Double(plan.height)
        var placed: [SceneObject] = []
        var stack: [Int] = []
        for (i, a) in attributes.enumerated() {
            let s = i % stacks
            let local = Sampler.localExtent(a)
            let below = placed.indices.last { stack[$0] == s }
            let shape = ShapeGeometry.outline(
                a.shape, center: Point(x: 0, y: 0), radius: a.radius, rotation: a.rotation)
            var found: SceneObject?
            for _ in 0..<plan.placementRetries {
                let p: Point
                if let below {
                    let anchor = placed[below]
                    let share = rng.uniform(plan.stackOverlap)
                    // Any direction but near the axes, so both offsets can clear the margin.
                    let angle = Double(rng.int(in: 0...3)) * Double.pi / 2 + rng.uniform(0.3...1.27)
                    let (dx, dy) = (cos(angle), sin(angle))
                    let anchorOutline = anchor.outline
                    let smaller = min(Sampler.latticeArea(anchorOutline), Sampler.latticeArea(shape))
                    func outline(at t: Double) -> [Point] {
                        let cx = anchor.extent.center.x + t * dx - local.center.x
                        let cy = anchor.extent.center.y + t * dy - local.center.y
                        return shape.map { Point(x: $0.x + cx, y: $0.y + cy) }
                    }
                    var (lo, hi) = (0.0, anchor.extent.width + anchor.extent.height + local.width + local.height)
                    for _ in 0..<10 {
                        let mid = (lo + hi) / 2
                        if Sampler.covered(anchorOutline, outline(at: mid), of: smaller) > share {
                            lo = mid
                        } else {
                            hi = mid
                        }
                    }
                    let t = (lo + hi) / 2
                    p = Point(x: anchor.extent.center.x + t * dx, y: anchor.extent.center.y + t * dy)
                } else {
                    p = Point(
                        x: rng.uniform((plan.padding + local.width / 2)...(w - plan.padding - local.width / 2)),
                        y: rng.uniform((plan.padding + local.height / 2)...(h - plan.padding - local.height / 2)))
                }
                guard let o = object(i, a, extentCenteredAt: p) else { continue }
                let ok = placed.indices.allSatisfy { j in
                    let other = placed[j]
                    guard relations.isDecided(Relations.position(of: o), Relations.position(of: other)) else {
                        return false
                    }
                    if stack[j] != s { return Relations.gap(o.extent, other.extent) >= 2 * relations.margin }
                    // Only neighbours in a stack touch: the others are clearly apart.
                    return j == below || Relations.outlineGap(o.outline, other.outline) >= 2 * Relations.overlapGap
                }
                guard ok else { continue }
                found = o
                break
            }
            guard let o = found else { return nil }
            placed.append(o)
            stack.append(s)
        }
        return placed
    }

    /// The share of the smaller of two shapes (`smaller` lattice points) that the other covers, estimated on a 1.5 px
    /// lattice: what a stack's `overlap` controls (shapes, not their boxes: a star's box corners
    /// are empty, so boxes would promise occlusions that never happen).
    static func covered(_ a: [Point], _ b: [Point], of smaller: Int) -> Double {
        let ea = ShapeGeometry.bounds(of: a)
        let eb = ShapeGeometry.bounds(of: b)
        let (x0, x1) = (max(ea.minX, eb.minX), min(ea.maxX, eb.maxX))
        let (y0, y1) = (max(ea.minY, eb.minY), min(ea.maxY, eb.maxY))
        guard x0 < x1, y0 < y1 else { return 0 }
        var both = 0
        for y in stride(from: y0, to: y1, by: 1.5) {
            for x in stride(from: x0, to: x1, by: 1.5) {
                let q = Point(x: x, y: y)
                if ShapeGeometry.contains(a, q) && ShapeGeometry.contains(b, q) { both += 1 }
            }
        }
        return smaller == 0 ? 0 : Double(both) / Double(smaller)
    }

    /// A shape's area in lattice points of ``covered(_:_:of:)`` (moving a shape keeps it).
    static func latticeArea(_ poly: [Point]) -> Int {
        let e = ShapeGeometry.bounds(of: poly)
        var n = 0
        for y in stride(from: e.minY, to: e.maxY, by: 1.5) {
            for x in stride(from: e.minX, to: e.maxX, by: 1.5) where ShapeGeometry.contains(poly, Point(x: x, y: y)) {
                n += 1
            }
        }
        return n
    }

    /// Whether front and behind are decided for every pair of a drawn scene
    /// (``Relations/inFront(_:of:sharedPixels:)``).
    func depthDecided(_ scene: Scene, _ measurements: [ObjectMeasurement]) -> Bool {
        for (i, a) in scene.objects.enumerated() {
            for b in scene.objects where b.id != a.id {
                let shared = measurements[i].overlaps.first { $0.id == b.id }?.pixels ?? 0
                if Relations.inFront(a, of: b, sharedPixels: shared) == nil { return false }
            }
        }
        return true
    }
}
