import Describer
import PlanFiles
import SceneModel
import SceneSampler

extension Vocabulary {
    /// The values a plan can draw (zero-weight values excluded).
    public init(plan: ScenePlan) {
        self.init(
            colors: plan.colors.filter { $0.weight > 0 }.map(\.value.name),
            shapes: plan.shapes.filter { $0.weight > 0 }.map(\.value),
            sizes: plan.sizes.filter { $0.weight > 0 }.map(\.name),
            fills: plan.fills.filter { $0.weight > 0 }.map(\.value),
            valueWeights: [
                plan.colors.map(\.weight), plan.shapes.map(\.weight), plan.sizes.map(\.weight),
                plan.fills.map(\.weight),
            ].map { $0.filter { $0 > 0 } })
        texts = (plan.lettering?.languages ?? []).filter { $0.weight > 0 }.flatMap(\.value.texts)
    }
}

extension TextOptions {
    /// Options from a plan's `text:` section, checking family and level names. Families of
    /// other layouts, or of text the plan does not draw (`lettering`: the plan's lettering kind),
    /// are refused by name and left out of `all`: their words (rows, groups, labels) would not
    /// describe this plan's scenes.
    public init(
        settings: TextSettings, file: String, layout: ScenePlan.LayoutKind = .scatter, lettering: String? = nil
    ) throws(PlanError) {
        self.init(questions: settings.questions, refs: settings.refs, negatives: settings.negatives)
        func lettered(_ f: QuestionFamily) -> Bool {
            f.lettering.map { k in lettering.map(k.contains) ?? false } ?? true
        }
        families = QuestionFamily.allCases.filter { ($0.layouts?.contains(layout.rawValue) ?? true) && lettered($0) }
            .map { ($0, 1) }
        if let entries = settings.families {
            families = try Self.named(entries, QuestionFamily.self, what: "question family", file: file)
            for (e, (family, _)) in zip(entries, families) where !(family.layouts?.contains(layout.rawValue) ?? true) {
                throw PlanError(
                    file: file, line: e.line, column: e.column, field: e.field,
                    message:
                        "question family '\(family.rawValue)' needs layout \(family.layouts?.joined(separator: " or ") ?? ""), but this plan's layout is '\(layout.rawValue)'"
                )
            }
            for (e, (family, _)) in zip(entries, families) where !lettered(family) {
                throw PlanError(
                    file: file, line: e.line, column: e.column, field: e.field,
                    message:
                        "question family '\(family.rawValue)' needs lettering \(family.lettering?.joined(separator: " or ") ?? ""), but this plan draws \(lettering.map { "\($0)" } ?? "no text")"
                )
            }
        }
        if let entries = settings.difficulty {
            difficulty = try Self.named(entries, Difficulty.self, what: "difficulty", file: file)
        }
        if let c = settings.conversations { conversations = try ConversationOptions(settings: c, file: file) }
    }

    /// Weighted entries whose names must be cases of `T`; an unknown name lists the valid ones.
    static func named<T: RawRepresentable & CaseIterable>(
        _ entries: [TextSettings.Entry], _: T.Type, what: String, file: String
    ) throws(PlanError) -> [(T, Double)] where T.RawValue == String {
        var out: [(T, Double)] = []
        for e in entries {
            guard let value = T(rawValue: e.name) else {
                throw PlanError(
                    file: file, line: e.line, column: e.column, field: e.field,
                    message: "unknown \(what) '\(e.name)'; valid: \(T.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            out.append((value, e.weight))
        }
        return out
    }
}

extension ConversationOptions {
    /// Options from a plan's `conversations:` section; unknown kind, reasoning level or box
    /// style names are errors naming the valid ones.
    public init(settings c: ConversationSettings, file: String) throws(PlanError) {
        self.init(count: c.count, turns: c.turns, falsePremiseRate: c.falsePremiseRate)
        if let entries = c.kinds {
            kinds = try TextOptions.named(entries, TurnKind.self, what: "turn kind", file: file).map {
                TurnKindWeight($0.0, $0.1)
            }
        }
        func named<T: RawRepresentable & CaseIterable>(_ n: ConversationSettings.Name, _: T.Type, _ what: String)
            throws(PlanError) -> T where T.RawValue == String
        {
            guard let value = T(rawValue: n.name) else {
                throw PlanError(
                    file: file, line: n.line, column: n.column, field: n.field,
                    message: "unknown \(what) '\(n.name)'; valid: \(T.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return value
        }
        if let r = c.reasoning { reasoning = try named(r, ReasoningLevel.self, "reasoning level") }
        if let b = c.boxes { boxes = try named(b, GroundingStyle.self, "box style") }
    }
}

extension Describer {
    /// A describer for a plan's vocabulary and relation margin; line words (rows, columns,
    /// ordinals) only for layouts that place objects in lines; target answers weighted by how
    /// rarely the plan makes them possible (``AnswerCalibration``, ``ChartCalibration``).
    public init(plan: ScenePlan, lexicons: [Lexicon], options: TextOptions) {
        let layered: [Relations.Layering] =
            switch plan.layout {
            case .nested: [.inside, .contains]
            case .stack: [.front, .behind]
            default: []
            }
        self.init(
            lexicons: lexicons, vocabulary: Vocabulary(plan: plan), relations: plan.relations, options: options,
            layered: layered, lines: [.grid, .row, .column].contains(plan.layout),
            answerWeights: plan.chart == nil ? AnswerCalibration.weights(plan: plan, options: options) : .uniform)
        chartPhrases = plan.chart.map { ChartPhrases(byLanguage: $0.phrases) }
        chartWeights = ChartCalibration.weights(plan: plan, options: options)
        chartTopics = (plan.chart?.topics ?? []).map { t in
            ChartTopicWords(
                words: t.words.mapValues {
                    ChartTopicWords.Words(title: $0.title, categories: $0.categories, series: $0.series)
                }, ordered: t.ordered, scatter: t.words.values.allSatisfy { !$0.xLabel.isEmpty })
        }
    }
}
