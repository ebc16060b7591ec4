import PlanFiles

/// The plan's `text:` section: which languages and how much text per image. Names of question
/// families and difficulty levels are checked by the describer, which defines them; entries
/// keep their position in the file for its messages.
public struct TextSettings: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var weight: Double
        public var line: Int?
        public var column: Int?
        public var field: String
    }

    public var languages: [String] = ["en", "zh"]
    public var questions = 10
    public var refs = 3
    public var negatives = 3
    /// nil: every family, equally weighted.
    public var families: [Entry]?
    /// nil: the describer's default mix.
    public var difficulty: [Entry]?
    /// What a sample's one caption file holds (`txt:`): one choice or a weighted mix, read by
    /// the pipeline; nil: the short caption.
    public var txt: [Entry]?
    /// The plan's `conversations:` section (a section of its own in the file, kept here with
    /// the rest of the text a plan asks for); nil when the plan has none.
    public var conversations: ConversationSettings?

    public init() {}

    static func parse(_ node: YAMLValue?) throws(PlanError) -> TextSettings {
        var t = TextSettings()
        guard let node else { return t }
        try node.checkKeys(["languages", "questions", "refs", "negatives", "families", "difficulty", "txt"])
        if let l = try node.optional("languages") {
            t.languages = try l.strings()
            guard !t.languages.isEmpty else { throw l.error("expected at least one language code") }
        }
        for (key, path) in [("questions", \TextSettings.questions), ("refs", \.refs), ("negatives", \.negatives)] {
            if let v = try node.optional(key) {
                let n = try v.int()
                guard (0...100).contains(n) else { throw v.error("\(key) per image must be 0 to 100, got \(n)") }
                t[keyPath: path] = n
            }
        }
        t.families = try entries(try node.optional("families"))
        t.difficulty = try entries(try node.optional("difficulty"))
        t.txt = try entries(try node.optional("txt"))
        if let txt = t.txt, txt.allSatisfy({ $0.weight == 0 }), let first = txt.first {
            throw PlanError(
                file: node.file, line: first.line, column: first.column, field: first.field,
                message: "txt: at least one caption needs a weight above 0")
        }
        return t
    }

    /// `all`, a list of names or a mapping of name to weight.
    static func entries(_ node: YAMLValue?) throws(PlanError) -> [Entry]? {
        guard let node else { return nil }
        switch node.kind {
        case .mapping:
            var out: [Entry] = []
            for (k, v) in try node.entries() {
                let w = try v.double()
                guard w >= 0 else { throw v.error("weight must not be negative") }
                out.append(
                    Entry(name: k, weight: w, line: v.line, column: v.column, field: v.path))
            }
            return out
        case .list:
            var out: [Entry] = []
            for item in try node.items() {
                out.append(
                    Entry(
                        name: try item.string(), weight: 1, line: item.line, column: item.column,
                        field: item.path))
            }
            return out
        default:
            let s = try node.string()
            if s == "all" { return nil }
            return [
                Entry(name: s, weight: 1, line: node.line, column: node.column, field: node.path)
            ]
        }
    }
}
