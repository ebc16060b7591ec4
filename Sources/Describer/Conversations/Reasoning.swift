import SceneModel

/// Which program steps an answer states, and how a step's result is said. A step is stated when
/// its result is something a person would say on the way to the answer: a set of objects once
/// all its filters are applied (not each filter on the way), the one object a superlative picks,
/// an attribute read off an object before a comparison. The last step is the answer itself.
public enum Reasoning {
    static let filters: Set<ProgramFunction> = [
        .filterColor, .filterShape, .filterSize, .filterFill, .filterRow, .filterColumn,
    ]
    static let sets: Set<ProgramFunction> = filters.union([.relate, .union, .intersect])
    static let queries: Set<ProgramFunction> = [.queryColor, .queryShape, .querySize, .queryFill]

    /// The stated steps from `start` on, in program order.
    static func saidSteps(_ program: Program, from start: Int) -> [Int] {
        let nodes = program.nodes
        guard nodes.count > 1, start < nodes.count - 1 else { return [] }
        var out: [Int] = []
        for i in start..<(nodes.count - 1) {
            let f = nodes[i].function
            if sets.contains(f) {
                let refined = nodes[(i + 1)...].contains { filters.contains($0.function) && $0.inputs.contains(i) }
                if !refined { out.append(i) }
            } else if f == .extreme || queries.contains(f) {
                out.append(i)
            }
        }
        return out
    }

    /// What a stated step records: object ids for a set or an object, the value otherwise.
    public static func stated(_ value: ProgramValue, ids: (Int) -> Int) -> (objects: [Int], value: String) {
        switch value {
        case .objects(let s): (s.indices.map(ids), String(s.count))
        case .object(let o): ([ids(o)], "")
        case .integer(let n): ([], String(n))
        case .boolean(let b): ([], b ? "true" : "false")
        case .token(let t): ([], t)
        case .texts(let s): ([], String(s.count))
        case .text: ([], "")
        case .string(let s): ([], s)
        }
    }
}

/// How a set found by a program is named: the attributes its filters named, and what it was
/// found from (a relation to an object, a row or column), in program order.
struct SetLabel {
    enum Context {
        case direction(Relations.Direction, anchor: Int)
        case nearest(anchor: Int)
        case overlapping(anchor: Int)
        case layered(Relations.Layering, anchor: Int)
        case line(LineAxis, Int)
    }

    var filter = ObjectFilter()
    var context: [Context] = []
    /// Union or intersection of two sets: their labels, joined by a template.
    var pair: (ConversationWords.Phrase, Int, Int)?

    /// Labels of every set-valued step (nil for other steps).
    static func labels(_ program: Program, _ trace: [ProgramValue], _ facts: SceneFacts) -> [SetLabel?] {
        var out: [SetLabel?] = []
        out.reserveCapacity(program.nodes.count)
        for node in program.nodes {
            let input = node.inputs.first
            func from() -> SetLabel? { input.flatMap { out[$0] } }
            func anchor() -> Int? {
                guard let input, case .object(let o) = trace[input] else { return nil }
                return o
            }
            var label: SetLabel?
            switch node.function {
            case .scene: label = SetLabel()
            case .filterColor, .filterShape, .filterSize, .filterFill:
                label = from()
                if label?.pair != nil { label = nil }  // no program filters a union: not said
                if let v = node.value {
                    switch node.function {
                    case .filterColor: label?.filter.color = v
                    case .filterShape: label?.filter.shape = ShapeKind(rawValue: v)
                    case .filterSize: label?.filter.size = v
                    default: label?.filter.fill = Fill(rawValue: v)
                    }
                }
            case .filterRow, .filterColumn:
                label = from()
                let axis: LineAxis = node.function == .filterRow ? .row : .column
                let lines = axis == .row ? facts.rows?.count : facts.columns?.count
                if let v = node.value, let k = v == Referent.lastLine ? lines : Int(v) {
                    label?.context.append(.line(axis, k))
                }
            case .relate:
                guard let o = anchor(), let v = node.value else { break }
                var l = SetLabel()
                if let d = Relations.Direction(rawValue: v) {
                    l.context = [.direction(d, anchor: o)]
                } else if v == Referent.nearestValue {
                    l.context = [.nearest(anchor: o)]
                } else if v == QuestionEngine.overlappingValue {
                    l.context = [.overlapping(anchor: o)]
                } else if let r = Relations.Layering(rawValue: v) {
                    l.context = [.layered(r, anchor: o)]
                }
                label = l
            case .union, .intersect:
                if node.inputs.count == 2 {
                    label = SetLabel(
                        pair: (node.function == .union ? .union : .intersect, node.inputs[0], node.inputs[1]))
                }
            default: label = nil
            }
            out.append(label)
        }
        return out
    }
}
