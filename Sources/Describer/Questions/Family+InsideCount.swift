import SceneModel

extension QuestionEngine {
    /// "How many red things are inside the blue square?": counts inside a nameable outline
    /// object, balanced over the possible counts like ``relateCountOrExist(_:_:exist:)``.
    func insideCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        // (count, (anchor, vocabulary index, nil for "things")).
        var candidates: [(Int, (Int, Int?))] = []
        for (anchor, _) in c.anchors where facts.object(anchor).fill == .outline {
            let inside = facts.inside[anchor]
            candidates.append((inside.count, (anchor, nil)))
            for (k, set) in c.singleSets.enumerated() {
                candidates.append((inside.intersection(set).count, (anchor, k)))
            }
        }
        guard let (n, (anchor, k)) = balanced(candidates, &rng, family: .insideCount),
            let anchorMask = rng.pick(c.uniqueMasks[anchor])
        else { return nil }
        let f = vocabulary.singleFilter(k)
        let b = Referent.filter(ObjectFilter.of(facts.object(anchor), mask: anchorMask))
        var p = Program()
        let r = p.add(.relate, [b.addSteps(to: &p)], Relations.Layering.inside.rawValue)
        p.add(.count, [p.addFilter(f, from: r)])
        return spec(.insideCount, .insideCount, p, .integer(n), [.x: .filter(f), .b: .referent(b)])
    }
}
