import SceneModel

extension QuestionEngine {
    /// The `relate` value of overlapping.
    public static let overlappingValue = "overlapping"

    /// "Does the red circle overlap the blue square?" Asked only in scenes with both a clearly
    /// overlapping and a clearly apart pair of nameable objects, so either answer can be chosen.
    func overlapExist(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        var yes: [(Int, Int)] = []
        var no: [(Int, Int)] = []
        for (a, _) in c.anchors {
            for (b, _) in c.anchors where a < b {
                if facts.overlapping[a].contains(b) { yes.append((a, b)) }
                if facts.apart[a].contains(b) { no.append((a, b)) }
            }
        }
        guard !yes.isEmpty, !no.isEmpty else { return nil }
        let target = truth(.overlapExist, &rng)
        guard var (a, b) = rng.pick(target ? yes : no), let ma = rng.pick(c.uniqueMasks[a]),
            let mb = rng.pick(c.uniqueMasks[b])
        else { return nil }
        var (fa, fb) = (ObjectFilter.of(facts.object(a), mask: ma), ObjectFilter.of(facts.object(b), mask: mb))
        if rng.coin() {
            swap(&a, &b)
            swap(&fa, &fb)
        }
        let ra = Referent.filter(fa)
        var p = Program()
        let r = p.add(.relate, [ra.addSteps(to: &p)], Self.overlappingValue)
        p.add(.exist, [p.addFilter(fb, from: r)])
        return spec(.overlapExist, .overlap, p, .boolean(target), [.a: .referent(ra), .b: .referent(.filter(fb))])
    }
}
