import Foundation
import PlanFiles
import SceneModel

extension ScenePlan {
    static let topLevelKeys = [
        "name", "description", "canvas", "palette", "backgrounds", "objects", "layout", "visibility", "relations",
        "retries", "text", "correlations", "holdout", "level", "twins", "twin_edits", "conversations", "lettering",
        "chart",
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

    /// ``parse(_:home:)`` once the level's defaults are in: the sections in file order, then
    /// the checks of the plan as a whole.
    static func parseFields(_ root: YAMLValue, home: URL) throws(PlanError) -> ScenePlan {
        let name = try root.required("name").string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw try root.required("name").error("expected letters, digits, '-' or '_', got '\(name)'")
        }
        let description = try root.optional("description")?.string() ?? ""
        let (width, height, coverageLevels) = try parseCanvas(try root.optional("canvas"))
        let (paletteName, palette) = try loadPalette(try root.optional("palette"), home: home)
        let backgrounds = try parseBackgrounds(try root.optional("backgrounds"), palette: palette)
        let chartNode = try root.optional("chart")
        // A chart plan draws no shapes: its objects section may be left out.
        var objectsNode = try root.optional("objects")
        if objectsNode == nil && chartNode != nil {
            objectsNode = try YAMLValue.parse("{count: 1, sizes: {small: [10, 10]}}", file: root.file)
        }
        if objectsNode == nil { objectsNode = try root.required("objects") }
        let objects = try ObjectsSection(objectsNode!, palette: palette)
        let layoutNode = try root.optional("layout")
        var layout = LayoutSection()
        if let layoutNode { layout = try LayoutSection(layoutNode) }
        let (minPixels, minFraction) = try parseVisibility(try root.optional("visibility"))
        let margin = try parseRelations(try root.optional("relations"))
        let retries = try parseRetries(try root.optional("retries"))

        var planned = ScenePlan(
            name: name, description: description, source: root.file, width: width, height: height,
            paletteName: paletteName, backgrounds: backgrounds, objectCount: objects.count, shapes: objects.shapes,
            colors: objects.colors, fills: objects.fills, sizes: objects.sizes, rotation: objects.rotation,
            layout: layout.kind, padding: layout.padding, maxOverlap: layout.maxOverlap, minVisiblePixels: minPixels,
            minVisibleFraction: minFraction, relationMargin: margin, placementRetries: retries.placement,
            sceneRetries: retries.scene, text: try TextSettings.parse(try root.optional("text")))
        planned.text.conversations = try ConversationSettings.parse(try root.optional("conversations"))
        planned.countWeights = objects.countWeights
        planned.lettering = try parseLettering(
            try root.optional("lettering"), palette: palette, home: home, backgrounds: backgrounds.map(\.value))
        if let chartNode { planned.chart = try ChartSettings.parse(chartNode, home: home) }
        planned.coverageLevels = coverageLevels
        try planned.checkIndexedColors(at: try root.optional("canvas") ?? root)
        layout.apply(to: &planned)
        planned.correlations = try parseCorrelations(
            try root.optional("correlations"), sizes: objects.sizes, shapes: objects.shapes, colors: objects.colors,
            fills: objects.fills)
        planned.holdout = try parseHoldout(
            try root.optional("holdout"), sizes: objects.sizes, shapes: objects.shapes, colors: objects.colors,
            fills: objects.fills)
        let holdoutNode = try root.optional("holdout")
        let correlationsNode = try root.optional("correlations")
        if let h = holdoutNode ?? correlationsNode { try planned.checkHoldoutDrawable(at: h) }
        if let t = try root.optional("twins") {
            let n = try t.int()
            guard (0...16).contains(n) else { throw t.error("twins per sample must be 0 to 16, got \(n)") }
            planned.twins = n
        }
        if let edits = try root.optional("twin_edits") {
            planned.twinEdits = try weighted(
                edits, what: "twin edit", all: TwinEdit.Kind.allCases.map(\.rawValue), lookup: TwinEdit.Kind.init)
        }
        try planned.checkFeasible(root: root, sizesNode: objects.sizesNode, countNode: objects.countNode)
        try planned.checkLayoutFeasible(layoutNode ?? root, countNode: objects.countNode)
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
}
