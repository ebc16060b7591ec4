import Describer
import Foundation
import Pipeline
import SceneSampler
import ScenewrightTestSupport
import Testing

/// `assets/answer-weights.txt` holds, for every shipped plan that fits answer weights, exactly
/// the weights a fresh fit gives; `UPDATE_GOLDENS=1` rewrites it from fresh fits.
@Suite struct StoredAnswerWeightsTests {
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"

    struct Shipped {
        var name: String
        var plan: ScenePlan
        var options: TextOptions
    }

    /// Every shipped plan whose describer fits weights (chart plans do not), with the text
    /// options `generate` gives it.
    static func shipped() throws -> [Shipped] {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: TestResources.home.appendingPathComponent("scenes").path
        ).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        return try names.compactMap { name in
            let plan = try TestResources.plan(name)
            guard plan.chart == nil else { return nil }
            let options = try TextOptions(
                settings: plan.text, file: plan.source, layout: plan.layout, lettering: plan.lettering?.kind.rawValue)
            return Shipped(name: name, plan: plan, options: options)
        }
    }

    @Test func storedWeightsEqualFreshFits() throws {
        let plans = try Self.shipped()
        let url = TestResources.home.appendingPathComponent(StoredAnswerWeights.path)
        let fitted = plans.map { p in
            (
                name: p.name, key: StoredAnswerWeights.key(plan: p.plan, options: p.options),
                weights: AnswerCalibration.fit(plan: p.plan, options: p.options)
            )
        }
        if Self.updating {
            try StoredAnswerWeights.format(fitted).write(to: url, atomically: true, encoding: .utf8)
        }
        let stored = try StoredAnswerWeights.parse(String(contentsOf: url, encoding: .utf8))
        #expect(
            stored.count == fitted.count, "rewrite with UPDATE_GOLDENS=1 swift test --filter StoredAnswerWeightsTests")
        for fresh in fitted {
            guard let entry = stored.first(where: { $0.key == fresh.key }) else {
                Issue.record("\(fresh.name): no stored weights under its key; rewrite with UPDATE_GOLDENS=1")
                continue
            }
            for family in QuestionFamily.allCases {
                let a = entry.weights.weights(family)
                let b = fresh.weights.weights(family)
                #expect(
                    a.map(\.key) == b.map(\.key) && a.map(\.weight) == b.map(\.weight),
                    "\(fresh.name) \(family.rawValue): stored weights differ from a fresh fit")
            }
        }
    }

    /// The key reads what the fit reads and nothing else: a plan's name, file and twins do not
    /// change it; its objects and the families asked do.
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
