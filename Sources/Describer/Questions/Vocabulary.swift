import SceneModel

/// The attribute values a plan can draw: questions about absent values ("Is there a green
/// heart?") draw from here, not only from what the scene shows.
public struct Vocabulary: Sendable {
    public let colors: [String]
    public let shapes: [ShapeKind]
    public let sizes: [String]
    public let fills: [Fill]
    /// How often the plan draws each value, in the order of the lists above (colors, shapes,
    /// sizes, fills); all 1 when not given.
    public let valueWeights: [[Double]]
    /// The texts a plan's word lists hold (in list order), for questions about texts the image
    /// does not show.
    public var texts: [String] = []

    /// Single-attribute filters over the whole vocabulary, built once; the attribute of each,
    /// and their indices grouped by attribute (colors, shapes, sizes, fills).
    let singleFilters: [ObjectFilter]
    let singleKinds: [Attribute]
    let singleGroups: [[Int]]
    /// How many values each attribute has (colors, shapes, sizes, fills), as weights.
    let attributeValueCounts: [Double]

    /// The single-attribute filter at `index` of ``singleFilters``; nil: no attribute ("things").
    func singleFilter(_ index: Int?) -> ObjectFilter { index.map { singleFilters[$0] } ?? ObjectFilter() }

    public init(
        colors: [String], shapes: [ShapeKind], sizes: [String], fills: [Fill], valueWeights: [[Double]]? = nil
    ) {
        self.colors = colors
        self.shapes = shapes
        self.sizes = sizes
        self.fills = fills
        let counts = [colors.count, shapes.count, sizes.count, fills.count]
        self.valueWeights =
            valueWeights.flatMap { w in w.map(\.count) == counts ? w : nil }
            ?? counts.map { [Double](repeating: 1, count: $0) }
        singleFilters =
            colors.map { ObjectFilter(color: $0) } + shapes.map { ObjectFilter(shape: $0) }
            + sizes.map { ObjectFilter(size: $0) } + fills.map { ObjectFilter(fill: $0) }
        singleKinds =
            colors.map { _ in Attribute.color } + shapes.map { _ in .shape } + sizes.map { _ in .size }
            + fills.map { _ in .fill }
        let c = colors.count
        let s = shapes.count
        let z = sizes.count
        let f = fills.count
        singleGroups = [
            Array(0..<c), Array(c..<(c + s)), Array((c + s)..<(c + s + z)), Array((c + s + z)..<(c + s + z + f)),
        ]
        attributeValueCounts = [c, s, z, f].map { Double(max($0, 1)) }
    }
}
