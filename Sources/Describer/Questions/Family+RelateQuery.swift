import SceneModel

extension QuestionEngine {
    /// "What color is the circle left of the blue square?": an attribute of an object one
    /// relation step from a nameable anchor, the answer value chosen first.
    func relateQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let attribute = chooseAttribute(&rng)
        let chosen = balanced(&rng, family: .relateQuery) { (emit: (Int, QuestionContext.Hop) -> Void) in
            for (anchor, _) in c.anchors {
                for h in c.hopRange(anchor) where !c.hops[h].mask.contains(attribute.mask) {
                    emit(c.valueKey(attribute, c.hops[h].target), c.hops[h])
                }
            }
        }
        guard let (_, hop) = chosen else { return nil }
        let referent = c.referent(hop, &rng)
        return ask(attribute, about: referent, answer: hop.target, family: .relateQuery, c.facts)
    }
}
