import SceneModel

/// A referring expression built once and said in every language.
public struct ReferenceSpec: Hashable, Sendable {
    /// Index of the object in the scene.
    public var object: Int
    public var referent: Referent
    public var program: Program
}

/// Referring expressions that pick out exactly one object with the shortest description that
/// does: attributes first ("the red circle"), then a relation to a nameable object ("the circle
/// to the left of the blue star"), then a superlative ("the leftmost circle").
public enum ReferringExpressions {
    /// Up to `count` expressions for distinct objects, chosen by `rng`.
    /// `layered`: the layering relations the plan's layout gives words to (nested: inside and
    /// contains; stack: front and behind), tried after attributes alone and before directions.
    /// `lines`: whether the layout places objects in lines (grid, row, column), the only
    /// layouts where a place by row, column or ordinal means something to a reader.
    public static func choose(
        _ facts: SceneFacts, count: Int, layered: [Relations.Layering] = [], lines: Bool = false,
        rng: inout Xoshiro256
    ) -> [ReferenceSpec] {
        guard facts.isDescribable, count > 0 else { return [] }
        var order = Array(0..<facts.count)
        rng.shuffle(&order)
        var out: [ReferenceSpec] = []
        out.reserveCapacity(count)
        for i in order where out.count < count {
            guard let r = shortest(i, facts, layered: layered, lines: lines, &rng) else { continue }
            var p = Program()
            r.addSteps(to: &p)
            guard case .object(let o)? = ProgramExecutor.run(p, on: facts), o == i else { continue }
            out.append(ReferenceSpec(object: i, referent: r, program: p))
        }
        return out
    }

    /// Attribute masks by number of attributes, ties in an order drawn from `rng` (each group
    /// of as many attributes shuffled on its own); without the empty mask unless asked.
    static func masks(_ rng: inout Xoshiro256, includingEmpty: Bool) -> ArraySlice<AttributeMask> {
        var out = AttributeMask.byCount
        // Groups of 1, 4, 6, 4 and 1 masks: the three with more than one are shuffled, each
        // with the draws of ``Xoshiro256/shuffle(_:)``.
        for (start, count) in [(1, 4), (5, 6), (11, 4)] {
            for i in stride(from: count - 1, to: 0, by: -1) {
                out.swapAt(start + i, start + rng.int(in: 0...i))
            }
        }
        return includingEmpty ? out[...] : out.dropFirst()
    }

    /// The fewest attributes that name object `i` alone (ties in an order drawn from `rng`).
    public static func attributes(_ i: Int, _ facts: SceneFacts, _ rng: inout Xoshiro256) -> ObjectFilter? {
        for mask in masks(&rng, includingEmpty: false) where facts.filter(facts.all, like: i, mask: mask).only == i {
            return ObjectFilter.of(facts.object(i), mask: mask)
        }
        return nil
    }

    /// The cheapest "the {f} {relation} the {anchor}" naming object `i`, the anchor named alone
    /// by attributes; front and behind only from anchors whose every pair is decided.
    static func layeredReferent(
        _ i: Int, _ facts: SceneFacts, _ layered: [Relations.Layering], _ order: ArraySlice<AttributeMask>,
        _ rng: inout Xoshiro256
    ) -> Referent? {
        var best: (Int, Referent)?
        for b in 0..<facts.count where b != i {
            guard let maskB = order.first(where: { facts.filter(facts.all, like: b, mask: $0).only == b }) else {
                continue
            }
            let fb = ObjectFilter.of(facts.object(b), mask: maskB)
            for r in layered where facts.layered(b, r).contains(i) {
                if (r == .front || r == .behind) && !facts.depthUndecided[b].isEmpty { continue }
                let set = facts.layered(b, r)
                for mask in masks(&rng, includingEmpty: true) where facts.filter(set, like: i, mask: mask).only == i {
                    let f = ObjectFilter.of(facts.object(i), mask: mask)
                    let cost = f.attributeCount + fb.attributeCount
                    if best == nil || cost < best?.0 ?? .max { best = (cost, .layered(f, r, .filter(fb))) }
                    break
                }
            }
        }
        return best?.1
    }

    /// Layouts with lines (grid, row, column): the object by its place. In one row or column,
    /// the ordinal when it is alone there ("the third thing from the left"); in a grid, the
    /// fewest attributes that single it out in its row or column ("the circle in the second
    /// row"), else its cell ("the thing in the second row and the third column"). Nil when the
    /// scene's lines are unclear. Only for layouts that place objects in lines: rows inferred
    /// from scattered positions are nothing a reader of the image can count.
    static func lineReferent(_ i: Int, _ facts: SceneFacts, _ rng: inout Xoshiro256) -> Referent? {
        guard let rows = facts.rows, let columns = facts.columns else { return nil }
        let (r, c) = (rows.index[i], columns.index[i])
        if rows.count == 1, facts.inLine(facts.all, .column, c)?.count == 1 { return .ordinal(.column, c) }
        if columns.count == 1, facts.inLine(facts.all, .row, r)?.count == 1 { return .ordinal(.row, r) }
        guard rows.count >= 2, columns.count >= 2 else { return nil }
        for mask in masks(&rng, includingEmpty: true) {
            for (axis, k) in [(LineAxis.row, r), (.column, c)] {
                if let inLine = facts.inLine(facts.all, axis, k), facts.filter(inLine, like: i, mask: mask).only == i {
                    return .line(ObjectFilter.of(facts.object(i), mask: mask), axis, k)
                }
            }
        }
        return .cell(ObjectFilter(), row: r, column: c)
    }

    public static func shortest(
        _ i: Int, _ facts: SceneFacts, layered: [Relations.Layering] = [], lines: Bool = false,
        _ rng: inout Xoshiro256
    ) -> Referent? {
        let o = facts.object(i)
        let order = masks(&rng, includingEmpty: false)
        for mask in order where facts.filter(facts.all, like: i, mask: mask).only == i {
            return .filter(ObjectFilter.of(o, mask: mask))
        }
        if !layered.isEmpty, let r = layeredReferent(i, facts, layered, order, &rng) { return r }
        if lines, let r = lineReferent(i, facts, &rng) { return r }
        // A relation to an object that can be named alone.
        var best: (Int, Referent)?
        for b in 0..<facts.count where b != i {
            guard let maskB = order.first(where: { facts.filter(facts.all, like: b, mask: $0).only == b }) else {
                continue
            }
            let fb = ObjectFilter.of(facts.object(b), mask: maskB)
            for d in Relations.Direction.all where facts.related(b, d).contains(i) {
                let related = facts.related(b, d)
                for mask in masks(&rng, includingEmpty: true) where facts.filter(related, like: i, mask: mask).only == i
                {
                    let f = ObjectFilter.of(o, mask: mask)
                    let cost = f.attributeCount + fb.attributeCount
                    if best == nil || cost < best?.0 ?? .max { best = (cost, .related(f, d, .filter(fb))) }
                    break
                }
            }
        }
        if let best { return best.1 }
        for mask in masks(&rng, includingEmpty: true) {
            let set = facts.filter(facts.all, like: i, mask: mask)
            for k in Extreme.all where facts.extreme(set, k) == i {
                return .extreme(ObjectFilter.of(o, mask: mask), k)
            }
        }
        return nil
    }
}
