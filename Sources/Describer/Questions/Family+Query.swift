import SceneModel

extension QuestionEngine {
    /// "What color is the large circle?" (queryColor, queryShape, querySize, queryFill): the
    /// answer value first, then an object with it named alone by attributes other than the
    /// asked one.
    func query(_ attribute: Attribute, _ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let chosen = balanced(&rng, family: attribute.queryFamily) { (emit: (Int, (Int, AttributeMask)) -> Void) in
            for i in 0..<facts.count {
                let code = c.valueKey(attribute, i)
                for mask in c.uniqueMasks[i] where !mask.contains(attribute.mask) { emit(code, (i, mask)) }
            }
        }
        guard let (_, (i, mask)) = chosen else { return nil }
        let referent = Referent.filter(ObjectFilter.of(facts.object(i), mask: mask))
        return ask(attribute, about: referent, answer: i, family: attribute.queryFamily, c.facts)
    }
}
