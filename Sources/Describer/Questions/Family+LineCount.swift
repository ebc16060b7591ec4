import SceneModel

extension QuestionEngine {
    /// "How many red things are in the second row?": a count among the objects of one row or
    /// column, balanced over the possible counts like ``count(_:_:)``.
    func lineCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        // (count, (axis, line, vocabulary index, nil for "things")).
        var candidates: [(Int, (LineAxis, Int, Int?))] = []
        for axis in LineAxis.all {
            guard let lines = axis == .row ? facts.rows : facts.columns, lines.count >= 2 else { continue }
            for k in 1...lines.count {
                guard let inLine = facts.inLine(facts.all, axis, k) else { continue }
                candidates.append((inLine.count, (axis, k, nil)))
                for (v, set) in c.singleSets.enumerated() {
                    candidates.append((inLine.intersection(set).count, (axis, k, v)))
                }
            }
        }
        guard let (n, (axis, k, v)) = balanced(candidates, &rng, family: .lineCount) else { return nil }
        let f = vocabulary.singleFilter(v)
        var p = Program()
        let line = p.add(axis.filter, [p.add(.scene)], String(k))
        p.add(.count, [p.addFilter(f, from: line)])
        return spec(
            .lineCount, axis == .row ? .rowCount : .columnCount, p, .integer(n), [.x: .filter(f), .n: .ordinal(k)])
    }
}
