import Describer
import Foundation
import SceneSampler
import ScenewrightTestSupport
import Testing

@testable import Pipeline

/// `assets/answer-weights.txt` holds, for every shipped plan that fits answer weights, exactly
/// the weights a fresh fit gives; `UPDATE_GOLDENS=1` rewrites it from fresh fits.
@Suite struct StoredAnswerWeightsTests {
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"

    struct Shipped {
        var name: String
        var plan: ScenePlan
        var options: TextOptions
    }

    /// Every shipped plan with the text options `generate` gives it.
    static func shipped() throws -> [Shipped] {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: TestResources.home.appendingPathComponent("scenes").path
        ).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        return try names.map { name in
            let plan = try TestResources.plan(name)
            let options = try TextOptions(
                settings: plan.text, file: plan.source, layout: plan.layout, lettering: plan.lettering?.kind.rawValue)
            return Shipped(name: name, plan: plan, options: options)
        }
    }

    /// A fresh fit of a shipped plan: a chart plan's chart weights, another plan's answer weights.
    static func fit(_ p: Shipped) -> StoredAnswerWeights.Entry {
        let key = StoredAnswerWeights.key(plan: p.plan, options: p.options)
        return p.plan.chart == nil
            ? .init(key: key, answers: AnswerCalibration.fit(plan: p.plan, options: p.options), chart: .uniform)
            : .init(key: key, answers: .uniform, chart: ChartCalibration.fit(plan: p.plan))
    }

    static let url = TestResources.home.appendingPathComponent(StoredAnswerWeights.path)
    /// The shipped plans' names, one test case each so that their fits run in parallel.
    static let names: [String] = (try? shipped().map(\.name)) ?? []

    /// `UPDATE_GOLDENS=1` rewrites the file from fresh fits of every shipped plan.
    @Test(.enabled(if: updating)) func rewriteStoredWeights() throws {
        let fitted = try Self.shipped().map { (name: $0.name, entry: Self.fit($0)) }
        try StoredAnswerWeights.format(fitted).write(to: Self.url, atomically: true, encoding: .utf8)
    }

    /// The file holds one entry per shipped plan.
    @Test(.disabled(if: updating)) func oneEntryPerShippedPlan() throws {
        let stored = try StoredAnswerWeights.parse(String(contentsOf: Self.url, encoding: .utf8))
        #expect(!Self.names.isEmpty)
        #expect(
            stored.count == Self.names.count,
            "rewrite with UPDATE_GOLDENS=1 swift test --filter StoredAnswerWeightsTests")
    }

    @Test(.disabled(if: updating), arguments: names) func storedWeightsEqualFreshFit(_ name: String) throws {
        let plan = try #require(try Self.shipped().first { $0.name == name })
        let fresh = Self.fit(plan)
        let stored = try StoredAnswerWeights.parse(String(contentsOf: Self.url, encoding: .utf8))
        guard let entry = stored.first(where: { $0.key == fresh.key }) else {
            Issue.record("\(name): no stored weights under its key; rewrite with UPDATE_GOLDENS=1")
            return
        }
        for family in QuestionFamily.allCases {
            let a = entry.answers.weights(family)
            let b = fresh.answers.weights(family)
            #expect(
                a.map(\.key) == b.map(\.key) && a.map(\.weight) == b.map(\.weight),
                "\(name) \(family.rawValue): stored weights differ from a fresh fit")
            #expect(
                entry.answers.forms(family) == fresh.answers.forms(family),
                "\(name) \(family.rawValue): stored form weights differ from a fresh fit")
        }
        let a = entry.chart.table
        let b = fresh.chart.table
        #expect(a.map(\.name) == b.map(\.name), "\(name): stored chart weights differ from a fresh fit")
        for (x, y) in zip(a, b) {
            #expect(
                x.weights.map(\.key) == y.weights.map(\.key) && x.weights.map(\.weight) == y.weights.map(\.weight),
                "\(name) chart.\(x.name): stored weights differ from a fresh fit")
        }
    }

    /// The key reads what the fit reads and nothing else: a plan's name, file and twins do not
    /// change it; its objects, its chart's settings and the families asked do; it is the same
    /// in every process although plans hold dictionaries (their order is per process).
    @Test func keyFollowsWhatTheFitReads() throws {
        let plan = try TestResources.plan("shapes")
        let options = try TextOptions(settings: plan.text, file: plan.source, layout: plan.layout)
        let key = StoredAnswerWeights.key(plan: plan, options: options)
        var renamed = plan
        renamed.name = "other"
        renamed.source = "/elsewhere/other.yaml"
        renamed.twins = 3
        #expect(StoredAnswerWeights.key(plan: renamed, options: options) == key)
        var fewer = plan
        fewer.objectCount = 3...4
        #expect(StoredAnswerWeights.key(plan: fewer, options: options) != key)
        var countOnly = options
        countOnly.families = [(.count, 1)]
        #expect(StoredAnswerWeights.key(plan: plan, options: countOnly) != key)
        var none = options
        none.questions = 0
        #expect(StoredAnswerWeights.key(plan: plan, options: none) != key)
        let charts = try TestResources.plan("charts")
        var fewerBars = charts
        fewerBars.chart?.categories = 2...3
        #expect(
            StoredAnswerWeights.key(plan: fewerBars, options: options)
                != StoredAnswerWeights.key(plan: charts, options: options))
        // Dictionaries in the plan come out sorted.
        let text = StoredAnswerWeights.canonical(["b": 2, "a": 1, "c": 3, "d": 4, "e": 5])
        let places = ["\"a\"", "\"b\"", "\"c\"", "\"d\"", "\"e\""].compactMap { text.range(of: $0)?.lowerBound }
        #expect(places.count == 5 && places == places.sorted(), "\(text)")
    }

    /// A damaged file is an error naming its line, never a crash or a silent weight.
    @Test func malformedFileIsReportedByLine() {
        #expect(throws: StoredAnswerWeights.FormatError.self) {
            try StoredAnswerWeights.parse("plan shapes 00000000000000ff\ncount 0=1 1=x\n")
        }
        do {
            _ = try StoredAnswerWeights.parse("count 0=1\n")
            Issue.record("a family line before any plan line was accepted")
        } catch { #expect(error.line == 1) }
    }
}
