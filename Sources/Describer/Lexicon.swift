import Foundation
import SceneModel
import SceneSampler

/// The words and caption templates of one language, read from assets/lang/<code>.yaml.
/// Grammar that words cannot carry (articles, plurals, measure words) lives in ``Grammar``.
public struct Lexicon: Sendable {
    public struct Noun: Sendable, Hashable {
        public var one: String
        public var many: String
        /// The classifier used when counting (Chinese 个, 颗...); empty where the language has none.
        public var measure: String
    }

    public var code: String
    public var name: String
    public var grammar: Grammar
    public var shapes: [ShapeKind: Noun] { didSet { rebuildTables() } }
    public var shapeNoun: Noun
    public var colors: [String: String] { didSet { rebuildTables() } }
    public var backgrounds: [String: String]
    public var sizes: [String: String] { didSet { rebuildTables() } }
    public var fills: [Fill: String] { didSet { rebuildTables() } }
    // Fast forms of the tables above for the grammar's hot path.
    var shapeNouns: [Noun] = []
    var colorWords: [String: String] = [:]
    var sizeWords: [String: String] = [:]
    var fillWords: [String] = []
    /// Attribute values (color, shape, size and fill names) to their words, for answers.
    var tokenWords: [String: String] = [:]
    /// `directions` and `questions` as lists indexed by case (dictionary lookups hash the
    /// raw-value string; these run for every question and statement).
    var directionWords: [String] = []
    var questionTemplates: [[Template]] = []
    public var numbers: [String]
    public var listSeparator: String
    public var listLast: String
    public var articleExceptions: [String]
    public var shortTemplates: [Template]
    public var detailedTemplates: [Template]
    /// The noun used when no shape is named ("thing", 物体): the first of `things` unless a
    /// sample chose a synonym (see ``choosingSynonyms(_:)``).
    public var thing: Noun
    /// Synonyms for `thing` ("thing", "object"), one chosen per image and language.
    public var things: [Noun]
    public var directions: [Relations.Direction: String] { didSet { rebuildTables() } }
    public var extremes: [Extreme: String]
    /// The words of nearness ("nearest to", 最近).
    public var nearest: String
    public var yes: String
    public var no: String
    /// Words of layouts: ordinals, rows and columns, corners, groups.
    public var layout: LayoutWords
    /// Question templates by kind (see ``QuestionKind``).
    public var questions: [QuestionKind: [Template]] { didSet { rebuildTables() } }
    /// "{A} is {rel} {B}." sentences, appended to detailed captions when a relation can be stated.
    public var relationStatements: [Template]

    /// Slots a caption template may use.
    public static let captionSlots: Set<String> = [
        "background", "count_shapes", "groups", "shape_groups", "detailed_groups", "largest",
    ]

    /// Slots a question or statement template may use.
    public static let questionSlots: Set<String> = [
        "X", "X.indef", "X.plural", "A", "B", "A.plural", "B.plural", "A.adj", "B.adj", "rel", "n",
    ]

    /// Loads `assets/lang/<code>.yaml` under `home`.
    public static func load(code: String, home: URL) throws(PlanError) -> Lexicon {
        let url = home.appendingPathComponent("assets/lang/\(code).yaml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            let available =
                ((try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path))
                ?? []).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
            throw PlanError(
                file: "assets/lang/\(code).yaml", field: "language",
                message: "no lexicon for language '\(code)'; available: \(available.joined(separator: ", "))")
        }
        return try parse(try YAMLValue.load(contentsOf: url, displayName: "assets/lang/\(code).yaml"))
    }

    public static func parse(_ root: YAMLValue) throws(PlanError) -> Lexicon {
        try root.checkKeys([
            "language", "name", "grammar", "shapes", "shape_noun", "colors", "backgrounds", "sizes", "fills", "numbers",
            "list", "article_exceptions", "templates", "thing", "directions", "extremes", "nearest", "answers",
            "questions",
            "relation_statements", "layout",
        ])
        let grammarNode = try root.required("grammar")
        let grammarName = try grammarNode.string()
        guard let grammar = Grammar(rawValue: grammarName) else {
            throw grammarNode.error(
                "unknown grammar '\(grammarName)'; valid: \(Grammar.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var shapes: [ShapeKind: Noun] = [:]
        let shapesNode = try root.required("shapes")
        for (key, value) in try shapesNode.entries() {
            guard let kind = ShapeKind(rawValue: key) else {
                throw value.error(
                    "unknown shape '\(key)'; valid shapes: \(ShapeKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            shapes[kind] = try noun(value)
        }
        for kind in ShapeKind.allCases where shapes[kind] == nil {
            throw shapesNode.error("no word for shape '\(kind.rawValue)'")
        }
        var fills: [Fill: String] = [:]
        let fillsNode = try root.required("fills")
        for (key, value) in try fillsNode.entries() {
            guard let fill = Fill(rawValue: key) else { throw value.error("unknown fill '\(key)'") }
            fills[fill] = try value.string()
        }
        for fill in Fill.allCases where fills[fill] == nil {
            throw fillsNode.error("no word for fill '\(fill.rawValue)'")
        }
        let list = try root.required("list")
        let templates = try root.required("templates")
        try templates.checkKeys(["short", "detailed"])
        func templateList(_ key: String) throws(PlanError) -> [Template] {
            let node = try templates.required(key)
            var out: [Template] = []
            for item in try node.items() { out.append(try Template(try item.string(), slots: captionSlots, at: item)) }
            guard !out.isEmpty else { throw node.error("expected at least one template") }
            return out
        }
        func templateGroup(_ node: YAMLValue, slots: Set<String>) throws(PlanError) -> [Template] {
            var out: [Template] = []
            for item in try node.items() { out.append(try Template(try item.string(), slots: slots, at: item)) }
            guard !out.isEmpty else { throw node.error("expected at least one template") }
            return out
        }
        var directions: [Relations.Direction: String] = [:]
        let directionsNode = try root.required("directions")
        for (key, value) in try directionsNode.entries() {
            guard let d = Relations.Direction(rawValue: key) else {
                throw value.error("unknown direction '\(key)'; valid: left, right, above, below")
            }
            directions[d] = try value.string()
        }
        for d in Relations.Direction.allCases where directions[d] == nil {
            throw directionsNode.error("no words for direction '\(d.rawValue)'")
        }
        var extremes: [Extreme: String] = [:]
        let extremesNode = try root.required("extremes")
        for (key, value) in try extremesNode.entries() {
            guard let k = Extreme(rawValue: key) else {
                throw value.error(
                    "unknown superlative '\(key)'; valid: \(Extreme.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            extremes[k] = try value.string()
        }
        for k in Extreme.allCases where extremes[k] == nil {
            throw extremesNode.error("no word for superlative '\(k.rawValue)'")
        }
        var questions: [QuestionKind: [Template]] = [:]
        let questionsNode = try root.required("questions")
        for (key, value) in try questionsNode.entries() {
            guard let kind = QuestionKind(rawValue: key) else {
                throw value.error(
                    "unknown question kind '\(key)'; valid: \(QuestionKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            questions[kind] = try templateGroup(value, slots: questionSlots)
        }
        for kind in QuestionKind.allCases where questions[kind] == nil {
            throw questionsNode.error("no templates for question kind '\(kind.rawValue)'")
        }
        // `thing`: one noun, or a list of synonyms.
        let thingNode = try root.required("thing")
        var things: [Noun] = []
        if case .sequence = thingNode.node {
            for item in try thingNode.items() { things.append(try noun(item)) }
        } else {
            things = [try noun(thingNode)]
        }
        guard !things.isEmpty else { throw thingNode.error("expected at least one noun") }
        let answers = try root.required("answers")
        try answers.checkKeys(["yes", "no"])
        let numbersNode = try root.required("numbers")
        let numbers = try numbersNode.strings()
        guard numbers.count >= 2 else { throw numbersNode.error("expected number words from zero upward") }
        var lexicon = Lexicon(
            code: try root.required("language").string(), name: try root.required("name").string(), grammar: grammar,
            shapes: shapes, shapeNoun: try noun(try root.required("shape_noun")),
            colors: try words(try root.required("colors")), backgrounds: try words(try root.required("backgrounds")),
            sizes: try words(try root.required("sizes")), fills: fills, numbers: numbers,
            listSeparator: try list.required("separator").string(), listLast: try list.required("last").string(),
            articleExceptions: try root.optional("article_exceptions")?.strings() ?? [],
            shortTemplates: try templateList("short"), detailedTemplates: try templateList("detailed"),
            thing: things[0], things: things, directions: directions, extremes: extremes,
            nearest: try root.required("nearest").string(),
            yes: try answers.required("yes").string(), no: try answers.required("no").string(),
            layout: try LayoutWords.parse(try root.required("layout")), questions: questions,
            relationStatements: try templateGroup(try root.required("relation_statements"), slots: questionSlots))
        lexicon.rebuildTables()
        return lexicon
    }

    /// The lexicon with one of its synonyms chosen by `rng` (wording only: what is said stays
    /// the same).
    public func choosingSynonyms(_ rng: inout Xoshiro256) -> Lexicon {
        guard things.count > 1, let t = rng.pick(things) else { return self }
        var copy = self
        copy.thing = t
        return copy
    }

    /// Builds the grammar's fast lookup tables from the word dictionaries.
    mutating func rebuildTables() {
        shapeNouns = ShapeKind.allCases.map { shapes[$0] ?? Noun(one: $0.rawValue, many: $0.rawValue, measure: "") }
        colorWords = colors
        sizeWords = sizes
        fillWords = Fill.allCases.map { fills[$0] ?? $0.rawValue }
        // Inserted from the lowest precedence up, so a name shared by two kinds (none today)
        // says what the dictionaries' order says: color, shape, size, fill.
        var tokens: [String: String] = [:]
        for (i, f) in Fill.allCases.enumerated() { tokens[f.rawValue] = fillWords[i] }
        for (k, v) in sizes { tokens[k] = v }
        for (i, k) in ShapeKind.allCases.enumerated() { tokens[k.rawValue] = shapeNouns[i].one }
        for (k, v) in colors { tokens[k] = v }
        tokenWords = tokens
        directionWords = Relations.Direction.all.map { directions[$0] ?? $0.rawValue }
        questionTemplates = QuestionKind.allCases.map { questions[$0] ?? [] }
    }

    /// Fails unless every color, background and size class the plan can draw has a word.
    public func check(covers plan: ScenePlan) throws(PlanError) {
        let file = "assets/lang/\(code).yaml"
        for c in plan.colors where colors[c.value.name] == nil {
            throw PlanError(
                file: file, field: "colors", message: "no word for color '\(c.value.name)' used by plan '\(plan.name)'")
        }
        for b in plan.backgrounds where backgrounds[b.value.name] == nil {
            throw PlanError(
                file: file, field: "backgrounds",
                message: "no word for background '\(b.value.name)' used by plan '\(plan.name)'")
        }
        for s in plan.sizes where sizes[s.name] == nil {
            throw PlanError(
                file: file, field: "sizes", message: "no word for size '\(s.name)' used by plan '\(plan.name)'")
        }
    }

    private static func noun(_ value: YAMLValue) throws(PlanError) -> Noun {
        try value.checkKeys(["one", "many", "measure"])
        let one = try value.required("one").string()
        return Noun(
            one: one, many: try value.optional("many")?.string() ?? one,
            measure: try value.optional("measure")?.string() ?? "")
    }

    private static func words(_ value: YAMLValue) throws(PlanError) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in try value.entries() { out[k] = try v.string() }
        return out
    }
}

/// The words layouts add (lexicon section `layout`): ordinals for rows, columns and places in a
/// line, the words for row and column, "from the left" / "from the top", and corner cells.
public struct LayoutWords: Sendable {
    /// "first", "second", … (第一, 第二, …); at least 12, the most lines a layout has.
    public var ordinals: [String]
    public var row: String
    public var column: String
    /// How places along a line are counted: columns "from the left", rows "from the top".
    public var fromLeft: String
    public var fromTop: String
    public var corners: [Corner: String]
    /// Phrases of nested and stacked layouts, `~` standing for the anchor: "inside ~",
    /// "that contains ~", "in front of ~", "behind ~" (在~里面, 包含~, 在~前面, 在~后面).
    public var relations: [Relations.Layering: String]

    public func ordinal(_ k: Int) -> String { k >= 1 && k <= ordinals.count ? ordinals[k - 1] : String(k) }
    public func lineWord(_ axis: LineAxis) -> String { axis == .row ? row : column }
    public func from(_ axis: LineAxis) -> String { axis == .column ? fromLeft : fromTop }

    static func parse(_ node: YAMLValue) throws(PlanError) -> LayoutWords {
        try node.checkKeys(["ordinals", "row", "column", "from_left", "from_top", "corners", "relations"])
        let ordinalsNode = try node.required("ordinals")
        let ordinals = try ordinalsNode.strings()
        guard ordinals.count >= 12 else {
            throw ordinalsNode.error("expected at least 12 ordinals (first to twelfth), got \(ordinals.count)")
        }
        let cornersNode = try node.required("corners")
        var corners: [Corner: String] = [:]
        for (key, value) in try cornersNode.entries() {
            guard let c = Corner(rawValue: key) else {
                throw value.error(
                    "unknown corner '\(key)'; valid: \(Corner.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            corners[c] = try value.string()
        }
        for c in Corner.allCases where corners[c] == nil {
            throw cornersNode.error("no words for corner '\(c.rawValue)'")
        }
        let relationsNode = try node.required("relations")
        var relations: [Relations.Layering: String] = [:]
        for (key, value) in try relationsNode.entries() {
            guard let r = Relations.Layering(rawValue: key) else {
                throw value.error(
                    "unknown relation '\(key)'; valid: \(Relations.Layering.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let phrase = try value.string()
            guard phrase.filter({ $0 == "~" }).count == 1 else {
                throw value.error("the phrase for '\(key)' needs exactly one '~' where the other object is said")
            }
            relations[r] = phrase
        }
        for r in Relations.Layering.allCases where relations[r] == nil {
            throw relationsNode.error("no phrase for relation '\(r.rawValue)'")
        }
        return LayoutWords(
            ordinals: ordinals, row: try node.required("row").string(), column: try node.required("column").string(),
            fromLeft: try node.required("from_left").string(), fromTop: try node.required("from_top").string(),
            corners: corners, relations: relations)
    }
}
