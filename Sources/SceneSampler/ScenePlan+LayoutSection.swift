import PlanFiles
import SceneModel

extension ScenePlan {
    /// The plan's `layout:` section: the kind and the settings of that kind (scatter with the
    /// defaults below when absent). A setting of another kind is an error.
    struct LayoutSection {
        var kind = LayoutKind.scatter
        var padding = 4.0
        var maxOverlap = 0.25
        var gridRows = 1
        var gridColumns = 1
        var jitter = 0.0
        var clusterCount = 1...1
        var containerCount = 1...1
        var contentCount = 1...3
        var containerShapes: [ShapeKind] = [.square, .circle, .hexagon]
        var clearance = 3.0
        var stackCount = 1...1
        var stackOverlap = 0.2...0.35

        init() {}

        init(_ l: YAMLValue) throws(PlanError) {
            try l.checkKeys([
                "kind", "padding", "max_overlap", "rows", "columns", "jitter", "clusters", "containers", "contents",
                "container_shapes", "clearance", "stacks", "overlap",
            ])
            if let k = try l.optional("kind") {
                let raw = try k.string()
                guard let kind = LayoutKind(rawValue: raw) else {
                    throw k.error(
                        "unknown layout '\(raw)'; valid layouts: \(LayoutKind.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                self.kind = kind
            }
            if let p = try l.optional("padding") {
                padding = try p.double()
                guard padding >= 0 else { throw p.error("padding must not be negative") }
            }
            if let m = try l.optional("max_overlap") {
                maxOverlap = try m.double()
                guard (0...1).contains(maxOverlap) else { throw m.error("max_overlap must be within 0...1") }
            }
            // Settings of other layouts are errors, not silently ignored.
            let owners: [(String, [LayoutKind])] = [
                ("rows", [.grid]), ("columns", [.grid]), ("jitter", [.grid, .row, .column]), ("clusters", [.clusters]),
                ("containers", [.nested]), ("contents", [.nested]), ("container_shapes", [.nested]),
                ("clearance", [.nested]), ("stacks", [.stack]), ("overlap", [.stack]),
            ]
            for (key, kinds) in owners {
                guard let v = try l.optional(key) else { continue }
                guard kinds.contains(kind) else {
                    throw v.error(
                        "'\(key)' is a setting of layout \(kinds.map(\.rawValue).joined(separator: " or ")), not of '\(kind.rawValue)'"
                    )
                }
                switch key {
                case "rows", "columns":
                    let n = try v.int()
                    guard (1...12).contains(n) else { throw v.error("grid \(key) must be 1 to 12, got \(n)") }
                    if key == "rows" { gridRows = n } else { gridColumns = n }
                case "jitter":
                    jitter = try v.double()
                    guard jitter >= 0 else { throw v.error("jitter must not be negative") }
                case "containers", "contents", "stacks":
                    let r = try v.intRange()
                    guard r.lowerBound >= (key == "contents" ? 0 : 1), r.upperBound <= 12 else {
                        throw v.error("\(key) must be within \(key == "contents" ? 0 : 1)...12, got \(r)")
                    }
                    if key == "containers" {
                        containerCount = r
                    } else if key == "contents" {
                        contentCount = r
                    } else {
                        stackCount = r
                    }
                case "container_shapes":
                    containerShapes = []
                    for item in try v.items() {
                        let raw = try item.string()
                        guard let kind = ShapeKind(rawValue: raw) else {
                            throw item.error(
                                "unknown shape '\(raw)'; valid shapes: \(ShapeKind.allCases.map(\.rawValue).joined(separator: ", "))"
                            )
                        }
                        containerShapes.append(kind)
                    }
                    guard !containerShapes.isEmpty else { throw v.error("expected at least one container shape") }
                case "clearance":
                    clearance = try v.double()
                    guard clearance >= Relations.insideMargin else {
                        throw v.error("clearance must be at least \(Relations.insideMargin) px (what \"inside\" needs)")
                    }
                case "overlap":
                    stackOverlap = try v.doubleRange()
                    guard stackOverlap.lowerBound >= 0.05, stackOverlap.upperBound <= 0.9 else {
                        throw v.error(
                            "overlap must be within 0.05...0.9 (a share of the smaller extent), got \(stackOverlap)")
                    }
                default:
                    clusterCount = try v.intRange()
                    guard clusterCount.lowerBound >= 1 else { throw v.error("clusters must be at least 1") }
                }
            }
            if kind == .grid {
                for key in ["rows", "columns"] {
                    if try l.optional(key) == nil { throw l.error("layout grid needs '\(key)'") }
                }
            }
            if kind == .clusters, (try l.optional("clusters")) == nil {
                throw l.error("layout clusters needs 'clusters' (a number or [min, max])")
            }
        }

        /// Sets the plan's settings of the layout kinds.
        func apply(to plan: inout ScenePlan) {
            plan.gridRows = gridRows
            plan.gridColumns = gridColumns
            plan.jitter = jitter
            plan.clusterCount = clusterCount
            plan.containerCount = containerCount
            plan.contentCount = contentCount
            plan.containerShapes = containerShapes
            plan.clearance = clearance
            plan.stackCount = stackCount
            plan.stackOverlap = stackOverlap
        }
    }
}
