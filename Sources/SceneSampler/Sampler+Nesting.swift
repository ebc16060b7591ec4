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
    /// at least two relation margins from other stacks (extents); each later one covers the
    /// previous one of its stack: it is moved along a random direction (away from the axes)
    /// until it covers a share, drawn from the plan's `overlap`, of the smaller of the two
    /// shapes (``stackedPosition(_:anchor:at:shape:local:share:direction:others:)``). It stays
    /// clearly apart from the other members of its stack and two margins from other stacks, and
    /// every pair is decided on both axes. Some pairs cannot cover each other so (a small star
    /// covers too little of another before their centers come within a margin on some axis);
    /// with `newStacks` (the later attempts, ``stackFallbackAttempt(_:)``) an object that finds
    /// no place on its stack within the placement retries starts a stack of its own instead,
    /// so no drawn combination makes a sample impossible, while scenes that can be stacked as
    /// dealt still are (the earlier attempts reject rather than split a stack). The sampler
    /// then rejects scenes where an object shows less than the visibility minimums or where a
    /// pair touches too little for front and behind to be decided.
    func placeInStacks(_ attributes: [Attributes], stacks: Int, newStacks: Bool, rng: inout Xoshiro256)
        -> [SceneObject]?
    {
        var placed: [SceneObject] = []
        var outlines: [[Point]] = []
        var stack: [Int] = []
        var stackCount = stacks
        var aim = StackAim()
        for (i, a) in attributes.enumerated() {
            let below = placed.indices.last { stack[$0] == i % stacks }
            var s = i % stacks
            var found = placeInStack(
                i, a, stack: s, onto: below, placed: placed, outlines: outlines, stackOf: stack, &aim, rng: &rng)
            if found == nil && below != nil && newStacks {
                s = stackCount
                found = placeInStack(
                    i, a, stack: s, onto: nil, placed: placed, outlines: outlines, stackOf: stack, &aim, rng: &rng)
                stackCount += 1
            }
            guard let o = found else { return nil }
            placed.append(o)
            outlines.append(o.outline)
            stack.append(s)
        }
        return placed
    }

    /// The first layout attempt (from 0) in which a stack object that cannot cover its stack's
    /// top starts a stack of its own: the tenth, or half the plan's scene retries when fewer.
    static func stackFallbackAttempt(_ sceneRetries: Int) -> Int { min(10, sceneRetries / 2) }

    /// Object `i` placed as stack `s`'s top: covering `below`, or (nil) as the stack's first
    /// object anywhere two margins from the other stacks; nil when no try passes the checks.
    func placeInStack(
        _ i: Int, _ a: Attributes, stack s: Int, onto below: Int?, placed: [SceneObject], outlines: [[Point]],
        stackOf stack: [Int], _ aim: inout StackAim, rng: inout Xoshiro256
    ) -> SceneObject? {
        let relations = plan.relations
        let w = Double(plan.width)
        let h = Double(plan.height)
        let local = Sampler.localExtent(a)
        // Prepared once per object: every try and search step reads them at an offset.
        let shape = ScanOutline(
            ShapeGeometry.outline(a.shape, center: Point(x: 0, y: 0), radius: a.radius, rotation: a.rotation))
        let anchorShape = below.map { ScanOutline(outlines[$0]) }
        let others = placed.indices.filter { $0 != below }.map { (placed[$0].extent, stack[$0] == s) }
        for _ in 0..<plan.placementRetries {
            let p: Point
            if let below, let anchorShape {
                let share = rng.uniform(plan.stackOverlap)
                // Any direction but near the axes, so both offsets can clear the margin.
                let angle = Double(rng.int(in: 0...3)) * Double.pi / 2 + rng.uniform(0.3...1.27)
                aim.blocked.removeAll(keepingCapacity: true)
                guard
                    let q = stackedPosition(
                        &aim, anchor: anchorShape, at: placed[below].extent.center, shape: shape, local: local,
                        share: share, direction: Point(x: cos(angle), y: sin(angle)), others: others)
                else { continue }
                p = q
            } else {
                p = Point(
                    x: rng.uniform((plan.padding + local.width / 2)...(w - plan.padding - local.width / 2)),
                    y: rng.uniform((plan.padding + local.height / 2)...(h - plan.padding - local.height / 2)))
            }
            guard let o = object(i, a, extentCenteredAt: p) else { continue }
            var outline: [Point] = []  // computed only when a check needs it
            let ok = placed.indices.allSatisfy { j in
                let other = placed[j]
                guard relations.isDecided(Relations.position(of: o), Relations.position(of: other)) else {
                    return false
                }
                if stack[j] != s { return Relations.gap(o.extent, other.extent) >= 2 * relations.margin }
                // Only neighbours in a stack touch: the others are clearly apart (boxes apart
                // by the gap put the outlines at least as far apart).
                if j == below || Relations.gap(o.extent, other.extent) >= 2 * Relations.overlapGap { return true }
                if outline.isEmpty { outline = o.outline }
                return Relations.outlinesApart(outline, outlines[j], atLeast: 2 * Relations.overlapGap)
            }
            if ok { return o }
        }
        return nil
    }

    /// How near an aimed place's share comes to the drawn one (a share of the smaller shape).
    static let stackShareTolerance = 0.002

    /// Reusable state of ``stackedPosition(_:anchor:at:shape:local:share:direction:others:)``.
    struct StackAim {
        var buffers = ScanOutline.Buffers()
        /// Stretches `(from, to)` of distance along the direction that no place may take.
        var blocked: [(Double, Double)] = []
    }

    /// Where the extent's center of a shape goes so that it covers `share` of the smaller of it
    /// and the anchor shape (centered at `at`), moved from `at` along `direction`: found by
    /// regula falsi on the distance, as the share falls while the shapes move apart. nil when no
    /// place on this direction can pass ``placeInStacks(_:stacks:rng:)``'s checks, found
    /// without searching where possible: every try of a crowded scene aims, and most fail.
    ///
    /// The distance is bracketed first: at least where the pair is decided on both axes, at most
    /// where the object leaves the padded canvas or the shapes' boxes part. When the share is
    /// already too small at the nearest end, or still too large at the farthest, the try ends
    /// after one or two measurements. Distances where the object would be undecided with, or
    /// too near, another placed object (`others`: its extent, and whether it shares the stack)
    /// are blocked, and the search stops once its bracket lies in one. The checks that follow
    /// still decide: this only skips places they would reject.
    func stackedPosition(
        _ aim: inout StackAim, anchor: ScanOutline, at center: Point, shape: ScanOutline, local: Rect, share: Double,
        direction d: Point, others: [(extent: Rect, sameStack: Bool)]
    ) -> Point? {
        let m = plan.relations.margin
        let (w, h, pad) = (Double(plan.width), Double(plan.height), plan.padding)
        // The shape's offset (from its own center) when its extent's center is `t` along.
        func offset(_ t: Double) -> Point {
            Point(x: center.x + t * d.x - local.center.x, y: center.y + t * d.y - local.center.y)
        }
        func covered(_ t: Double) -> Double { ScanOutline.covered(anchor, by: shape, offset: offset(t), &aim.buffers) }
        let inside = min(
            d.x > 0 ? (w - pad - local.width / 2 - center.x) / d.x : (pad + local.width / 2 - center.x) / d.x,
            d.y > 0 ? (h - pad - local.height / 2 - center.y) / d.y : (pad + local.height / 2 - center.y) / d.y)
        let apart = min(
            (anchor.bounds.width + local.width) / 2 / abs(d.x), (anchor.bounds.height + local.height) / 2 / abs(d.y))
        var (lo, hi) = (m / min(abs(d.x), abs(d.y)), min(inside, apart))
        func stretch(_ a: Double, _ b: Double) -> (Double, Double) { a < b ? (a, b) : (b, a) }
        for (e, sameStack) in others {
            // Undecided: the centers within a margin on either axis.
            aim.blocked.append(stretch((e.center.x - center.x - m) / d.x, (e.center.x - center.x + m) / d.x))
            aim.blocked.append(stretch((e.center.y - center.y - m) / d.y, (e.center.y - center.y + m) / d.y))
            guard !sameStack else { continue }
            // Another stack's object: the extents less than two margins apart on both axes.
            let (gx, gy) = (local.width / 2 + 2 * m, local.height / 2 + 2 * m)
            let x = stretch((e.minX - gx - center.x) / d.x, (e.maxX + gx - center.x) / d.x)
            let y = stretch((e.minY - gy - center.y) / d.y, (e.maxY + gy - center.y) / d.y)
            if max(x.0, y.0) < min(x.1, y.1) { aim.blocked.append((max(x.0, y.0), min(x.1, y.1))) }
        }
        func isBlocked() -> Bool { aim.blocked.contains { $0.0 <= lo && hi <= $0.1 } }
        guard lo < hi, !isBlocked() else { return nil }
        // The share falls as the distance grows: find where it crosses `share` by regula falsi
        // with the Illinois step (the bracket's stale end halves its weight), which meets the
        // tolerance in a few measurements where bisection takes ten.
        var (fLo, fHi) = (covered(lo) - share, covered(hi) - share)
        guard fLo > 0, fHi <= 0 else { return nil }
        var t = (lo + hi) / 2
        var side = 0
        for _ in 0..<12 {
            t = hi - fHi * (hi - lo) / (fHi - fLo)
            let f = covered(t) - share
            if abs(f) < Sampler.stackShareTolerance { break }
            if f > 0 {
                (lo, fLo) = (t, f)
                if side > 0 { fHi /= 2 }
                side = 1
            } else {
                (hi, fHi) = (t, f)
                if side < 0 { fLo /= 2 }
                side = -1
            }
            if isBlocked() { return nil }
        }
        return Point(x: center.x + t * d.x, y: center.y + t * d.y)
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
