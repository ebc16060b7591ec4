import SceneModel

/// The balancing step every family shares: candidates are (answer key, question) pairs; an
/// answer key is chosen first (by the plan's ``AnswerWeights`` for the family, among the
/// distinct keys in order of first appearance), then a question with that answer uniformly.
/// The draws are part of the output: the same candidates in the same order give the same
/// question.
extension QuestionEngine {
    /// Chooses among a built list of candidates.
    func balanced<V>(_ candidates: [(Int, V)], _ rng: inout Xoshiro256, family: QuestionFamily) -> (Int, V)? {
        var keys: [Int] = []
        keys.reserveCapacity(Self.typicalAnswerCount)
        for (k, _) in candidates where !keys.contains(k) { keys.append(k) }
        guard !keys.isEmpty else { return nil }
        let k = keys[rng.weightedIndex(answerWeights(family, keys))]
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
        _ rng: inout Xoshiro256, family: QuestionFamily, _ visit: (_ emit: (Int, V) -> Void) -> Void
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
        let chosen = rng.weightedIndex(answerWeights(family, keys))
        let k = keys[chosen]
        var target = rng.int(in: 0...(counts[chosen] - 1))
        var result: (Int, V)?
        visit { key, v in
            guard result == nil, key == k else { return }
            if target == 0 { result = (k, v) } else { target -= 1 }
        }
        return result
    }

    /// Chooses among candidates that carry a form (``FormWeights``): a (form, answer key) pair
    /// among those present (in order of first appearance) by its weight, then a candidate
    /// with that pair uniformly.
    func balanced<V>(_ candidates: [(key: Int, form: Int, V)], _ rng: inout Xoshiro256, family: QuestionFamily) -> (
        Int, V
    )? {
        var pairs: [(form: Int, key: Int)] = []
        pairs.reserveCapacity(Self.typicalAnswerCount)
        for c in candidates where !pairs.contains(where: { $0 == (c.form, c.key) }) { pairs.append((c.form, c.key)) }
        guard !pairs.isEmpty else { return nil }
        if let recorder = weights.recorder {
            var forms: [(form: Int, keys: [Int])] = []
            for p in pairs {
                if let slot = forms.firstIndex(where: { $0.form == p.form }) {
                    forms[slot].keys.append(p.key)
                } else {
                    forms.append((p.form, [p.key]))
                }
            }
            recorder.record(forms: forms)
        }
        let (form, k) = pairs[rng.weightedIndex(pairs.map { weights.weight(family, form: $0.form, $0.key) })]
        var target = rng.int(in: 0...(candidates.count { $0.key == k && $0.form == form } - 1))
        for (key, f, v) in candidates where key == k && f == form {
            if target == 0 { return (k, v) }
            target -= 1
        }
        return nil
    }

    /// The weights of `keys` for `family` (and, while answers are being measured, a note of
    /// which keys were possible).
    func answerWeights(_ family: QuestionFamily, _ keys: [Int]) -> [Double] {
        weights.recorder?.record(keys)
        return keys.map { weights.weight(family, $0) }
    }

    /// Yes or no for a yes/no family: a coin weighted so that both come out equally often
    /// although one is harder to ask about in the plan's scenes (a "no" needs a value the
    /// scene lacks). While answers are being measured, the answer being probed.
    func truth(_ family: QuestionFamily, _ rng: inout Xoshiro256) -> Bool {
        let yes = weights.weight(family, 1)
        let no = weights.weight(family, 0)
        let drawn = rng.unit() * (yes + no) < yes
        return weights.recorder?.forcedTruth ?? drawn
    }

    /// The attribute a question asks about, in proportion to how many values the plan gives
    /// it: the answers of a family that asks every attribute (a color, a shape, a size or a
    /// fill) then come out about uniformly over all its possible answers.
    func chooseAttribute(_ rng: inout Xoshiro256) -> Attribute {
        Attribute.all[rng.weightedIndex(vocabulary.attributeValueCounts)]
    }

    /// Room reserved for the distinct answers of a family (attribute values and counts are
    /// rarely more), so the lists are not regrown while candidates are visited.
    static let typicalAnswerCount = 16
}
