import Foundation
import PlanFiles
import SceneModel

extension ScenePlan {
    static let topLevelKeys = [
        "name", "description", "canvas", "palette", "backgrounds", "objects", "layout", "visibility", "relations",
        "retries", "text", "correlations", "holdout", "level",
    ]

    /// Reads and validates a plan file. Palettes are looked up in `home/assets/palettes.yaml`.
    public static func load(contentsOf url: URL, home: URL, displayName: String? = nil) throws(PlanError) -> ScenePlan {
        let root = try YAMLValue.load(contentsOf: url, displayName: displayName ?? url.path)
        return try parse(root, home: home)
    }

    /// Builds a plan from a parsed document, checking every field and the plan as a whole; a
    /// `level` fills in what the document leaves out (``applyingLevel(_:home:)``).
    public static func parse(_ document: YAMLValue, home: URL) throws(PlanError) -> ScenePlan {
        try document.checkKeys(topLevelKeys)
        let (root, level) = try applyingLevel(document, home: home)
        guard let level, let levelNode = try document.optional("level") else {
            return try parseFields(root, home: home)
        }
        do throws(PlanError) {
            var plan = try parseFields(root, home: home)
            plan.level = level
            return plan
        } catch {
            throw noting(error, level: level, at: levelNode)
        }
    }

    /// ``parse(_:home:)`` once the level's defaults are in.
    static func parseFields(_ root: YAMLValue, home: URL) throws(PlanError) -> ScenePlan {
        let name = try root.required("name").string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw try root.required("name").error("expected letters, digits, '-' or '_', got '\(name)'")
        }
        let description = try root.optional("description")?.string() ?? ""

        var width = 256
        var height = 256
        if let canvas = try root.optional("canvas") {
            try canvas.checkKeys(["width", "height"])
            if let w = try canvas.optional("width") { width = try w.int() }
            if let h = try canvas.optional("height") { height = try h.int() }
            for (v, value) in [("width", width), ("height", height)] where !(8...8192).contains(value) {
                throw try canvas.required(v).error("canvas \(v) must be 8 to 8192 pixels, got \(value)")
            }
        }

        let paletteNode = try root.optional("palette")
        let paletteName = try paletteNode?.string() ?? "default"
        let palette: Palette
        do {
            palette = try Palette.load(
                named: paletteName, from: home.appendingPathComponent("assets/palettes.yaml"),
                displayName: "assets/palettes.yaml")
        } catch {
            if let paletteNode, error.message.hasPrefix("no palette") { throw paletteNode.error(error.message) }
            throw error
        }

        var backgrounds = [Weighted(value: palette.backgrounds[0], weight: 1)]
        if let bg = try root.optional("backgrounds") {
            backgrounds = try weighted(bg, what: "background", all: palette.backgrounds.map(\.name)) {
                palette.background(named: $0)
            }
        }

        let objects = try root.required("objects")
        try objects.checkKeys(["count", "shapes", "colors", "fills", "sizes", "rotation"])
        let countNode = try objects.required("count")
        var countWeights: [Weighted<Int>]?
        let count: ClosedRange<Int>
        if countNode.kind == .mapping {
            // Weights per count: `{3: 1, 4: 2}`.
            var weights: [Weighted<Int>] = []
            for (key, value) in try countNode.entries() {
                guard let n = Int(key), (1...Scene.maxObjects).contains(n) else {
                    throw value.error("object count '\(key)' must be a whole number within 1...\(Scene.maxObjects)")
                }
                let w = try value.double()
                guard w >= 0 else { throw value.error("weight of count \(n) must not be negative") }
                weights.append(Weighted(value: n, weight: w))
            }
            let drawn = weights.filter { $0.weight > 0 }.map(\.value)
            guard let lo = drawn.min(), let hi = drawn.max() else {
                throw countNode.error("at least one object count needs a positive weight")
            }
            countWeights = weights
            count = lo...hi
        } else {
            count = try countNode.intRange()
        }
        guard count.lowerBound >= 1, count.upperBound <= Scene.maxObjects else {
            throw countNode.error("object count must be within 1...\(Scene.maxObjects), got \(count)")
        }
        let shapes = try weighted(
            try objects.optional("shapes"), what: "shape", all: ShapeKind.allCases.map(\.rawValue)
        ) { ShapeKind(rawValue: $0) }
        let colors = try weighted(
            try objects.optional("colors"), what: "color", all: palette.colors.map(\.name)
        ) { palette.color(named: $0) }
        let fills = try weighted(
            try objects.optional("fills"), what: "fill", all: Fill.allCases.map(\.rawValue)
        ) { Fill(rawValue: $0) }
        let sizesNode = try objects.required("sizes")
        var sizes: [SizeClass] = []
        for (key, value) in try sizesNode.entries() {
            var weight = 1.0
            var range: ClosedRange<Double>
            if value.kind == .mapping {
                try value.checkKeys(["radius", "weight"])
                range = try value.required("radius").doubleRange()
                if let w = try value.optional("weight") { weight = try w.double() }
            } else {
                range = try value.doubleRange()
            }
            guard range.lowerBound >= 2 else { throw value.error("radius must be at least 2 pixels") }
            guard weight >= 0 else { throw value.error("weight must not be negative") }
            sizes.append(SizeClass(name: key, radius: range, weight: weight))
        }
        guard !sizes.isEmpty else { throw sizesNode.error("expected at least one size class") }
        let sortedSizes = sizes.sorted { $0.radius.lowerBound < $1.radius.lowerBound }
        for (a, b) in zip(sortedSizes, sortedSizes.dropFirst()) where a.radius.upperBound * 1.15 > b.radius.lowerBound {
            throw sizesNode.error(
                "size classes '\(a.name)' and '\(b.name)' are too close to tell apart: the smallest '\(b.name)' radius must be at least 15% above the largest '\(a.name)' (\(a.radius.upperBound))"
            )
        }
        let rotation = try objects.optional("rotation")?.doubleRange() ?? 0...0

        var layout = LayoutKind.scatter
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
        let layoutNode = try root.optional("layout")
        if let l = layoutNode {
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
                layout = kind
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
                guard kinds.contains(layout) else {
                    throw v.error(
                        "'\(key)' is a setting of layout \(kinds.map(\.rawValue).joined(separator: " or ")), not of '\(layout.rawValue)'"
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
            if layout == .grid {
                for key in ["rows", "columns"] {
                    if try l.optional(key) == nil { throw l.error("layout grid needs '\(key)'") }
                }
            }
            if layout == .clusters, (try l.optional("clusters")) == nil {
                throw l.error("layout clusters needs 'clusters' (a number or [min, max])")
            }
        }

        var minPixels = 40
        var minFraction = 0.5
        if let v = try root.optional("visibility") {
            try v.checkKeys(["min_pixels", "min_fraction"])
            if let p = try v.optional("min_pixels") {
                minPixels = try p.int()
                guard minPixels >= 1 else { throw p.error("min_pixels must be at least 1") }
            }
            if let f = try v.optional("min_fraction") {
                minFraction = try f.double()
                guard (0...1).contains(minFraction) else { throw f.error("min_fraction must be within 0...1") }
            }
        }

        var margin = 6.0
        if let r = try root.optional("relations") {
            try r.checkKeys(["margin"])
            if let m = try r.optional("margin") {
                margin = try m.double()
                guard margin >= 1 else { throw m.error("margin must be at least 1 pixel") }
            }
        }

        var placementRetries = 50
        var sceneRetries = 100
        if let r = try root.optional("retries") {
            try r.checkKeys(["placement", "scene"])
            if let p = try r.optional("placement") {
                placementRetries = try p.int()
                guard (1...10_000).contains(placementRetries) else {
                    throw p.error("placement retries must be 1-10000")
                }
            }
            if let s = try r.optional("scene") {
                sceneRetries = try s.int()
                guard (1...10_000).contains(sceneRetries) else { throw s.error("scene retries must be 1-10000") }
            }
        }

        let plan = ScenePlan(
            name: name, description: description, source: root.file, width: width, height: height,
            paletteName: paletteName, backgrounds: backgrounds, objectCount: count, shapes: shapes, colors: colors,
            fills: fills, sizes: sizes, rotation: rotation, layout: layout, padding: padding, maxOverlap: maxOverlap,
            minVisiblePixels: minPixels, minVisibleFraction: minFraction, relationMargin: margin,
            placementRetries: placementRetries, sceneRetries: sceneRetries,
            text: try TextSettings.parse(try root.optional("text")))
        var planned = plan
        planned.countWeights = countWeights
        planned.gridRows = gridRows
        planned.gridColumns = gridColumns
        planned.jitter = jitter
        planned.clusterCount = clusterCount
        planned.containerCount = containerCount
        planned.contentCount = contentCount
        planned.containerShapes = containerShapes
        planned.clearance = clearance
        planned.stackCount = stackCount
        planned.stackOverlap = stackOverlap
        planned.correlations = try parseCorrelations(
            try root.optional("correlations"), sizes: sizes, shapes: shapes, colors: colors, fills: fills)
        planned.holdout = try parseHoldout(
            try root.optional("holdout"), sizes: sizes, shapes: shapes, colors: colors, fills: fills)
        let holdoutNode = try root.optional("holdout")
        let correlationsNode = try root.optional("correlations")
        if let h = holdoutNode ?? correlationsNode { try planned.checkHoldoutDrawable(at: h) }
        try planned.checkFeasible(root: root, sizesNode: sizesNode, countNode: countNode)
        try planned.checkLayoutFeasible(layoutNode ?? root, countNode: countNode)
        return planned
    }

    /// `all`, a list of names (equal weights) or a mapping of name to weight.
    static func weighted<T>(
        _ value: YAMLValue?, what: String, all: [String], lookup: (String) -> T?
    ) throws(PlanError) -> [Weighted<T>] {
        var pairs: [(String, Double, YAMLValue)] = []
        if let value {
            switch value.kind {
            case .mapping:
                for (k, v) in try value.entries() { pairs.append((k, try v.double(), v)) }
            case .list:
                for item in try value.items() { pairs.append((try item.string(), 1, item)) }
            default:
                let s = try value.string()
                if s == "all" {
                    pairs = all.map { ($0, 1, value) }
                } else {
                    pairs = [(s, 1, value)]
                }
            }
        } else {
            pairs = all.map { ($0, 1, YAMLValue(scalar: "all")) }
        }
        var out: [Weighted<T>] = []
        for (name, weight, node) in pairs {
            guard let v = lookup(name) else {
                throw node.error("unknown \(what) '\(name)'; valid \(what)s: \(all.joined(separator: ", "))")
            }
            guard weight >= 0 else { throw node.error("weight of '\(name)' must not be negative") }
            out.append(Weighted(value: v, weight: weight))
        }
        if !out.contains(where: { $0.weight > 0 }), let value {
            throw value.error("at least one \(what) needs a positive weight")
        }
        return out
    }

    /// Rejects layouts that cannot hold the plan's objects with their words decided: a grid
    /// with fewer cells than objects, slots narrower than the relation margin needs, or jitter
    /// large enough to blur rows. Rows must stay within half a margin (jitter at most a quarter)
    /// and be at least two margins apart (see ``Relations/lines(_:)``).
    func checkLayoutFeasible(_ node: YAMLValue, countNode: YAMLValue) throws(PlanError) {
        let n = objectCount.upperBound
        let usableW = Double(width) - 2 * padding
        let usableH = Double(height) - 2 * padding
        switch layout {
        case .scatter, .ring: return
        case .nested:
            if holdout != nil {
                throw node.error(
                    "layout nested draws its containers apart from the other objects, so it cannot keep a holdout; use another layout for compositional splits"
                )
            }
            guard sizes.filter({ $0.weight > 0 }).count >= 2 else {
                throw node.error(
                    "layout nested needs at least two size classes: containers take the largest, the other objects the rest"
                )
            }
            if objectCount.upperBound + containerCount.upperBound > Scene.maxObjects {
                throw countNode.error("objects.count plus containers exceeds \(Scene.maxObjects) objects")
            }
            return
        case .stack:
            if stackOverlap.upperBound > 1 - minVisibleFraction + 0.05 {
                throw node.error(
                    "overlap up to \(stackOverlap.upperBound) would hide more than visibility.min_fraction (\(minVisibleFraction)) allows; lower the overlap or the minimum"
                )
            }
            if stackCount.upperBound > objectCount.lowerBound {
                throw node.error(
                    "\(stackCount.upperBound) stacks need at least as many objects, but objects.count allows \(objectCount.lowerBound)"
                )
            }
            return
        case .clusters:
            if clusterCount.upperBound > objectCount.lowerBound {
                throw node.error(
                    "\(clusterCount.upperBound) clusters need at least as many objects, but objects.count allows \(objectCount.lowerBound)"
                )
            }
            return
        case .grid, .row, .column:
            break
        }
        guard jitter <= relationMargin / 4 else {
            throw node.error(
                "jitter \(jitter) px would blur rows: at most a quarter of the relation margin (\(relationMargin / 4) px)"
            )
        }
        let lines: [(String, Int, Double)] =
            switch layout {
            case .grid: [("rows", gridRows, usableH), ("columns", gridColumns, usableW)]
            case .row: [("slots", n, usableW)]
            default: [("slots", n, usableH)]
            }
        if layout == .grid, gridRows * gridColumns < n {
            throw countNode.error(
                "a \(gridRows)x\(gridColumns) grid has \(gridRows * gridColumns) cells, too few for \(n) objects; use more rows or columns or fewer objects"
            )
        }
        if layout != .grid, n > 12 {
            throw countNode.error("a \(layout.rawValue) layout holds at most 12 objects (ordinal words), got \(n)")
        }
        for (what, k, length) in lines {
            let slot = length / Double(k)
            if slot < 2 * relationMargin + 2 * jitter {
                throw node.error(
                    "\(k) \(what) leave \(Int(slot)) px each, but distinct \(what) must be \(Int(2 * relationMargin + 2 * jitter)) px apart (twice the relation margin plus jitter); use fewer, a larger canvas or a smaller margin"
                )
            }
        }
    }

    /// Rejects plans that cannot produce a scene, before any sampling: objects larger than the
    /// canvas, or more objects than distinct positions the relation margin allows.
    func checkFeasible(root: YAMLValue, sizesNode: YAMLValue, countNode: YAMLValue) throws(PlanError) {
        let usable = Double(min(width, height)) - 2 * padding
        let drawnShapes = shapes.filter { $0.weight > 0 }.map(\.value)
        for size in sizes where size.weight > 0 {
            // The smallest extent any allowed shape reaches at this size's smallest radius.
            let smallest =
                drawnShapes.map { kind -> Double in
                    let r = ShapeGeometry.bounds(
                        of: ShapeGeometry.outline(
                            kind, center: Point(x: 0, y: 0), radius: size.radius.lowerBound, rotation: 0))
                    return max(r.width, r.height)
                }.min() ?? 0
            if smallest > usable {
                throw sizesNode.error(
                    "size '\(size.name)' (radius \(size.radius.lowerBound)-\(size.radius.upperBound) px) does not fit a \(width)x\(height) canvas with padding \(padding); use smaller radii or a larger canvas"
                )
            }
        }
        let needed = Double(objectCount.upperBound - 1) * relationMargin
        if needed >= usable {
            throw countNode.error(
                "\(objectCount.upperBound) objects need \(Int(needed)) px of distinct positions on each axis (relation margin \(relationMargin) px), but the canvas offers \(Int(usable)); use fewer objects, a smaller margin or a larger canvas"
            )
        }
        let minArea = Double(minVisiblePixels) * Double(objectCount.upperBound)
        if minArea > Double(width * height) {
            throw countNode.error(
                "\(objectCount.upperBound) objects of at least \(minVisiblePixels) visible pixels cannot fit \(width * height) pixels"
            )
        }
    }
}
