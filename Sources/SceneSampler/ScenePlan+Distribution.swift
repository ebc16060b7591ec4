import PlanFiles
import SceneModel

extension ScenePlan {
    /// The four attributes in the order the sampler draws them. Conditions may only look back:
    /// a correlation's target, and the attribute that completes a held-out combination, are
    /// drawn after every attribute they depend on, so one pass draws each object.
    public enum AttributeKind: String, Sendable, Hashable, CaseIterable, Comparable {
        case size, shape, color, fill

        /// Position in the draw order.
        var rank: Int {
            switch self {
            case .size: 0
            case .shape: 1
            case .color: 2
            case .fill: 3
            }
        }

        public static func < (a: AttributeKind, b: AttributeKind) -> Bool { a.rank < b.rank }
    }

    /// Some attribute values of one object, as indices into the plan's lists (`sizes`,
    /// `shapes`, `colors`, `fills`); nil attributes are unconstrained.
    public struct AttributeCondition: Sendable, Hashable {
        public var size: Int?
        public var shape: Int?
        public var color: Int?
        public var fill: Int?

        public init(size: Int? = nil, shape: Int? = nil, color: Int? = nil, fill: Int? = nil) {
            self.size = size
            self.shape = shape
            self.color = color
            self.fill = fill
        }

        public subscript(kind: AttributeKind) -> Int? {
            get {
                switch kind {
                case .size: size
                case .shape: shape
                case .color: color
                case .fill: fill
                }
            }
            set {
                switch kind {
                case .size: size = newValue
                case .shape: shape = newValue
                case .color: color = newValue
                case .fill: fill = newValue
                }
            }
        }

        /// The attributes it names, in draw order.
        public var named: [AttributeKind] { AttributeKind.allCases.filter { self[$0] != nil } }

        /// Whether `drawn` agrees with every attribute named here before `kind` in draw order.
        func matchesBefore(_ kind: AttributeKind, _ drawn: AttributeCondition) -> Bool {
            for k in AttributeKind.allCases where k < kind {
                if let v = self[k], drawn[k] != v { return false }
            }
            return true
        }
    }

    /// "Circles are mostly red": when an object matches `when`, its `target` attribute takes the
    /// listed values with the listed probabilities; the rest of the probability is shared by
    /// the other values in proportion to their plan weights.
    public struct Correlation: Sendable, Hashable {
        public var when: AttributeCondition
        public var target: AttributeKind
        /// (index into the target's list, probability), probabilities summing to at most 1.
        public var probabilities: [Weighted<Int>]
    }

    /// Which side of a compositional split (in the manner of CLEVR-CoGenT) a plan draws.
    public enum Split: String, Sendable, Hashable, CaseIterable {
        /// No object ever has a held-out combination: values completing one are never drawn.
        case train
        /// Each object is, with probability `share`, a held-out combination (chosen uniformly,
        /// its other attributes drawn as usual); otherwise it is drawn as in train.
        case test
    }

    public struct Holdout: Sendable, Hashable {
        public var split: Split
        public var share: Double
        public var combinations: [AttributeCondition]
    }

    /// A plan's combination as names ("shape square, color red"), for messages and tests.
    public func describe(_ c: AttributeCondition) -> String {
        var parts: [String] = []
        if let s = c.size { parts.append("size \(sizes[s].name)") }
        if let s = c.shape { parts.append("shape \(shapes[s].value.rawValue)") }
        if let s = c.color { parts.append("color \(colors[s].value.name)") }
        if let s = c.fill { parts.append("fill \(fills[s].value.rawValue)") }
        return parts.joined(separator: ", ")
    }

    /// The condition an object satisfies, as plan indices (nil for values the plan lacks).
    public func condition(of o: SceneObject) -> AttributeCondition {
        AttributeCondition(
            size: sizes.firstIndex { $0.name == o.size }, shape: shapes.firstIndex { $0.value == o.shape },
            color: colors.firstIndex { $0.value == o.color }, fill: fills.firstIndex { $0.value == o.fill })
    }

    /// Whether the object has one of the held-out combinations.
    public func isHeldOut(_ o: SceneObject) -> Bool {
        guard let holdout else { return false }
        let c = condition(of: o)
        return holdout.combinations.contains { h in h.named.allSatisfy { h[$0] == c[$0] } }
    }

    /// The names of one attribute's values, in plan order.
    func names(_ kind: AttributeKind) -> [String] {
        switch kind {
        case .size: sizes.map(\.name)
        case .shape: shapes.map(\.value.rawValue)
        case .color: colors.map(\.value.name)
        case .fill: fills.map(\.value.rawValue)
        }
    }

    /// Plan weights of one attribute's values.
    func weights(_ kind: AttributeKind) -> [Double] {
        switch kind {
        case .size: sizes.map(\.weight)
        case .shape: shapes.map(\.weight)
        case .color: colors.map(\.weight)
        case .fill: fills.map(\.weight)
        }
    }

    /// The weights an object's `kind` is drawn with, given what was drawn before it: the plan's
    /// weights, reshaped by the first correlation that applies, with values that would
    /// complete a held-out combination removed when `excludeHeldOut`.
    func conditionalWeights(_ kind: AttributeKind, given drawn: AttributeCondition, excludeHeldOut: Bool) -> [Double] {
        var w = weights(kind)
        if let c = correlations.first(where: { $0.target == kind && $0.when.matchesBefore(kind, drawn) }) {
            let fixed = c.probabilities.reduce(0) { $0 + $1.weight }
            var restTotal = 0.0
            for (i, x) in w.enumerated() where !c.probabilities.contains(where: { $0.value == i }) { restTotal += x }
            for i in w.indices {
                if let p = c.probabilities.first(where: { $0.value == i }) {
                    w[i] = p.weight
                } else {
                    w[i] = restTotal > 0 ? w[i] / restTotal * (1 - fixed) : 0
                }
            }
        }
        if excludeHeldOut, let holdout {
            for h in holdout.combinations where h.named.last == kind && h.matchesBefore(kind, drawn) {
                if let v = h[kind] { w[v] = 0 }
            }
        }
        return w
    }

    static func parseCondition(
        _ node: YAMLValue, sizes: [SizeClass], shapes: [Weighted<ShapeKind>], colors: [Weighted<NamedColor>],
        fills: [Weighted<Fill>], allowed: [AttributeKind] = AttributeKind.allCases
    ) throws(PlanError) -> AttributeCondition {
        try node.checkKeys(allowed.map(\.rawValue))
        var c = AttributeCondition()
        for (key, value) in try node.entries() {
            guard let kind = AttributeKind(rawValue: key) else { continue }
            let name = try value.string()
            let names: [String] =
                switch kind {
                case .size: sizes.map(\.name)
                case .shape: shapes.map(\.value.rawValue)
                case .color: colors.map(\.value.name)
                case .fill: fills.map(\.value.rawValue)
                }
            guard let i = names.firstIndex(of: name) else {
                throw value.error(
                    "unknown \(kind.rawValue) '\(name)' (not in this plan's objects.\(kind.rawValue)s); valid: \(names.joined(separator: ", "))"
                )
            }
            c[kind] = i
        }
        guard !c.named.isEmpty else { throw node.error("expected at least one of size, shape, color, fill") }
        return c
    }

    /// `correlations: [{when: {shape: circle}, color: {red: 0.8}}, …]`.
    static func parseCorrelations(
        _ node: YAMLValue?, sizes: [SizeClass], shapes: [Weighted<ShapeKind>], colors: [Weighted<NamedColor>],
        fills: [Weighted<Fill>]
    ) throws(PlanError) -> [Correlation] {
        guard let node else { return [] }
        var out: [Correlation] = []
        for item in try node.items() {
            try item.checkKeys(["when"] + AttributeKind.allCases.map(\.rawValue))
            let when = try parseCondition(
                try item.required("when"), sizes: sizes, shapes: shapes, colors: colors, fills: fills)
            let targets = try item.entries().filter { $0.key != "when" }
            guard targets.count == 1, let (key, value) = targets.first, let target = AttributeKind(rawValue: key) else {
                throw item.error("expected one target attribute (size, shape, color or fill) besides 'when'")
            }
            guard let last = when.named.last, last < target else {
                throw value.error(
                    "'\(key)' is drawn before the attributes in 'when' (draw order: size, shape, color, fill); a correlation can only make a later attribute depend on earlier ones"
                )
            }
            let names: [String] =
                switch target {
                case .size: sizes.map(\.name)
                case .shape: shapes.map(\.value.rawValue)
                case .color: colors.map(\.value.name)
                case .fill: fills.map(\.value.rawValue)
                }
            var probabilities: [Weighted<Int>] = []
            var total = 0.0
            for (name, p) in try value.entries() {
                guard let i = names.firstIndex(of: name) else {
                    throw p.error(
                        "unknown \(key) '\(name)' (not in this plan's objects.\(key)s); valid: \(names.joined(separator: ", "))"
                    )
                }
                let prob = try p.double()
                guard (0...1).contains(prob) else { throw p.error("a probability must be within 0...1, got \(prob)") }
                probabilities.append(Weighted(value: i, weight: prob))
                total += prob
            }
            guard total <= 1 + 1e-9 else { throw value.error("probabilities sum to \(total); at most 1") }
            out.append(Correlation(when: when, target: target, probabilities: probabilities))
        }
        return out
    }

    /// `holdout: {split: train|test, share: 0.5, combinations: [{shape: square, color: red}, …]}`.
    static func parseHoldout(
        _ node: YAMLValue?, sizes: [SizeClass], shapes: [Weighted<ShapeKind>], colors: [Weighted<NamedColor>],
        fills: [Weighted<Fill>]
    ) throws(PlanError) -> Holdout? {
        guard let node else { return nil }
        try node.checkKeys(["split", "share", "combinations"])
        let splitNode = try node.required("split")
        let raw = try splitNode.string()
        guard let split = Split(rawValue: raw) else {
            throw splitNode.error("unknown split '\(raw)'; valid: train, test")
        }
        var share = 0.5
        if let s = try node.optional("share") {
            share = try s.double()
            guard share > 0 && share <= 1 else { throw s.error("share must be within (0, 1], got \(share)") }
        }
        let list = try node.required("combinations")
        var combinations: [AttributeCondition] = []
        for item in try list.items() {
            let c = try parseCondition(item, sizes: sizes, shapes: shapes, colors: colors, fills: fills)
            guard c.named.count >= 2 else {
                throw item.error(
                    "a held-out combination names at least two attributes (one alone is a weight of 0 in objects)")
            }
            combinations.append(c)
        }
        guard !combinations.isEmpty else { throw list.error("expected at least one combination") }
        return Holdout(split: split, share: share, combinations: combinations)
    }

    /// Rejects a holdout that leaves some partly drawn object with nothing to draw next (e.g.
    /// every color held out for squares), by walking every reachable prefix of draws.
    func checkHoldoutDrawable(at node: YAMLValue) throws(PlanError) {
        guard holdout != nil || !correlations.isEmpty else { return }
        func walk(_ depth: Int, _ drawn: AttributeCondition) throws(PlanError) {
            guard depth < AttributeKind.allCases.count else { return }
            let kind = AttributeKind.allCases[depth]
            let w = conditionalWeights(kind, given: drawn, excludeHeldOut: true)
            guard w.contains(where: { $0 > 0 }) else {
                throw node.error(
                    "objects with \(describe(drawn)) have no \(kind.rawValue) left to draw once held-out combinations are removed"
                )
            }
            for (i, x) in w.enumerated() where x > 0 {
                var next = drawn
                next[kind] = i
                try walk(depth + 1, next)
            }
        }
        try walk(0, AttributeCondition())
    }
}
