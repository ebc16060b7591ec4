import SceneModel

/// A turn decided once from the scene's facts, before it is said in any language.
struct PlannedTurn {
    enum Content: Hashable {
        case describe(detailed: Bool)
        case list
        case question(QuestionSpec)
        case followQuery(Attribute)
        /// "How many of those are {value}?" over the previous turn's set.
        case followCount(Attribute, String)
        case whereIs(Referent)
        case whatIsAt
        /// "Is it true that {referent} is {claimed}?"; the program's result is the truth.
        case verify(Referent, Attribute, claimed: String)
        /// A question about the objects of a filter that matches none.
        case falsePremise(ObjectFilter, Attribute)
    }

    var content: Content
    var program = Program()
    /// The program's result (nil for describe, list and what-is-at turns).
    var value: ProgramValue?
    var referentStep = -1
    /// The objects the turn is about, by their position in the scene.
    var referent: ObjectSet = .empty
    /// The steps the answer states at reasoning level `steps`, in order.
    var said: [Int] = []
    /// Where-is and what-is-at turns: the object whose box is stated.
    var boxed: Int?
    /// Every program step's value, and the names of its sets: the same in every language, so
    /// computed once here.
    var trace: [ProgramValue] = []
    var labels: [SetLabel?] = []

    var kind: String {
        switch content {
        case .describe(let detailed): detailed ? "describe_detailed" : "describe_short"
        case .list: "list"
        case .question: "question"
        case .followQuery, .followCount: "follow_up"
        case .whereIs: "where"
        case .whatIsAt: "what_is_at"
        case .verify: "verify"
        case .falsePremise: "false_premise"
        }
    }
}

/// Decides conversations: which turns, in which order, each with its program run on the
/// scene's facts. A turn is kept only when its program runs and gives the value the turn says,
/// and only once per conversation; when the scene cannot give a turn of any kind after a bounded
/// number of draws, the conversation is shorter and the shortfall is counted.
struct ConversationPlanner {
    let options: ConversationOptions
    let engine: QuestionEngine
    let vocabulary: Vocabulary
    let layered: [Relations.Layering]

    /// Draws per turn before it counts as a shortfall.
    static let attempts = 12

    /// `boxes`: each object's visible box, by position in the scene.
    func plan(_ facts: SceneFacts, boxes: [PixelBox?], rng: inout Xoshiro256) -> [(
        turns: [PlannedTurn], shortfall: Int
    )] {
        guard facts.isDescribable, options.count > 0 else { return [] }
        let context = QuestionContext(facts, vocabulary)
        let kinds = options.kinds.filter { $0.weight > 0 }
        var out: [(turns: [PlannedTurn], shortfall: Int)] = []
        for _ in 0..<options.count {
            var turns: [PlannedTurn] = []
            var shortfall = 0
            for _ in 0..<options.turns {
                var made: PlannedTurn?
                // One coin per turn decides a false premise, so the plan's rate is the share of
                // turns asked that are false premises, however many draws a turn takes.
                let premise = options.falsePremiseRate > 0 && rng.unit() < options.falsePremiseRate
                for _ in 0..<Self.attempts where made == nil {
                    let candidate: PlannedTurn?
                    if premise {
                        candidate = falsePremise(facts, &rng)
                    } else if kinds.isEmpty {
                        candidate = nil
                    } else {
                        let kind = kinds[rng.weightedIndex(kinds.map(\.weight))].kind
                        candidate = make(kind, previous: turns.last, facts, boxes, context, &rng)
                    }
                    // Distinct: no turn says what an earlier one said, nor runs the same program
                    // (a follow-up asking what the question before it asked).
                    if let c = candidate,
                        !turns.contains(where: {
                            ($0.content == c.content && $0.program == c.program)
                                || (!c.program.nodes.isEmpty && $0.program == c.program)
                        })
                    {
                        made = c
                    }
                }
                if let made { turns.append(made) } else { shortfall += 1 }
            }
            out.append((turns, shortfall))
        }
        return out
    }

    func make(
        _ kind: TurnKind, previous: PlannedTurn?, _ facts: SceneFacts, _ boxes: [PixelBox?],
        _ context: QuestionContext,
        _ rng: inout Xoshiro256
    ) -> PlannedTurn? {
        switch kind {
        case .describe: return PlannedTurn(content: .describe(detailed: rng.int(in: 0...1) == 1))
        case .list:
            var t = PlannedTurn(content: .list)
            t.referent = ObjectSet.all(facts.count)
            return t
        case .question:
            guard let family = engine.chooseFamily(&rng), let q = engine.build(family, context, &rng),
                ProgramExecutor.run(q.program, on: facts) == q.answer
            else { return nil }
            return finished(PlannedTurn(content: .question(q), program: q.program), facts)
        case .followUp:
            guard let previous, previous.referentStep >= 0 else { return nil }
            return followUp(previous, facts, &rng)
        case .grounding:
            return rng.int(in: 0...1) == 0 ? whereIs(facts, boxes, &rng) : whatIsAt(facts, boxes, &rng)
        case .verify: return verify(facts, &rng)
        }
    }

    /// The turn with its program run: value, referent and the steps its reasoning states.
    func finished(_ turn: PlannedTurn, _ facts: SceneFacts, referentStep: Int? = nil) -> PlannedTurn? {
        guard let trace = ProgramExecutor.trace(turn.program, on: facts), let value = trace.last else { return nil }
        var t = turn
        t.value = value
        t.trace = trace
        let nodes = t.program.nodes
        if let referentStep {
            t.referentStep = referentStep
        } else if let last = nodes.last, let input = last.inputs.first {
            // A count, existence or attribute question is about its input's objects.
            switch last.function {
            case .count, .exist, .queryColor, .queryShape, .querySize, .queryFill: t.referentStep = input
            default: break
            }
        }
        if t.referentStep >= 0 {
            switch trace[t.referentStep] {
            case .objects(let s) where !s.isEmpty: t.referent = s
            case .object(let o): t.referent = .single(o)
            default: t.referentStep = -1
            }
        }
        t.said = Reasoning.saidSteps(t.program, from: t.isFollowUp ? t.referentStep + 1 : 0)
        if !t.said.isEmpty { t.labels = SetLabel.labels(t.program, trace, facts) }
        return t
    }

    func followUp(_ previous: PlannedTurn, _ facts: SceneFacts, _ rng: inout Xoshiro256) -> PlannedTurn? {
        let prefix = Array(previous.program.nodes[0...previous.referentStep])
        let named = Set(prefix.compactMap { Attribute(filter: $0.function) })
        var p = Program(nodes: prefix)
        if let o = previous.referent.only {
            guard let a = rng.pick(Attribute.allCases, where: { !named.contains($0) }) else { return nil }
            guard o >= 0 else { return nil }
            p.add(a.query, [previous.referentStep])
            return finished(
                PlannedTurn(content: .followQuery(a), program: p), facts, referentStep: previous.referentStep)
        }
        guard let a = rng.pick(Attribute.allCases, where: { !named.contains($0) }) else { return nil }
        let members = previous.referent.indices.map { a.value(of: facts.object($0)) }
        let all = vocabulary.values(of: a)
        // A value the objects have, or any value of the plan (a count of zero), by a coin.
        guard let value = rng.int(in: 0...1) == 0 ? rng.pick(members) : rng.pick(all) else { return nil }
        p.add(a.filter, [previous.referentStep], value)
        p.add(.count)
        return finished(
            PlannedTurn(content: .followCount(a, value), program: p), facts, referentStep: previous.referentStep)
    }

    func whereIs(_ facts: SceneFacts, _ boxes: [PixelBox?], _ rng: inout Xoshiro256) -> PlannedTurn? {
        guard let r = ReferringExpressions.choose(facts, count: 1, layered: layered, rng: &rng).first,
            boxes[r.object] != nil
        else { return nil }
        var t = PlannedTurn(content: .whereIs(r.referent), program: r.program)
        t.boxed = r.object
        return finished(t, facts, referentStep: r.program.nodes.count - 1)
    }

    func whatIsAt(_ facts: SceneFacts, _ boxes: [PixelBox?], _ rng: inout Xoshiro256) -> PlannedTurn? {
        // An object whose box no other object has, so the box names it.
        let candidates = (0..<facts.count).filter { i in
            boxes[i] != nil && !boxes.indices.contains { $0 != i && boxes[$0] == boxes[i] }
        }
        guard let o = rng.pick(candidates) else { return nil }
        var t = PlannedTurn(content: .whatIsAt)
        t.boxed = o
        t.referent = .single(o)
        return t
    }

    func verify(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> PlannedTurn? {
        guard let r = ReferringExpressions.choose(facts, count: 1, layered: layered, rng: &rng).first else {
            return nil
        }
        let named = r.referent.ownFilter
        let open: [Attribute] = [.color, .size, .fill].filter { a in
            a.value(of: named) == nil && vocabulary.values(of: a).count > 1
        }
        guard let a = rng.pick(open) else { return nil }
        let truth = a.value(of: facts.object(r.object))
        let claimed: String
        if rng.int(in: 0...1) == 0 {
            claimed = truth
        } else {
            // A hard negative: another value, one the scene shows when there is one.
            let others = vocabulary.values(of: a).filter { $0 != truth }
            let shown = others.filter { v in (0..<facts.count).contains { a.value(of: facts.object($0)) == v } }
            guard let c = rng.pick(shown.isEmpty ? others : shown) else { return nil }
            claimed = c
        }
        var p = r.program
        let unique = p.nodes.count - 1
        p.add(a.query, [unique])
        return finished(
            PlannedTurn(content: .verify(r.referent, a, claimed: claimed), program: p), facts, referentStep: unique)
    }

    /// A color and a shape of the plan that no object has together, asked about.
    func falsePremise(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> PlannedTurn? {
        guard let color = rng.pick(vocabulary.colors), let shape = rng.pick(vocabulary.shapes) else { return nil }
        let f = ObjectFilter(color: color, shape: shape)
        guard facts.objects(color: color).intersection(facts.objects(shape: shape)).isEmpty,
            let asked = rng.pick([Attribute.size, .fill])
        else { return nil }
        var p = Program()
        p.addFilter(f)
        p.add(.exist)
        var t = PlannedTurn(content: .falsePremise(f, asked), program: p)
        t.value = .boolean(false)
        return t
    }
}

extension PlannedTurn {
    var isFollowUp: Bool {
        if case .followQuery = content { return true }
        if case .followCount = content { return true }
        return false
    }
}

extension Attribute {
    /// The attribute a filter function selects by.
    init?(filter f: ProgramFunction) {
        switch f {
        case .filterColor: self = .color
        case .filterShape: self = .shape
        case .filterSize: self = .size
        case .filterFill: self = .fill
        default: return nil
        }
    }

    var filter: ProgramFunction {
        switch self {
        case .color: .filterColor
        case .shape: .filterShape
        case .size: .filterSize
        case .fill: .filterFill
        }
    }

    /// The value a filter names, if it names this attribute.
    func value(of f: ObjectFilter) -> String? {
        switch self {
        case .color: f.color
        case .shape: f.shape?.rawValue
        case .size: f.size
        case .fill: f.fill?.rawValue
        }
    }
}

extension Vocabulary {
    /// The plan's values of an attribute, as program tokens.
    func values(of a: Attribute) -> [String] {
        switch a {
        case .color: colors
        case .shape: shapes.map(\.rawValue)
        case .size: sizes
        case .fill: fills.map(\.rawValue)
        }
    }
}
