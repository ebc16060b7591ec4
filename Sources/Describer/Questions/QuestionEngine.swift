import SceneModel

/// Builds questions in the manner of CLEVR's engine, balanced by construction: each family
/// first chooses the answer it will have (yes or no by a weighted coin; a count or an attribute
/// value among those the scene makes possible, weighted by the plan's ``AnswerWeights``), then
/// finds a question with that answer. Nothing depends on other samples, so balance holds in
/// parallel and distributed runs.
///
/// Each family is one function in its own file (`Family+<Name>.swift`), reached through
/// ``build(_:_:_:)``; the balancing steps they share are in `AnswerBalancing.swift`.
public struct QuestionEngine: Sendable {
    public let vocabulary: Vocabulary
    /// Families with weights (zero-weight families are never asked).
    public let families: [(QuestionFamily, Double)]
    /// Weights of difficulty levels.
    public let difficulty: [(Difficulty, Double)]
    /// Levels that have a family to ask, with their weights; per level, its families and
    /// weights.
    private let levels: [Difficulty]
    private let levelWeights: [Double]
    private let familiesByLevel: [[QuestionFamily]]
    private let familyWeightsByLevel: [[Double]]
    /// How strongly each family prefers each target answer (fitted per plan).
    public internal(set) var weights: AnswerWeights

    public init(
        vocabulary: Vocabulary, families: [(QuestionFamily, Double)], difficulty: [(Difficulty, Double)],
        weights: AnswerWeights = .uniform
    ) {
        self.vocabulary = vocabulary
        self.weights = weights
        self.families = families
        self.difficulty = difficulty
        let levels = difficulty.filter { level in families.contains { $0.0.level == level.0 && $0.1 > 0 } }
        self.levels = levels.map(\.0)
        levelWeights = levels.map(\.1)
        let inLevel = levels.map { level in families.filter { $0.0.level == level.0 && $0.1 > 0 } }
        familiesByLevel = inLevel.map { $0.map(\.0) }
        familyWeightsByLevel = inLevel.map { $0.map(\.1) }
    }

    /// Up to `count` distinct questions (fewer when the scene cannot support more). Each is
    /// checked by running its program: a question whose program does not give its answer is
    /// dropped.
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
            if !seen.contains(q.program) {
                seen.append(q.program)
                out.append(q)
            }
        }
        return out
    }

    /// What each asked family could answer in this scene, `probes` times per family with the
    /// draws of `rng` (``AnswerWeights/fit(_:iterations:maximumRatio:)`` turns many scenes'
    /// observations into weights): the answer keys it chose among, or for a yes/no family
    /// whether it could ask a question answered yes and one answered no.
    public func possibleAnswers(_ facts: SceneFacts, probes: Int, rng: inout Xoshiro256) -> [(
        QuestionFamily, [AnswerWeights.Observation]
    )] {
        guard facts.isDescribable else { return [] }
        let context = QuestionContext(facts, vocabulary)
        let recorder = AnswerRecorder()
        var probe = self
        probe.weights = AnswerWeights(tables: [], recorder: recorder)
        var out: [(QuestionFamily, [AnswerWeights.Observation])] = []
        for (family, weight) in families where weight > 0 {
            var seen: [AnswerWeights.Observation] = []
            for _ in 0..<probes {
                if family.isYesNo {
                    recorder.forcedTruth = true
                    let yes = probe.build(family, context, &rng) != nil
                    recorder.forcedTruth = false
                    let no = probe.build(family, context, &rng) != nil
                    recorder.forcedTruth = nil
                    seen.append(.truth(yes: yes, no: no))
                } else {
                    _ = recorder.take()
                    _ = probe.build(family, context, &rng)
                    if let observed = recorder.take() { seen.append(observed) }
                }
            }
            out.append((family, seen))
        }
        return out
    }

    /// A level by its weight, then a family of that level by its weight.
    func chooseFamily(_ rng: inout Xoshiro256) -> QuestionFamily? {
        guard !levels.isEmpty else { return nil }
        let level = rng.weightedIndex(levelWeights)
        return familiesByLevel[level][rng.weightedIndex(familyWeightsByLevel[level])]
    }

    public func build(_ family: QuestionFamily, _ facts: SceneFacts, _ rng: inout Xoshiro256) -> QuestionSpec? {
        build(family, QuestionContext(facts, vocabulary), &rng)
    }

    /// One question of `family`, or nil when the scene cannot give one.
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
        case .insideQuery: layeredQuery([.inside, .contains], family: .insideQuery, c, &rng)
        case .insideCount: insideCount(c, &rng)
        case .frontExist: frontExist(c, &rng)
        case .behindQuery: layeredQuery([.behind, .front], family: .behindQuery, c, &rng)
        case .readText: readText(c, &rng)
        case .textColor: textColor(c, &rng)
        case .textCount: textCount(c, &rng)
        case .textExist: textExist(c, &rng)
        case .labelQuery: labelQuery(c, &rng)
        case .labelledQuery: labelledQuery(c, &rng)
        }
    }

    /// "What {attribute} is {referent}?": the program that finds the referent's one object and
    /// queries the attribute, and its answer.
    func ask(
        _ attribute: Attribute, about referent: Referent, answer object: Int, family: QuestionFamily,
        _ facts: SceneFacts
    ) -> QuestionSpec {
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
}
