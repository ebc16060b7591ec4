import SceneModel

extension QuestionEngine {
    static let countComparisons: [(QuestionKind, ProgramFunction)] = [
        (.compareMore, .greaterThan), (.compareFewer, .lessThan), (.compareSame, .equalInteger),
    ]

    /// "Are there more red things than circles?" (or fewer, or as many), compared within one
    /// attribute; yes or no by a coin.
    func compareCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        guard let (kind, function) = rng.pick(Self.countComparisons) else { return nil }
        let target = truth(.compareCount, &rng)
        var matches: [(Int, Int)] = []
        for group in c.singleGroups {
            for a in group {
                let ca = c.singleSets[a].count
                for b in group where a != b {
                    let cb = c.singleSets[b].count
                    guard ca + cb > 0 && (ca > 0 && cb > 0 || ca + cb > 1) else { continue }
                    let answer =
                        switch function {
                        case .greaterThan: ca > cb
                        case .lessThan: ca < cb
                        default: ca == cb
                        }
                    if answer == target { matches.append((a, b)) }
                }
            }
        }
        guard let (ia, ib) = rng.pick(matches) else { return nil }
        let a = vocabulary.singleFilters[ia]
        let b = vocabulary.singleFilters[ib]
        var p = Program()
        let ca = p.add(.count, [p.addFilter(a)])
        let cb = p.add(.count, [p.addFilter(b)])
        p.add(function, [ca, cb])
        return spec(.compareCount, kind, p, .boolean(target), [.a: .filter(a), .b: .filter(b)])
    }
}
