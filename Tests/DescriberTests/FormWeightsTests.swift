import Testing

@testable import Describer
@testable import SceneModel

/// Balancing within forms: a question's form ("how many things", "how many red things") should
/// not give its answer away, while the family's answers stay even.
@Suite struct FormWeightsTests {
    /// Shares of each (form, key) pair when every scene chooses a pair by weight.
    static func shares(_ scenes: [[(form: Int, keys: [Int])]], _ weights: FormWeights) -> [[Int]: Double] {
        var out: [[Int]: Double] = [:]
        for scene in scenes {
            let pairs = scene.flatMap { o in o.keys.map { [o.form, $0] } }
            let total = pairs.reduce(0) { $0 + (weights.answers[$1[0]]?[$1[1]] ?? 1) }
            for p in pairs { out[p, default: 0] += (weights.answers[p[0]]?[p[1]] ?? 1) / total / Double(scenes.count) }
        }
        return out
    }

    /// The blind accuracy (each form answered with its most frequent answer) and the largest
    /// answer share of the family.
    static func levels(_ shares: [[Int]: Double]) -> (blind: Double, largest: Double) {
        var byForm: [Int: Double] = [:]
        var byKey: [Int: Double] = [:]
        for (p, s) in shares {
            byForm[p[0]] = max(byForm[p[0]] ?? 0, s)
            byKey[p[1], default: 0] += s
        }
        return (byForm.values.reduce(0, +), byKey.values.max() ?? 0)
    }

    /// Scenes of 3 to 8 things, each red with probability 1/3: "how many things" (form 0) is
    /// 3 to 8, "how many red things" (form 1) mostly 0 to 3, "how many red circles" (form 2,
    /// one candidate per red thing) 1 or 2.
    static func scenes() -> [[(form: Int, keys: [Int])]] {
        var rng = Xoshiro256(seed: 11)
        return (0..<3000).map { _ in
            let n = rng.int(in: 3...8)
            let red = (0..<n).count { _ in rng.unit() < 1.0 / 3 }
            var scene: [(form: Int, keys: [Int])] = [(0, [n]), (1, [red])]
            if red > 0 { scene.append((2, red > 1 && rng.unit() < 0.5 ? [1, 2] : [1])) }
            return scene
        }
    }

    @Test func formsStopGivingAnswersAwayAndTheFamilyStaysEven() {
        let scenes = Self.scenes()
        let before = Self.levels(Self.shares(scenes, FormWeights()))
        let weights = FormWeights.fit(
            scenes, iterations: FormWeights.iterations, maximumRatio: FormWeights.maximumRatio)
        let after = Self.levels(Self.shares(scenes, weights))
        // Keys 0...8: uniform is 1/9.
        #expect(before.blind > 0.4, "uniform choice among the pairs: \(before)")
        #expect(after.blind < 0.25, "fitted: \(after)")
        #expect(after.largest <= 1.0 / 9 + FormWeights.shareSlack + 0.01, "fitted: \(after)")
        // Every form is still asked.
        let shares = Self.shares(scenes, weights)
        for form in 0...2 { #expect(shares.filter { $0.key[0] == form }.values.reduce(0, +) > 0.02, "form \(form)") }
    }

    /// The same observations give the same weights.
    @Test func theFitIsDeterministic() {
        let scenes = Self.scenes()
        let a = FormWeights.fit(scenes, iterations: FormWeights.iterations, maximumRatio: FormWeights.maximumRatio)
        let b = FormWeights.fit(scenes, iterations: FormWeights.iterations, maximumRatio: FormWeights.maximumRatio)
        #expect(a == b)
    }

    /// A program with a known optimum: maximise 3x + 2y with x + y <= 4, x + 3y <= 6, x <= 3
    /// gives x = 3, y = 1.
    @Test func theSimplexFindsTheOptimum() throws {
        let x = try #require(LinearProgram.maximize([3, 2], [[1, 1], [1, 3], [1, 0]], [4, 6, 3]))
        #expect(abs(x[0] - 3) < 1e-9 && abs(x[1] - 1) < 1e-9)
    }
}
