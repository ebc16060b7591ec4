import SceneModel

/// The functions of question programs. Names follow CLEVR's where CLEVR has the function, and
/// CLEVR's style for new ones (`filter_fill`, `query_fill`, `equal_fill`, `extreme`).
public enum ProgramFunction: String, CaseIterable, Sendable {
    case scene
    case filterColor = "filter_color"
    case filterShape = "filter_shape"
    case filterSize = "filter_size"
    case filterFill = "filter_fill"
    /// Objects in the row (value: 1-based from the top) or column (from the left).
    case filterRow = "filter_row"
    case filterColumn = "filter_column"
    /// How many groups (``Relations/groups(_:)``) the input objects belong to.
    case countGroups = "count_groups"
    case unique
    case relate
    case extreme
    case count
    case exist
    case union
    case intersect
    case queryColor = "query_color"
    case queryShape = "query_shape"
    case querySize = "query_size"
    case queryFill = "query_fill"
    case equalColor = "equal_color"
    case equalShape = "equal_shape"
    case equalSize = "equal_size"
    case equalFill = "equal_fill"
    case equalInteger = "equal_integer"
    case greaterThan = "greater_than"
    case lessThan = "less_than"
}

/// The indices of the earlier steps a step reads: none, one or two (CLEVR's functions take
/// at most two). Stored inline: a question's program is built, checked and written for every
/// image, and an array per step was one heap allocation per node.
public struct ProgramInputs: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    /// The most inputs a step has.
    public static let capacity = 2

    private var first: Int32 = 0
    private var second: Int32 = 0
    public private(set) var count: Int = 0

    public init() {}

    /// `values`, at most `capacity` of them (records read from files are checked before; more
    /// here is a bug in the code that builds the program, stopped rather than dropped).
    public init<S: Sequence<Int>>(_ values: S) {
        for v in values {
            precondition(count < Self.capacity, "a program step reads at most \(Self.capacity) inputs")
            if count == 0 { first = Int32(truncatingIfNeeded: v) } else { second = Int32(truncatingIfNeeded: v) }
            count += 1
        }
    }

    @inline(__always)
    public init(arrayLiteral elements: Int...) { self.init(elements) }

    @inline(__always)
    public init(_ a: Int) {
        first = Int32(truncatingIfNeeded: a)
        count = 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inline(__always)
    public subscript(i: Int) -> Int {
        precondition(i >= 0 && i < count, "program input index out of range")
        return Int(i == 0 ? first : second)
    }

    /// Unused slots are always zero, so the stored fields compare directly.
    public static func == (a: ProgramInputs, b: ProgramInputs) -> Bool {
        a.count == b.count && a.first == b.first && a.second == b.second
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for v in self { hasher.combine(v) }
    }
}

/// One step: a function, the indices of earlier steps it reads, and its value input
/// (`red` for filter_color, `left` for relate, `leftmost` for extreme).
/// The value is stored as a plain string, empty when the step has none (values are never
/// empty), for the reason ``ObjectFilter`` gives.
public struct ProgramNode: Hashable, Sendable {
    public var function: ProgramFunction
    public var inputs: ProgramInputs
    private var valueText: String

    public var value: String? {
        get { valueText.isEmpty ? nil : valueText }
        set { valueText = newValue ?? "" }
    }

    public init(_ function: ProgramFunction, _ inputs: ProgramInputs, _ value: String? = nil) {
        self.function = function
        self.inputs = inputs
        self.valueText = value ?? ""
    }
}

/// A functional program in CLEVR's node form; the last node's value is the answer.
public struct Program: Hashable, Sendable {
    public private(set) var nodes: [ProgramNode] = []

    public init() {}

    public init(nodes: [ProgramNode]) { self.nodes = nodes }

    /// Appends a node and returns its index.
    @discardableResult
    public mutating func add(_ function: ProgramFunction, _ inputs: ProgramInputs = [], _ value: String? = nil) -> Int {
        // Most programs have under eight steps: one allocation instead of growing 1, 2, 4, 8.
        if nodes.isEmpty { nodes.reserveCapacity(8) }
        nodes.append(
            ProgramNode(
                function,
                inputs.isEmpty && function != .scene && !nodes.isEmpty ? ProgramInputs(nodes.count - 1) : inputs, value)
        )
        return nodes.count - 1
    }

    /// `scene` followed by the filter's steps; returns the last node's index.
    @discardableResult
    public mutating func addFilter(_ filter: ObjectFilter, from input: Int? = nil) -> Int {
        var last = input ?? add(.scene)
        filter.forEachStep { f, v in last = add(f, ProgramInputs(last), v) }
        return last
    }

    /// Relation hops: relate and extreme steps.
    public var hops: Int {
        var n = 0
        for i in nodes.indices where nodes[i].function == .relate || nodes[i].function == .extreme { n += 1 }
        return n
    }
}

/// What a program step returns.
public enum ProgramValue: Hashable, Sendable {
    case objects(ObjectSet)
    case object(Int)
    case integer(Int)
    case boolean(Bool)
    /// An attribute value: a color name, a shape kind, a size class or a fill.
    case token(String)
}

/// Runs programs on a scene's facts: one handler per function. A program is invalid (nil) when a
/// step's input has the wrong type or `unique`/`extreme` has no single answer.
public enum ProgramExecutor {
    public static func run(_ program: Program, on facts: SceneFacts) -> ProgramValue? {
        // Nodes are read in place (a copy per node retained its value string), and the values
        // live in stack scratch space: every question, reference and negative is run once.
        program.nodes.withUnsafeBufferPointer { nodes in
            withUnsafeTemporaryAllocation(of: ProgramValue.self, capacity: max(nodes.count, 1)) { scratch in
                guard let base = scratch.baseAddress else { return nil }
                var values = Values(base: base, count: 0)
                defer { values.base.deinitialize(count: values.count) }
                for k in nodes.indices {
                    let inputs = nodes[k].inputs
                    guard inputs.allSatisfy({ $0 >= 0 && $0 < values.count }),
                        let v = step(nodes[k].function, inputs, nodes[k].value, values, facts)
                    else { return nil }
                    (values.base + values.count).initialize(to: v)
                    values.count += 1
                }
                return values.count > 0 ? values[values.count - 1] : nil
            }
        }
    }

    /// The values of the steps run so far.
    struct Values {
        let base: UnsafeMutablePointer<ProgramValue>
        var count: Int

        subscript(i: Int) -> ProgramValue { base[i] }
    }

    /// One node; its i-th argument is `values[inputs[i]]` (read in place: building an
    /// argument list per node was most of the cost of checking a question).
    static func step(
        _ function: ProgramFunction, _ inputs: ProgramInputs, _ value: String?, _ values: Values,
        _ facts: SceneFacts
    ) -> ProgramValue? {
        func set(_ i: Int) -> ObjectSet? {
            guard i < inputs.count, case .objects(let s) = values[inputs[i]] else { return nil }
            return s
        }
        func object(_ i: Int) -> Int? {
            guard i < inputs.count, case .object(let o) = values[inputs[i]] else { return nil }
            return o
        }
        func integer(_ i: Int) -> Int? {
            guard i < inputs.count, case .integer(let n) = values[inputs[i]] else { return nil }
            return n
        }
        func token(_ i: Int) -> String? {
            guard i < inputs.count, case .token(let t) = values[inputs[i]] else { return nil }
            return t
        }
        // Filter steps intersect with the objects of one value, looked up directly (building a
        // one-attribute filter to run it copied the value into it).
        func filtered(_ objects: ObjectSet) -> ProgramValue? { set(0).map { .objects($0.intersection(objects)) } }
        switch function {
        case .scene: return .objects(facts.all)
        case .filterColor:
            guard let value else { return set(0).map { .objects($0) } }
            return filtered(facts.objects(color: value))
        case .filterShape:
            guard let s = value.flatMap(ValueNames.shapes.named) else { return nil }
            return filtered(facts.objects(shape: s))
        case .filterSize:
            guard let value else { return set(0).map { .objects($0) } }
            return filtered(facts.objects(size: value))
        case .filterFill:
            guard let f = value.flatMap(ValueNames.fills.named) else { return nil }
            return filtered(facts.objects(fill: f))
        case .filterRow, .filterColumn:
            let axis: LineAxis = function == .filterRow ? .row : .column
            guard let s = set(0), let lines = axis == .row ? facts.rows : facts.columns,
                let k = value == Referent.lastLine ? lines.count : value.flatMap({ Int($0) }),
                let inLine = facts.inLine(s, axis, k)
            else { return nil }
            return .objects(inLine)
        case .countGroups: return set(0).flatMap { facts.groupCount($0) }.map { .integer($0) }
        case .unique: return set(0)?.only.map { .object($0) }
        case .relate:
            guard let o = object(0), let value else { return nil }
            // Directions first: most relate steps are one (the names are all distinct).
            if let d = ValueNames.directions.named(value) { return .objects(facts.related(o, d)) }
            if value == Referent.nearestValue {
                return .objects(facts.nearest[o].map { .single($0) } ?? .empty)
            }
            if value == QuestionEngine.overlappingValue { return .objects(facts.overlapping[o]) }
            guard let r = ValueNames.layerings.named(value) else { return nil }
            return .objects(facts.layered(o, r))
        case .extreme:
            guard let s = set(0), let k = value.flatMap(ValueNames.extremes.named) else { return nil }
            return facts.extreme(s, k).map { .object($0) }
        case .count: return set(0).map { .integer($0.count) }
        case .exist: return set(0).map { .boolean(!$0.isEmpty) }
        case .union:
            guard let a = set(0), let b = set(1) else { return nil }
            return .objects(a.union(b))
        case .intersect:
            guard let a = set(0), let b = set(1) else { return nil }
            return .objects(a.intersection(b))
        case .queryColor: return object(0).map { .token(facts.object($0).color.name) }
        case .queryShape: return object(0).map { .token(facts.object($0).shape.rawValue) }
        case .querySize: return object(0).map { .token(facts.object($0).size) }
        case .queryFill: return object(0).map { .token(facts.object($0).fill.rawValue) }
        case .equalColor, .equalShape, .equalSize, .equalFill:
            guard let a = token(0), let b = token(1) else { return nil }
            return .boolean(a == b)
        case .equalInteger, .greaterThan, .lessThan:
            guard let a = integer(0), let b = integer(1) else { return nil }
            switch function {
            case .equalInteger: return .boolean(a == b)
            case .greaterThan: return .boolean(a > b)
            default: return .boolean(a < b)
            }
        }
    }
}

// Program values back to their cases by scanning the cases, lengths first: short strings
// compare in a step, and `init(rawValue:)` goes through a general string switch, which cost
// more than the rest of checking a filter step.

/// The cases of a string enum with their names and lengths, made once: `rawValue` builds its
/// string per call, and the executor looks a name up for every filter and relation step.
struct CaseLookup<T: RawRepresentable & Sendable>: Sendable where T.RawValue == String {
    let cases: [T]
    let names: [String]
    let lengths: [Int]

    init(_ cases: [T]) {
        self.cases = cases
        names = cases.map(\.rawValue)
        lengths = names.map(\.utf8.count)
    }

    func named(_ s: String) -> T? {
        let length = s.utf8.count
        for i in cases.indices where lengths[i] == length && names[i] == s { return cases[i] }
        return nil
    }
}

/// The value names program steps carry, back to their cases.
enum ValueNames {
    static let shapes = CaseLookup(ShapeKind.allCases)
    static let fills = CaseLookup(Fill.allCases)
    static let extremes = CaseLookup(Extreme.all)
    static let layerings = CaseLookup(Relations.Layering.allCases)
    static let directions = CaseLookup(Relations.Direction.all)
}
