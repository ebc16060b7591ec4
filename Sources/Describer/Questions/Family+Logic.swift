import SceneModel

extension QuestionEngine {
    /// "How many things are red or large?" (or "red and large"): a count over two values'
    /// objects, balanced over the possible counts.
    func logic(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        // "And" gives small counts, "or" large ones; asking "or" more often evens the answers.
        let isAnd = rng.unit() < 0.35
        // Adjectives (colors, sizes, fills) the scene shows, as (kind, vocabulary index).
        var present: [(Int, Int)] = []
        for (kind, group) in c.singleGroups.enumerated() where kind != QuestionContext.shapeGroup {
            for k in group where !c.singleSets[k].isEmpty { present.append((kind, k)) }
        }
        // A question's form is its two attribute kinds ("a color or a size"): the counts are
        // balanced within each (``FormWeights``).
        var candidates: [(key: Int, form: Int, (Int, Int))] = []
        for (ka, a) in present {
            for (kb, b) in present where a != b {
                if isAnd && ka == kb { continue }  // "both red and blue" is forced to zero
                let sa = c.singleSets[a]
                let sb = c.singleSets[b]
                let n = (isAnd ? sa.intersection(sb) : sa.union(sb)).count
                candidates.append((n, ka * c.singleGroups.count + kb, (a, b)))
            }
        }
        guard let (n, (ia, ib)) = balanced(candidates, &rng, family: .logic) else { return nil }
        let a = vocabulary.singleFilters[ia]
        let b = vocabulary.singleFilters[ib]
        var p = Program()
        let scene = p.add(.scene)
        let fa = p.addFilter(a, from: scene)
        let fb = p.addFilter(b, from: scene)
        p.add(.count, [p.add(isAnd ? .intersect : .union, [fa, fb])])
        return spec(
            .logic, isAnd ? .logicAnd : .logicOr, p, .integer(n),
            [.a: .token(a.steps()[0].1), .b: .token(b.steps()[0].1)])
    }
}
