import SceneModel

extension QuestionEngine {
    /// "How many red things are left of the blue square?" (relateCount, balanced over the
    /// possible counts) and "Is there a red thing left of the blue square?" (relateExist, yes
    /// or no by a coin).
    func relateCountOrExist(_ c: QuestionContext, _ rng: inout Xoshiro256, exist: Bool) -> QuestionSpec? {
        let facts = c.facts
        guard let (b, _) = rng.pick(c.anchors), let mask = rng.pick(c.uniqueMasks[b]) else { return nil }
        let anchor = Referent.filter(ObjectFilter.of(facts.object(b), mask: mask))
        // (count, (direction index, vocabulary index, nil for "things")).
        var candidates: [(Int, (Int, Int?))] = []
        candidates.reserveCapacity(Relations.Direction.all.count * (1 + c.singleSets.count))
        for (di, d) in Relations.Direction.all.enumerated() {
            let related = facts.related(b, d)
            if !exist { candidates.append((related.count, (di, nil))) }  // "is there a thing left of" is too vague
            for (k, set) in c.singleSets.enumerated() { candidates.append((related.intersection(set).count, (di, k))) }
        }
        let chosen: (Int, Int?)
        let answer: ProgramValue
        if exist {
            let target = truth(.relateExist, &rng)
            guard let pick = rng.pick(candidates, where: { ($0.0 > 0) == target }) else { return nil }
            chosen = pick.1
            answer = .boolean(target)
        } else {
            guard let (n, pick) = balanced(candidates, &rng, family: .relateCount) else { return nil }
            chosen = pick
            answer = .integer(n)
        }
        let d = Relations.Direction.all[chosen.0]
        let f = vocabulary.singleFilter(chosen.1)
        var p = Program()
        let r = p.add(.relate, [anchor.addSteps(to: &p)], d.rawValue)
        p.add(exist ? .exist : .count, [p.addFilter(f, from: r)])
        return spec(
            exist ? .relateExist : .relateCount, exist ? .relateExist : .relateCount, p, answer,
            [.x: .filter(f), .b: .referent(anchor), .rel: .direction(d)])
    }
}
