import SceneModel

/// A way of picking out objects that text can say and a program can execute: by attributes,
/// by a relation to another referent ("the circle left of the red star"), or by a superlative
/// ("the leftmost circle").
///
/// Cases holding another referent are `indirect`.
public enum Referent: Hashable, Sendable {
    case filter(ObjectFilter)
    indirect case related(ObjectFilter, Relations.Direction, Referent)
    case extreme(ObjectFilter, Extreme)
    /// The object clearly nearest to another ("the thing nearest to the red star").
    indirect case nearest(Referent)

    /// Layouts with lines (grid, row, column): the object of a filter in row or column `k`
    /// ("the red circle in the second row").
    case line(ObjectFilter, LineAxis, Int)
    /// The one object of column `k` ("the third thing from the left"; rows: "from the top").
    case ordinal(LineAxis, Int)
    /// Grid: the object in row `row` and column `column` ("the thing in the second row and
    /// the third column"), or in a corner cell ("the thing in the top-right cell"), whose
    /// program names the first or `last` line so it states the corner.
    case cell(ObjectFilter, row: Int, column: Int)
    case corner(ObjectFilter, Corner)
    /// Nested and stacked layouts: the object of a filter in a layering relation to another
    /// ("the red star inside the blue square", "the thing that contains the star", "the
    /// circle in front of the heart", "the thing behind the green square").
    indirect case layered(ObjectFilter, Relations.Layering, Referent)

    /// The `filter_row` / `filter_column` value of the last line.
    public static let lastLine = "last"

    /// The `relate` value of nearness.
    public static let nearestValue = "nearest"

    /// Appends the program steps that evaluate to the referent's single object (ending in
    /// `unique` or `extreme`); returns the last step's index.
    @discardableResult
    public func addSteps(to program: inout Program) -> Int {
        switch self {
        case .filter(let f):
            let last = program.addFilter(f)
            return program.add(.unique, [last])
        case .related(let f, let d, let anchor):
            let a = anchor.addSteps(to: &program)
            let r = program.add(.relate, [a], d.rawValue)
            let last = program.addFilter(f, from: r)
            return program.add(.unique, [last])
        case .extreme(let f, let k):
            let last = program.addFilter(f)
            return program.add(.extreme, [last], k.rawValue)
        case .nearest(let anchor):
            let r = program.add(.relate, [anchor.addSteps(to: &program)], Referent.nearestValue)
            return program.add(.unique, [r])
        case .line(let f, let axis, let k):
            let l = program.add(axis.filter, [program.add(.scene)], String(k))
            return program.add(.unique, [program.addFilter(f, from: l)])
        case .ordinal(let axis, let k):
            return program.add(.unique, [program.add(axis.filter, [program.add(.scene)], String(k))])
        case .cell(let f, let row, let column):
            let r = program.add(.filterRow, [program.add(.scene)], String(row))
            let c = program.add(.filterColumn, [r], String(column))
            return program.add(.unique, [program.addFilter(f, from: c)])
        case .layered(let f, let relation, let anchor):
            let r = program.add(.relate, [anchor.addSteps(to: &program)], relation.rawValue)
            return program.add(.unique, [program.addFilter(f, from: r)])
        case .corner(let f, let corner):
            let r = program.add(.filterRow, [program.add(.scene)], corner.isTop ? "1" : Referent.lastLine)
            let c = program.add(.filterColumn, [r], corner.isLeft ? "1" : Referent.lastLine)
            return program.add(.unique, [program.addFilter(f, from: c)])
        }
    }

    /// The object it picks out, or nil when it picks none or several.
    public func resolve(_ facts: SceneFacts) -> Int? {
        var p = Program()
        addSteps(to: &p)
        guard case .object(let o)? = ProgramExecutor.run(p, on: facts) else { return nil }
        return o
    }

    /// Relation hops (relations and superlatives) in the referent.
    public var hops: Int {
        switch self {
        case .filter: 0
        case .related(_, _, let a): 1 + a.hops
        case .extreme: 1
        case .nearest(let a): 1 + a.hops
        case .line, .ordinal, .cell, .corner: 1
        case .layered(_, _, let a): 1 + a.hops
        }
    }

    /// Every filter the referent names, its own and its anchors' (an empty filter, which any
    /// object matches, for a referent that names no attribute).
    public var filters: [ObjectFilter] {
        switch self {
        case .related(let f, _, let a), .layered(let f, _, let a): [f] + a.filters
        case .nearest(let a): [ObjectFilter()] + a.filters
        default: [ownFilter]
        }
    }

    /// The attributes named for the object itself (not its anchor).
    public var ownFilter: ObjectFilter {
        switch self {
        case .filter(let f), .related(let f, _, _), .extreme(let f, _), .line(let f, _, _), .cell(let f, _, _),
            .corner(let f, _), .layered(let f, _, _):
            f
        case .nearest, .ordinal: ObjectFilter()
        }
    }
}

/// The corner cells of a grid, named by the first or last row and column.
public enum Corner: String, CaseIterable, Sendable {
    case topLeft = "top_left"
    case topRight = "top_right"
    case bottomLeft = "bottom_left"
    case bottomRight = "bottom_right"

    public var isTop: Bool { self == .topLeft || self == .topRight }
    public var isLeft: Bool { self == .topLeft || self == .bottomLeft }
}

extension LineAxis {
    /// The program function selecting one line on this axis.
    public var filter: ProgramFunction { self == .row ? .filterRow : .filterColumn }
}
