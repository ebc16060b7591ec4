import Foundation
import PlanFiles
import SceneModel

/// Named object colors and backgrounds, read from assets/palettes.yaml.
public struct Palette: Sendable, Hashable {
    public var name: String
    public var colors: [NamedColor]
    public var backgrounds: [NamedColor]

    public func color(named name: String) -> NamedColor? { colors.first { $0.name == name } }
    public func background(named name: String) -> NamedColor? { backgrounds.first { $0.name == name } }

    /// Loads palette `name` from a palettes file.
    public static func load(named name: String, from url: URL, displayName: String) throws(PlanError) -> Palette {
        let root = try YAMLValue.load(contentsOf: url, displayName: displayName)
        let palettes = try root.required("palettes")
        let entries = try palettes.entries()
        guard let entry = entries.first(where: { $0.key == name })?.value else {
            throw palettes.error(
                "no palette named '\(name)'; available: \(entries.map(\.key).joined(separator: ", "))")
        }
        try entry.checkKeys(["colors", "backgrounds"])
        return Palette(
            name: name, colors: try colorList(try entry.required("colors")),
            backgrounds: try colorList(try entry.required("backgrounds")))
    }

    private static func colorList(_ value: YAMLValue) throws(PlanError) -> [NamedColor] {
        var out: [NamedColor] = []
        for (key, v) in try value.entries() {
            let parts = try v.items()
            guard parts.count == 3 else { throw v.error("expected [r, g, b] with values 0-255") }
            var channels: [UInt8] = []
            for p in parts {
                let c = try p.int()
                guard (0...255).contains(c) else { throw p.error("color channel \(c) is outside 0-255") }
                channels.append(UInt8(c))
            }
            out.append(NamedColor(name: key, rgb: RGB(channels[0], channels[1], channels[2])))
        }
        guard !out.isEmpty else { throw value.error("expected at least one color") }
        return out
    }
}
