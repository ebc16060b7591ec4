import SceneModel

/// What the families of one image share, computed once per image: which attribute masks name
/// each object alone, one relation step from every object, the vocabulary's filters as object
/// sets, and attribute values as integer codes.
struct QuestionContext {
    /// One relation step: `target`, named by `mask` among the objects in `direction` of `from`.
    struct Hop {
        var from: Int
        var direction: Relations.Direction
        var target: Int
        var mask: AttributeMask

        var anchor: Int { from }
    }

    /// The index of the shapes in ``singleGroups`` (colors, shapes, sizes, fills).
    static let shapeGroup = 1

    /// The masks naming at most two attributes: what a relation step may name its target by.
    static let hopMasks = MaskSet(AttributeMask.every.filter { $0.count <= 2 })

    /// `subsetsOf[a.rawValue]`: the masks whose attributes are all in `a`.
    static let subsetsOf: [MaskSet] = AttributeMask.every.map { a in
        MaskSet(AttributeMask.every.filter { a.isSuperset(of: $0) })
    }

    let facts: SceneFacts
    /// Per object, the attribute masks (not the empty one) that name it alone.
    let uniqueMasks: [MaskSet]
    /// Objects nameable alone, each with one naming mask (the first in `uniqueMasks`).
    let anchors: [(object: Int, mask: AttributeMask)]
    /// Relation steps from each object (targets named by at most two attributes, or none):
    /// those from object `b` are `hops[hopStarts[b] ..< hopStarts[b + 1]]` (``hopsFrom(_:)``).
    let hops: [Hop]
    let hopStarts: [Int]
    /// The vocabulary's single-attribute filters as object sets, aligned with
    /// `Vocabulary.singleFilters`, their attribute, and their indices grouped by attribute
    /// (colors, shapes, sizes, fills).
    let singleSets: [ObjectSet]
    let singleKinds: [Attribute]
    let singleGroups: [[Int]]
    /// Per object and attribute, a code equal for equal values (the lowest index of the
    /// objects sharing the value): `codes[4 * object + attribute.codeColumn]`.
    let codes: [Int]

    init(_ facts: SceneFacts, _ vocabulary: Vocabulary) {
        self.facts = facts
        let n = facts.count
        var codes: [Int] = []
        codes.reserveCapacity(4 * n)
        for i in 0..<n {
            for attribute in Attribute.all {
                codes.append(facts.filter(facts.all, like: i, mask: attribute.mask).bits.trailingZeroBitCount)
            }
        }
        self.codes = codes
        // `agree[n * i + j]`: the attributes objects i and j share. A mask names object `o`
        // alone among a set exactly when, for every other member `p`, it holds an attribute
        // the two do not share: the masks that cannot are the subsets of agree(o, p).
        let attributeMasks = Attribute.all.map(\.mask)  // by code column
        var agree = [AttributeMask](repeating: [], count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                for k in 0..<4 where codes[4 * i + k] == codes[4 * j + k] { agree[n * i + j].insert(attributeMasks[k]) }
            }
        }
        let subsetsOf = QuestionContext.subsetsOf
        /// The masks that name `o` alone in `set` (which holds `o`).
        func naming(_ o: Int, in set: ObjectSet) -> MaskSet {
            var ruledOut: UInt16 = 0
            for p in set where p != o { ruledOut |= subsetsOf[agree[n * o + p].rawValue].bits }
            return MaskSet(bits: ~ruledOut)
        }
        var unique: [MaskSet] = []
        unique.reserveCapacity(n)
        var anchors: [(object: Int, mask: AttributeMask)] = []
        anchors.reserveCapacity(n)
        for i in 0..<n {
            let masks = naming(i, in: facts.all).removingEmpty
            if let first = masks.first { anchors.append((i, first)) }
            unique.append(masks)
        }
        uniqueMasks = unique
        self.anchors = anchors
        // Every object's hops in one list, each object's a contiguous range, reserved at an
        // upper bound (every related object named by every hop mask).
        var bound = 0
        for b in 0..<n {
            for d in Relations.Direction.all { bound += facts.related(b, d).count }
        }
        var hops: [Hop] = []
        hops.reserveCapacity(bound * QuestionContext.hopMasks.count)
        var hopStarts: [Int] = []
        hopStarts.reserveCapacity(n + 1)
        for b in 0..<n {
            hopStarts.append(hops.count)
            for d in Relations.Direction.all {
                let related = facts.related(b, d)
                for o in related {
                    for mask in naming(o, in: related).intersection(QuestionContext.hopMasks) {
                        hops.append(Hop(from: b, direction: d, target: o, mask: mask))
                    }
                }
            }
        }
        hopStarts.append(hops.count)
        self.hops = hops
        self.hopStarts = hopStarts
        // In `Vocabulary.singleFilters` order (colors, shapes, sizes, fills).
        var single: [ObjectSet] = []
        single.reserveCapacity(vocabulary.singleFilters.count)
        for color in vocabulary.colors { single.append(facts.objects(color: color)) }
        for shape in vocabulary.shapes { single.append(facts.objects(shape: shape)) }
        for size in vocabulary.sizes { single.append(facts.objects(size: size)) }
        for fill in vocabulary.fills { single.append(facts.objects(fill: fill)) }
        singleSets = single
        singleKinds = vocabulary.singleKinds
        singleGroups = vocabulary.singleGroups
    }

    /// The relation steps from object `b`.
    func hopsFrom(_ b: Int) -> ArraySlice<Hop> { hops[hopRange(b)] }

    /// Where the relation steps from object `b` are in ``hops``.
    func hopRange(_ b: Int) -> Range<Int> { hopStarts[b]..<hopStarts[b + 1] }

    func valueCode(_ attribute: Attribute, _ i: Int) -> Int { codes[4 * i + attribute.codeColumn] }

    /// The answer key of object `i`'s value of `attribute`: the value's index among the
    /// vocabulary's single filters, the same in every scene (``AnswerWeights``).
    func valueKey(_ attribute: Attribute, _ i: Int) -> Int {
        let column = attribute.codeColumn
        for k in singleGroups[column] where singleSets[k].contains(i) { return k }
        return -1 - column
    }

    /// The referent of a hop from an anchor: "the {mask} {direction} the {anchor}", the anchor
    /// named by one of its naming masks drawn from `rng`.
    func referent(_ hop: Hop, _ rng: inout Xoshiro256) -> Referent {
        let anchorMask = rng.pick(uniqueMasks[hop.from]) ?? [.size, .fill, .color, .shape]
        return .related(
            ObjectFilter.of(facts.object(hop.target), mask: hop.mask), hop.direction,
            .filter(ObjectFilter.of(facts.object(hop.from), mask: anchorMask)))
    }
}

extension Attribute {
    /// The attribute's place among an object's four codes in ``QuestionContext/codes``
    /// (`Attribute.allCases` order).
    var codeColumn: Int {
        switch self {
        case .color: 0
        case .shape: 1
        case .size: 2
        case .fill: 3
        }
    }

    var queryFamily: QuestionFamily {
        switch self {
        case .color: .queryColor
        case .shape: .queryShape
        case .size: .querySize
        case .fill: .queryFill
        }
    }
}
