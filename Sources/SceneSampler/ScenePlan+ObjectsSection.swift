import PlanFiles
import SceneModel

extension ScenePlan {
    /// The plan's `objects:` section: how many objects, and the weighted shapes, colors, fills,
    /// size classes and rotations they draw from. Its nodes are kept for the whole-plan checks'
    /// messages.
    struct ObjectsSection {
        var count: ClosedRange<Int>
        /// Weights per count, when the plan gives them (`count: {3: 1, 4: 2}`).
        var countWeights: [Weighted<Int>]?
        var shapes: [Weighted<ShapeKind>]
        var colors: [Weighted<NamedColor>]
        var fills: [Weighted<Fill>]
        var sizes: [SizeClass]
        var rotation: ClosedRange<Double>
        var countNode: YAMLValue
        var sizesNode: YAMLValue

        init(_ objects: YAMLValue, palette: Palette) throws(PlanError) {
            try objects.checkKeys(["count", "shapes", "colors", "fills", "sizes", "rotation"])
            countNode = try objects.required("count")
            if countNode.kind == .mapping {
                // Weights per count: `{3: 1, 4: 2}`.
                var weights: [Weighted<Int>] = []
                for (key, value) in try countNode.entries() {
                    guard let n = Int(key), (1...Scene.maxObjects).contains(n) else {
                        throw value.error("object count '\(key)' must be a whole number within 1...\(Scene.maxObjects)")
                    }
                    let w = try value.double()
                    guard w >= 0 else { throw value.error("weight of count \(n) must not be negative") }
                    weights.append(Weighted(value: n, weight: w))
                }
                let drawn = weights.filter { $0.weight > 0 }.map(\.value)
                guard let lo = drawn.min(), let hi = drawn.max() else {
                    throw countNode.error("at least one object count needs a positive weight")
                }
                countWeights = weights
                count = lo...hi
            } else {
                count = try countNode.intRange()
            }
            guard count.lowerBound >= 1, count.upperBound <= Scene.maxObjects else {
                throw countNode.error("object count must be within 1...\(Scene.maxObjects), got \(count)")
            }
            shapes = try ScenePlan.weighted(
                try objects.optional("shapes"), what: "shape", all: ShapeKind.allCases.map(\.rawValue)
            ) { ShapeKind(rawValue: $0) }
            colors = try ScenePlan.weighted(
                try objects.optional("colors"), what: "color", all: palette.colors.map(\.name)
            ) { palette.color(named: $0) }
            fills = try ScenePlan.weighted(
                try objects.optional("fills"), what: "fill", all: Fill.allCases.map(\.rawValue)
            ) { Fill(rawValue: $0) }
            sizesNode = try objects.required("sizes")
            var sizes: [SizeClass] = []
            for (key, value) in try sizesNode.entries() {
                var weight = 1.0
                var range: ClosedRange<Double>
                if value.kind == .mapping {
                    try value.checkKeys(["radius", "weight"])
                    range = try value.required("radius").doubleRange()
                    if let w = try value.optional("weight") { weight = try w.double() }
                } else {
                    range = try value.doubleRange()
                }
                guard range.lowerBound >= 2 else { throw value.error("radius must be at least 2 pixels") }
                guard weight >= 0 else { throw value.error("weight must not be negative") }
                sizes.append(SizeClass(name: key, radius: range, weight: weight))
            }
            guard !sizes.isEmpty else { throw sizesNode.error("expected at least one size class") }
            let sortedSizes = sizes.sorted { $0.radius.lowerBound < $1.radius.lowerBound }
            for (a, b) in zip(sortedSizes, sortedSizes.dropFirst())
            where a.radius.upperBound * 1.15 > b.radius.lowerBound {
                throw sizesNode.error(
                    "size classes '\(a.name)' and '\(b.name)' are too close to tell apart: the smallest '\(b.name)' radius must be at least 15% above the largest '\(a.name)' (\(a.radius.upperBound))"
                )
            }
            self.sizes = sizes
            rotation = try objects.optional("rotation")?.doubleRange() ?? 0...0
        }
    }
}
