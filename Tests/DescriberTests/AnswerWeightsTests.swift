import ScenewrightTestSupport
import Testing

@testable import Describer
@testable import Pipeline
@testable import SceneModel

/// The answer weights: fitted from which answers scenes make possible, they make a weighted
/// choice among each scene's possible answers come out uniform where it can.
@Suite struct AnswerWeightsTests {
    /// The share of each answer when every set chooses by weight (the engine's draw), computed
    /// here the plain way.
    static func shares(_ sets: [[Int]], _ weight: (Int) -> Double) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for s in sets {
            let total = s.reduce(0) { $0 + weight($1) }
            for a in s { out[a, default: 0] += weight(a) / total / Double(sets.count) }
        }
        return out
    }

    /// Counts 0 to 4 where larger counts are possible in fewer scenes (like "how many"):
    /// uniform choice favours small counts; the fitted weights even them out.
    @Test func fittedWeightsMakeReachableAnswersUniform() {
        var rng = Xoshiro256(seed: 7)
        var sets: [[Int]] = []
        for _ in 0..<4000 {
            let largest = [1, 2, 3, 4, 4, 4][rng.int(in: 0...5)]
            sets.append(Array(0...largest))
        }
        let before = Self.shares(sets) { _ in 1 }
        #expect((before[0] ?? 0) > 0.27)  // uniform choice: 0 is possible everywhere
        let weights = AnswerWeights.fit([(.count, sets.map { .choices($0) })])
        let table = Dictionary(uniqueKeysWithValues: weights.weights(.count).map { ($0.key, $0.weight) })
        let after = Self.shares(sets) { table[$0] ?? 1 }
        for a in 0...4 { #expect(abs((after[a] ?? 0) - 0.2) < 0.005, "answer \(a): \(after[a] ?? 0)") }
        #expect(weights.weights(.exist).isEmpty)
    }

    /// An answer possible in fewer scenes than its uniform share takes all it can (its weight
    /// stops at the maximum ratio) and the others share the rest evenly.
    @Test func anUnreachableShareIsTakenWhereverPossible() {
        var sets = [[Int]](repeating: [0, 1], count: 950)
        sets += [[Int]](repeating: [0, 1, 2], count: 50)
        let weights = AnswerWeights.fit([(.logic, sets.map { .choices($0) })])
        let table = Dictionary(uniqueKeysWithValues: weights.weights(.logic).map { ($0.key, $0.weight) })
        let after = Self.shares(sets) { table[$0] ?? 1 }
        #expect((after[2] ?? 0) > 0.049)
        #expect(abs((after[0] ?? 0) - (after[1] ?? 0)) < 0.002)
    }

    /// Yes/no: each answer weighs one over how often a question with it could be built.
    @Test func yesAndNoWeighOneOverTheirSuccessRates() {
        let seen: [AnswerWeights.Observation] =
            [AnswerWeights.Observation](repeating: .truth(yes: true, no: true), count: 60)
            + [AnswerWeights.Observation](repeating: .truth(yes: true, no: false), count: 40)
        let weights = AnswerWeights.fit([(.exist, seen)])
        let table = Dictionary(uniqueKeysWithValues: weights.weights(.exist).map { ($0.key, $0.weight) })
        #expect(table[1] == 1 && abs((table[0] ?? 0) - 100.0 / 60) < 1e-12)
        // Yes asked with probability (1/1) / (1/1 + 1/0.6) and kept always, no kept 60% of
        // the time: equal shares.
        let yes = 1 / (1 + 100.0 / 60)
        #expect(abs(yes * 1 - (1 - yes) * 0.6) < 1e-12)
    }

    /// The plan's weights depend on the plan alone: fitted in this process, they are identical
    /// to those another process fitted and stored (`assets/answer-weights.txt`), which a
    /// process then uses.
    @Test func calibrationIsDeterministic() throws {
        let plan = try TestResources.plan("counting")
        let options = try TextOptions(settings: plan.text, file: plan.source, layout: plan.layout)
        let first = AnswerCalibration.fit(plan: plan, options: options)
        AnswerCalibration.cache.withLock { $0 = [:] }
        let second = AnswerCalibration.weights(plan: plan, options: options)
        for family in QuestionFamily.allCases {
            let a = first.weights(family)
            let b = second.weights(family)
            #expect(a.map(\.key) == b.map(\.key) && a.map(\.weight) == b.map(\.weight), "\(family)")
            #expect(first.forms(family) == second.forms(family), "\(family)")
        }
        #expect(!first.forms(.count).answers.isEmpty && !first.weights(.exist).isEmpty)
    }
}
