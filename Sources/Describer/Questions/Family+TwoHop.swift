import SceneModel

extension QuestionEngine {
    /// "What color is the square above the thing left of the red circle?": two relation steps
    /// from a nameable anchor, the answer value chosen first.
    func twoHop(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let attribute = chooseAttribute(&rng)
        // A sample of first hops keeps the search small; the answer is still chosen uniformly
        // among what they reach.
        let total = c.anchors.reduce(0) { $0 + c.hopsFrom($1.object).count }
        guard total > 0 else { return nil }
        var firstHops: [QuestionContext.Hop] = []
        firstHops.reserveCapacity(4)
        for _ in 0..<4 {
            var k = rng.int(in: 0...(total - 1))
            for (anchor, _) in c.anchors {
                let hops = c.hopsFrom(anchor)
                if k < hops.count {
                    firstHops.append(hops[hops.startIndex + k])
                    break
                }
                k -= hops.count
            }
        }
        let chosen = balanced(&rng, family: .twoHop) {
            (emit: (Int, (QuestionContext.Hop, QuestionContext.Hop)) -> Void) in
            for first in firstHops {
                for h in c.hopRange(first.target) {
                    let second = c.hops[h]
                    if second.target != first.anchor && !second.mask.contains(attribute.mask) && second.mask.count <= 1
                    {
                        emit(c.valueKey(attribute, second.target), (first, second))
                    }
                }
            }
        }
        guard let (_, (first, second)) = chosen else { return nil }
        let referent = Referent.related(
            ObjectFilter.of(facts.object(second.target), mask: second.mask), second.direction, c.referent(first, &rng))
        return ask(attribute, about: referent, answer: second.target, family: .twoHop, c.facts)
    }
}
