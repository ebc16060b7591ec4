import Foundation
import SceneModel

/// The attribute values a plan can draw: questions about absent values ("Is there a green
/// heart?") draw from here, not only from what the scene shows.
public struct Vocabulary: Sendable {
    public let colors: [String]
    public let shapes: [ShapeKind]
    public let sizes: [String]
    public let fills: [Fill]

    /// Single-attribute filters over the whole vocabulary, built once.
    let singleFilters: [ObjectFilter]

    public init(colors: [String], shapes: [ShapeKind], sizes: [String], fills: [Fill]) {
        self.colors = colors
        self.shapes = shapes
        self.sizes = sizes
        self.fills = fills
        singleFilters =
            colors.map { ObjectFilter(color: $0) } + shapes.map { ObjectFilter(shape: $0) }
            + sizes.map { ObjectFilter(size: $0) } + fills.map { ObjectFilter(fill: $0) }
    }
}

/// What fills a template slot, before it is said in a language.
public enum Slot: Hashable, Sendable {
    case referent(Referent)
    case filter(ObjectFilter)
    case direction(Relations.Direction)
    case token(String)
}

/// A question built once and said in every language: its program, its answer (the program's
/// result) and what fills its template's slots.
public struct QuestionSpec: Hashable, Sendable {
    public var family: QuestionFamily
    public var kind: QuestionKind
    public var program: Program
    public var answer: ProgramValue
    public var slots: [String: Slot]

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

    public init(vocabulary: Vocabulary, families: [(QuestionFamily, Double)], difficulty: [(Difficulty, Double)]) {
        self.vocabulary = vocabulary
        self.families = families
        self.difficulty = difficulty
    }

    /// Up to `count` distinct questions (fewer when the scene cannot support more).
    public func questions(_ facts: SceneFacts, count: Int, rng: inout Xoshiro256) -> [QuestionSpec] {
        guard facts.isDescribable, count > 0 else { return [] }
        var out: [QuestionSpec] = []
        var seen: [Program] = []
        var tries = 0
        while out.count < count && tries < count * 6 {
            tries += 1
            guard let family = chooseFamily(&rng), let q = build(family, facts, &rng) else { continue }
            guard let checked = ProgramExecutor.run(q.program, on: facts), checked == q.answer else { continue }
            if !seen.contains(q.program) {
                seen.append(q.program)
                out.append(q)
            }
        }
        return out
    }

    func chooseFamily(_ rng: inout Xoshiro256) -> QuestionFamily? {
        let levels = difficulty.filter { level in families.contains { $0.0.level == level.0 && $0.1 > 0 } }
        guard !levels.isEmpty else { return nil }
        let level = levels[rng.weightedIndex(levels.map(\.1))].0
        let inLevel = families.filter { $0.0.level == level && $0.1 > 0 }
        return inLevel[rng.weightedIndex(inLevel.map(\.1))].0
    }

    public func build(_ family: QuestionFamily, _ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        switch family {
        case .exist: exist(facts, &rng)
        case .count: count(facts, &rng)
        case .queryColor: query(.color, facts, &rng)
        case .queryShape: query(.shape, facts, &rng)
        case .querySize: query(.size, facts, &rng)
        case .queryFill: query(.fill, facts, &rng)
        case .compareCount: compareCount(facts, &rng)
        case .compareAttribute: compareAttribute(facts, &rng)
        case .logic: logic(facts, &rng)
        case .relateQuery: relateQuery(facts, &rng)
        case .relateCount: relateCountOrExist(facts, &rng, exist: false)
        case .relateExist: relateCountOrExist(facts, &rng, exist: true)
        case .superlative: superlative(facts, &rng)
        case .twoHop: twoHop(facts, &rng)
        }
    }

    // MARK: Helpers

    /// Filters naming attributes of object `i` (never those in `excluding`) that pick out `i`
    /// alone within `within`; the empty filter counts when `allowEmpty`.
    func uniqueFilters(_ i: Int, within: ObjectSet, _ facts: SceneFacts, excluding: Int = 0, allowEmpty: Bool = false)
        -> [ObjectFilter]
    {
        var out: [ObjectFilter] = []
        for mask in (allowEmpty ? 0 : 1)...15
        where mask & excluding == 0 && facts.filter(within, like: i, mask: mask).only == i {
            out.append(ObjectFilter.of(facts.object(i), mask: mask))
        }
        return out
    }

    /// Chooses a key uniformly, then an item under it: the balancing step.
    @inline(__always)
    func balanced<K: Hashable, V>(_ groups: [(K, V)], _ rng: inout Xoshiro256, weight: (K) -> Double = { _ in 1 })
        -> (K, V)?
    {
        // Distinct keys in first-appearance order (a handful), then a uniform item among the
        // key's items, found by counting: no per-key arrays.
        var keys: [K] = []
        for (k, _) in groups where !keys.contains(k) { keys.append(k) }
        guard !keys.isEmpty else { return nil }
        let k = keys[rng.weightedIndex(keys.map(weight))]
        let n = groups.reduce(0) { $0 + ($1.0 == k ? 1 : 0) }
        var target = rng.int(in: 0...(n - 1))
        for (key, v) in groups where key == k {
            if target == 0 { return (k, v) }
            target -= 1
        }
        return nil
    }

    /// Weights for count answers: large counts are possible in fewer scenes (only as "how many
    /// things" in a crowded one), so choosing uniformly among a scene's possible counts would
    /// still favour small ones across a dataset; weighting by the count evens that out.
    static func countWeight(_ n: Int) -> Double { 1 + 1.5 * Double(n) }

    /// Counts of related objects: none is rarely possible (every object has neighbours).
    static func relatedCountWeight(_ n: Int) -> Double { n == 0 ? 2 : 1 + 2 * Double(n) }

    /// Unions reach large counts, and intersections zero, in even fewer scenes.
    static func logicWeight(_ n: Int) -> Double { n == 0 ? 5 : pow(1 + Double(n), 2.5) }

    /// Objects that can be named alone, each with one attribute mask that names it (drawn
    /// from `rng` among those that do).
    func anchors(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> [(object: Int, mask: Int)] {
        var out: [(Int, Int)] = []
        var masks: [Int] = []
        for i in 0..<facts.count {
            masks.removeAll(keepingCapacity: true)
            for mask in 1...15 where facts.filter(facts.all, like: i, mask: mask).only == i { masks.append(mask) }
            if let m = rng.pick(masks) { out.append((i, m)) }
        }
        return out
    }

    /// One relation step: the object `target`, named by `mask` among the objects in
    /// `direction` of `anchor`.
    struct Hop {
        var anchor: Int
        var direction: Relations.Direction
        var target: Int
        var mask: Int
    }

    /// Objects reachable by one relation from a nameable anchor, each with an attribute mask
    /// (never naming `excluding`, at most `maxAttributes`) that picks it out among the related.
    func hops(from anchors: [(object: Int, mask: Int)], _ facts: SceneFacts, excluding: Int, maxAttributes: Int)
        -> [Hop]
    {
        var out: [Hop] = []
        for (b, _) in anchors {
            for d in Relations.Direction.allCases {
                let related = facts.related(b, d)
                for o in related {
                    for mask in 0...15
                    where mask & excluding == 0 && mask.nonzeroBitCount <= maxAttributes
                        && facts.filter(related, like: o, mask: mask).only == o
                    {
                        out.append(Hop(anchor: b, direction: d, target: o, mask: mask))
                    }
                }
            }
        }
        return out
    }

    func spec(
        _ family: QuestionFamily, _ kind: QuestionKind, _ program: Program, _ answer: ProgramValue,
        _ slots: [String: Slot]
    ) -> QuestionSpec {
        QuestionSpec(family: family, kind: kind, program: program, answer: answer, slots: slots)
    }

    // MARK: Families

    func exist(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let target = rng.coin()
        guard let i = rng.pick(Array(0..<facts.count)) else { return nil }
        let o = facts.object(i)
        var filter: ObjectFilter?
        let masks = [1, 2, 4, 8, 5, 9, 12, 6, 10, 3]
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
        return spec(.exist, .exist, p, .boolean(target), ["X": .filter(f)])
    }

    func count(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        var candidates: [(Int, ObjectFilter)] = [(facts.count, ObjectFilter())]
        for f in vocabulary.singleFilters { candidates.append((facts.filter(facts.all, f).count, f)) }
        for i in 0..<facts.count {
            for mask in [5, 9, 12, 3, 6, 10] {
                candidates.append(
                    (facts.filter(facts.all, like: i, mask: mask).count, ObjectFilter.of(facts.object(i), mask: mask)))
            }
        }
        guard let (n, f) = balanced(candidates, &rng, weight: Self.countWeight) else { return nil }
        var p = Program()
        p.add(.count, [p.addFilter(f)])
        return spec(.count, .count, p, .integer(n), ["X": .filter(f)])
    }

    func query(_ attribute: Attribute, _ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        var candidates: [(String, (Int, [ObjectFilter]))] = []
        for i in 0..<facts.count {
            let filters = uniqueFilters(i, within: facts.all, facts, excluding: attribute.maskBit)
            if !filters.isEmpty { candidates.append((attribute.value(of: facts.object(i)), (i, filters))) }
        }
        guard let (answer, (_, filters)) = balanced(candidates, &rng), let f = rng.pick(filters) else { return nil }
        let referent = Referent.filter(f)
        var p = Program()
        p.add(attribute.query, [referent.addSteps(to: &p)])
        return spec(attribute.queryFamily, attribute.queryKind, p, .token(answer), ["X": .referent(referent)])
    }

    func compareCount(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let variants: [(QuestionKind, ProgramFunction)] = [
            (.compareMore, .greaterThan), (.compareFewer, .lessThan), (.compareSame, .equalInteger),
        ]
        guard let (kind, function) = rng.pick(variants) else { return nil }
        let target = rng.coin()
        let groups: [[ObjectFilter]] = [
            vocabulary.colors.map { ObjectFilter(color: $0) }, vocabulary.shapes.map { ObjectFilter(shape: $0) },
            vocabulary.sizes.map { ObjectFilter(size: $0) }, vocabulary.fills.map { ObjectFilter(fill: $0) },
        ]
        var matches: [(ObjectFilter, ObjectFilter)] = []
        for group in groups {
            let counted = group.map { ($0, facts.filter(facts.all, $0).count) }
            for (a, ca) in counted {
                for (b, cb) in counted where a != b && ca + cb > 0 && (ca > 0 && cb > 0 || ca + cb > 1) {
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
        guard let (a, b) = rng.pick(matches) else { return nil }
        var p = Program()
        let ca = p.add(.count, [p.addFilter(a)])
        let cb = p.add(.count, [p.addFilter(b)])
        p.add(function, [ca, cb])
        return spec(.compareCount, kind, p, .boolean(target), ["A": .filter(a), "B": .filter(b)])
    }

    func compareAttribute(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let target = rng.coin()
        var attributes = Attribute.allCases
        rng.shuffle(&attributes)
        // Keep the chosen answer and try each attribute for it: "same" pairs are rarer than
        // "different" ones, and giving up on a miss would tilt answers toward "no".
        for attribute in attributes {
            let named = (0..<facts.count).compactMap { i -> (Int, [ObjectFilter])? in
                let f = uniqueFilters(i, within: facts.all, facts, excluding: attribute.maskBit)
                return f.isEmpty ? nil : (i, f)
            }
            var pairs: [((Int, [ObjectFilter]), (Int, [ObjectFilter]))] = []
            for a in named {
                for b in named where a.0 < b.0 {
                    let same = attribute.value(of: facts.object(a.0)) == attribute.value(of: facts.object(b.0))
                    if same == target { pairs.append((a, b)) }
                }
            }
            guard let (a, b) = rng.pick(pairs), let fa = rng.pick(a.1), let fb = rng.pick(b.1) else { continue }
            let (ra, rb) =
                rng.coin() ? (Referent.filter(fa), Referent.filter(fb)) : (Referent.filter(fb), Referent.filter(fa))
            var p = Program()
            let qa = p.add(attribute.query, [ra.addSteps(to: &p)])
            let qb = p.add(attribute.query, [rb.addSteps(to: &p)])
            p.add(attribute.equal, [qa, qb])
            return spec(
                .compareAttribute, attribute.sameKind, p, .boolean(target), ["A": .referent(ra), "B": .referent(rb)])
        }
        return nil
    }

    func logic(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        // "And" gives small counts, "or" large ones; asking "or" more often evens the answers.
        let isAnd = rng.unit() < 0.35
        let adjectives: [(Int, ObjectFilter)] =
            vocabulary.colors.map { (0, ObjectFilter(color: $0)) }
            + vocabulary.sizes.map { (1, ObjectFilter(size: $0)) }
            + vocabulary.fills.map { (2, ObjectFilter(fill: $0)) }
        let present = adjectives.filter { !facts.filter(facts.all, $0.1).isEmpty }
        var candidates: [(Int, (ObjectFilter, ObjectFilter))] = []
        for (ka, a) in present {
            for (kb, b) in present where a != b {
                if isAnd && ka == kb { continue }  // "both red and blue" is forced to zero
                let sa = facts.filter(facts.all, a)
                let sb = facts.filter(facts.all, b)
                let n = isAnd ? sa.intersection(sb).count : sa.union(sb).count
                candidates.append((n, (a, b)))
            }
        }
        guard let (n, (a, b)) = balanced(candidates, &rng, weight: Self.logicWeight) else { return nil }
        var p = Program()
        let scene = p.add(.scene)
        let fa = p.addFilter(a, from: scene)
        let fb = p.addFilter(b, from: scene)
        p.add(.count, [p.add(isAnd ? .intersect : .union, [fa, fb])])
        return spec(
            .logic, isAnd ? .logicAnd : .logicOr, p, .integer(n),
            ["A": .token(a.steps()[0].1), "B": .token(b.steps()[0].1)])
    }

    func relateQuery(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        guard let attribute = rng.pick(Attribute.allCases) else { return nil }
        let named = anchors(facts, &rng)
        let answers = (0..<facts.count).map { attribute.value(of: facts.object($0)) }
        let choices = hops(from: named, facts, excluding: attribute.maskBit, maxAttributes: 2)
        guard let (answer, hop) = balanced(choices.map { (answers[$0.target], $0) }, &rng) else { return nil }
        let anchorMask = named.first { $0.object == hop.anchor }?.mask ?? 15
        let referent = Referent.related(
            ObjectFilter.of(facts.object(hop.target), mask: hop.mask), hop.direction,
            .filter(ObjectFilter.of(facts.object(hop.anchor), mask: anchorMask)))
        var p = Program()
        p.add(attribute.query, [referent.addSteps(to: &p)])
        return spec(.relateQuery, attribute.queryKind, p, .token(answer), ["X": .referent(referent)])
    }

    func relateCountOrExist(_ facts: SceneFacts, _ rng: inout Xoshiro256, exist: Bool) -> QuestionSpec? {
        guard let (b, mask) = rng.pick(anchors(facts, &rng)) else { return nil }
        let anchor = Referent.filter(ObjectFilter.of(facts.object(b), mask: mask))
        var candidates: [(Int, (Relations.Direction, ObjectFilter))] = []
        let options = [ObjectFilter()] + vocabulary.singleFilters
        for d in Relations.Direction.allCases {
            let related = facts.related(b, d)
            for f in options {
                if exist && f.attributeCount == 0 { continue }  // "is there a thing left of" is too vague
                candidates.append((facts.filter(related, f).count, (d, f)))
            }
        }
        let chosen: (Relations.Direction, ObjectFilter)
        let answer: ProgramValue
        if exist {
            let target = rng.coin()
            guard let c = rng.pick(candidates.filter { ($0.0 > 0) == target }) else { return nil }
            chosen = c.1
            answer = .boolean(target)
        } else {
            guard let (n, c) = balanced(candidates, &rng, weight: Self.relatedCountWeight) else { return nil }
            chosen = c
            answer = .integer(n)
        }
        var p = Program()
        let r = p.add(.relate, [anchor.addSteps(to: &p)], chosen.0.rawValue)
        p.add(exist ? .exist : .count, [p.addFilter(chosen.1, from: r)])
        return spec(
            exist ? .relateExist : .relateCount, exist ? .relateExist : .relateCount, p, answer,
            ["X": .filter(chosen.1), "B": .referent(anchor), "rel": .direction(chosen.0)])
    }

    func superlative(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        guard let attribute = rng.pick(Attribute.allCases) else { return nil }
        var candidates: [(String, Referent)] = []
        let filters =
            [ObjectFilter()]
            + vocabulary.singleFilters.filter {
                $0.steps().allSatisfy { step in
                    attribute.query != Self.queryFor(step.0)
                }
            }
        for f in filters {
            let set = facts.filter(facts.all, f)
            guard set.count >= 2 else { continue }
            for k in Extreme.allCases {
                if let o = facts.extreme(set, k) {
                    candidates.append((attribute.value(of: facts.object(o)), .extreme(f, k)))
                }
            }
        }
        guard let (answer, referent) = balanced(candidates, &rng) else { return nil }
        var p = Program()
        p.add(attribute.query, [referent.addSteps(to: &p)])
        return spec(.superlative, attribute.queryKind, p, .token(answer), ["X": .referent(referent)])
    }

    static func queryFor(_ filter: ProgramFunction) -> ProgramFunction {
        switch filter {
        case .filterColor: .queryColor
        case .filterShape: .queryShape
        case .filterSize: .querySize
        default: .queryFill
        }
    }

    func twoHop(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        guard let attribute = rng.pick(Attribute.allCases) else { return nil }
        let named = anchors(facts, &rng)
        let answers = (0..<facts.count).map { attribute.value(of: facts.object($0)) }
        // A sample of first hops keeps the search small; the answer is still chosen uniformly
        // among what they reach.
        var firstHops = hops(from: named, facts, excluding: 0, maxAttributes: 2)
        rng.shuffle(&firstHops)
        var candidates: [(String, (Hop, Hop))] = []
        for first in firstHops.prefix(4) {
            for second in hops(from: [(first.target, 0)], facts, excluding: attribute.maskBit, maxAttributes: 1)
            where second.target != first.anchor {
                candidates.append((answers[second.target], (first, second)))
            }
        }
        guard let (answer, (first, second)) = balanced(candidates, &rng) else { return nil }
        let anchorMask = named.first { $0.object == first.anchor }?.mask ?? 15
        let referent = Referent.related(
            ObjectFilter.of(facts.object(second.target), mask: second.mask), second.direction,
            .related(
                ObjectFilter.of(facts.object(first.target), mask: first.mask), first.direction,
                .filter(ObjectFilter.of(facts.object(first.anchor), mask: anchorMask))))
        var p = Program()
        p.add(attribute.query, [referent.addSteps(to: &p)])
        return spec(.twoHop, attribute.queryKind, p, .token(answer), ["X": .referent(referent)])
    }
}

extension Attribute {
    var queryFamily: QuestionFamily {
        switch self {
        case .color: .queryColor
        case .shape: .queryShape
        case .size: .querySize
        case .fill: .queryFill
        }
    }
}
