import SceneModel

/// A way of picking out objects that text can say and a program can execute: by attributes,
/// by a relation to another referent ("the circle left of the red star"), or by a superlative
/// ("the leftmost circle").
public indirect enum Referent: Hashable, Sendable {
    case filter(ObjectFilter)
    case related(ObjectFilter, Relations.Direction, Referent)
    case extreme(ObjectFilter, Extreme)
    /// The object clearly nearest to another ("the thing nearest to the red star").
    case nearest(Referent)

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
        }
    }

    /// The attributes named for the object itself (not its anchor).
    public var ownFilter: ObjectFilter {
        switch self {
        case .filter(let f), .related(let f, _, _), .extreme(let f, _): f
        case .nearest: ObjectFilter()
        }
    }
}
