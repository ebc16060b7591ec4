import Rasterizer
import SceneModel

/// Why a layout attempt was thrown away. Counted per sample and reported when a plan fails.
public enum RejectionReason: String, CaseIterable, Sendable, Hashable {
    /// No position satisfied the border, overlap and relation-margin rules for some object.
    case placement
    /// An object showed fewer pixels, or a smaller share of itself, than the plan's minimum.
    case visibility
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

    public func sample(index: UInt64) throws(SamplingError) -> SampledScene {
        var rng = SampleSeed.generator(runSeed: seed, index: index, stream: .attributes)
        let count = rng.int(in: plan.objectCount)
        let background = plan.backgrounds[rng.weightedIndex(plan.backgrounds.map(\.weight))].value
        var attributes: [Attributes] = []
        attributes.reserveCapacity(count)
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

        var rejections: [RejectionReason: Int] = [:]
        for attempt in 0..<plan.sceneRetries {
            var layoutRng = SampleSeed.generator(runSeed: seed, index: index, stream: .layout(attempt: attempt))
            guard let objects = place(attributes, rng: &layoutRng) else {
                rejections[.placement, default: 0] += 1
                continue
            }
            let scene = Scene(width: plan.width, height: plan.height, background: background, objects: objects)
            let rendered = Rasterizer.render(scene)
            if rendered.measurements.contains(where: {
                $0.visiblePixels < plan.minVisiblePixels || $0.visibleFraction < plan.minVisibleFraction
            }) {
                rejections[.visibility, default: 0] += 1
                continue
            }
            return SampledScene(index: index, rendered: rendered, attempts: attempt + 1, rejections: rejections)
        }
        throw SamplingError(plan: plan.name, index: index, attempts: plan.sceneRetries, rejections: rejections)
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
            let xs = (plan.padding - local.minX)...(w - plan.padding - local.maxX)
            let ys = (plan.padding - local.minY)...(h - plan.padding - local.maxY)
            guard xs.lowerBound <= xs.upperBound, ys.lowerBound <= ys.upperBound else { return nil }
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
