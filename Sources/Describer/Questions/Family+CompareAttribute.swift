import SceneModel

extension QuestionEngine {
    /// "Is the red thing the same shape as the large square?"; yes or no by a coin.
    func compareAttribute(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let target = truth(.compareAttribute, &rng)
        var attributes = Attribute.all
        rng.shuffle(&attributes)
        // Keep the chosen answer and try each attribute for it: "same" pairs are rarer than
        // "different" ones, and giving up on a miss would tilt answers toward "no".
        for attribute in attributes {
            let named = (0..<facts.count).filter { i in c.uniqueMasks[i].contains { !$0.contains(attribute.mask) } }
            var pairs: [(Int, Int)] = []
            for a in named {
                for b in named where a < b && (c.valueCode(attribute, a) == c.valueCode(attribute, b)) == target {
                    pairs.append((a, b))
                }
            }
            guard var (a, b) = rng.pick(pairs),
                let ma = rng.pick(c.uniqueMasks[a], where: { !$0.contains(attribute.mask) }),
                let mb = rng.pick(c.uniqueMasks[b], where: { !$0.contains(attribute.mask) })
            else { continue }
            var (fa, fb) = (ObjectFilter.of(facts.object(a), mask: ma), ObjectFilter.of(facts.object(b), mask: mb))
            if rng.coin() {
                swap(&a, &b)
                swap(&fa, &fb)
            }
            let ra = Referent.filter(fa)
            let rb = Referent.filter(fb)
            var p = Program()
            let qa = p.add(attribute.query, [ra.addSteps(to: &p)])
            let qb = p.add(attribute.query, [rb.addSteps(to: &p)])
            p.add(attribute.equal, [qa, qb])
            return spec(
                .compareAttribute, attribute.sameKind, p, .boolean(target), [.a: .referent(ra), .b: .referent(rb)])
        }
        return nil
    }
}
