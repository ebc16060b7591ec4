import SceneModel

extension QuestionEngine {
    /// What a count question counts.
    enum CountSubject {
        /// Every object ("how many things").
        case things
        /// The objects of one vocabulary value (an index into `Vocabulary.singleFilters`).
        case value(Int)
        /// The objects sharing two attributes of one object ("how many red circles").
        case pair(object: Int, AttributeMask)
    }

    /// The two-attribute masks of count questions, in the order their candidates are listed
    /// (which the balanced draw depends on).
    static let countPairs: [AttributeMask] = [
        [.size, .color], [.size, .shape], [.color, .shape], [.size, .fill], [.fill, .color], [.fill, .shape],
    ]

    /// "How many red things are there?", balanced over the possible counts.
    func count(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        var candidates: [(Int, CountSubject)] = [(facts.count, .things)]
        for (k, set) in c.singleSets.enumerated() { candidates.append((set.count, .value(k))) }
        for i in 0..<facts.count {
            for mask in Self.countPairs {
                candidates.append((facts.filter(facts.all, like: i, mask: mask).count, .pair(object: i, mask)))
            }
        }
        guard let (n, subject) = balanced(candidates, &rng, family: .count) else { return nil }
        let f: ObjectFilter =
            switch subject {
            case .things: ObjectFilter()
            case .value(let k): vocabulary.singleFilters[k]
            case .pair(let i, let mask): ObjectFilter.of(facts.object(i), mask: mask)
            }
        var p = Program()
        p.add(.count, [p.addFilter(f)])
        return spec(.count, .count, p, .integer(n), [.x: .filter(f)])
    }
}
