import Rasterizer
import SceneModel

/// Why a layout attempt was thrown away. Counted per sample and reported when a plan fails.
public enum RejectionReason: String, CaseIterable, Sendable, Hashable {
    /// No position satisfied the border, overlap and relation-margin rules for some object.
    case placement
    /// An object showed fewer pixels, or a smaller share of itself, than the plan's minimum.
    case visibility
    /// Stack layout: two objects touched too little for "in front of" to be said or denied.
    case occlusion
    /// Lettering: fewer signs fit than the plan's least count, or a word owns no pixel.
    case text
}

/// A sample's scene, drawn and measured, with how many attempts it took.
public struct SampledScene: Sendable {
    public var index: UInt64
    public var rendered: RenderedScene
    /// Layout attempts used (1 when the first was accepted).
    public var attempts: Int
    /// Rejected attempts by reason, in ``RejectionReason`` order.
    public var rejections: [RejectionReason: Int]

    public var scene: Scene { rendered.scene }
}

/// Sampling failed: the plan's constraints could not be met within its retry budget.
public struct SamplingError: Error, Sendable, CustomStringConvertible {
    public var plan: String
    public var index: UInt64
    public var attempts: Int
    public var rejections: [RejectionReason: Int]

    public var description: String {
        let reasons = RejectionReason.allCases.compactMap { r in
            rejections[r].map { "\(r.rawValue) \($0)x" }
        }.joined(separator: ", ")
        return
            "\(plan): sample \(index): no acceptable scene after \(attempts) attempts (rejected for \(reasons)). "
            + "The plan asks for more than the canvas holds: use fewer or smaller objects, a larger canvas, "
            + "a smaller relation margin or lower visibility minimums."
    }
}

/// Draws scenes from a plan. The scene of index `i` depends only on (plan, seed, i).
///
/// Object count and attributes come from one stream and stay fixed across attempts; each
/// layout attempt draws positions from its own stream. An attempt is rejected when an object
/// cannot be placed (border, overlap, relation margin) or when, once drawn, an object falls
/// below the visibility minimums; after `sceneRetries` attempts sampling fails with an error.
public struct Sampler: Sendable {
    public let plan: ScenePlan
    public let seed: UInt64

    public init(plan: ScenePlan, seed: UInt64) {
        self.plan = plan
        self.seed = seed
    }

    struct Attributes {
        var shape: ShapeKind
        var color: NamedColor
        var size: String
        var radius: Double
        var fill: Fill
        var rotation: Double
    }

    /// Sample `index`: its scene, drawn in the plan's colors, or with `drawing: false` only
    /// measured (the canvas holds the id plane and no color plane; the measurements are the same).
    public func sample(index: UInt64, drawing: Bool = true) throws(SamplingError) -> SampledScene {
        if let chart = plan.chart { return try sampleChart(chart, index: index, drawing: drawing) }
        var rng = SampleSeed.generator(runSeed: seed, index: index, stream: .attributes)
        let (count, background) = countAndBackground(rng: &rng)
        let attributes = objectAttributes(count: count, rng: &rng)
        // Drawn after the attributes, from their stream, so retries cannot bias it.
        let clusters =
            switch plan.layout {
            case .clusters: rng.int(in: plan.clusterCount.lowerBound...min(plan.clusterCount.upperBound, count))
            case .stack: rng.int(in: plan.stackCount.lowerBound...min(plan.stackCount.upperBound, count))
            default: 1
            }
        let nest = plan.layout == .nested ? drawNest(count: count, rng: &rng) : nil
        // From a stream of its own: plans without patterns draw what they drew before.
        let pattern = plan.lettering?.backgroundPatterns.map { patterns in
            var r = SampleSeed.generator(runSeed: seed, index: index, stream: .backgroundPattern)
            return patterns[r.weightedIndex(patterns.map(\.weight))].value
        }
        let backdrop = (pattern ?? .plain).colors(over: background.rgb)

        var rejections: [RejectionReason: Int] = [:]
        for attempt in 0..<plan.sceneRetries {
            var layoutRng = SampleSeed.generator(runSeed: seed, index: index, stream: .layout(attempt: attempt))
            guard let objects = layOut(attributes, clusters: clusters, nest: nest, attempt: attempt, rng: &layoutRng)
            else {
                rejections[.placement, default: 0] += 1
                continue
            }
            var scene = Scene(
                width: plan.width, height: plan.height, background: background, objects: objects,
                backgroundPattern: pattern)
            if let lettering = plan.lettering {
                var letterRng = SampleSeed.generator(runSeed: seed, index: index, stream: .lettering(attempt: attempt))
                guard let texts = letter(objects, backdrop: backdrop, lettering, rng: &letterRng) else {
                    rejections[.text, default: 0] += 1
                    continue
                }
                scene.texts = texts
            }
            let rendered =
                drawing ? Rasterizer.render(scene, coverageLevels: plan.coverageLevels) : Rasterizer.measure(scene)
            if rendered.measurements.contains(where: {
                $0.visiblePixels < plan.minVisiblePixels || $0.visibleFraction < plan.minVisibleFraction
            }) {
                rejections[.visibility, default: 0] += 1
                continue
            }
            // Every word owns pixels, all of its own (nothing is drawn over text).
            if rendered.textMeasurements.contains(where: { t in
                t.words.contains { $0.visiblePixels == 0 || $0.visiblePixels < $0.fullPixels }
            }) {
                rejections[.text, default: 0] += 1
                continue
            }
            if plan.layout == .stack && !depthDecided(scene, rendered.measurements) {
                rejections[.occlusion, default: 0] += 1
                continue
            }
            return SampledScene(index: index, rendered: rendered, attempts: attempt + 1, rejections: rejections)
        }
        throw SamplingError(plan: plan.name, index: index, attempts: plan.sceneRetries, rejections: rejections)
    }

    /// The first draws of a sample's attribute stream, shared by ``sample(index:)`` and
    /// ``attributeNames(index:)`` so that the two stay draw for draw the same.
    func countAndBackground(rng: inout Xoshiro256) -> (count: Int, background: NamedColor) {
        let count: Int
        if let weights = plan.countWeights {
            count = weights[rng.weightedIndex(weights.map(\.weight))].value
        } else {
            count = rng.int(in: plan.objectCount)
        }
        return (count, plan.backgrounds[rng.weightedIndex(plan.backgrounds.map(\.weight))].value)
    }

    /// The objects' attributes of sample `index` as (shape, color, size, fill) names, drawn
    /// exactly as ``sample(index:)`` draws them but without laying out or drawing: the fast path
    /// for checking distributions and splits over many samples.
    public func attributeNames(index: UInt64) -> [(shape: String, color: String, size: String, fill: String)] {
        var rng = SampleSeed.generator(runSeed: seed, index: index, stream: .attributes)
        let (count, _) = countAndBackground(rng: &rng)
        return objectAttributes(count: count, rng: &rng).map {
            ($0.shape.rawValue, $0.color.name, $0.size, $0.fill.rawValue)
        }
    }

    /// The drawn objects' attributes. In nested scenes containers take the largest size class,
    /// so the other objects draw from the remaining classes (and fit a hollow).
    func objectAttributes(count: Int, rng: inout Xoshiro256) -> [Attributes] {
        guard plan.layout == .nested, let largest = plan.largestSizeIndex else {
            return drawAttributes(count: count, rng: &rng)
        }
        var inner = plan
        inner.sizes[largest].weight = 0
        return Sampler(plan: inner, seed: seed).drawAttributes(count: count, rng: &rng)
    }

    /// Each object's attributes. Plans without correlations or holdouts take the original
    /// path (the same draws in the same order, so the default plan's samples never change);
    /// the others draw each attribute from ``ScenePlan/conditionalWeights(_:given:excludeHeldOut:)``
    /// in the order size, shape, color, fill, which only ever looks back.
    func drawAttributes(count: Int, rng: inout Xoshiro256) -> [Attributes] {
        var attributes: [Attributes] = []
        attributes.reserveCapacity(count)
        if plan.correlations.isEmpty && plan.holdout == nil {
            let shapeWeights = plan.shapes.map(\.weight)
            let colorWeights = plan.colors.map(\.weight)
            let fillWeights = plan.fills.map(\.weight)
            let sizeWeights = plan.sizes.map(\.weight)
            for _ in 0..<count {
                let size = plan.sizes[rng.weightedIndex(sizeWeights)]
                attributes.append(
                    Attributes(
                        shape: plan.shapes[rng.weightedIndex(shapeWeights)].value,
                        color: plan.colors[rng.weightedIndex(colorWeights)].value,
                        size: size.name,
                        radius: Sampler.quantize(rng.uniform(size.radius), 1000),
                        fill: plan.fills[rng.weightedIndex(fillWeights)].value,
                        rotation: Sampler.quantize(rng.uniform(plan.rotation), 100)))
            }
            return attributes
        }
        let test = plan.holdout?.split == .test
        for _ in 0..<count {
            // Test split: this object is a held-out combination with probability `share`.
            var fixed = ScenePlan.AttributeCondition()
            if test, let h = plan.holdout, rng.unit() < h.share {
                fixed = h.combinations[rng.int(in: 0...(h.combinations.count - 1))]
            }
            let heldOut = !fixed.named.isEmpty
            var drawn = ScenePlan.AttributeCondition()
            func draw(_ kind: ScenePlan.AttributeKind, _ rng: inout Xoshiro256) -> Int {
                if let v = fixed[kind] { return v }
                return rng.weightedIndex(plan.conditionalWeights(kind, given: drawn, excludeHeldOut: !heldOut))
            }
            let sizeIndex = draw(.size, &rng)
            drawn.size = sizeIndex
            let shapeIndex = draw(.shape, &rng)
            drawn.shape = shapeIndex
            let colorIndex = draw(.color, &rng)
            drawn.color = colorIndex
            let size = plan.sizes[sizeIndex]
            let radius = Sampler.quantize(rng.uniform(size.radius), 1000)
            let fillIndex = draw(.fill, &rng)
            drawn.fill = fillIndex
            attributes.append(
                Attributes(
                    shape: plan.shapes[shapeIndex].value, color: plan.colors[colorIndex].value, size: size.name,
                    radius: radius, fill: plan.fills[fillIndex].value,
                    rotation: Sampler.quantize(rng.uniform(plan.rotation), 100)))
        }
        return attributes
    }

    /// Scatter layout: each object at a uniform position inside the padded canvas, at least the
    /// relation margin from every other object on both axes, overlapping none too much.
    func place(_ attributes: [Attributes], rng: inout Xoshiro256) -> [SceneObject]? {
        var placed: [SceneObject] = []
        placed.reserveCapacity(attributes.count)
        let relations = plan.relations
        let w = Double(plan.width)
        let h = Double(plan.height)
        for (i, a) in attributes.enumerated() {
            // The extent relative to the center is the same wherever the object goes.
            let local = ShapeGeometry.bounds(
                of: ShapeGeometry.outline(a.shape, center: Point(x: 0, y: 0), radius: a.radius, rotation: a.rotation))
            // An object wider or taller than the padded canvas cannot go anywhere (checked before
            // forming the ranges: a range whose bounds cross traps).
            let (x0, x1) = (plan.padding - local.minX, w - plan.padding - local.maxX)
            let (y0, y1) = (plan.padding - local.minY, h - plan.padding - local.maxY)
            guard x0 <= x1, y0 <= y1 else { return nil }
            let xs = x0...x1
            let ys = y0...y1
            var found: SceneObject?
            for _ in 0..<plan.placementRetries {
                let center = Point(
                    x: Sampler.quantize(rng.uniform(xs), 1000), y: Sampler.quantize(rng.uniform(ys), 1000))
                guard xs.contains(center.x), ys.contains(center.y) else { continue }
                let extent = Rect(
                    minX: center.x + local.minX, minY: center.y + local.minY, maxX: center.x + local.maxX,
                    maxY: center.y + local.maxY)
                if placed.contains(where: { other in
                    !relations.isDecided(extent.center, other.extent.center)
                        || Sampler.overlapShare(extent, other.extent) > plan.maxOverlap
                }) {
                    continue
                }
                found = SceneObject(
                    id: i + 1, shape: a.shape, color: a.color, size: a.size, radius: a.radius, fill: a.fill,
                    center: center, rotation: a.rotation, z: i)
                break
            }
            guard let object = found else { return nil }
            placed.append(object)
        }
        return placed
    }

    /// Rounds to 1/`steps`: records then print short numbers that are exactly what was drawn.
    static func quantize(_ v: Double, _ steps: Double) -> Double { (v * steps).rounded() / steps }

    /// The largest share of either rectangle that their intersection covers.
    static func overlapShare(_ a: Rect, _ b: Rect) -> Double {
        let iw = min(a.maxX, b.maxX) - max(a.minX, b.minX)
        let ih = min(a.maxY, b.maxY) - max(a.minY, b.minY)
        guard iw > 0, ih > 0 else { return 0 }
        let inter = iw * ih
        return max(inter / (a.width * a.height), inter / (b.width * b.height))
    }
}
