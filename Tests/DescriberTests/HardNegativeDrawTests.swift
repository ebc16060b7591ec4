import Testing

@testable import Describer
@testable import SceneModel

/// A negative's new attribute value is never the current one, and over all negatives each value
/// comes up as often as the plan draws it, so the words of negatives give nothing away.
@Suite struct HardNegativeDrawTests {
    /// (No weight over half the total: then no draw can match, see `draw`.)
    @Test(arguments: [[3.0, 1, 1, 1], [1.0, 1, 1, 1, 1, 1], [5.0, 4, 1], [2.0, 1, 1]])
    func newValuesFollowThePlansWeights(weights: [Double]) {
        let values = Array(weights.indices)
        let total = weights.reduce(0, +)
        var rng = Xoshiro256(seed: 7)
        var drawn = [Int](repeating: 0, count: values.count)
        let n = 60_000
        for _ in 0..<n {
            let current = values[rng.weightedIndex(weights)]
            guard let new = HardNegatives.draw(values, weights, other: current, &rng) else {
                Issue.record("no value drawn")
                return
            }
            #expect(new != current)
            drawn[new] += 1
        }
        for (v, w) in weights.enumerated() {
            // Exact in expectation; 60,000 draws hold each share within 1.5 points.
            #expect(abs(Double(drawn[v]) / Double(n) - w / total) < 0.015, "value \(v): \(drawn[v]) of \(n)")
        }
    }

    @Test func aWeightOverHalfStillGivesAnotherValue() {
        var rng = Xoshiro256(seed: 1)
        for _ in 0..<1000 {
            #expect(HardNegatives.draw([0, 1, 2], [8, 1, 1], other: 0, &rng) != 0)
        }
        #expect(HardNegatives.draw([0], [1], other: 0, &rng) == nil)
    }
}
