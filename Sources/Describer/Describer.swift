import SceneModel

/// A question with its answer in one language.
public struct QAItem: Sendable, Hashable {
    public var question: String {
        get { questionText.string }
        set { questionText = ItemText(newValue) }
    }
    public var questionText: ItemText
    public var answer: String
    public var family: String
    public var program: Program
    public var language: String
    public var answerType: AnswerType
    /// Program length, relation hops and level.
    public var steps: Int
    public var hops: Int
    public var level: String

    public init(
        question: String, answer: String, family: String, program: Program, language: String, answerType: AnswerType,
        steps: Int, hops: Int, level: String
    ) {
        self.init(
            questionText: ItemText(question), answer: answer, family: family, program: program, language: language,
            answerType: answerType, steps: steps, hops: hops, level: level)
    }

    public init(
        questionText: ItemText, answer: String, family: String, program: Program, language: String,
        answerType: AnswerType, steps: Int, hops: Int, level: String
    ) {
        self.questionText = questionText
        self.answer = answer
        self.family = family
        self.program = program
        self.language = language
        self.answerType = answerType
        self.steps = steps
        self.hops = hops
        self.level = level
    }
}

/// A referring expression in one language.
public struct ReferenceItem: Sendable, Hashable {
    public var text: String {
        get { itemText.string }
        set { itemText = ItemText(newValue) }
    }
    public var itemText: ItemText
    public var language: String
    public var objectID: Int
    public var bbox: PixelBox
    public var program: Program

    public init(text: String, language: String, objectID: Int, bbox: PixelBox, program: Program) {
        self.init(itemText: ItemText(text), language: language, objectID: objectID, bbox: bbox, program: program)
    }

    public init(itemText: ItemText, language: String, objectID: Int, bbox: PixelBox, program: Program) {
        self.itemText = itemText
        self.language = language
        self.objectID = objectID
        self.bbox = bbox
        self.program = program
    }
}

/// A hard negative in one language.
public struct NegativeItem: Sendable, Hashable {
    public var text: String {
        get { itemText.string }
        set { itemText = ItemText(newValue) }
    }
    public var itemText: ItemText
    public var language: String
    public var kind: String
    /// Which caption it falsifies ("detailed").
    public var of: String
    /// The claim the change made false: running `program` on the scene does not give `claimed`.
    public var program: Program
    public var claimed: String

    public init(text: String, language: String, kind: String, of: String, program: Program, claimed: String) {
        self.init(itemText: ItemText(text), language: language, kind: kind, of: of, program: program, claimed: claimed)
    }

    public init(itemText: ItemText, language: String, kind: String, of: String, program: Program, claimed: String) {
        self.itemText = itemText
        self.language = language
        self.kind = kind
        self.of = of
        self.program = program
        self.claimed = claimed
    }
}

/// Everything said about one image.
public struct Description: Sendable, Hashable {
    public var captions: [(language: String, captions: Captions)]
    public var qa: [QAItem]
    public var refs: [ReferenceItem]
    public var negatives: [NegativeItem]
    /// Conversations, each said in every language (empty unless the plan asks for them).
    public var conversations: [Conversation]

    public init(
        captions: [(language: String, captions: Captions)], qa: [QAItem] = [], refs: [ReferenceItem] = [],
        negatives: [NegativeItem] = [], conversations: [Conversation] = []
    ) {
        self.captions = captions
        self.qa = qa
        self.refs = refs
        self.negatives = negatives
        self.conversations = conversations
    }

    public static func == (a: Description, b: Description) -> Bool {
        a.captions.map(\.language) == b.captions.map(\.language)
            && a.captions.map(\.captions) == b.captions.map(\.captions)
            && a.qa == b.qa && a.refs == b.refs && a.negatives == b.negatives && a.conversations == b.conversations
    }

    public func hash(into hasher: inout Hasher) {
        for (l, c) in captions {
            hasher.combine(l)
            hasher.combine(c)
        }
        hasher.combine(qa)
        hasher.combine(refs)
        hasher.combine(negatives)
        hasher.combine(conversations)
    }
}

/// How much text to write per image.
public struct TextOptions: Sendable {
    public var questions: Int
    public var refs: Int
    public var negatives: Int
    public var families: [(QuestionFamily, Double)]
    public var difficulty: [(Difficulty, Double)]
    /// nil: no conversations (the plan has no `conversations:` section).
    public var conversations: ConversationOptions?

    public init(
        questions: Int = 10, refs: Int = 3, negatives: Int = 3,
        families: [(QuestionFamily, Double)] = QuestionFamily.general.map { ($0, 1) },
        difficulty: [(Difficulty, Double)] = [(.easy, 2), (.medium, 1.5), (.hard, 0.5)],
        conversations: ConversationOptions? = nil
    ) {
        self.questions = questions
        self.refs = refs
        self.negatives = negatives
        self.families = families
        self.difficulty = difficulty
        self.conversations = conversations
    }

    /// Captions only.
    public static let captionsOnly = TextOptions(questions: 0, refs: 0, negatives: 0)
}

/// Turns a drawn scene into text in each configured language. What is said (questions,
/// references, negatives, the caption plan) is decided once from the sample's own streams and
/// then said in every language; wording choices come from a stream per language, so adding a
/// language does not change another's text.
public struct Describer: Sendable {
    public let lexicons: [Lexicon]
    public let vocabulary: Vocabulary
    public let relations: Relations
    public let options: TextOptions
    /// Layering relations referring expressions may use (the plan's layout gives them words).
    public let layered: [Relations.Layering]
    /// Whether the layout places objects in lines (grid, row, column): only then may references
    /// name an object by its row, column or place in a line.
    public let lines: Bool
    let engine: QuestionEngine
    /// What chart text says, for plans with charts (`assets/charts/phrases.yaml`).
    public var chartPhrases: ChartPhrases?
    /// How chart families weigh their answers (fitted per plan by the pipeline's `ChartCalibration`).
    public var chartWeights: ChartAnswerWeights = .uniform
    /// The plan's chart word lists, which chart hard negatives draw new words from.
    public var chartTopics: [ChartTopicWords] = []
    let conversationPlanner: ConversationPlanner?

    public init(
        lexicons: [Lexicon], vocabulary: Vocabulary, relations: Relations, options: TextOptions,
        layered: [Relations.Layering] = [], lines: Bool = false, answerWeights: AnswerWeights = .uniform
    ) {
        self.layered = layered
        self.lines = lines
        self.lexicons = lexicons
        self.vocabulary = vocabulary
        self.relations = relations
        self.options = options
        let engine = QuestionEngine(
            vocabulary: vocabulary, families: options.families, difficulty: options.difficulty, weights: answerWeights)
        self.engine = engine
        self.conversationPlanner = options.conversations.map {
            ConversationPlanner(options: $0, engine: engine, vocabulary: vocabulary, layered: layered)
        }
    }

    /// `texts`: the text items' measurements (their words' boxes), for references to text.
    /// `facts`: the scene's ``SceneFacts`` when the caller has made them already (a twin's
    /// anchor), so that they are made once; charts make their own.
    public func describe(
        _ scene: Scene, measurements: [ObjectMeasurement], runSeed: UInt64, index: UInt64,
        marks: [ObjectMeasurement] = [], texts: [TextMeasurement] = [], facts: SceneFacts? = nil
    ) -> Description {
        if let chart = scene.chart {
            return describeChart(
                scene, chart, marks: marks, texts: texts, phrases: chartPhrases ?? ChartPhrases(byLanguage: [:]),
                runSeed: runSeed, index: index)
        }
        let facts = facts ?? SceneFacts(scene: scene, measurements: measurements, relations: relations)
        var rng = SampleSeed.generator(runSeed: runSeed, index: index, stream: .questions)
        var plan = CaptionPlan(facts, rng: &rng)
        // Text clauses and references draw from a stream of their own: scenes without text draw
        // nothing from it.
        var letteringRNG = SampleSeed.generator(runSeed: runSeed, index: index, stream: .textClauses)
        plan.lettering = CaptionLettering(facts, rng: &letteringRNG)
        let textReferences = TextReferences.choose(facts, count: options.refs, rng: &letteringRNG)
        let questions = engine.questions(facts, count: options.questions, rng: &rng)
        let references = ReferringExpressions.choose(
            facts, count: options.refs, layered: layered, lines: lines, rng: &rng)
        let negatives = HardNegatives.make(plan, facts, vocabulary: vocabulary, count: options.negatives, rng: &rng)

        // Conversations draw from a stream of their own: asking for them changes no other text.
        var conversationRNG = SampleSeed.generator(runSeed: runSeed, index: index, stream: .conversations)
        let planned =
            conversationPlanner?.plan(facts, boxes: measurements.map(\.bbox), rng: &conversationRNG) ?? []

        var description = Description(captions: [])
        description.qa.reserveCapacity(questions.count * lexicons.count)
        description.refs.reserveCapacity(references.count * lexicons.count)
        description.negatives.reserveCapacity(negatives.count * lexicons.count)
        var scratch = [UInt8](reservingCapacity: 512)
        for lexicon in lexicons {
            var words = Xoshiro256(
                seed: SampleSeed.derive(runSeed: runSeed, index: index, stream: .text)
                    ^ SplitMix64.mix(Describer.languageSalt(lexicon.code)))
            let lexicon = lexicon.choosingSynonyms(&words)
            let captioner = Captioner(lexicon: lexicon)
            let choice = captioner.choose(&words)
            var memo = Captioner.Memo()
            description.captions.append(
                (
                    lexicon.code,
                    captioner.captions(plan, scene: scene, measurements: measurements, choice: choice, memo: &memo)
                ))
            for q in questions {
                description.qa.append(say(q, lexicon, &words, into: &scratch))
            }
            for r in references {
                scratch.removeAll(keepingCapacity: true)
                lexicon.describe(r.referent, nested: false, into: &scratch)
                description.refs.append(
                    ReferenceItem(
                        itemText: ItemText(utf8: scratch), language: lexicon.code,
                        objectID: scene.objects[r.object].id,
                        bbox: measurements[r.object].bbox ?? PixelBox(x: 0, y: 0, width: 0, height: 0),
                        program: r.program))
            }
            if let words = lexicon.lettering {
                for r in textReferences {
                    description.refs += textReference(r, words, lexicon.code, scene, measurements, texts)
                }
            }
            let background = lexicon.background(of: scene)
            for n in negatives {
                captioner.writeDetailed(
                    groups: n.groups, total: n.total, relation: n.relation, background: background, choice: choice,
                    lettering: n.lettering, memo: &memo, into: &scratch)
                description.negatives.append(
                    NegativeItem(
                        itemText: ItemText(utf8: scratch), language: lexicon.code, kind: n.kind.rawValue,
                        of: "detailed", program: n.program, claimed: answer(n.claimed, lexicon)))
            }
            if let options = options.conversations, let words = lexicon.conversation, !planned.isEmpty,
                let captions = description.captions.last?.captions
            {
                let writer = ConversationWriter(
                    lexicon: lexicon, words: words, describer: self, facts: facts, boxes: measurements.map(\.bbox),
                    ids: scene.objects.map(\.id), captions: captions, options: options, width: scene.width,
                    height: scene.height)
                var wording = Xoshiro256(
                    seed: SampleSeed.derive(runSeed: runSeed, index: index, stream: .conversations)
                        ^ SplitMix64.mix(Describer.languageSalt(lexicon.code)))
                for c in planned {
                    description.conversations.append(writer.say(c.turns, shortfall: c.shortfall, &wording))
                }
            }
        }
        return description
    }

    /// A text reference said in one language, with its target's id and box from the id plane
    /// (a text item: its first word's id and the union of its words' boxes); none when the
    /// target owns no pixel.
    func textReference(
        _ r: TextReferenceSpec, _ words: LetteringWords, _ code: String, _ scene: Scene,
        _ measurements: [ObjectMeasurement], _ texts: [TextMeasurement]
    ) -> [ReferenceItem] {
        let id: Int
        let box: PixelBox?
        let template: String
        switch r.target {
        case .item(let i):
            guard i < texts.count, let first = scene.texts[i].words.first else { return [] }
            (id, box, template) = (first.id, TextReferences.box(texts[i]), words.textRef)
        case .labelled(let o):
            (id, box, template) = (scene.objects[o].id, measurements[o].bbox, words.labelRef)
        }
        guard let box else { return [] }
        return [
            ReferenceItem(
                text: LetteringWords.fill(template, [("W", words.quoted(r.text))]), language: code, objectID: id,
                bbox: box, program: r.program)
        ]
    }

    /// The salt of a language's wording stream. It keys every wording choice of the language,
    /// so it must stay as it is for a seed to keep its text.
    static func languageSalt(_ code: String) -> UInt64 {
        code.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
    }

    /// The question said in the lexicon's language, assembled in `t` (emptied first).
    func say(_ q: QuestionSpec, _ lexicon: Lexicon, _ rng: inout Xoshiro256, into t: inout [UInt8]) -> QAItem {
        let templates = lexicon.questionTemplates[q.kind.ordinal]
        let template = templates[rng.int(in: 0...max(0, templates.count - 1))]
        t.removeAll(keepingCapacity: true)
        for part in template.parts {
            switch part {
            case .text(let range): t.append(contentsOf: template.literal[range])
            case .slot(let name, let form):
                switch q.slot(name) {
                case .referent(let r)?:
                    if case .filter(let f) = r, form == .indefinite {
                        lexicon.phrase(f.parts, .indefinite, into: &t)
                    } else if case .filter(let f) = r, form == .plural {
                        lexicon.phrase(f.parts, .plural, into: &t)
                    } else {
                        lexicon.describe(r, nested: false, into: &t)
                    }
                case .filter(let f)?:
                    switch form {
                    case .indefinite: lexicon.phrase(f.parts, .indefinite, into: &t)
                    case .plural: lexicon.phrase(f.parts, .plural, into: &t)
                    default: lexicon.phrase(f.parts, .definite, into: &t)
                    }
                case .direction(let d)?: t.append(lexicon.direction(d))
                case .token(let token)?: t.append(lexicon.word(for: token))
                case .ordinal(let k)?: t.append(lexicon.layout.ordinal(k))
                case .written(let s)?: t.append(s)
                case nil: break
                }
            }
        }
        t.capitalizeFirst()
        return QAItem(
            questionText: ItemText(utf8: t), answer: answer(q.answer, lexicon), family: q.family.rawValue,
            program: q.program,
            language: lexicon.code, answerType: q.answerType, steps: q.program.nodes.count, hops: q.hops,
            level: q.family.level.rawValue)
    }

    /// The normalised answer string: digits for numbers, the lexicon's yes/no; an attribute
    /// value in English is the scene's own value, exactly what the program returns (CLEVR's
    /// contract: `outline`, while questions may say `outlined`), in other languages the
    /// lexicon's word for it.
    public func answer(_ value: ProgramValue, _ lexicon: Lexicon) -> String {
        Describer.answerWords(value, lexicon)
    }

    /// The same, without a describer at hand (the verifier's view).
    public static func answerWords(_ value: ProgramValue, _ lexicon: Lexicon) -> String {
        switch value {
        case .boolean(let b): b ? lexicon.yes : lexicon.no
        case .integer(let n): String(n)
        case .token(let t): lexicon.code == "en" ? t : lexicon.word(for: t)
        case .object(let i): String(i)
        case .objects(let s): String(s.count)
        case .texts(let s): String(s.count)
        case .text(let i): String(i)
        case .string(let s): s
        }
    }
}
