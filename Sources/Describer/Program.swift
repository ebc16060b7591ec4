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
    // Charts (Charts/ChartExecutor.swift): a chart's data points in table order, filtered by
    // series or category, their values, extremes, comparisons, series counts and trends; the
    // FigureQA-style steps: whether two points are one, medians, the series of largest area,
    // whether two series' lines meet.
    case chartPoints = "chart_points"
    case filterSeries = "filter_series"
    case filterCategory = "filter_category"
    case queryValue = "query_value"
    case queryCategory = "query_category"
    case queryChartText = "query_chart_text"
    case maxValue = "max_value"
    case minValue = "min_value"
    case greaterValue = "greater_value"
    case countSeries = "count_series"
    case rises
    case samePoint = "same_point"
    case highMedian = "high_median"
    case lowMedian = "low_median"
    case maxArea = "max_area"
    case intersects
    /// The legend entry that names a series (a pie: a category), as its position in the legend.
    case legendEntry = "legend_entry"
    /// Text (plans with lettering; ``ProgramExecutor+Text``): every text item, those of a
    /// color, those that say a string, what a text item says; objects by their label, an
    /// object's label.
    case sceneText = "scene_text"
    case filterTextColor = "filter_text_color"
    case filterText = "filter_text"
    case queryText = "query_text"
    case filterLabel = "filter_label"
    case queryLabel = "query_label"
    /// A chart's text items by their role (`title`, `axis_label`, `tick_label`, `legend`,
    /// `data_label`), and those of one axis (`x`: set below the plot; `y`: left of it).
    case filterTextRole = "filter_text_role"
    case filterAxis = "filter_axis"
}

/// The indices of the earlier steps a step reads: none, one or two (CLEVR's functions take
/// at most two), stored inline.
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

    public init(arrayLiteral elements: Int...) { self.init(elements) }

    public init(_ a: Int) {
        first = Int32(truncatingIfNeeded: a)
        count = 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

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
public struct ProgramNode: Hashable, Sendable {
    public var function: ProgramFunction
    public var inputs: ProgramInputs
    public var value: String?

    public init(_ function: ProgramFunction, _ inputs: ProgramInputs, _ value: String? = nil) {
        self.function = function
        self.inputs = inputs
        self.value = value?.isEmpty == true ? nil : value  // an empty value is no value
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
        if nodes.isEmpty { nodes.reserveCapacity(8) }  // programs have a handful of steps
        nodes.append(
            ProgramNode(
                function,
                inputs.isEmpty && function != .scene && function != .chartPoints && !nodes.isEmpty
                    ? ProgramInputs(nodes.count - 1) : inputs, value)
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
    /// Text items by their index in the scene's texts, and one of them.
    case texts(ObjectSet)
    case text(Int)
    /// A written string, said as it is in every language.
    case string(String)
}

/// Runs programs on a scene's facts: one handler per function. A program is invalid (nil) when a
/// step's input has the wrong type or `unique`/`extreme` has no single answer.
public enum ProgramExecutor {
    public static func run(_ program: Program, on facts: SceneFacts) -> ProgramValue? {
        var values: [ProgramValue] = []
        values.reserveCapacity(program.nodes.count)
        for node in program.nodes {
            guard node.inputs.allSatisfy({ $0 >= 0 && $0 < values.count }),
                let v = step(node.function, node.inputs, node.value, values, facts)
            else { return nil }
            values.append(v)
        }
        return values.last
    }

    /// Every step's value in order (the last is the program's result), or nil when a step is
    /// invalid: what an answer's reasoning states and what `verify` compares it with.
    public static func trace(_ program: Program, on facts: SceneFacts) -> [ProgramValue]? {
        var values: [ProgramValue] = []
        values.reserveCapacity(program.nodes.count)
        for node in program.nodes {
            guard node.inputs.allSatisfy({ $0 >= 0 && $0 < values.count }),
                let v = step(node.function, node.inputs, node.value, values, facts)
            else { return nil }
            values.append(v)
        }
        return values
    }

    /// One node; its i-th argument is `values[inputs[i]]`, the value of an earlier step.
    static func step(
        _ function: ProgramFunction, _ inputs: ProgramInputs, _ value: String?, _ values: [ProgramValue],
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
        // A filter step keeps the input objects that have the step's value.
        func filtered(_ objects: ObjectSet) -> ProgramValue? { set(0).map { .objects($0.intersection(objects)) } }
        switch function {
        case .scene: return .objects(facts.all)
        case .filterColor:
            guard let value else { return set(0).map { .objects($0) } }
            return filtered(facts.objects(color: value))
        case .filterShape:
            guard let s = value.flatMap(ShapeKind.init(rawValue:)) else { return nil }
            return filtered(facts.objects(shape: s))
        case .filterSize:
            guard let value else { return set(0).map { .objects($0) } }
            return filtered(facts.objects(size: value))
        case .filterFill:
            guard let f = value.flatMap(Fill.init(rawValue:)) else { return nil }
            return filtered(facts.objects(fill: f))
        case .filterRow, .filterColumn:
            let axis: LineAxis = function == .filterRow ? .row : .column
            guard let s = set(0), let lines = axis == .row ? facts.rows : facts.columns,
                let k = value == Referent.lastLine ? lines.count : value.flatMap({ Int($0) }),
                let inLine = facts.inLine(s, axis, k)
            else { return nil }
            return .objects(inLine)
        case .countGroups: return set(0).flatMap { facts.groupCount($0) }.map { .integer($0) }
        case .unique:
            if inputs.count == 1, case .texts(let s) = values[inputs[0]] { return s.only.map { .text($0) } }
            return set(0)?.only.map { .object($0) }
        case .relate:
            guard let o = object(0), let value else { return nil }
            if let d = Relations.Direction(rawValue: value) { return .objects(facts.related(o, d)) }
            if value == Referent.nearestValue {
                return .objects(facts.nearest[o].map { .single($0) } ?? .empty)
            }
            if value == QuestionEngine.overlappingValue { return .objects(facts.overlapping[o]) }
            guard let r = Relations.Layering(rawValue: value) else { return nil }
            return .objects(facts.layered(o, r))
        case .extreme:
            guard let s = set(0), let k = value.flatMap(Extreme.init(rawValue:)) else { return nil }
            return facts.extreme(s, k).map { .object($0) }
        case .count:
            if inputs.count == 1, case .texts(let s) = values[inputs[0]] { return .integer(s.count) }
            return set(0).map { .integer($0.count) }
        case .exist:
            if inputs.count == 1, case .texts(let s) = values[inputs[0]] { return .boolean(!s.isEmpty) }
            return set(0).map { .boolean(!$0.isEmpty) }
        case .union:
            guard let a = set(0), let b = set(1) else { return nil }
            return .objects(a.union(b))
        case .intersect:
            guard let a = set(0), let b = set(1) else { return nil }
            return .objects(a.intersection(b))
        case .queryColor:
            if inputs.count == 1, case .text(let t) = values[inputs[0]] { return .token(facts.texts[t].color.name) }
            return object(0).map { .token(facts.object($0).color.name) }
        case .sceneText, .filterTextColor, .filterText, .queryText, .filterLabel, .queryLabel, .filterTextRole,
            .filterAxis:
            return textStep(function, inputs, value, values, facts)
        case .queryShape: return object(0).map { .token(facts.object($0).shape.rawValue) }
        case .querySize: return object(0).map { .token(facts.object($0).size) }
        case .queryFill: return object(0).map { .token(facts.object($0).fill.rawValue) }
        case .equalColor, .equalShape, .equalSize, .equalFill:
            guard let a = token(0), let b = token(1) else { return nil }
            return .boolean(a == b)
        case .chartPoints, .filterSeries, .filterCategory, .queryValue, .queryCategory, .queryChartText, .maxValue,
            .minValue, .greaterValue, .countSeries, .rises, .samePoint, .highMedian, .lowMedian, .maxArea, .intersects,
            .legendEntry:
            return ChartExecutor.step(function, value, set(0), object(0), object(1), facts.scene.chart, second: set(1))
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
