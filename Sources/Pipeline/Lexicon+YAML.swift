import Describer
import Foundation
import PlanFiles
import SceneModel
import SceneSampler

/// Reading a lexicon from its YAML file, and checking it against a plan: the describer works
/// from the words alone and knows neither files nor plans.
extension Lexicon {
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
            "relation_statements", "layout", "conversation", "lettering",
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
        if thingNode.kind == .list {
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
            layout: try LayoutWords(try root.required("layout")), questions: questions,
            relationStatements: try templateGroup(try root.required("relation_statements"), slots: questionSlots))
        lexicon.conversation = try root.optional("conversation").map { (node) throws(PlanError) in
            try ConversationWords(node)
        }
        lexicon.lettering = try root.optional("lettering").map { (node) throws(PlanError) in try LetteringWords(node) }
        return lexicon
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
        if plan.lettering != nil, lettering == nil {
            throw PlanError(
                file: file, field: "lettering",
                message: "no lettering section (captions and references of drawn text), which plan '\(plan.name)' needs"
            )
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

extension ConversationWords {
    /// Reads the lexicon section `conversation`: `phrases` (every template group of
    /// ``ConversationWords/Phrase``, each a string or a list of variants using only its slots),
    /// `attributes` (a name for color, shape, size and fill) and `overlapping` ("overlapping ~").
    init(_ node: YAMLValue) throws(PlanError) {
        try node.checkKeys(["phrases", "attributes", "overlapping"])
        let phrasesNode = try node.required("phrases")
        var phrases: [Phrase: [String]] = [:]
        for (key, value) in try phrasesNode.entries() {
            guard let phrase = Phrase(rawValue: key) else {
                throw value.error(
                    "unknown conversation phrase '\(key)'; valid: \(Phrase.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let variants = value.kind == .list ? try value.strings() : [try value.string()]
            guard !variants.isEmpty else { throw value.error("expected at least one template") }
            for v in variants {
                var rest = Substring(v)
                while let open = rest.firstIndex(of: "{") {
                    guard let close = rest[open...].firstIndex(of: "}") else {
                        throw value.error("template '\(v)' has an unclosed '{'")
                    }
                    let name = String(rest[rest.index(after: open)..<close])
                    guard phrase.slots.contains(name) else {
                        throw value.error(
                            "template '\(v)' uses slot {\(name)}; '\(key)' has: \(phrase.slots.sorted().joined(separator: ", "))"
                        )
                    }
                    rest = rest[rest.index(after: close)...]
                }
            }
            phrases[phrase] = variants
        }
        for p in Phrase.allCases where phrases[p] == nil {
            throw phrasesNode.error("no templates for conversation phrase '\(p.rawValue)'")
        }
        let attributesNode = try node.required("attributes")
        var attributes: [String: String] = [:]
        for (k, v) in try attributesNode.entries() {
            guard Attribute(rawValue: k) != nil else {
                throw v.error(
                    "unknown attribute '\(k)'; valid: \(Attribute.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            attributes[k] = try v.string()
        }
        for a in Attribute.allCases where attributes[a.rawValue] == nil {
            throw attributesNode.error("no word for attribute '\(a.rawValue)'")
        }
        self.init(phrases: phrases, attributes: attributes, overlapping: try node.required("overlapping").string())
    }
}

extension LayoutWords {
    /// Reads the lexicon section `layout`.
    init(_ node: YAMLValue) throws(PlanError) {
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
        self.init(
            ordinals: ordinals, row: try node.required("row").string(), column: try node.required("column").string(),
            fromLeft: try node.required("from_left").string(), fromTop: try node.required("from_top").string(),
            corners: corners, relations: relations)
    }
}

extension Template {
    /// Parses `text` read from `value`; a malformed template is a ``PlanError`` at its place in
    /// the lexicon file.
    init(_ text: String, slots: Set<String>, at value: YAMLValue) throws(PlanError) {
        do {
            try self.init(text, slots: slots)
        } catch {
            throw value.error(error.message)
        }
    }
}
