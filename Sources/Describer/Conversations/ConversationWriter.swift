import SceneModel

/// Says planned turns in one language: the lexicon's grammar builds every noun phrase, the
/// lexicon's `conversation` templates frame the sentences, and questions use the question
/// engine's own templates. Wording choices draw from `rng`, a stream of the language's own.
struct ConversationWriter {
    let lexicon: Lexicon
    let words: ConversationWords
    let describer: Describer
    let facts: SceneFacts
    let boxes: [PixelBox?]
    let ids: [Int]
    let captions: Captions
    let options: ConversationOptions
    let width: Int
    let height: Int

    func say(_ planned: [PlannedTurn], shortfall: Int, _ rng: inout Xoshiro256) -> Conversation {
        Conversation(language: lexicon.code, turns: planned.map { say($0, &rng) }, shortfall: shortfall)
    }

    func say(_ t: PlannedTurn, _ rng: inout Xoshiro256) -> ConversationTurn {
        var turn = ConversationTurn(
            kind: t.kind, question: "", answer: "", program: t.program, referentStep: t.referentStep,
            referent: t.referent.indices.map { ids[$0] })
        if let v = t.value { turn.value = Describer.answerWords(v, lexicon) }
        if let o = t.boxed { turn.bbox = boxes[o] }
        switch t.content {
        case .describe(let detailed):
            turn.question = sentence(words.say(detailed ? .describeDetailed : .describeShort, [], &rng))
            turn.answer = detailed ? captions.detailed : captions.short
        case .list:
            let shown = t.referent.indices.filter { boxes[$0] != nil }
            let items = shown.map { o in
                GroundingStyle.text(
                    style: options.boxes, phrase: lexicon.phrase(ObjectFilter(facts.object(o)), .indefinite),
                    box: boxes[o]!, width: width, height: height)
            }
            turn.question = sentence(words.say(.list, [], &rng))
            turn.answer = sentence(
                words.say(
                    .listAnswer,
                    [
                        ("n", lexicon.nounPhrase(count: shown.count, ObjectFilter())),
                        ("items", items.joined(separator: GroundingStyle.separator(lexicon.code))),
                    ], &rng))
            turn.referent = shown.map { ids[$0] }
        case .question(let q):
            var scratch: [UInt8] = []
            turn.question = describer.say(q, lexicon, &rng, into: &scratch).question
            turn.family = q.family.rawValue
            (turn.answer, turn.reasoning) = reasoned(t, &rng)
        case .followQuery(let a):
            turn.question = sentence(words.say(.followQuery, [("attribute", words.attributes[a.rawValue] ?? "")], &rng))
            (turn.answer, turn.reasoning) = reasoned(t, &rng)
        case .followCount(let a, let value):
            let adjective =
                a == .shape
                ? lexicon.phrase(ObjectFilter(shape: ShapeKind(rawValue: value)), .plural) : lexicon.word(for: value)
            turn.question = sentence(words.say(.followCount, [("adj", adjective)], &rng))
            (turn.answer, turn.reasoning) = reasoned(t, &rng)
        case .whereIs(let r):
            let x = lexicon.describe(r)
            turn.question = sentence(words.say(.whereIs, [("x", x)], &rng))
            if let o = t.boxed, let box = boxes[o] {
                turn.answer = GroundingStyle.text(
                    style: options.boxes, phrase: x, box: box, width: width, height: height)
            }
        case .whatIsAt:
            if let o = t.boxed, let box = boxes[o] {
                let b = GroundingStyle.boxText(style: options.boxes, box: box, width: width, height: height)
                turn.question = sentence(words.say(.whatIsAt, [("box", b)], &rng))
                turn.answer = sentence(
                    words.say(
                        .whatIsAtAnswer, [("x", lexicon.phrase(ObjectFilter(facts.object(o)), .indefinite))], &rng))
            }
        case .verify(let r, _, let claimed):
            let x = lexicon.describe(r)
            let truth: String
            if case .token(let v)? = t.value { truth = v } else { truth = "" }
            turn.question = sentence(words.say(.verify, [("x", x), ("value", lexicon.word(for: claimed))], &rng))
            turn.claimed = claimed
            turn.value = claimed == truth ? lexicon.yes : lexicon.no
            turn.answer =
                claimed == truth
                ? sentence(words.say(.verifyYes, [("x", x), ("value", lexicon.word(for: truth))], &rng))
                : sentence(
                    words.say(
                        .verifyNo,
                        [("x", x), ("value", lexicon.word(for: truth)), ("claimed", lexicon.word(for: claimed))], &rng))
        case .falsePremise(let f, let asked):
            let spec = QuestionSpec(
                family: asked.queryFamily, kind: asked.queryKind, program: t.program, answer: .boolean(false),
                slots: [QuestionSpec.SlotFill(name: .x, value: .referent(.filter(f)))], hops: 0)
            var scratch: [UInt8] = []
            turn.question = describer.say(spec, lexicon, &rng, into: &scratch).question
            turn.answer = sentence(words.say(.absent, [("x", lexicon.bare(f, plural: false))], &rng))
        }
        return turn
    }

    /// The answer at the plan's reasoning level, and the steps it states.
    func reasoned(_ t: PlannedTurn, _ rng: inout Xoshiro256) -> (String, [StatedStep]) {
        guard let value = t.value else { return ("", []) }
        let answer = Describer.answerWords(value, lexicon)
        let said: [Int]
        switch options.reasoning {
        case .none: return (answer, [])
        case .brief: said = t.said.last.map { [$0] } ?? []
        case .steps: said = t.said
        }
        let trace = t.trace
        let labels = t.labels
        guard trace.count == t.program.nodes.count, labels.count == trace.count || said.isEmpty else {
            return (answer, [])
        }
        var sentences: [String] = []
        var stated: [StatedStep] = []
        for i in said {
            guard let s = statement(i, t.program, trace, labels, &rng) else { continue }
            sentences.append(s)
            let (objects, v) = Reasoning.stated(trace[i], ids: { ids[$0] })
            stated.append(StatedStep(step: i, objects: objects, value: v))
        }
        sentences.append(sentence(words.say(.answer, [("answer", answer)], &rng)))
        return (sentences.joined(separator: lexicon.grammar == .chinese ? "" : " "), stated)
    }

    /// The sentence stating step `i`'s result, or nil when it has no words.
    func statement(
        _ i: Int, _ program: Program, _ trace: [ProgramValue], _ labels: [SetLabel?], _ rng: inout Xoshiro256
    ) -> String? {
        let node = program.nodes[i]
        switch trace[i] {
        case .objects(let s):
            guard let label = labels[i] else { return nil }
            let members = lexicon.joinList(s.indices.map { member($0) })
            switch s.count {
            case 0: return sentence(words.say(.setNone, [("x", text(label, labels, plural: true))], &rng))
            case 1:
                // "There is one small solid black square: a small solid black square." says
                // nothing: a set named by every attribute of its one member is not stated.
                if label.context.isEmpty, label.pair == nil, let o = s.only,
                    label.filter == ObjectFilter(facts.object(o))
                {
                    return nil
                }
                return sentence(
                    words.say(.setOne, [("x", text(label, labels, plural: false)), ("members", members)], &rng))
            default:
                return sentence(
                    words.say(
                        .setMany,
                        [
                            ("x", text(label, labels, plural: true)), ("n", lexicon.number(s.count)),
                            ("members", members),
                        ],
                        &rng))
            }
        case .object(let o):
            guard node.function == .extreme, let k = node.value.flatMap(Extreme.init(rawValue:)) else { return nil }
            return sentence(
                words.say(.extreme, [("extreme", lexicon.extremes[k] ?? k.rawValue), ("member", member(o))], &rng))
        case .token(let v):
            guard let input = node.inputs.first, case .object(let o) = trace[input],
                let a = Attribute.allCases.first(where: { $0.query == node.function })
            else { return nil }
            return sentence(
                words.say(
                    .query,
                    [
                        ("attribute", words.attributes[a.rawValue] ?? a.rawValue),
                        ("member", lexicon.phrase(ObjectFilter(facts.object(o)), .definite)),
                        ("value", lexicon.word(for: v)),
                    ], &rng))
        default: return nil
        }
    }

    /// An object named by all its attributes: "a large striped red circle".
    func member(_ o: Int) -> String { lexicon.phrase(ObjectFilter(facts.object(o)), .indefinite) }

    /// A set's name: "red circles to the left of the large solid blue star", 在…左边的红色圆形.
    func text(_ label: SetLabel, _ labels: [SetLabel?], plural: Bool) -> String {
        if let (phrase, a, b) = label.pair {
            let first = labels[a].map { text($0, labels, plural: true) } ?? ""
            let second = labels[b].map { text($0, labels, plural: true) } ?? ""
            return ConversationWords.fill(words.variants(phrase).first ?? "", [("a", first), ("b", second)])
        }
        let noun = lexicon.bare(label.filter, plural: plural)
        var parts: [String] = []
        for c in label.context {
            switch c {
            case .direction(let d, let anchor): parts.append(join(lexicon.direction(d), anchorName(anchor)))
            case .nearest(let anchor): parts.append(join(lexicon.nearest, anchorName(anchor)))
            case .overlapping(let anchor):
                parts.append(words.overlapping.replacingOccurrences(of: "~", with: anchorName(anchor)))
            case .layered(let r, let anchor):
                let pattern = lexicon.layout.relations[r] ?? "\(r.rawValue) ~"
                parts.append(pattern.replacingOccurrences(of: "~", with: anchorName(anchor)))
            case .line(let axis, let k):
                parts.append(
                    lexicon.grammar == .chinese
                        ? lexicon.layout.ordinal(k) + lexicon.layout.lineWord(axis)
                        : "in the \(lexicon.layout.ordinal(k)) \(lexicon.layout.lineWord(axis))")
            }
        }
        switch lexicon.grammar {
        case .english: return ([noun] + parts).joined(separator: " ")
        case .chinese:
            // Relations before the noun, each closed by 的: 在蓝色星形左边的红色圆形.
            return parts.map { $0 + "的" }.joined() + noun
        }
    }

    /// Chinese frames a direction as 在…左边 and nearness as 离…最近; English puts the words
    /// before the anchor.
    func join(_ relation: String, _ anchor: String) -> String {
        lexicon.grammar == .chinese
            ? (relation == lexicon.nearest ? "离\(anchor)\(relation)" : "在\(anchor)\(relation)")
            : "\(relation) \(anchor)"
    }

    func anchorName(_ o: Int) -> String { lexicon.phrase(ObjectFilter(facts.object(o)), .definite) }

    /// The text with its first letter capitalised.
    func sentence(_ s: String) -> String {
        var bytes = Array(s.utf8)
        bytes.capitalizeFirst()
        return String(decoding: bytes, as: UTF8.self)
    }
}
