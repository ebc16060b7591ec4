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
