import Foundation
import PlanFiles
import SceneModel
import Typesetting

/// The plan's `chart:` section: which charts it draws and from what. A plan with a chart draws
/// one chart per image and no shapes. Word lists come from `assets/charts/words.yaml`.
public struct ChartSettings: Sendable, Hashable {
    /// One topic's words in one language.
    public struct Words: Sendable, Hashable {
        public var title: String
        public var categoryLabel: String
        public var valueLabel: String
        public var categories: [String]
        public var series: [String]
        /// A scatter plot's x-axis label; empty when the topic makes no scatter plots.
        public var xLabel: String
    }

    public var kinds: [ScenePlan.Weighted<Chart.Kind>]
    /// The language the chart's text is drawn in.
    public var languages: [ScenePlan.Weighted<String>]
    /// Per topic, per language code, its words (topics in file order).
    public var topics: [Topic]
    public var categories: ClosedRange<Int>
    public var series: ClosedRange<Int>
    /// Points per series of a scatter plot.
    public var points: ClosedRange<Int>
    /// Values are drawn uniformly from this range, in whole steps of `valueStep`.
    public var values: ClosedRange<Double>
    public var valueStep: Double
    public var dataLabels: Double
    public var axisLabels: Double
    public var fonts: [String: String]
    public var titleSize: Double
    public var labelSize: Double
    /// What chart text says (`assets/charts/phrases.yaml`): per language, per key, templates.
    public var phrases: [String: [String: [String]]] = [:]

    /// One topic of the word lists: its words per language code, and whether its categories
    /// have a natural order (line charts use only such topics).
    public struct Topic: Sendable, Hashable {
        public var name: String
        public var words: [String: Words]
        public var ordered: Bool
    }

    public static func == (a: ChartSettings, b: ChartSettings) -> Bool {
        a.kinds == b.kinds && a.languages == b.languages && a.topics.map(\.name) == b.topics.map(\.name)
            && a.topics.map(\.words) == b.topics.map(\.words) && a.categories == b.categories && a.series == b.series
            && a.points == b.points && a.values == b.values && a.valueStep == b.valueStep
            && a.dataLabels == b.dataLabels && a.axisLabels == b.axisLabels && a.fonts == b.fonts
            && a.titleSize == b.titleSize && a.labelSize == b.labelSize
    }

    public func hash(into h: inout Hasher) {
        h.combine(kinds)
        h.combine(topics.map(\.name))
        h.combine(values)
    }

    static let keys = [
        "kinds", "languages", "topics", "categories", "series", "points", "values", "value_step", "data_labels",
        "axis_labels", "fonts", "title_size", "label_size",
    ]

    static func parse(_ node: YAMLValue, home: URL) throws(PlanError) -> ChartSettings {
        try node.checkKeys(keys)
        func weights<T: Sendable & Hashable>(_ key: String, _ make: (String) -> T?, all: [String]) throws(PlanError)
            -> [ScenePlan.Weighted<T>]?
        {
            guard let n = try node.optional(key) else { return nil }
            guard let entries = try TextSettings.entries(n) else {
                return all.compactMap { s in make(s).map { ScenePlan.Weighted(value: $0, weight: 1) } }
            }
            var out: [ScenePlan.Weighted<T>] = []
            for e in entries {
                guard let v = make(e.name) else {
                    throw PlanError(
                        file: n.file, line: e.line, column: e.column, field: e.field,
                        message: "unknown \(key) entry '\(e.name)'; expected one of: \(all.joined(separator: ", "))")
                }
                out.append(ScenePlan.Weighted(value: v, weight: e.weight))
            }
            guard out.contains(where: { $0.weight > 0 }) else { throw n.error("\(key): at least one weight above 0") }
            return out
        }
        let kinds =
            try weights("kinds", { Chart.Kind(rawValue: $0) }, all: Chart.Kind.allCases.map(\.rawValue))
            ?? [ScenePlan.Weighted(value: .verticalBar, weight: 1)]
        let all = try loadWords(home: home)
        let topicNames = try weights("topics", { s in all.contains { $0.name == s } ? s : nil }, all: all.map(\.name))
        let topics =
            topicNames.map { names in
                names.filter { $0.weight > 0 }.compactMap { w in all.first { $0.name == w.value } }
            } ?? all
        let languages =
            try weights("languages", { $0 == "en" || $0 == "zh" ? $0 : nil }, all: ["en", "zh"]) ?? [
                ScenePlan.Weighted(value: "en", weight: 1)
            ]
        func range(_ key: String, _ d: ClosedRange<Int>, _ limit: ClosedRange<Int>) throws(PlanError) -> ClosedRange<
            Int
        > {
            guard let n = try node.optional(key) else { return d }
            let r = try n.intRange()
            guard limit.contains(r.lowerBound), limit.contains(r.upperBound) else {
                throw n.error("\(key) must lie within \(limit.lowerBound)...\(limit.upperBound)")
            }
            return r
        }
        func probability(_ key: String, _ d: Double) throws(PlanError) -> Double {
            guard let n = try node.optional(key) else { return d }
            let p = try n.double()
            guard (0...1).contains(p) else { throw n.error("\(key) is a probability from 0 to 1, got \(p)") }
            return p
        }
        let categories = try range("categories", 3...6, 2...12)
        for t in topics {
            for l in languages where l.weight > 0 && t.words[l.value] == nil {
                throw (try node.optional("topics") ?? node).error("topic '\(t.name)' has no words in '\(l.value)'")
            }
        }
        for (kind, needs, test) in [
            (Chart.Kind.line, "ordered categories", { (t: Topic) in t.ordered }),
            (.scatter, "an x_label", { (t: Topic) in t.words.values.allSatisfy { !$0.xLabel.isEmpty } }),
        ] where kinds.contains(where: { $0.value == kind && $0.weight > 0 }) && !topics.contains(where: test) {
            throw (try node.optional("topics") ?? node).error("\(kind.rawValue) charts need a topic with \(needs)")
        }
        // A topic with fewer categories than drawn gives all it has.
        let maxCategories = topics.map { t in t.words.values.map(\.categories.count).min() ?? 0 }.max() ?? 0
        if categories.upperBound > maxCategories {
            throw (try node.optional("categories") ?? node).error(
                "categories up to \(categories.upperBound), but no chosen topic has more than \(maxCategories)")
        }
        let series = try range("series", 1...1, 1...4)
        let values = try node.optional("values")?.doubleRange() ?? 0...100
        guard values.lowerBound >= 0, values.upperBound > values.lowerBound else {
            throw (try node.required("values")).error("values must be [low, high] with 0 <= low < high")
        }
        let step = try node.optional("value_step")?.double() ?? 1
        guard step > 0 else { throw (try node.required("value_step")).error("value_step must be above 0") }
        var fonts = ["en": "DejaVu Sans", "zh": "WenQuanYi Micro Hei"]
        if let f = try node.optional("fonts") {
            for (k, v) in try f.entries() { fonts[k] = try v.string() }
        }
        var settings = ChartSettings(
            kinds: kinds, languages: languages, topics: topics, categories: categories, series: series,
            points: try range("points", 5...10, 2...20), values: values, valueStep: step,
            dataLabels: try probability("data_labels", 0.5), axisLabels: try probability("axis_labels", 1),
            fonts: fonts, titleSize: try node.optional("title_size")?.double() ?? 15,
            labelSize: try node.optional("label_size")?.double() ?? 11)
        settings.phrases = try loadPhrases(home: home)
        try settings.checkFonts(at: try node.optional("fonts") ?? node)
        return settings
    }

    /// Every word a chart of the plan can draw sets in its language's font: a missing font names
    /// the package that installs it, a missing glyph the characters and the font (never tofu).
    func checkFonts(at node: YAMLValue) throws(PlanError) {
        for language in languages where language.weight > 0 {
            let font = FontName(family: fonts[language.value] ?? "DejaVu Sans")
            for topic in topics {
                guard let w = topic.words[language.value] else { continue }
                for text in [w.title, w.categoryLabel, w.valueLabel, w.xLabel] + w.categories + w.series
                where !text.isEmpty {
                    do {
                        _ = try Typesetter.shared.layout(text, font: font, size: labelSize, language: language.value)
                    } catch {
                        throw node.error("chart text in '\(language.value)' (topic '\(topic.name)'): \(error)")
                    }
                }
            }
        }
    }

    /// `assets/charts/phrases.yaml`: per language, each key's templates (a nested mapping's
    /// words keyed "<key>.<name>").
    static func loadPhrases(home: URL) throws(PlanError) -> [String: [String: [String]]] {
        let root = try YAMLValue.load(
            contentsOf: home.appendingPathComponent("assets/charts/phrases.yaml"),
            displayName: "assets/charts/phrases.yaml")
        var out: [String: [String: [String]]] = [:]
        for (code, entries) in try root.entries() {
            var table: [String: [String]] = [:]
            for (key, v) in try entries.entries() {
                if v.kind == .mapping {
                    for (name, w) in try v.entries() { table["\(key).\(name)"] = [try w.string()] }
                } else {
                    let list = try v.strings()
                    guard !list.isEmpty else { throw v.error("expected at least one template") }
                    table[key] = list
                }
            }
            out[code] = table
        }
        return out
    }

    /// Every topic of `assets/charts/words.yaml`, checked: every language's lists as long as
    /// the first's.
    static func loadWords(home: URL) throws(PlanError) -> [Topic] {
        let root = try YAMLValue.load(
            contentsOf: home.appendingPathComponent("assets/charts/words.yaml"), displayName: "assets/charts/words.yaml"
        )
        var out: [Topic] = []
        for (name, topic) in try root.required("topics").entries() {
            var byLanguage: [String: Words] = [:]
            var lengths: (Int, Int)?
            var ordered = false
            for (code, w) in try topic.entries() {
                if code == "ordered" {
                    ordered = try w.bool()
                    continue
                }
                try w.checkKeys(["title", "category_label", "value_label", "categories", "series", "x_label"])
                let words = Words(
                    title: try w.required("title").string(), categoryLabel: try w.required("category_label").string(),
                    valueLabel: try w.required("value_label").string(),
                    categories: try w.required("categories").strings(), series: try w.required("series").strings(),
                    xLabel: try w.optional("x_label")?.string() ?? "")
                if let lengths, lengths != (words.categories.count, words.series.count) {
                    throw w.error("topic '\(name)': lists in '\(code)' differ in length from the first language's")
                }
                lengths = (words.categories.count, words.series.count)
                byLanguage[code] = words
            }
            out.append(Topic(name: name, words: byLanguage, ordered: ordered))
        }
        return out
    }
}
