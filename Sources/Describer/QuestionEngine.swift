import Foundation
import SceneModel

/// The attribute values a plan can draw: questions about absent values ("Is there a green
/// heart?") draw from here, not only from what the scene shows.
public struct Vocabulary: Sendable {
    public let colors: [String]
    public let shapes: [ShapeKind]
    public let sizes: [String]
    public let fills: [Fill]

    /// Single-attribute filters over the whole vocabulary, built once; the attribute of each,
    /// and their indices grouped by attribute (colors, shapes, sizes, fills).
    let singleFilters: [ObjectFilter]
    let singleKinds: [Attribute]
    let singleGroups: [[Int]]

    public init(colors: [String], shapes: [ShapeKind], sizes: [String], fills: [Fill]) {
        self.colors = colors
        self.shapes = shapes
        self.sizes = sizes
        self.fills = fills
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
    }
}

/// What fills a template slot, before it is said in a language.
public enum Slot: Hashable, Sendable {
    case referent(Referent)
    case filter(ObjectFilter)
    case direction(Relations.Direction)
    case token(String)
    /// An ordinal ("second", 第二) from the lexicon's layout words.
    case ordinal(Int)
}

/// A question built once and said in every language: its program, its answer (the program's
/// result) and what fills its template's slots.
public struct QuestionSpec: Hashable, Sendable {
    public var family: QuestionFamily
    public var kind: QuestionKind
    public var program: Program
    public var answer: ProgramValue
    /// Slot name and filler, in the order the engine gave them: a question has one to three,
    /// so a scan beats hashing the name.
    public var slots: [SlotFill]
    /// Relation hops of the program (relate and extreme steps).
    public var hops: Int

    public struct SlotFill: Hashable, Sendable {
        public var name: Template.Slot
        public var value: Slot
    }

    public func slot(_ name: Template.Slot) -> Slot? {
        // By index: `for s in slots` copied every filler it passed over.
        for i in slots.indices where slots[i].name == name { return slots[i].value }
        return nil
    }

    public var answerType: AnswerType {
        switch answer {
        case .boolean: .yesNo
        case .integer: .number
        default: .other
        }
    }
}

/// Builds questions in the manner of CLEVR's engine, balanced by construction: each family
/// first chooses the answer it will have (yes or no by a coin; a count or an attribute value
/// uniformly among those the scene makes possible), then finds a question with that answer.
/// Nothing depends on other samples, so balance holds in parallel and distributed runs.
public struct QuestionEngine: Sendable {
    public let vocabulary: Vocabulary
    /// Families with weights (zero-weight families are never asked).
    public let families: [(QuestionFamily, Double)]
    /// Weights of difficulty levels.
    public let difficulty: [(Difficulty, Double)]
    /// Levels that have a family to ask, with their weights; per level, its families and
    /// weights (built once: choosing runs for every question).
    private let levels: [Difficulty]
    private let levelWeights: [Double]
    private let familiesByLevel: [[QuestionFamily]]
    private let familyWeightsByLevel: [[Double]]

    public init(vocabulary: Vocabulary, families: [(QuestionFamily, Double)], difficulty: [(Difficulty, Double)]) {
        self.vocabulary = vocabulary
        self.families = families
        self.difficulty = difficulty
        let levels = difficulty.filter { level in families.contains { $0.0.level == level.0 && $0.1 > 0 } }
        self.levels = levels.map(\.0)
        levelWeights = levels.map(\.1)
        let inLevel = levels.map { level in families.filter { $0.0.level == level.0 && $0.1 > 0 } }
        familiesByLevel = inLevel.map { $0.map(\.0) }
        familyWeightsByLevel = inLevel.map { $0.map(\.1) }
    }

    /// Up to `count` distinct questions (fewer when the scene cannot support more).
    public func questions(_ facts: SceneFacts, count: Int, rng: inout Xoshiro256) -> [QuestionSpec] {
        guard facts.isDescribable, count > 0 else { return [] }
        let context = QuestionContext(facts, vocabulary)
        var out: [QuestionSpec] = []
        out.reserveCapacity(count)
        var seen: [Program] = []
        seen.reserveCapacity(count)
        var tries = 0
        while out.count < count && tries < count * 6 {
            tries += 1
            guard let family = chooseFamily(&rng), let q = build(family, context, &rng) else { continue }
            guard let checked = ProgramExecutor.run(q.program, on: facts), checked == q.answer else { continue }
            // Different programs mostly differ in their last step: compared first.
            if !seen.contains(where: {
                $0.nodes.count == q.program.nodes.count && $0.nodes.last == q.program.nodes.last && $0 == q.program
            }) {
                seen.append(q.program)
                out.append(q)
            }
        }
        return out
    }

    func chooseFamily(_ rng: inout Xoshiro256) -> QuestionFamily? {
        guard !levels.isEmpty else { return nil }
        let level = rng.weightedIndex(levelWeights)
        return familiesByLevel[level][rng.weightedIndex(familyWeightsByLevel[level])]
    }

    public func build(_ family: QuestionFamily, _ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        build(family, QuestionContext(facts, vocabulary), &rng)
    }

    func build(_ family: QuestionFamily, _ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        switch family {
        case .exist: exist(c, &rng)
        case .count: count(c, &rng)
        case .queryColor: query(.color, c, &rng)
        case .queryShape: query(.shape, c, &rng)
        case .querySize: query(.size, c, &rng)
        case .queryFill: query(.fill, c, &rng)
        case .compareCount: compareCount(c, &rng)
        case .compareAttribute: compareAttribute(c, &rng)
        case .logic: logic(c, &rng)
        case .relateQuery: relateQuery(c, &rng)
        case .relateCount: relateCountOrExist(c, &rng, exist: false)
        case .relateExist: relateCountOrExist(c, &rng, exist: true)
        case .nearestQuery: nearestQuery(c, &rng)
        case .overlapExist: overlapExist(c, &rng)
        case .superlative: superlative(c, &rng)
        case .twoHop: twoHop(c, &rng)
        case .lineCount: lineCount(c, &rng)
        case .lineQuery: lineQuery(c, &rng)
        case .groupCount: groupCount(c, &rng)
        case .insideQuery: insideQuery(c, &rng)
        case .insideCount: insideCount(c, &rng)
        case .frontExist: frontExist(c, &rng)
        case .behindQuery: behindQuery(c, &rng)
        }
    }

    // MARK: Helpers

    /// Chooses a key with probability proportional to `weight` among the distinct keys, then an
    /// item under it uniformly: the balancing step. Keys and weights live in stack scratch
    /// space: this runs for every question, and three small lists per run were a large share
    /// of the question search's allocations.
    @inline(__always)
    func balanced<V>(_ groups: [(Int, V)], _ rng: inout Xoshiro256, weight: (Int) -> Double = { _ in 1 }) -> (Int, V)? {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(groups.count, 1)) { keys in
            var distinct = 0
            // A plain loop: `contains` on the slice compared through Equatable's witness.
            for (k, _) in groups {
                var known = false
                for j in 0..<distinct where keys[j] == k {
                    known = true
                    break
                }
                if !known {
                    keys[distinct] = k
                    distinct += 1
                }
            }
            guard distinct > 0 else { return nil }
            let k = keys[Self.weightedIndex(keys[..<distinct], weight, &rng)]
            var n = 0
            for (key, _) in groups where key == k { n += 1 }
            var target = rng.int(in: 0...(n - 1))
            for (key, v) in groups where key == k {
                if target == 0 { return (k, v) }
                target -= 1
            }
            return nil
        }
    }

    /// `rng.weightedIndex(keys.map(weight))` with the weights in stack scratch space.
    @inline(__always)
    static func weightedIndex(
        _ keys: Slice<UnsafeMutableBufferPointer<Int>>, _ weight: (Int) -> Double, _ rng: inout Xoshiro256
    ) -> Int {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(keys.count, 1)) { weights in
            for (i, k) in keys.enumerated() { weights[i] = weight(k) }
            return rng.weightedIndex(UnsafeBufferPointer(rebasing: weights[..<keys.count]))
        }
    }

    /// The same choice as ``balanced(_:_:weight:)`` (the same draws, the same result) over
    /// candidates that `visit` enumerates, twice, in a fixed order, instead of a built list:
    /// families with hundreds of candidates spent more on the list than on choosing.
    @inline(__always)
    func balanced<V>(
        _ rng: inout Xoshiro256, weight: (Int) -> Double = { _ in 1 }, _ visit: (_ emit: (Int, V) -> Void) -> Void
    ) -> (Int, V)? {
        // Keys are value codes: object indices of a describable scene (under 64). A table from
        // key to slot finds a key's slot in one step (this runs for every candidate, twice);
        // keys keep their order of first appearance, which the draw depends on.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * 64) { scratch in
            let keys = UnsafeMutableBufferPointer(rebasing: scratch[..<64])
            let counts = UnsafeMutableBufferPointer(rebasing: scratch[64..<128])
            let slotOf = UnsafeMutableBufferPointer(rebasing: scratch[128...])
            slotOf.initialize(repeating: -1)
            var distinct = 0
            var overflow = false
            visit { k, _ in
                guard k >= 0 && k < 64 else {
                    overflow = true
                    return
                }
                let slot = slotOf[k]
                if slot >= 0 {
                    counts[slot] += 1
                } else {
                    slotOf[k] = distinct
                    keys[distinct] = k
                    counts[distinct] = 1
                    distinct += 1
                }
            }
            precondition(!overflow, "answer keys of a balanced visit are value codes, 0 to 63")
            guard distinct > 0 else { return nil }
            let chosen = Self.weightedIndex(keys[..<distinct], weight, &rng)
            let k = keys[chosen]
            var target = rng.int(in: 0...(counts[chosen] - 1))
            var result: (Int, V)?
            visit { key, v in
                guard result == nil, key == k else { return }
                if target == 0 { result = (k, v) } else { target -= 1 }
            }
            return result
        }
    }

    /// Attribute masks of `exist` questions' filters, and of two-attribute `count` filters.
    static let existMasks = [1, 2, 4, 8, 5, 9, 12, 6, 10, 3]
    static let pairMasks = [5, 9, 12, 3, 6, 10]
    static let countComparisons: [(QuestionKind, ProgramFunction)] = [
        (.compareMore, .greaterThan), (.compareFewer, .lessThan), (.compareSame, .equalInteger),
    ]

    /// Weights for count answers: large counts are possible in fewer scenes (only as "how many
    /// things" in a crowded one), so choosing uniformly among a scene's possible counts would
    /// still favour small ones across a dataset; weighting by the count evens that out.
    static func countWeight(_ n: Int) -> Double { 1 + 1.5 * Double(n) }

    /// Counts of related objects: none is rarely possible (every object has neighbours).
    static func relatedCountWeight(_ n: Int) -> Double { n == 0 ? 2 : 1 + 2 * Double(n) }

    /// Unions reach large counts, and intersections zero, in even fewer scenes.
    static func logicWeight(_ n: Int) -> Double { n == 0 ? 5 : pow(1 + Double(n), 2.5) }

    /// "What {attribute} is {referent}?": the program that finds the referent's one object and
    /// queries the attribute, and its answer.
    func ask(
        _ attribute: Attribute, about referent: Referent, answer object: Int, family: QuestionFamily,
        _ facts: SceneFacts
    )
        -> QuestionSpec
    {
        var p = Program()
        p.add(attribute.query, [referent.addSteps(to: &p)])
        return spec(
            family, attribute.queryKind, p, .token(attribute.value(of: facts.object(object))),
            [.x: .referent(referent)])
    }

    func spec(
        _ family: QuestionFamily, _ kind: QuestionKind, _ program: Program, _ answer: ProgramValue,
        _ slots: KeyValuePairs<Template.Slot, Slot>
    ) -> QuestionSpec {
        QuestionSpec(
            family: family, kind: kind, program: program, answer: answer,
            slots: slots.map { QuestionSpec.SlotFill(name: $0.key, value: $0.value) }, hops: program.hops)
    }

    // MARK: Families

    func exist(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let target = rng.coin()
        guard let i = rng.pick(0..<facts.count) else { return nil }
        let o = facts.object(i)
        var filter: ObjectFilter?
        let masks = Self.existMasks
        if target {
            filter = rng.pick(masks).map { ObjectFilter.of(o, mask: $0) }
        } else {
            // A near miss: one attribute of a real object changed to a value nothing has.
            for _ in 0..<12 {
                guard let mask = rng.pick(masks) else { break }
                var f = ObjectFilter.of(o, mask: mask)
                switch rng.int(in: 0...3) {
                case 0 where f.color != nil: f.color = rng.pick(vocabulary.colors)
                case 1 where f.shape != nil: f.shape = rng.pick(vocabulary.shapes)
                case 2 where f.size != nil: f.size = rng.pick(vocabulary.sizes)
                case 3 where f.fill != nil: f.fill = rng.pick(vocabulary.fills)
                default: continue
                }
                if facts.filter(facts.all, f).isEmpty {
                    filter = f
                    break
                }
            }
        }
        guard let f = filter, f.attributeCount > 0 else { return nil }
        var p = Program()
        p.add(.exist, [p.addFilter(f)])
        return spec(.exist, .exist, p, .boolean(target), [.x: .filter(f)])
    }

    func count(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        // Candidates as (count, code): code -1 is "things", 0... a vocabulary filter, 1000 + 16i + mask
        // two attributes of object i.
        var candidates: [(Int, Int)] = []
        candidates.reserveCapacity(1 + c.singleSets.count + 6 * facts.count)
        candidates.append((facts.count, -1))
        for (k, set) in c.singleSets.enumerated() { candidates.append((set.count, k)) }
        for i in 0..<facts.count {
            for mask in Self.pairMasks {
                candidates.append((facts.filter(facts.all, like: i, mask: mask).count, 1000 + 16 * i + mask))
            }
        }
        guard let (n, code) = balanced(candidates, &rng, weight: Self.countWeight) else { return nil }
        let f: ObjectFilter =
            code < 0
            ? ObjectFilter()
            : code < 1000
                ? vocabulary.singleFilters[code]
                : ObjectFilter.of(facts.object((code - 1000) / 16), mask: (code - 1000) % 16)
        var p = Program()
        p.add(.count, [p.addFilter(f)])
        return spec(.count, .count, p, .integer(n), [.x: .filter(f)])
    }

    func query(_ attribute: Attribute, _ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let chosen = balanced(&rng) { (emit: (Int, (Int, Int)) -> Void) in
            for i in 0..<facts.count {
                let code = c.valueCode(attribute, i)
                for mask in c.uniqueMasks[i] where mask & attribute.maskBit == 0 { emit(code, (i, mask)) }
            }
        }
        guard let (_, (i, mask)) = chosen else { return nil }
        let referent = Referent.filter(ObjectFilter.of(facts.object(i), mask: mask))
        return ask(attribute, about: referent, answer: i, family: attribute.queryFamily, c.facts)
    }

    func compareCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        guard let (kind, function) = rng.pick(Self.countComparisons) else { return nil }
        let target = rng.coin()
        var matches: [(Int, Int)] = []
        matches.reserveCapacity(c.singleSets.count * 4)
        for group in c.singleGroups {
            for a in group {
                let ca = c.singleSets[a].count
                for b in group where a != b {
                    let cb = c.singleSets[b].count
                    guard ca + cb > 0 && (ca > 0 && cb > 0 || ca + cb > 1) else { continue }
                    let answer =
                        switch function {
                        case .greaterThan: ca > cb
                        case .lessThan: ca < cb
                        default: ca == cb
                        }
                    if answer == target { matches.append((a, b)) }
                }
            }
        }
        guard let (ia, ib) = rng.pick(matches) else { return nil }
        let a = vocabulary.singleFilters[ia]
        let b = vocabulary.singleFilters[ib]
        var p = Program()
        let ca = p.add(.count, [p.addFilter(a)])
        let cb = p.add(.count, [p.addFilter(b)])
        p.add(function, [ca, cb])
        return spec(.compareCount, kind, p, .boolean(target), [.a: .filter(a), .b: .filter(b)])
    }

    func compareAttribute(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let target = rng.coin()
        var attributes = Attribute.all
        rng.shuffle(&attributes)
        // Keep the chosen answer and try each attribute for it: "same" pairs are rarer than
        // "different" ones, and giving up on a miss would tilt answers toward "no".
        for attribute in attributes {
            let named = (0..<facts.count).filter { i in c.uniqueMasks[i].contains { $0 & attribute.maskBit == 0 } }
            var pairs: [(Int, Int)] = []
            for a in named {
                for b in named where a < b && (c.valueCode(attribute, a) == c.valueCode(attribute, b)) == target {
                    pairs.append((a, b))
                }
            }
            guard var (a, b) = rng.pick(pairs),
                let ma = rng.pick(c.uniqueMasks[a], where: { $0 & attribute.maskBit == 0 }),
                let mb = rng.pick(c.uniqueMasks[b], where: { $0 & attribute.maskBit == 0 })
            else { continue }
            var (fa, fb) = (ObjectFilter.of(facts.object(a), mask: ma), ObjectFilter.of(facts.object(b), mask: mb))
            if rng.coin() {
                swap(&a, &b)
                swap(&fa, &fb)
            }
            let ra = Referent.filter(fa)
            let rb = Referent.filter(fb)
            var p = Program()
            let qa = p.add(attribute.query, [ra.addSteps(to: &p)])
            let qb = p.add(attribute.query, [rb.addSteps(to: &p)])
            p.add(attribute.equal, [qa, qb])
            return spec(
                .compareAttribute, attribute.sameKind, p, .boolean(target), [.a: .referent(ra), .b: .referent(rb)])
        }
        return nil
    }

    func logic(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        // "And" gives small counts, "or" large ones; asking "or" more often evens the answers.
        let isAnd = rng.unit() < 0.35
        // Adjectives (colors, sizes, fills) the scene shows, as (kind, vocabulary index).
        var present: [(Int, Int)] = []
        present.reserveCapacity(c.singleSets.count)
        for (kind, group) in c.singleGroups.enumerated() where kind != QuestionContext.shapeGroup {
            for k in group where !c.singleSets[k].isEmpty { present.append((kind, k)) }
        }
        var candidates: [(Int, (Int, Int))] = []
        candidates.reserveCapacity(present.count * present.count)
        for (ka, a) in present {
            for (kb, b) in present where a != b {
                if isAnd && ka == kb { continue }  // "both red and blue" is forced to zero
                let sa = c.singleSets[a]
                let sb = c.singleSets[b]
                candidates.append(((isAnd ? sa.intersection(sb) : sa.union(sb)).count, (a, b)))
            }
        }
        guard let (n, (ia, ib)) = balanced(candidates, &rng, weight: Self.logicWeight) else { return nil }
        let a = vocabulary.singleFilters[ia]
        let b = vocabulary.singleFilters[ib]
        var p = Program()
        let scene = p.add(.scene)
        let fa = p.addFilter(a, from: scene)
        let fb = p.addFilter(b, from: scene)
        p.add(.count, [p.add(isAnd ? .intersect : .union, [fa, fb])])
        return spec(
            .logic, isAnd ? .logicAnd : .logicOr, p, .integer(n),
            [.a: .token(a.steps()[0].1), .b: .token(b.steps()[0].1)])
    }

    func relateQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        guard let attribute = rng.pick(Attribute.all) else { return nil }
        let bit = attribute.maskBit
        let column = attribute.codeColumn
        // Hops and codes read through buffers: this visits every hop from every anchor, twice.
        let chosen = balanced(&rng) { (emit: (Int, QuestionContext.Hop) -> Void) in
            c.hops.withUnsafeBufferPointer { hops in
                c.codes.withUnsafeBufferPointer { codes in
                    for (anchor, _) in c.anchors {
                        for h in c.hopStarts[anchor]..<c.hopStarts[anchor + 1] where hops[h].mask & bit == 0 {
                            emit(codes[4 * hops[h].target + column], hops[h])
                        }
                    }
                }
            }
        }
        guard let (_, hop) = chosen else { return nil }
        let referent = c.referent(hop, &rng)
        return ask(attribute, about: referent, answer: hop.target, family: .relateQuery, c.facts)
    }

    func relateCountOrExist(_ c: QuestionContext, _ rng: inout Xoshiro256, exist: Bool) -> QuestionSpec? {
        let facts = c.facts
        guard let (b, _) = rng.pick(c.anchors), let mask = rng.pick(c.uniqueMasks[b]) else { return nil }
        let anchor = Referent.filter(ObjectFilter.of(facts.object(b), mask: mask))
        // (count, (direction index, vocabulary index or -1 for "things")).
        var candidates: [(Int, (Int, Int))] = []
        candidates.reserveCapacity(4 * (1 + c.singleSets.count))
        for (di, d) in Relations.Direction.all.enumerated() {
            let related = facts.related(b, d)
            if !exist { candidates.append((related.count, (di, -1))) }  // "is there a thing left of" is too vague
            for (k, set) in c.singleSets.enumerated() { candidates.append((related.intersection(set).count, (di, k))) }
        }
        let chosen: (Int, Int)
        let answer: ProgramValue
        if exist {
            let target = rng.coin()
            guard let pick = rng.pick(candidates, where: { ($0.0 > 0) == target }) else { return nil }
            chosen = pick.1
            answer = .boolean(target)
        } else {
            guard let (n, pick) = balanced(candidates, &rng, weight: Self.relatedCountWeight) else { return nil }
            chosen = pick
            answer = .integer(n)
        }
        let d = Relations.Direction.all[chosen.0]
        let f = chosen.1 < 0 ? ObjectFilter() : vocabulary.singleFilters[chosen.1]
        var p = Program()
        let r = p.add(.relate, [anchor.addSteps(to: &p)], d.rawValue)
        p.add(exist ? .exist : .count, [p.addFilter(f, from: r)])
        return spec(
            exist ? .relateExist : .relateCount, exist ? .relateExist : .relateCount, p, answer,
            [.x: .filter(f), .b: .referent(anchor), .rel: .direction(d)])
    }

    /// The `relate` value of overlapping.
    public static let overlappingValue = "overlapping"

    /// "Does the red circle overlap the blue square?" Asked only in scenes with both a clearly
    /// overlapping and a clearly apart pair of nameable objects, so either answer can be chosen.
    func overlapExist(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        var yes: [(Int, Int)] = []
        var no: [(Int, Int)] = []
        for (a, _) in c.anchors {
            for (b, _) in c.anchors where a < b {
                if facts.overlapping[a].contains(b) { yes.append((a, b)) }
                if facts.apart[a].contains(b) { no.append((a, b)) }
            }
        }
        guard !yes.isEmpty, !no.isEmpty else { return nil }
        let target = rng.coin()
        guard var (a, b) = rng.pick(target ? yes : no), let ma = rng.pick(c.uniqueMasks[a]),
            let mb = rng.pick(c.uniqueMasks[b])
        else { return nil }
        var (fa, fb) = (ObjectFilter.of(facts.object(a), mask: ma), ObjectFilter.of(facts.object(b), mask: mb))
        if rng.coin() {
            swap(&a, &b)
            swap(&fa, &fb)
        }
        let ra = Referent.filter(fa)
        var p = Program()
        let r = p.add(.relate, [ra.addSteps(to: &p)], Self.overlappingValue)
        p.add(.exist, [p.addFilter(fb, from: r)])
        return spec(.overlapExist, .overlap, p, .boolean(target), [.a: .referent(ra), .b: .referent(.filter(fb))])
    }

    func nearestQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        guard let attribute = rng.pick(Attribute.all) else { return nil }
        var candidates: [(Int, (Int, Int))] = []
        candidates.reserveCapacity(c.anchors.count)
        for (anchor, _) in c.anchors {
            guard let target = facts.nearest[anchor] else { continue }
            candidates.append((c.valueCode(attribute, target), (anchor, target)))
        }
        guard let (_, (anchor, target)) = balanced(candidates, &rng), let mask = rng.pick(c.uniqueMasks[anchor]) else {
            return nil
        }
        let referent = Referent.nearest(.filter(ObjectFilter.of(facts.object(anchor), mask: mask)))
        return ask(attribute, about: referent, answer: target, family: .nearestQuery, c.facts)
    }

    func superlative(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        guard let attribute = rng.pick(Attribute.all) else { return nil }
        // (answer code, (vocabulary index or -1, extreme index, object)).
        var candidates: [(Int, (Int, Int, Int))] = []
        candidates.reserveCapacity((c.singleSets.count + 1) * Extreme.all.count)
        for k in -1..<c.singleSets.count {
            if k >= 0 && c.singleKinds[k] == attribute { continue }  // never name the asked attribute
            let set = k < 0 ? facts.all : c.singleSets[k]
            guard set.count >= 2 else { continue }
            for (e, extreme) in Extreme.all.enumerated() {
                if let o = facts.extreme(set, extreme) { candidates.append((c.valueCode(attribute, o), (k, e, o))) }
            }
        }
        guard let (_, (k, e, o)) = balanced(candidates, &rng) else { return nil }
        let referent = Referent.extreme(k < 0 ? ObjectFilter() : vocabulary.singleFilters[k], Extreme.all[e])
        return ask(attribute, about: referent, answer: o, family: .superlative, c.facts)
    }

    func twoHop(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        guard let attribute = rng.pick(Attribute.all) else { return nil }
        // A sample of first hops keeps the search small; the answer is still chosen uniformly
        // among what they reach.
        let total = c.anchors.reduce(0) { $0 + c.hopsFrom($1.object).count }
        guard total > 0 else { return nil }
        var firstHops: [QuestionContext.Hop] = []
        firstHops.reserveCapacity(4)
        for _ in 0..<4 {
            var k = rng.int(in: 0...(total - 1))
            for (anchor, _) in c.anchors {
                let hops = c.hopsFrom(anchor)
                if k < hops.count {
                    firstHops.append(hops[hops.startIndex + k])
                    break
                }
                k -= hops.count
            }
        }
        let bit = attribute.maskBit
        let column = attribute.codeColumn
        let chosen = balanced(&rng) { (emit: (Int, (QuestionContext.Hop, QuestionContext.Hop)) -> Void) in
            c.hops.withUnsafeBufferPointer { hops in
                c.codes.withUnsafeBufferPointer { codes in
                    for first in firstHops {
                        for h in c.hopStarts[first.target]..<c.hopStarts[first.target + 1]
                        where hops[h].target != first.anchor && hops[h].mask & bit == 0
                            && hops[h].mask.nonzeroBitCount <= 1
                        {
                            emit(codes[4 * hops[h].target + column], (first, hops[h]))
                        }
                    }
                }
            }
        }
        guard let (_, (first, second)) = chosen else { return nil }
        let referent = Referent.related(
            ObjectFilter.of(facts.object(second.target), mask: second.mask), second.direction, c.referent(first, &rng))
        return ask(attribute, about: referent, answer: second.target, family: .twoHop, c.facts)
    }
}

extension QuestionEngine {
    // MARK: Layout families (asked only in plans whose layout gives their words meaning)

    /// "How many red things are in the second row?": a count among the objects of one row or
    /// column, balanced over the possible counts like ``count(_:_:)``.
    func lineCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        // (count, (axis, line, vocabulary index or -1 for "things")).
        var candidates: [(Int, (LineAxis, Int, Int))] = []
        for axis in LineAxis.all {
            guard let lines = axis == .row ? facts.rows : facts.columns, lines.count >= 2 else { continue }
            for k in 1...lines.count {
                guard let inLine = facts.inLine(facts.all, axis, k) else { continue }
                candidates.append((inLine.count, (axis, k, -1)))
                for (v, set) in c.singleSets.enumerated() {
                    candidates.append((inLine.intersection(set).count, (axis, k, v)))
                }
            }
        }
        guard let (n, (axis, k, v)) = balanced(candidates, &rng, weight: Self.countWeight) else { return nil }
        let f = v < 0 ? ObjectFilter() : vocabulary.singleFilters[v]
        var p = Program()
        let line = p.add(axis.filter, [p.add(.scene)], String(k))
        p.add(.count, [p.addFilter(f, from: line)])
        return spec(
            .lineCount, axis == .row ? .rowCount : .columnCount, p, .integer(n), [.x: .filter(f), .n: .ordinal(k)])
    }

    /// An attribute of the object named by its place: "the third thing from the left" (one
    /// row or column), "the circle in the second row", "the thing in the second row and the
    /// third column" or "the thing in the top-right cell" (grids). The answer value is chosen
    /// first, uniformly among those the places reach.
    func lineQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        guard let rows = facts.rows, let columns = facts.columns, let attribute = rng.pick(Attribute.all) else {
            return nil
        }
        var candidates: [(Int, (Int, Referent))] = []
        for i in 0..<facts.count {
            let code = c.valueCode(attribute, i)
            let (r, col) = (rows.index[i], columns.index[i])
            let aloneInRow = facts.inLine(facts.all, .row, r)?.count == 1
            let aloneInColumn = facts.inLine(facts.all, .column, col)?.count == 1
            if rows.count == 1 && aloneInColumn { candidates.append((code, (i, .ordinal(.column, col)))) }
            if columns.count == 1 && aloneInRow { candidates.append((code, (i, .ordinal(.row, r)))) }
            guard rows.count >= 2 && columns.count >= 2 else { continue }
            for (axis, k) in [(LineAxis.row, r), (.column, col)] {
                guard let inLine = facts.inLine(facts.all, axis, k) else { continue }
                for mask in [0, 1, 2, 4, 8] where mask & attribute.maskBit == 0 {
                    if facts.filter(inLine, like: i, mask: mask).only == i {
                        candidates.append((code, (i, .line(ObjectFilter.of(facts.object(i), mask: mask), axis, k))))
                    }
                }
            }
            candidates.append((code, (i, .cell(ObjectFilter(), row: r, column: col))))
            if (r == 1 || r == rows.count) && (col == 1 || col == columns.count) {
                let corner: Corner =
                    r == 1 ? (col == 1 ? .topLeft : .topRight) : (col == 1 ? .bottomLeft : .bottomRight)
                candidates.append((code, (i, .corner(ObjectFilter(), corner))))
            }
        }
        guard let (_, (i, referent)) = balanced(candidates, &rng) else { return nil }
        return ask(attribute, about: referent, answer: i, family: .lineQuery, facts)
    }

    /// "How many groups of things are there?" in clusters scenes (``Relations/groups(_:)``).
    func groupCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        guard let n = c.facts.groupCount(c.facts.all) else { return nil }
        var p = Program()
        p.add(.countGroups, [p.add(.scene)])
        return spec(.groupCount, .groupCount, p, .integer(n), [.x: .filter(ObjectFilter())])
    }
}

extension QuestionEngine {
    // MARK: Nested and stack families (``Relations/Layering``)

    /// Masks tried for the object a layering relation reaches, fewest attributes first.
    static let layeredMasks = [0, 1, 2, 4, 8, 5, 9, 12, 6, 10, 3]

    /// An attribute of the object `relation` reaches from a nameable anchor, named by the fewest
    /// attributes that single it out there ("the star inside the blue square", "the thing
    /// behind the red circle"); the answer value is chosen first among those reachable. Front
    /// and behind are asked only from anchors whose every pair is decided, so the object
    /// behind is the only one a viewer could mean.
    func layeredQuery(
        _ relations: [Relations.Layering], family: QuestionFamily, _ c: QuestionContext, _ rng: inout Xoshiro256
    ) -> QuestionSpec? {
        let facts = c.facts
        guard let attribute = rng.pick(Attribute.all) else { return nil }
        var candidates: [(Int, (Int, Relations.Layering, Int, Int))] = []
        for (anchor, _) in c.anchors {
            for r in relations {
                if (r == .front || r == .behind) && !facts.depthUndecided[anchor].isEmpty { continue }
                let set = facts.layered(anchor, r)
                for t in set {
                    for mask in Self.layeredMasks
                    where mask & attribute.maskBit == 0 && facts.filter(set, like: t, mask: mask).only == t {
                        candidates.append((c.valueCode(attribute, t), (anchor, r, t, mask)))
                        break
                    }
                }
            }
        }
        guard let (_, (anchor, r, t, mask)) = balanced(candidates, &rng),
            let anchorMask = rng.pick(c.uniqueMasks[anchor])
        else { return nil }
        let referent = Referent.layered(
            ObjectFilter.of(facts.object(t), mask: mask), r,
            .filter(ObjectFilter.of(facts.object(anchor), mask: anchorMask)))
        return ask(attribute, about: referent, answer: t, family: family, facts)
    }

    func insideQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        layeredQuery([.inside, .contains], family: .insideQuery, c, &rng)
    }

    func behindQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        layeredQuery([.behind, .front], family: .behindQuery, c, &rng)
    }

    /// "How many red things are inside the blue square?": counts inside a nameable outline
    /// object, balanced over the possible counts like ``relateCountOrExist(_:_:exist:)``.
    func insideCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        var candidates: [(Int, (Int, Int))] = []
        for (anchor, _) in c.anchors where facts.object(anchor).fill == .outline {
            let inside = facts.inside[anchor]
            candidates.append((inside.count, (anchor, -1)))
            for (k, set) in c.singleSets.enumerated() {
                candidates.append((inside.intersection(set).count, (anchor, k)))
            }
        }
        guard let (n, (anchor, k)) = balanced(candidates, &rng, weight: Self.relatedCountWeight),
            let anchorMask = rng.pick(c.uniqueMasks[anchor])
        else { return nil }
        let f = k < 0 ? ObjectFilter() : vocabulary.singleFilters[k]
        let b = Referent.filter(ObjectFilter.of(facts.object(anchor), mask: anchorMask))
        var p = Program()
        let r = p.add(.relate, [b.addSteps(to: &p)], Relations.Layering.inside.rawValue)
        p.add(.count, [p.addFilter(f, from: r)])
        return spec(.insideCount, .insideCount, p, .integer(n), [.x: .filter(f), .b: .referent(b)])
    }

    /// "Is the red circle in front of the blue square?", over pairs that clearly overlap (the
    /// answer is drawing order); yes or no by a coin, as every such pair read both ways gives
    /// one of each.
    func frontExist(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        var yes: [(Int, Int)] = []
        var no: [(Int, Int)] = []
        for (a, _) in c.anchors {
            for (b, _) in c.anchors where a != b {
                if facts.front[b].contains(a) { yes.append((a, b)) }
                if facts.behind[b].contains(a) { no.append((a, b)) }
            }
        }
        let target = rng.coin()
        guard let (a, b) = rng.pick(target ? yes : no), let ma = rng.pick(c.uniqueMasks[a]),
            let mb = rng.pick(c.uniqueMasks[b])
        else { return nil }
        let fa = ObjectFilter.of(facts.object(a), mask: ma)
        let rb = Referent.filter(ObjectFilter.of(facts.object(b), mask: mb))
        var p = Program()
        let r = p.add(.relate, [rb.addSteps(to: &p)], Relations.Layering.front.rawValue)
        p.add(.exist, [p.addFilter(fa, from: r)])
        return spec(.frontExist, .frontExist, p, .boolean(target), [.a: .referent(.filter(fa)), .b: .referent(rb)])
    }
}

/// What the families of one image share, computed once per image: which attribute masks name
/// each object alone, one relation step from every object, the vocabulary's filters as object
/// sets, and attribute values as integer codes.
struct QuestionContext {
    /// One relation step: `target`, named by `mask` among the objects in `direction` of `from`.
    struct Hop {
        var from: Int
        var direction: Relations.Direction
        var target: Int
        var mask: Int

        var anchor: Int { from }
    }

    static let shapeGroup = 1

    /// Masks naming at most two attributes, ascending: what a relation step may name its target by.
    static let hopMasks = (0...15).filter { $0.nonzeroBitCount <= 2 }
    static let hopMaskBits: UInt16 = hopMasks.reduce(UInt16(0)) { (set: UInt16, m: Int) in set | UInt16(1) << UInt16(m)
    }

    /// `subsetsOf[a]`: the masks (as bits 0-15) whose attributes are all in `a`.
    static let subsetsOf: [UInt16] = (0..<16).map { (a: Int) -> UInt16 in
        var set: UInt16 = 0
        for m in 0..<16 where m & ~a == 0 { set |= UInt16(1) << UInt16(m) }
        return set
    }

    let facts: SceneFacts
    /// Per object, the attribute masks (1...15) that name it alone.
    let uniqueMasks: [MaskSet]
    /// Objects nameable alone, each with one naming mask (the first in `uniqueMasks`).
    let anchors: [(object: Int, mask: Int)]
    /// Relation steps from each object (targets named by at most two attributes, or none):
    /// those from object `b` are `hops[hopStarts[b] ..< hopStarts[b + 1]]` (``hopsFrom(_:)``).
    let hops: [Hop]
    let hopStarts: [Int]

    /// The relation steps from object `b`.
    @inline(__always)
    func hopsFrom(_ b: Int) -> ArraySlice<Hop> { hops[hopStarts[b]..<hopStarts[b + 1]] }
    /// The vocabulary's single-attribute filters as object sets, aligned with
    /// `Vocabulary.singleFilters`, their attribute, and their indices grouped by attribute
    /// (colors, shapes, sizes, fills).
    let singleSets: [ObjectSet]
    let singleKinds: [Attribute]
    let singleGroups: [[Int]]
    /// Per attribute (in `Attribute.allCases` order) and object, a code equal for equal
    /// values: `codes[4 * object + attribute]` (flat, like ``SceneFacts``' attribute sets).
    let codes: [Int]

    init(_ facts: SceneFacts, _ vocabulary: Vocabulary) {
        self.facts = facts
        let n = facts.count
        // The first object with the same value: the lowest member of the objects sharing it.
        var codes: [Int] = []
        codes.reserveCapacity(4 * n)
        for i in 0..<n {
            // Color, shape, size, fill (`Attribute.allCases` order).
            codes.append(facts.filter(facts.all, like: i, mask: Attribute.color.maskBit).bits.trailingZeroBitCount)
            codes.append(facts.filter(facts.all, like: i, mask: Attribute.shape.maskBit).bits.trailingZeroBitCount)
            codes.append(facts.filter(facts.all, like: i, mask: Attribute.size.maskBit).bits.trailingZeroBitCount)
            codes.append(facts.filter(facts.all, like: i, mask: Attribute.fill.maskBit).bits.trailingZeroBitCount)
        }
        self.codes = codes
        // `agree[n * i + j]`: the attributes (mask bits) objects i and j share. A mask names
        // object `o` alone among a set exactly when, for every other member `p`, it holds an
        // attribute the two do not share: the masks that cannot are the subsets of
        // agree(o, p), looked up as one 16-bit set of masks each. This decides all sixteen
        // masks for a member at once, instead of one set intersection per mask.
        var agree = [UInt8](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var bits: UInt8 = 0
                if codes[4 * i + 2] == codes[4 * j + 2] { bits |= 1 }  // size
                if codes[4 * i + 3] == codes[4 * j + 3] { bits |= 2 }  // fill
                if codes[4 * i] == codes[4 * j] { bits |= 4 }  // color
                if codes[4 * i + 1] == codes[4 * j + 1] { bits |= 8 }  // shape
                agree[n * i + j] = bits
            }
        }
        // Statics read into locals: every read of a global runs its once-check, and these are
        // read in the innermost loops.
        let subsetsOf = QuestionContext.subsetsOf
        let hopMaskBits = QuestionContext.hopMaskBits
        let directions = Relations.Direction.all
        /// The masks that name `o` alone in `set` (which holds `o`), as bits 0-15.
        func naming(_ o: Int, in set: ObjectSet) -> UInt16 {
            var ruledOut: UInt16 = 0
            for p in set where p != o { ruledOut |= subsetsOf[Int(agree[n * o + p])] }
            return ~ruledOut
        }
        // Lists built at their final capacity: growing them one element at a time was most of
        // the allocations of the question search.
        var unique: [MaskSet] = []
        unique.reserveCapacity(n)
        var anchors: [(object: Int, mask: Int)] = []
        anchors.reserveCapacity(n)
        for i in 0..<n {
            let masks = MaskSet(bits: naming(i, in: facts.all) & 0xFFFE)  // masks 1...15
            if let first = masks.first { anchors.append((i, first)) }
            unique.append(masks)
        }
        uniqueMasks = unique
        self.anchors = anchors
        // Every object's hops in one list, each object's a contiguous range: one allocation,
        // sized by an upper bound (every related object named by every mask).
        var bound = 0
        for b in 0..<n {
            for d in directions { bound += facts.related(b, d).count }
        }
        var hops: [Hop] = []
        hops.reserveCapacity(bound * QuestionContext.hopMasks.count)
        var hopStarts: [Int] = []
        hopStarts.reserveCapacity(n + 1)
        for b in 0..<n {
            hopStarts.append(hops.count)
            for d in directions {
                let related = facts.related(b, d)
                for o in related {
                    var named = naming(o, in: related) & hopMaskBits  // ascending
                    while named != 0 {
                        hops.append(Hop(from: b, direction: d, target: o, mask: named.trailingZeroBitCount))
                        named &= named - 1
                    }
                }
            }
        }
        hopStarts.append(hops.count)
        self.hops = hops
        self.hopStarts = hopStarts
        // In `Vocabulary.singleFilters` order (colors, shapes, sizes, fills), each value's
        // objects looked up directly.
        var single: [ObjectSet] = []
        single.reserveCapacity(vocabulary.singleFilters.count)
        for c in vocabulary.colors { single.append(facts.objects(color: c)) }
        for k in vocabulary.shapes { single.append(facts.objects(shape: k)) }
        for z in vocabulary.sizes { single.append(facts.objects(size: z)) }
        for f in vocabulary.fills { single.append(facts.objects(fill: f)) }
        singleSets = single
        singleKinds = vocabulary.singleKinds
        singleGroups = vocabulary.singleGroups
    }

    @inline(__always)
    func valueCode(_ attribute: Attribute, _ i: Int) -> Int { codes[4 * i + attribute.codeColumn] }

    /// The referent of a hop from an anchor: "the {mask} {direction} the {anchor}", the anchor
    /// named by one of its naming masks drawn from `rng`.
    func referent(_ hop: Hop, _ rng: inout Xoshiro256) -> Referent {
        let anchorMask = rng.pick(uniqueMasks[hop.from]) ?? 15
        return .related(
            ObjectFilter.of(facts.object(hop.target), mask: hop.mask), hop.direction,
            .filter(ObjectFilter.of(facts.object(hop.from), mask: anchorMask)))
    }
}

extension Attribute {
    /// The attribute's place among an object's four codes in ``QuestionContext/codes``.
    @inline(__always)
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

/// Attribute masks (0-15) as bits of one word, read as the ascending list of the masks: an
/// object's naming masks, one word each instead of a list each.
struct MaskSet: RandomAccessCollection {
    let bits: UInt16

    var startIndex: Int { 0 }
    var endIndex: Int { bits.nonzeroBitCount }

    /// The k-th mask, ascending.
    subscript(k: Int) -> Int {
        precondition(k >= 0 && k < endIndex, "mask index out of range")
        var rest = bits
        for _ in 0..<k { rest &= rest - 1 }
        return rest.trailingZeroBitCount
    }

    /// Visits the masks by clearing the lowest bit: a step per mask, where indexing is a step
    /// per lower mask.
    struct Iterator: IteratorProtocol {
        var rest: UInt16

        mutating func next() -> Int? {
            guard rest != 0 else { return nil }
            defer { rest &= rest - 1 }
            return rest.trailingZeroBitCount
        }
    }

    func makeIterator() -> Iterator { Iterator(rest: bits) }
}
