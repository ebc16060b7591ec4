import Foundation
import SceneModel

/// The balancing step every family shares: candidates are (answer key, question) pairs; an
/// answer key is chosen first (by `weight`, among the distinct keys in order of first
/// appearance), then a question with that answer uniformly. The draws are part of the output:
/// the same candidates in the same order give the same question.
extension QuestionEngine {
    /// Chooses among a built list of candidates.
    func balanced<V>(_ candidates: [(Int, V)], _ rng: inout Xoshiro256, weight: (Int) -> Double = { _ in 1 }) -> (
        Int, V
    )? {
        var keys: [Int] = []
        keys.reserveCapacity(Self.typicalAnswerCount)
        for (k, _) in candidates where !keys.contains(k) { keys.append(k) }
        guard !keys.isEmpty else { return nil }
        let k = keys[rng.weightedIndex(keys.map(weight))]
        var target = rng.int(in: 0...(candidates.count { $0.0 == k } - 1))
        for (key, v) in candidates where key == k {
            if target == 0 { return (k, v) }
            target -= 1
        }
        return nil
    }

    /// The same choice (the same draws, the same result) over candidates that `visit`
    /// enumerates, twice, in a fixed order: for families whose candidates are every relation
    /// step of the scene.
    func balanced<V>(
        _ rng: inout Xoshiro256, weight: (Int) -> Double = { _ in 1 }, _ visit: (_ emit: (Int, V) -> Void) -> Void
    ) -> (Int, V)? {
        var keys: [Int] = []
        keys.reserveCapacity(Self.typicalAnswerCount)
        var counts: [Int] = []
        counts.reserveCapacity(Self.typicalAnswerCount)
        visit { k, _ in
            if let slot = keys.firstIndex(of: k) {
                counts[slot] += 1
            } else {
                keys.append(k)
                counts.append(1)
            }
        }
        guard !keys.isEmpty else { return nil }
        let chosen = rng.weightedIndex(keys.map(weight))
        let k = keys[chosen]
        var target = rng.int(in: 0...(counts[chosen] - 1))
        var result: (Int, V)?
        visit { key, v in
            guard result == nil, key == k else { return }
            if target == 0 { result = (k, v) } else { target -= 1 }
        }
        return result
    }

    /// Room reserved for the distinct answers of a family (attribute values and counts are
    /// rarely more), so the lists are not regrown while candidates are visited.
    static let typicalAnswerCount = 16

    /// Weights for count answers: large counts are possible in fewer scenes (only as "how many
    /// things" in a crowded one), so choosing uniformly among a scene's possible counts would
    /// still favour small ones across a dataset; weighting by the count evens that out.
    static func countWeight(_ n: Int) -> Double { 1 + 1.5 * Double(n) }

    /// Counts of related objects: none is rarely possible (every object has neighbours).
    static func relatedCountWeight(_ n: Int) -> Double { n == 0 ? 2 : 1 + 2 * Double(n) }

    /// Unions reach large counts, and intersections zero, in even fewer scenes.
    static func logicWeight(_ n: Int) -> Double { n == 0 ? 5 : pow(1 + Double(n), 2.5) }
}
