import SceneModel

extension QuestionEngine {
    /// "Is the red circle in front of the blue square?", over pairs that clearly overlap (the
    /// answer is drawing order); yes or no by a coin, as every such pair read both ways gives
    /// one of each.
    func frontExist(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        var yes: [(Int, Int)] = []
        var no: [(Int, Int)] = []
        for (a, _) in c.anchors {
            for (b, _) in c.anchors where a != b {
                if facts.front[b].contains(a) { yes.append((a, b)) }
                if facts.behind[b].contains(a) { no.append((a, b)) }
            }
        }
        let target = truth(.frontExist, &rng)
        guard let (a, b) = rng.pick(target ? yes : no), let ma = rng.pick(c.uniqueMasks[a]),
            let mb = rng.pick(c.uniqueMasks[b])
        else { return nil }
        let fa = ObjectFilter.of(facts.object(a), mask: ma)
        let rb = Referent.filter(ObjectFilter.of(facts.object(b), mask: mb))
        var p = Program()
        let r = p.add(.relate, [rb.addSteps(to: &p)], Relations.Layering.front.rawValue)
        p.add(.exist, [p.addFilter(fa, from: r)])
        return spec(.frontExist, .frontExist, p, .boolean(target), [.a: .referent(.filter(fa)), .b: .referent(rb)])
    }
}
