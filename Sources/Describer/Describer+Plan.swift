import SceneModel
import SceneSampler

extension Vocabulary {
    /// The values a plan can draw (zero-weight values excluded).
    public init(plan: ScenePlan) {
        self.init(
            colors: plan.colors.filter { $0.weight > 0 }.map(\.value.name),
            shapes: plan.shapes.filter { $0.weight > 0 }.map(\.value),
            sizes: plan.sizes.filter { $0.weight > 0 }.map(\.name),
            fills: plan.fills.filter { $0.weight > 0 }.map(\.value))
    }
}

extension TextOptions {
    /// Options from a plan's `text:` section, checking family and level names.
    public init(settings: TextSettings, file: String) throws(PlanError) {
        self.init(questions: settings.questions, refs: settings.refs, negatives: settings.negatives)
        if let entries = settings.families {
            var out: [(QuestionFamily, Double)] = []
            for e in entries {
                guard let f = QuestionFamily(rawValue: e.name) else {
                    throw PlanError(
                        file: file, line: e.line, column: e.column, field: e.field,
                        message:
                            "unknown question family '\(e.name)'; valid families: \(QuestionFamily.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                out.append((f, e.weight))
            }
            families = out
        }
        if let entries = settings.difficulty {
            var out: [(Difficulty, Double)] = []
            for e in entries {
                guard let d = Difficulty(rawValue: e.name) else {
                    throw PlanError(
                        file: file, line: e.line, column: e.column, field: e.field,
                        message: "unknown difficulty '\(e.name)'; valid: easy, medium, hard")
                }
                out.append((d, e.weight))
            }
            difficulty = out
        }
    }
}

extension Describer {
    /// A describer for a plan's vocabulary and relation margin.
    public init(plan: ScenePlan, lexicons: [Lexicon], options: TextOptions) {
        self.init(lexicons: lexicons, vocabulary: Vocabulary(plan: plan), relations: plan.relations, options: options)
    }
}
