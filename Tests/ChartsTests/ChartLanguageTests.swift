import Describer
import Foundation
import Pipeline
import SampleRecords
import ScenewrightTestSupport
import Testing

/// The chart families over the shipped chart plans: every answer agrees with the independent
/// executor, yes/no families are balanced, every family is asked. docs/LANGUAGES.md has the
/// 10,000-sample figures (`SCENEWRIGHT_BALANCE_SAMPLES=10000`).
struct ChartLanguageTests {
    @Test(arguments: ["charts", "charts-lines"])
    func answersAgreeAndAreBalanced(plan: String) throws {
        let samples = UInt64(ProcessInfo.processInfo.environment["SCENEWRIGHT_BALANCE_SAMPLES"] ?? "") ?? 300
        let factory = try TestResources.factory(plan: plan, seed: 34)
        let words = ["en": try TestResources.lexicon("en"), "zh": try TestResources.lexicon("zh")]
        var byFamily: [String: [String: Int]] = [:]
        var checked = 0
        var attempts = 0
        var disagreements: [String] = []
        var hidden: [String] = []
        var byKind: [String: [String: Int]] = [:]
        for index in UInt64(0)..<samples {
            let sample = try factory.make(index: index)
            attempts += sample.attempts
            let json = try JSONValue.parse(sample.record.jsonBytes)
            let executor = try #require(IndependentChartExecutor(record: json))
            for q in json["qa"]?.arrayValue ?? [] {
                guard let language = q["lang"]?.stringValue, let answer = q["answer"]?.stringValue,
                    let family = q["family"]?.stringValue, let program = q["program"], let lexicon = words[language]
                else { continue }
                let said: String? =
                    switch executor.run(program) {
                    case .truth(let b)?: b ? lexicon.yes : lexicon.no
                    case .number(let n)?: String(n)
                    case .word(let w)?: w
                    default: nil
                    }
                checked += 1
                if said != answer, disagreements.count < 5 {
                    disagreements.append("\(plan) \(index) \(family): \(answer) vs \(said ?? "no value")")
                }
                if !executor.isVisible(family: family, program: program), hidden.count < 5 {
                    hidden.append("\(plan) \(index) \(family): \(q["question"]?.stringValue ?? "")")
                }
                if language == "en" { byFamily[family, default: [:]][answer, default: 0] += 1 }
                if language == "en", family == "chart_figureqa", let nodes = program.arrayValue {
                    // The kind, from the program: the step a same_point compares, or the last step.
                    let types = nodes.map { $0["type"]?.stringValue ?? "" }
                    let multi = (json["chart"]?["series"]?.arrayValue?.count ?? 0) > 1
                    var kind = types.last ?? ""
                    if kind == "exist" { kind = "max_area" }
                    if kind == "same_point", let i = nodes.last?["inputs"]?.arrayValue?.first?.intValue {
                        // Over all points of several series: which series holds the extreme.
                        kind = multi && i == 1 ? (types[i] == "max_value" ? "highest" : "lowest") : types[i]
                    }
                    byKind[kind, default: [:]][answer, default: 0] += 1
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
        #expect(hidden.isEmpty, "asked about differences under the margin: \(hidden)")
        print(
            "\(plan): \(checked) answers checked by the independent executor over \(samples) samples; "
                + "\(Double(attempts) / Double(samples)) attempts per sample")
        let counts = (byFamily["chart_count"] ?? [:]).sorted { Int($0.key) ?? 0 < Int($1.key) ?? 0 }
        print("\(plan) chart_count answers: " + counts.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        for (kind, counts) in byKind.sorted(by: { $0.key < $1.key }) {
            let total = counts.values.reduce(0, +)
            print("\(plan) chart_figureqa \(kind): \(total) questions, \(counts["yes"] ?? 0) yes")
        }
        // Both plans draw line charts, so every family is asked.
        #expect(Set(byFamily.keys) == Set(ChartQuestionFamily.allCases.map(\.rawValue)))
        for (family, counts) in byFamily.sorted(by: { $0.key < $1.key }) {
            let total = counts.values.reduce(0, +)
            var p: [Double] = counts.values.map { Double($0) / Double(total) }
            p.sort()
            let entropy = counts.count < 2 ? 0 : -p.reduce(0) { $0 + $1 * log($1) } / log(Double(counts.count))
            if Set(counts.keys).isSubset(of: ["yes", "no"]) {
                let yes = Double(counts["yes"] ?? 0) / Double(total)
                let tolerance = max(0.05, 3 * (0.25 / Double(total)).squareRoot())
                #expect(abs(yes - 0.5) <= tolerance, "\(family): \(yes) yes of \(total)")
            }
            print(
                "\(plan) \(family): \(total) questions, \(counts.count) answers, entropy \(String(format: "%.3f", entropy)), top \(String(format: "%.1f", 100 * Double(counts.values.max() ?? 0) / Double(total)))%"
            )
        }
    }
}

/// Chart hard negatives: every claim is false by the independent executor, and false by at
/// least the chart's margin where it rests on values (`extreme`, `trend`); every kind is made,
/// and counts and trends change up and down about equally often.
struct ChartNegativeTests {
    @Test(arguments: ["charts", "charts-lines"])
    func negativesAreFalseAndVisiblySo(plan: String) throws {
        let samples = UInt64(ProcessInfo.processInfo.environment["SCENEWRIGHT_BALANCE_SAMPLES"] ?? "") ?? 300
        let factory = try TestResources.factory(plan: plan, seed: 35)
        let words = ["en": try TestResources.lexicon("en"), "zh": try TestResources.lexicon("zh")]
        var problems: [String] = []
        var byKind: [String: [String: Int]] = [:]
        for index in UInt64(0)..<samples {
            let json = try JSONValue.parse(try factory.make(index: index).record.jsonBytes)
            let executor = try #require(IndependentChartExecutor(record: json))
            for n in json["negatives"]?.arrayValue ?? [] {
                guard let language = n["lang"]?.stringValue, let kind = n["kind"]?.stringValue,
                    let claimed = n["claimed"]?.stringValue, let program = n["program"], let lexicon = words[language]
                else { continue }
                let actual: String? =
                    switch executor.run(program) {
                    case .truth(let b)?: b ? lexicon.yes : lexicon.no
                    case .number(let n)?: String(n)
                    case .word(let w)?: w
                    default: nil
                    }
                func problem(_ m: String) { problems.append("\(plan) \(index) \(kind) \(language): \(m)") }
                if actual == nil || actual == claimed {
                    problem("claims \(claimed), the table gives \(actual ?? "nothing")")
                }
                let margin = executor.margin
                switch kind {
                case "title":
                    // The wrong title belongs to a topic whose categories are the chart's, so
                    // that the caption still reads as one chart (a scatter plot's names none).
                    let owner = factory.plan.chart?.topics.flatMap { $0.words.values }.first { $0.title == claimed }
                    if owner == nil { problem("no topic has the title") }
                    if executor.kind != "scatter", let owner, !Set(executor.categories).isSubset(of: owner.categories) {
                        problem("the title comes from a topic without the chart's categories")
                    }
                case "extreme":
                    let values = executor.values[0]
                    if let k = executor.categories.firstIndex(of: claimed), let top = values.max(),
                        top - values[k] < margin
                    {
                        problem("\(claimed) is within the margin of the largest")
                    }
                case "trend":
                    let name = program.arrayValue?.first { $0["type"]?.stringValue == "filter_series" }?[
                        "value_inputs"]?.arrayValue?.first?.stringValue
                    guard let s = executor.seriesNames.firstIndex(where: { $0 == name }) else {
                        problem("names no series")
                        break
                    }
                    let v = executor.values[s]
                    let steps = zip(v, v.dropFirst()).map { $1 - $0 }
                    let clear =
                        claimed == lexicon.yes ? steps.contains { $0 <= -margin } : steps.allSatisfy { $0 >= margin }
                    if !clear { problem("the trend is not clear by the margin") }
                default: break
                }
                if language == "en" {
                    // Which way a count, a series list or a trend moved.
                    var way = "changed"
                    if kind == "count" || kind == "series", let c = Int(claimed), let a = actual.flatMap({ Int($0) }) {
                        way = c > a ? "up" : "down"
                    }
                    if kind == "trend" { way = claimed }
                    byKind[kind, default: [:]][way, default: 0] += 1
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(Set(byKind.keys) == ["title", "count", "series", "extreme", "trend"])
        for (kind, ways) in byKind.sorted(by: { $0.key < $1.key }) {
            let total = ways.values.reduce(0, +)
            print(
                "\(plan) negatives \(kind): \(total), "
                    + ways.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            if ways.count == 2 {
                let share = Double(ways.values.max() ?? 0) / Double(total)
                #expect(share <= 0.5 + max(0.07, 3 * (0.25 / Double(total)).squareRoot()), "\(kind): \(ways)")
            }
        }
    }
}
