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
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
        #expect(hidden.isEmpty, "asked about differences under the margin: \(hidden)")
        print(
            "\(plan): \(checked) answers checked by the independent executor over \(samples) samples; "
                + "\(Double(attempts) / Double(samples)) attempts per sample")
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
