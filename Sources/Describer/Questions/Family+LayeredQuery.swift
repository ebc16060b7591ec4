import SceneModel

extension QuestionEngine {
    /// Masks tried for the object a layering relation reaches, fewest attributes first.
    static let layeredMasks: [AttributeMask] = [[]] + AttributeMask.oneOrTwo

    /// An attribute of the object `relation` reaches from a nameable anchor, named by the fewest
    /// attributes that single it out there ("the star inside the blue square", "the thing
    /// behind the red circle"); the answer value is chosen first among those reachable. Front
    /// and behind are asked only from anchors whose every pair is decided, so the object
    /// behind is the only one a viewer could mean.
    func layeredQuery(
        _ relations: [Relations.Layering], family: QuestionFamily, _ c: QuestionContext, _ rng: inout Xoshiro256
    ) -> QuestionSpec? {
        let facts = c.facts
        let attribute = chooseAttribute(&rng)
        var candidates: [(Int, (Int, Relations.Layering, Int, AttributeMask))] = []
        for (anchor, _) in c.anchors {
            for r in relations {
                if (r == .front || r == .behind) && !facts.depthUndecided[anchor].isEmpty { continue }
                let set = facts.layered(anchor, r)
                for t in set {
                    for mask in Self.layeredMasks
                    where !mask.contains(attribute.mask) && facts.filter(set, like: t, mask: mask).only == t {
                        candidates.append((c.valueKey(attribute, t), (anchor, r, t, mask)))
                        break
                    }
                }
            }
        }
        guard let (_, (anchor, r, t, mask)) = balanced(candidates, &rng, family: family),
            let anchorMask = rng.pick(c.uniqueMasks[anchor])
        else { return nil }
        let referent = Referent.layered(
            ObjectFilter.of(facts.object(t), mask: mask), r,
            .filter(ObjectFilter.of(facts.object(anchor), mask: anchorMask)))
        return ask(attribute, about: referent, answer: t, family: family, facts)
    }
}
