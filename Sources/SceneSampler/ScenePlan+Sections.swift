import Foundation
import PlanFiles
import SceneModel

/// The plan's short sections: `canvas`, `palette`, `backgrounds`, `visibility`, `relations` and
/// `retries`, each read with its defaults.
extension ScenePlan {
    /// `canvas:` width and height in pixels (256 x 256 when absent), and how pixels are drawn:
    /// `color: indexed` (the default) draws palette images whose partly covered pixels blend at
    /// `coverage_levels` steps (16 when absent); `color: rgb` draws RGB with full anti-aliasing.
    static func parseCanvas(_ canvas: YAMLValue?) throws(PlanError) -> (
        width: Int, height: Int, coverageLevels: Int?
    ) {
        var width = 256
        var height = 256
        var levels: Int? = defaultCoverageLevels
        if let canvas {
            try canvas.checkKeys(["width", "height", "color", "coverage_levels"])
            if let w = try canvas.optional("width") { width = try w.int() }
            if let h = try canvas.optional("height") { height = try h.int() }
            for (v, value) in [("width", width), ("height", height)] where !(8...8192).contains(value) {
                throw try canvas.required(v).error("canvas \(v) must be 8 to 8192 pixels, got \(value)")
            }
            let levelsNode = try canvas.optional("coverage_levels")
            if let n = levelsNode {
                let value = try n.int()
                guard (1...64).contains(value) else {
                    throw n.error("coverage_levels must be 1 to 64 steps, got \(value)")
                }
                levels = value
            }
            if let color = try canvas.optional("color") {
                switch try color.string() {
                case "indexed": levels = levels ?? 16
                case "rgb":
                    if let levelsNode { throw levelsNode.error("coverage_levels applies to color: indexed only") }
                    levels = nil
                case let other: throw color.error("unknown canvas color '\(other)'; valid: indexed, rgb")
                }
            }
        }
        return (width, height, levels)
    }

    /// Coverage steps of indexed images when a plan does not say (nil: RGB).
    public static let defaultCoverageLevels: Int? = 16

    /// The palette named by `palette:` ("default" when absent), from `home/assets/palettes.yaml`.
    static func loadPalette(_ paletteNode: YAMLValue?, home: URL) throws(PlanError) -> (name: String, palette: Palette)
    {
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
        return (paletteName, palette)
    }

    /// `backgrounds:` from the palette's (its first when absent).
    static func parseBackgrounds(_ bg: YAMLValue?, palette: Palette) throws(PlanError) -> [Weighted<NamedColor>] {
        guard let bg else { return [Weighted(value: palette.backgrounds[0], weight: 1)] }
        return try weighted(bg, what: "background", all: palette.backgrounds.map(\.name)) {
            palette.background(named: $0)
        }
    }

    /// `visibility:` the least visible pixels and share of its area an object must show.
    static func parseVisibility(_ v: YAMLValue?) throws(PlanError) -> (minPixels: Int, minFraction: Double) {
        var minPixels = 40
        var minFraction = 0.5
        if let v {
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
        return (minPixels, minFraction)
    }

    /// `relations:` the margin in pixels by which one object must be past another for a relation.
    static func parseRelations(_ r: YAMLValue?) throws(PlanError) -> Double {
        var margin = 6.0
        if let r {
            try r.checkKeys(["margin"])
            if let m = try r.optional("margin") {
                margin = try m.double()
                guard margin >= 1 else { throw m.error("margin must be at least 1 pixel") }
            }
        }
        return margin
    }

    /// `retries:` placements per object and layouts per scene before giving up.
    static func parseRetries(_ r: YAMLValue?) throws(PlanError) -> (placement: Int, scene: Int) {
        var placementRetries = 50
        var sceneRetries = 100
        if let r {
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
        return (placementRetries, sceneRetries)
    }
}
