import SceneModel

/// The facts of a drawn scene that text may state, indexed for the question engine: attribute
/// sets, relation sets (from ``Relations``, the one definition of spatial words) and sizes.
/// Everything here is derived from the scene and the rasterizer's measurements.
///
/// Immutable; a class so that the stages describing one image share one copy.
public final class SceneFacts: Sendable {
    public let scene: Scene
    public let relations: Relations
    /// Whole-shape pixel counts (what "largest" compares).
    public let areas: [Int]
    public var count: Int { scene.objects.count }
    public let all: ObjectSet
    /// Positions (``Relations/position(of:)``) by object index.
    public let positions: [Point]
    /// `directional[4 * i + d.ordinal]`: the objects that lie in direction `d` of object `i`
    /// (flat, as ``sameAs``).
    let directional: [ObjectSet]
    /// `overlapping[i]`: objects that clearly overlap object `i`; `apart[i]`: objects clearly
    /// apart from it (``Relations/overlap(sharedPixels:_:_:)``). Pairs in neither are never stated.
    public let overlapping: [ObjectSet]
    public let apart: [ObjectSet]
    /// `inside[i]`: objects clearly inside object `i` (``Relations/inside(_:_:)``);
    /// `containing[i]`: objects clearly holding object `i`.
    public let inside: [ObjectSet]
    public let containing: [ObjectSet]
    /// `front[i]`: objects clearly in front of object `i`; `behind[i]`: clearly behind it
    /// (``Relations/inFront(_:of:sharedPixels:)``). `depthUndecided[i]`: objects neither
    /// clearly overlapping nor clearly apart from `i`, about which nothing is said.
    public let front: [ObjectSet]
    public let behind: [ObjectSet]
    public let depthUndecided: [ObjectSet]
    /// Rows and columns of objects (``Relations/lines(_:)``): each object's line, 1-based from
    /// the top or the left, and how many; nil when the scene's lines are not clear.
    public let rows: (index: [Int], count: Int)?
    public let columns: (index: [Int], count: Int)?
    /// Groups of objects (``Relations/groups(_:)``); nil when not clear.
    public let groups: (index: [Int], count: Int)?
    /// `nearest[i]`: the object clearly nearest to object `i` (``Relations/nearest(to:among:)``).
    public let nearest: [Int?]
    /// `sameAs[16 * i + mask.rawValue]`: the objects sharing object `i`'s attributes selected
    /// by `mask`, `i` included, so that every filter built from an object's own attributes is
    /// one intersection.
    let sameAs: [ObjectSet]
    /// Objects by attribute value, each value once, in order of first appearance.
    let colorSets: [(String, ObjectSet)]
    let shapeSets: [(ShapeKind, ObjectSet)]
    let sizeSets: [(String, ObjectSet)]
    let fillSets: [(Fill, ObjectSet)]

    /// The scene's text items (at most 64), all of them as a set, and each object's label (the
    /// text of the item that labels it), for the text functions of programs.
    public let texts: [TextItem]
    public let allTexts: ObjectSet
    public let labels: [String?]

    /// "Largest" and "smallest" need the winner this much bigger (or smaller) than the runner-up.
    public static let sizeRatioMargin = 1.25

    public init(scene: Scene, measurements: [ObjectMeasurement], relations: Relations) {
        self.scene = scene
        self.relations = relations
        self.areas = measurements.map(\.fullPixels)
        let n = min(scene.objects.count, 64)
        let all = ObjectSet.all(n)
        self.all = all
        let objects = Array(scene.objects.prefix(n))
        texts = Array(scene.texts.prefix(64))
        allTexts = ObjectSet.all(texts.count)
        var labels = [String?](repeating: nil, count: n)
        for t in scene.texts {
            if let id = t.labels, let i = objects.firstIndex(where: { $0.id == id }) { labels[i] = t.text }
        }
        self.labels = labels
        func grouped<K: Equatable>(_ key: (SceneObject) -> K) -> [(K, ObjectSet)] {
            var out: [(K, ObjectSet)] = []
            for (i, o) in objects.enumerated() {
                let k = key(o)
                if let j = out.firstIndex(where: { $0.0 == k }) {
                    out[j].1 = out[j].1.union(.single(i))
                } else {
                    out.append((k, .single(i)))
                }
            }
            return out
        }
        let colorSets = grouped { $0.color.name }
        let shapeSets = grouped { $0.shape }
        let sizeSets = grouped { $0.size }
        let fillSets = grouped { $0.fill }
        self.colorSets = colorSets
        self.shapeSets = shapeSets
        self.sizeSets = sizeSets
        self.fillSets = fillSets
        sameAs = objects.flatMap { o in
            let bySize = SceneFacts.lookup(sizeSets, o.size)
            let byFill = SceneFacts.lookup(fillSets, o.fill)
            let byColor = SceneFacts.lookup(colorSets, o.color.name)
            let byShape = SceneFacts.lookup(shapeSets, o.shape)
            return AttributeMask.every.map { mask in
                var s = all
                if mask.contains(.size) { s = s.intersection(bySize) }
                if mask.contains(.fill) { s = s.intersection(byFill) }
                if mask.contains(.color) { s = s.intersection(byColor) }
                if mask.contains(.shape) { s = s.intersection(byShape) }
                return s
            }
        }
        let positions = objects.map(Relations.position(of:))
        self.positions = positions
        // Overlap and depth of every ordered pair, from the pixels the pair shares (looked up
        // once per pair).
        var overlapping = [ObjectSet](repeating: .empty, count: n)
        var apart = [ObjectSet](repeating: .empty, count: n)
        var front = [ObjectSet](repeating: .empty, count: n)
        var behind = [ObjectSet](repeating: .empty, count: n)
        var depthUndecided = [ObjectSet](repeating: .empty, count: n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                let shared =
                    i < measurements.count
                    ? measurements[i].overlaps.first { $0.id == objects[j].id }?.pixels ?? 0 : 0
                switch Relations.overlap(sharedPixels: shared, objects[i].extent, objects[j].extent) {
                case true?: overlapping[i] = overlapping[i].union(.single(j))
                case false?: apart[i] = apart[i].union(.single(j))
                case nil: break
                }
                switch Relations.inFront(objects[j], of: objects[i], sharedPixels: shared) {
                case true?: front[i] = front[i].union(.single(j))
                case false?:
                    if shared >= Relations.occlusionMinPixels { behind[i] = behind[i].union(.single(j)) }
                case nil: depthUndecided[i] = depthUndecided[i].union(.single(j))
                }
            }
        }
        self.overlapping = overlapping
        self.front = front
        self.behind = behind
        self.depthUndecided = depthUndecided
        self.apart = apart
        var inside = [ObjectSet](repeating: .empty, count: n)
        var containing = [ObjectSet](repeating: .empty, count: n)
        for i in 0..<n where objects[i].fill == .outline {
            for j in 0..<n where j != i && Relations.inside(objects[j], objects[i]) == true {
                inside[i] = inside[i].union(.single(j))
                containing[j] = containing[j].union(.single(i))
            }
        }
        self.inside = inside
        self.containing = containing
        rows = relations.lines(positions.map(\.y))
        columns = relations.lines(positions.map(\.x))
        groups = relations.groups(objects.map(\.extent))
        nearest = (0..<n).map { i in
            relations.nearest(to: positions[i], among: (0..<n).filter { $0 != i }.map { ($0, positions[$0]) })
        }
        directional = (0..<n).flatMap { i in
            Relations.Direction.all.map { d in
                var set = ObjectSet.empty
                for j in 0..<n where j != i && relations.holds(positions[j], d, of: positions[i]) {
                    set = set.union(.single(j))
                }
                return set
            }
        }
    }

    /// Whether the engine may describe this scene (object sets are 64-bit masks).
    public var isDescribable: Bool { scene.objects.count <= 64 && scene.objects.count > 0 }

    public func object(_ i: Int) -> SceneObject { scene.objects[i] }

    /// The objects in relation `r` to object `i` (`relate(i, r)`): inside it, holding it, in
    /// front of it or behind it.
    public func layered(_ i: Int, _ r: Relations.Layering) -> ObjectSet {
        switch r {
        case .inside: inside[i]
        case .contains: containing[i]
        case .front: front[i]
        case .behind: behind[i]
        }
    }

    public func related(_ i: Int, _ d: Relations.Direction) -> ObjectSet {
        directional[4 * i + d.ordinal]
    }

    /// The objects of `set` in row (or column) `k`; nil when the scene's lines are not clear.
    public func inLine(_ set: ObjectSet, _ axis: LineAxis, _ k: Int) -> ObjectSet? {
        guard let lines = axis == .row ? rows : columns else { return nil }
        var out = ObjectSet.empty
        for i in set where lines.index[i] == k { out = out.union(.single(i)) }
        return out
    }

    /// How many groups the objects of `set` belong to; nil when groups are not clear.
    public func groupCount(_ set: ObjectSet) -> Int? {
        guard let groups else { return nil }
        var seen: [Int] = []
        for i in set where !seen.contains(groups.index[i]) { seen.append(groups.index[i]) }
        return seen.count
    }

    /// The objects of `set` matching every given attribute.
    public func filter(_ set: ObjectSet, _ f: ObjectFilter) -> ObjectSet {
        var out = set
        if let c = f.color { out = out.intersection(objects(color: c)) }
        if let s = f.shape { out = out.intersection(objects(shape: s)) }
        if let z = f.size { out = out.intersection(objects(size: z)) }
        if let l = f.fill { out = out.intersection(objects(fill: l)) }
        return out
    }

    /// The objects with one attribute value (empty for a value the scene does not show).
    public func objects(color: String) -> ObjectSet { SceneFacts.lookup(colorSets, color) }
    public func objects(shape: ShapeKind) -> ObjectSet { SceneFacts.lookup(shapeSets, shape) }
    public func objects(size: String) -> ObjectSet { SceneFacts.lookup(sizeSets, size) }
    public func objects(fill: Fill) -> ObjectSet { SceneFacts.lookup(fillSets, fill) }

    static func lookup<K: Equatable>(_ table: [(K, ObjectSet)], _ key: K) -> ObjectSet {
        for (k, s) in table where k == key { return s }
        return .empty
    }

    /// The objects of `set` sharing object `i`'s attributes selected by `mask`.
    public func filter(_ set: ObjectSet, like i: Int, mask: AttributeMask) -> ObjectSet {
        set.intersection(sameAs[16 * i + mask.rawValue])
    }

    /// The one member of `set` that is extreme in `kind`, or nil when `set` is empty or the
    /// extreme is not clear (sizes within ``sizeRatioMargin``, positions within the relation
    /// margin: in grid, row and column layouts objects sharing a line tie).
    public func extreme(_ set: ObjectSet, _ kind: Extreme) -> Int? {
        guard !set.isEmpty else { return nil }
        switch kind {
        case .leftmost, .rightmost, .topmost, .bottommost:
            var best = -1
            var bestKey = -Double.infinity
            var secondKey = -Double.infinity
            for i in set {
                let p = positions[i]
                let key =
                    switch kind {
                    case .leftmost: -p.x
                    case .rightmost: p.x
                    case .topmost: -p.y
                    default: p.y
                    }
                if key > bestKey {
                    secondKey = bestKey
                    best = i
                    bestKey = key
                } else if key > secondKey {
                    secondKey = key
                }
            }
            return bestKey - secondKey >= relations.margin ? best : nil
        case .largest, .smallest:
            // The winner and the runner-up in one pass; sizes compare whole-shape pixels.
            let sign = kind == .largest ? 1.0 : -1.0
            var best = -1
            var bestValue = -Double.infinity
            var second = -Double.infinity
            for i in set {
                let v = sign * Double(areas[i])
                if v > bestValue {
                    second = bestValue
                    best = i
                    bestValue = v
                } else if v > second {
                    second = v
                }
            }
            if second == -Double.infinity { return best }
            let (winner, runnerUp) = (abs(bestValue), abs(second))
            let clear =
                kind == .largest
                ? winner >= SceneFacts.sizeRatioMargin * runnerUp : runnerUp >= SceneFacts.sizeRatioMargin * winner
            return clear ? best : nil
        }
    }
}

/// Rows (lines of objects across, counted from the top) or columns (counted from the left).
public enum LineAxis: String, CaseIterable, Sendable {
    case row, column

    /// `allCases`, in declaration order.
    static let all = allCases
}

/// Superlatives: by position (with the relation margin) or by whole-shape pixel count.
public enum Extreme: String, CaseIterable, Sendable {
    case leftmost, rightmost, topmost, bottommost, largest, smallest

    /// `allCases`, in declaration order.
    static let all = allCases
}

/// A description of objects by attributes; nil attributes are not mentioned.
public struct ObjectFilter: Hashable, Sendable {
    public var size: String?
    public var fill: Fill?
    public var color: String?
    public var shape: ShapeKind?

    public init(size: String? = nil, fill: Fill? = nil, color: String? = nil, shape: ShapeKind? = nil) {
        self.size = size
        self.fill = fill
        self.color = color
        self.shape = shape
    }

    /// All attributes of an object.
    public init(_ object: SceneObject) {
        self.init(size: object.size, fill: object.fill, color: object.color.name, shape: object.shape)
    }

    public var attributeCount: Int {
        (size == nil ? 0 : 1) + (fill == nil ? 0 : 1) + (color == nil ? 0 : 1) + (shape == nil ? 0 : 1)
    }

    /// Whether every attribute this filter names is the same in `other` (a caption group's
    /// parts, which name them all).
    public func matches(_ other: ObjectFilter) -> Bool {
        (size == nil || size == other.size) && (fill == nil || fill == other.fill)
            && (color == nil || color == other.color) && (shape == nil || shape == other.shape)
    }

    public func matches(_ o: SceneObject) -> Bool {
        (size == nil || size == o.size) && (fill == nil || fill == o.fill) && (color == nil || color == o.color.name)
            && (shape == nil || shape == o.shape)
    }

    /// The words of a noun phrase.
    public var parts: PhraseParts { self }

    /// The filter program steps, in CLEVR's order (size, color, material-like fill, shape).
    public func steps() -> [(ProgramFunction, String)] {
        var out: [(ProgramFunction, String)] = []
        forEachStep { out.append(($0, $1)) }
        return out
    }

    /// The same steps, visited in order.
    public func forEachStep(_ body: (ProgramFunction, String) -> Void) {
        if let size { body(.filterSize, size) }
        if let color { body(.filterColor, color) }
        if let fill { body(.filterFill, fill.rawValue) }
        if let shape { body(.filterShape, shape.rawValue) }
    }

    /// A filter naming every attribute of `o` that `mask` selects.
    public static func of(_ o: SceneObject, mask: AttributeMask) -> ObjectFilter {
        ObjectFilter(
            size: mask.contains(.size) ? o.size : nil, fill: mask.contains(.fill) ? o.fill : nil,
            color: mask.contains(.color) ? o.color.name : nil, shape: mask.contains(.shape) ? o.shape : nil)
    }
}
