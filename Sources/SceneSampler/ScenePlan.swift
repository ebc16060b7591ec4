import SceneModel

/// Everything that decides what scenes look like: read from a YAML plan file
/// (see docs/SCENES.md), validated up front so that sampling never meets a surprise.
public struct ScenePlan: Sendable, Hashable {
    /// A named size class and the radii it draws from.
    public struct SizeClass: Sendable, Hashable {
        public var name: String
        public var radius: ClosedRange<Double>
        public var weight: Double
    }

    /// A choice with a weight.
    public struct Weighted<Value: Sendable & Hashable>: Sendable, Hashable {
        public var value: Value
        public var weight: Double
    }

    /// Where objects go. Layouts other than scatter line objects up, so each says which
    /// relations it leaves undecided (objects sharing a row are neither above nor below each
    /// other) and which words it adds (rows, columns, ordinals, groups): see docs/SCENES.md.
    public enum LayoutKind: String, Sendable, Hashable, CaseIterable {
        /// Uniform positions, every pair decided on both axes (the default).
        case scatter
        /// Cells of `rows` x `columns`, each holding at most one object; cells may stay empty.
        case grid
        /// One horizontal line, evenly spaced: "the third thing from the left".
        case row
        /// One vertical line, evenly spaced: "the second thing from the top".
        case column
        /// Evenly spaced on a circle with a random phase; every pair decided, as in scatter.
        case ring
        /// `clusters` groups, far apart, of objects close together: "how many groups are there?".
        case clusters
        /// Outline containers, each holding objects in its hollow: "the red star inside the
        /// large blue square", "how many things are inside the blue circle?".
        case nested
        /// Stacks of objects, each covering the one below by a controlled share: "is the red
        /// circle in front of the blue square?", "what color is the thing behind the star?".
        case stack
    }

    public var name: String
    public var description: String
    /// The curriculum level the plan names (`level: 1...3`), whose defaults filled in what the
    /// file leaves out; nil when it names none.
    public var level: Int? = nil
    /// The file the plan came from, as the user named it (for messages).
    public var source: String
    public var width: Int
    public var height: Int
    /// Indexed images' coverage steps (`canvas: color: indexed`); nil draws RGB.
    public var coverageLevels: Int? = nil
    public var paletteName: String
    public var backgrounds: [Weighted<NamedColor>]
    public var objectCount: ClosedRange<Int>
    /// Weights per object count (`count: {3: 1, 6: 2}`); nil: uniform over `objectCount`.
    public var countWeights: [Weighted<Int>]? = nil
    public var shapes: [Weighted<ShapeKind>]
    public var colors: [Weighted<NamedColor>]
    public var fills: [Weighted<Fill>]
    public var sizes: [SizeClass]
    public var rotation: ClosedRange<Double>
    public var layout: LayoutKind
    /// Pixels kept clear at the canvas border.
    public var padding: Double
    /// Largest share of an object's extent that another object's extent may cover.
    public var maxOverlap: Double
    public var minVisiblePixels: Int
    public var minVisibleFraction: Double
    /// Spatial relations' margin in pixels (see ``Relations``).
    public var relationMargin: Double
    public var placementRetries: Int
    public var sceneRetries: Int
    /// Languages and amounts of text per image.
    public var text: TextSettings
    /// Text drawn into the images (`lettering:`); nil for plans that draw none.
    public var lettering: Lettering? = nil
    /// The chart each image shows (`chart:`); nil for plans of shapes.
    public var chart: ChartSettings? = nil
    /// Counterfactual twins per sample (`twins:`; `generate --twins` overrides), 0 for none.
    public var twins = 0
    /// How often each edit kind makes a twin (`twin_edits:`); nil: every kind in turn, in a
    /// shuffled order.
    public var twinEdits: [Weighted<TwinEdit.Kind>]? = nil
    /// Deliberate dependencies between attributes ("circles are mostly red").
    public var correlations: [Correlation] = []
    /// Held-out attribute combinations and the split this plan draws.
    public var holdout: Holdout? = nil
    /// Grid layout: rows and columns of cells.
    public var gridRows = 1
    public var gridColumns = 1
    /// Grid, row and column layouts: largest offset (px) of an object from its slot's center.
    public var jitter = 0.0
    /// Clusters layout: how many groups a scene has, uniform.
    public var clusterCount: ClosedRange<Int> = 1...1
    /// Nested layout: containers per scene, objects inside each (up to the drawn objects), the
    /// shapes containers take (their hollows must hold something) and the least distance (px)
    /// between a held object and its container's band.
    public var containerCount: ClosedRange<Int> = 1...1
    public var contentCount: ClosedRange<Int> = 1...3
    public var containerShapes: [ShapeKind] = [.square, .circle, .hexagon]
    public var clearance = 3.0
    /// Stack layout: stacks per scene (objects dealt round-robin), and the share of the smaller
    /// extent that each object's extent covers of the one below it.
    public var stackCount: ClosedRange<Int> = 1...1
    public var stackOverlap: ClosedRange<Double> = 0.2...0.35

    public var relations: Relations { Relations(margin: relationMargin) }

    /// The drawn size class with the largest radii (nested containers take it).
    public var largestSizeIndex: Int? {
        sizes.indices.filter { sizes[$0].weight > 0 }.max { sizes[$0].radius.upperBound < sizes[$1].radius.upperBound }
    }
}
