import SceneModel

/// What a hard negative changed in the detailed caption.
public enum NegativeKind: String, CaseIterable, Sendable {
    /// The kinds of every scene, in declaration order (`text` only where text is drawn, so
    /// scenes without text draw what they drew before it existed).
    static let all: [NegativeKind] = [.count, .color, .shape, .size, .fill, .swap, .relation]

    /// A group's count moved by one (and the total with it).
    case count
    /// One attribute of a group replaced by another value of the plan's vocabulary.
    case color, shape, size, fill
    /// Colors (or shapes) exchanged between two groups.
    case swap
    /// The stated relation turned to its opposite.
    case relation
    /// One string of the text clauses replaced by a text the image does not show.
    case text
    /// Charts (``ChartNegatives``): another title; one series more or fewer in the list
    /// compared; another category named largest; a line's stated trend turned round. (`count`:
    /// one category, or a scatter plot's point, more or fewer.)
    case title, series, extreme, trend
}

/// A minimally false variant of an image's detailed caption. `program` evaluates the claim the
/// change made false; executed on the scene it does not give `claimed`.
public struct NegativeSpec: Hashable, Sendable {
    public var kind: NegativeKind
    public var groups: [CaptionPlan.Group]
    public var total: Int
    public var relation: CaptionPlan.Statement?
    public var program: Program
    public var claimed: ProgramValue
    /// The text clauses said with it (one string changed for a `text` negative).
    public var lettering: CaptionLettering? = nil
}

/// Builds hard negatives from a caption plan; each is checked false by the program executor.
public enum HardNegatives {
    public static func make(
        _ plan: CaptionPlan, _ facts: SceneFacts, vocabulary: Vocabulary, count: Int, rng: inout Xoshiro256
    ) -> [NegativeSpec] {
        guard facts.isDescribable, count > 0 else { return [] }
        var kinds = plan.lettering == nil ? NegativeKind.all : NegativeKind.all + [.text]
        rng.shuffle(&kinds)
        var out: [NegativeSpec] = []
        var seen: [[CaptionPlan.Group]] = []
        var seenRelations: [CaptionPlan.Statement] = []
        // Each pass tries every kind once, so kinds differ before any repeats.
        for _ in 0..<3 where out.count < count {
            for kind in kinds where out.count < count {
                guard var n = make(kind, plan, facts, vocabulary, &rng),
                    ProgramExecutor.run(n.program, on: facts) != n.claimed
                else { continue }
                if kind != .text { n.lettering = plan.lettering }
                if kind == .relation {
                    guard let r = n.relation, !seenRelations.contains(r) else { continue }
                    seenRelations.append(r)
                } else {
                    guard !seen.contains(n.groups) else { continue }
                    seen.append(n.groups)
                }
                out.append(n)
            }
        }
        return out
    }

    /// Merges equal groups after a change, keeping first-appearance order.
    static func merged(_ groups: [CaptionPlan.Group]) -> [CaptionPlan.Group] {
        var out: [CaptionPlan.Group] = []
        out.reserveCapacity(groups.count)
        for g in groups {
            if let i = out.firstIndex(where: { $0.parts == g.parts }) { out[i].count += g.count } else { out.append(g) }
        }
        return out
    }

    /// A value other than `current`, drawn so that over all negatives each value comes up as
    /// often as the plan draws it. The values' weights lie end to end on a circle of
    /// circumference one; a point drawn in the current value's arc moves half way round and
    /// names the new value. No arc reaches half way round when no weight is over half the
    /// total, so the new value differs from the current, and each arc receives exactly its own
    /// length of points. A point that lands in its own arc (a weight over half) falls back to
    /// drawing the others by weight. Nil when there is no other value.
    static func draw<T: Equatable>(_ values: [T], _ weights: [Double], other current: T?, _ rng: inout Xoshiro256)
        -> T?
    {
        let others = values.indices.filter { values[$0] != current }
        let total = weights.reduce(0, +)
        guard !others.isEmpty, total > 0 else { return nil }
        if let c = values.indices.first(where: { values[$0] == current }) {
            let start = weights[..<c].reduce(0, +) / total
            var point = start + rng.unit() * weights[c] / total + 0.5
            if point >= 1 { point -= 1 }
            var end = 0.0
            for (i, w) in weights.enumerated() {
                end += w / total
                if point < end {
                    if i != c { return values[i] }
                    break
                }
            }
        }
        return values[others[rng.weightedIndex(others.map { weights[$0] })]]
    }

    static func countClaim(_ parts: PhraseParts, in groups: [CaptionPlan.Group]) -> (Program, ProgramValue) {
        var p = Program()
        p.add(.count, [p.addFilter(parts)])
        return (p, .integer(groups.first { $0.parts == parts }?.count ?? 0))
    }

    static func make(
        _ kind: NegativeKind, _ plan: CaptionPlan, _ facts: SceneFacts, _ vocabulary: Vocabulary,
        _ rng: inout Xoshiro256
    ) -> NegativeSpec? {
        var groups = plan.detailed
        guard let gi = rng.pick(groups.indices) else { return nil }
        switch kind {
        case .count:
            // Up or down by one at even odds, so neither the larger nor the smaller count gives
            // the negative away; down from one drops the group. A group the relation sentence
            // names stays as it is: one more would make "the diamond" ambiguous, none would
            // leave it naming nothing.
            let named = plan.relation.map { [$0.subject, $0.anchor].flatMap(\.filters) } ?? []
            guard !named.contains(where: { $0.matches(groups[gi].parts) }) else { return nil }
            let delta = rng.coin() ? 1 : -1
            if groups[gi].count + delta == 0 {
                guard groups.count > 1 else { return nil }
                let parts = groups.remove(at: gi).parts
                let (p, claimed) = countClaim(parts, in: groups)
                return NegativeSpec(
                    kind: kind, groups: groups, total: plan.total - 1, relation: plan.relation, program: p,
                    claimed: claimed)
            }
            groups[gi].count += delta
            let (p, claimed) = countClaim(groups[gi].parts, in: groups)
            return NegativeSpec(
                kind: kind, groups: groups, total: plan.total + delta, relation: plan.relation, program: p,
                claimed: claimed)
        case .color, .shape, .size, .fill:
            var parts = groups[gi].parts
            // The new value is drawn by the plan's weights, so a negative's value is no rarer
            // than a true caption's and its word gives nothing away.
            let w = vocabulary.valueWeights
            switch kind {
            case .color: parts.color = draw(vocabulary.colors, w[0], other: parts.color, &rng)
            case .shape: parts.shape = draw(vocabulary.shapes, w[1], other: parts.shape, &rng)
            case .size: parts.size = draw(vocabulary.sizes, w[2], other: parts.size, &rng)
            default: parts.fill = draw(vocabulary.fills, w[3], other: parts.fill, &rng)
            }
            guard parts != groups[gi].parts, parts.color != nil, parts.shape != nil, parts.size != nil,
                parts.fill != nil
            else { return nil }
            groups[gi].parts = parts
            groups = merged(groups)
            let (p, claimed) = countClaim(parts, in: groups)
            return NegativeSpec(
                kind: kind, groups: groups, total: plan.total, relation: plan.relation, program: p, claimed: claimed)
        case .swap:
            let colorSwap = rng.coin()
            let others = groups.indices.filter { j in
                j != gi
                    && (colorSwap
                        ? groups[j].parts.color != groups[gi].parts.color
                        : groups[j].parts.shape != groups[gi].parts.shape)
            }
            guard let gj = rng.pick(others) else { return nil }
            if colorSwap {
                (groups[gi].parts.color, groups[gj].parts.color) = (groups[gj].parts.color, groups[gi].parts.color)
            } else {
                (groups[gi].parts.shape, groups[gj].parts.shape) = (groups[gj].parts.shape, groups[gi].parts.shape)
            }
            let changed = [groups[gi].parts, groups[gj].parts]
            groups = merged(groups)
            for parts in changed {
                let (p, claimed) = countClaim(parts, in: groups)
                if ProgramExecutor.run(p, on: facts) != claimed {
                    return NegativeSpec(
                        kind: kind, groups: groups, total: plan.total, relation: plan.relation, program: p,
                        claimed: claimed)
                }
            }
            return nil
        case .text:
            return text(plan, facts, vocabulary, &rng)
        case .title, .series, .extreme, .trend:
            return nil
        case .relation:
            guard let r = plan.relation else { return nil }
            let flipped: Relations.Direction =
                switch r.direction {
                case .left: .right
                case .right: .left
                case .above: .below
                case .below: .above
                }
            var p = Program()
            let rel = p.add(.relate, [r.anchor.addSteps(to: &p)], flipped.rawValue)
            p.add(.exist, [p.addFilter(r.subject.ownFilter, from: rel)])
            return NegativeSpec(
                kind: kind, groups: groups, total: plan.total,
                relation: CaptionPlan.Statement(subject: r.subject, direction: flipped, anchor: r.anchor), program: p,
                claimed: .boolean(true))
        }
    }
}
