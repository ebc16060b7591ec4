import SceneModel

extension QuestionEngine {
    /// "What color is the thing nearest to the red circle?", the answer value chosen first.
    func nearestQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let attribute = chooseAttribute(&rng)
        var candidates: [(Int, (Int, Int))] = []
        for (anchor, _) in c.anchors {
            guard let target = facts.nearest[anchor] else { continue }
            candidates.append((c.valueKey(attribute, target), (anchor, target)))
        }
        guard let (_, (anchor, target)) = balanced(candidates, &rng, family: .nearestQuery),
            let mask = rng.pick(c.uniqueMasks[anchor])
        else {
            return nil
        }
        let referent = Referent.nearest(.filter(ObjectFilter.of(facts.object(anchor), mask: mask)))
        return ask(attribute, about: referent, answer: target, family: .nearestQuery, c.facts)
    }
}
