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

    /// "How many red things are there?", balanced over the possible counts within each form:
    /// "how many things" (form 0), each value's "how many red things" (1 + its index), each
    /// pair of attributes' "how many red circles" (after the values, in `countPairs` order).
    func count(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        var candidates: [(key: Int, form: Int, CountSubject)] = [(facts.count, 0, .things)]
        for (k, set) in c.singleSets.enumerated() { candidates.append((set.count, 1 + k, .value(k))) }
        let pairForm = 1 + c.singleSets.count
        for i in 0..<facts.count {
            for (m, mask) in Self.countPairs.enumerated() {
                let n = facts.filter(facts.all, like: i, mask: mask).count
                candidates.append((n, pairForm + m, .pair(object: i, mask)))
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
