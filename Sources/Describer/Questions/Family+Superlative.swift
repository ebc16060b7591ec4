import SceneModel

extension QuestionEngine {
    /// "What color is the leftmost circle?": an attribute of an extreme object of a value (or
    /// of all objects), the answer value chosen first.
    func superlative(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let attribute = chooseAttribute(&rng)
        // (answer code, (vocabulary index (nil: all objects), extreme index, object)).
        var candidates: [(Int, (Int?, Int, Int))] = []
        for k in [nil] + c.singleSets.indices.map(Optional.some) {
            if let k, c.singleKinds[k] == attribute { continue }  // never name the asked attribute
            let set = k.map { c.singleSets[$0] } ?? facts.all
            guard set.count >= 2 else { continue }
            for (e, extreme) in Extreme.all.enumerated() {
                if let o = facts.extreme(set, extreme) { candidates.append((c.valueKey(attribute, o), (k, e, o))) }
            }
        }
        guard let (_, (k, e, o)) = balanced(candidates, &rng, family: .superlative) else { return nil }
        let referent = Referent.extreme(vocabulary.singleFilter(k), Extreme.all[e])
        return ask(attribute, about: referent, answer: o, family: .superlative, c.facts)
    }
}
