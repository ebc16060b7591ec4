import SceneModel

/// What a hard negative changed in the detailed caption.
public enum NegativeKind: String, CaseIterable, Sendable {
    /// `allCases`, in declaration order.
    static let all = allCases

    /// A group's count moved by one (and the total with it).
    case count
    /// One attribute of a group replaced by another value of the plan's vocabulary.
    case color, shape, size, fill
    /// Colors (or shapes) exchanged between two groups.
    case swap
    /// The stated relation turned to its opposite.
    case relation
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
}

/// Builds hard negatives from a caption plan; each is checked false by the program executor.
public enum HardNegatives {
    public static func make(
        _ plan: CaptionPlan, _ facts: SceneFacts, vocabulary: Vocabulary, count: Int, rng: inout Xoshiro256
    ) -> [NegativeSpec] {
        guard facts.isDescribable, count > 0 else { return [] }
        var kinds = NegativeKind.all
        rng.shuffle(&kinds)
        var out: [NegativeSpec] = []
        var seen: [[CaptionPlan.Group]] = []
        var seenRelations: [CaptionPlan.Statement] = []
        // Each pass tries every kind once, so kinds differ before any repeats.
        for _ in 0..<3 where out.count < count {
            for kind in kinds where out.count < count {
                guard let n = make(kind, plan, facts, vocabulary, &rng),
                    ProgramExecutor.run(n.program, on: facts) != n.claimed
                else { continue }
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
            switch kind {
            case .color: parts.color = rng.pick(vocabulary.colors, where: { $0 != parts.color })
            case .shape: parts.shape = rng.pick(vocabulary.shapes, where: { $0 != parts.shape })
            case .size: parts.size = rng.pick(vocabulary.sizes, where: { $0 != parts.size })
            default: parts.fill = rng.pick(vocabulary.fills, where: { $0 != parts.fill })
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
