import Foundation
import PlanFiles
import SceneModel
import Typesetting

extension ScenePlan {
    /// Reads `lettering:`. Word lists are read from `home/assets/words/<name>.txt` and every
    /// text of them is set once in every font its language may take, so a character a font
    /// lacks is an error at load naming the list, its line, the characters and the font, never
    /// a missing glyph in an image.
    static func parseLettering(
        _ node: YAMLValue?, palette: Palette, home: URL, backgrounds: [NamedColor] = [],
        typesetter: Typesetter = .shared
    ) throws(PlanError) -> Lettering? {
        guard let node else { return nil }
        try node.checkKeys([
            "kind", "count", "share", "placement", "languages", "fonts", "weights", "size", "rotation", "colors",
            "min_contrast", "gap", "background_patterns",
        ])
        let kindNode = try node.required("kind")
        guard let kind = Lettering.Kind(rawValue: try kindNode.string()) else {
            throw kindNode.error(
                "unknown lettering kind '\(try kindNode.string())'; valid: \(Lettering.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let catalog = typesetter.catalog
        var families: [String] = []
        for e in catalog.entries where !families.contains(e.name.family) { families.append(e.name.family) }
        let fonts = try weighted(try node.required("fonts"), what: "font family", all: families) { name in
            families.contains(name) ? name : nil
        }
        var fontLanguages: [String: [String]] = [:]
        var fontWeights: [String: [String]] = [:]
        for e in catalog.entries {
            fontLanguages[e.name.family, default: []] = e.languages
            fontWeights[e.name.family, default: []].append(e.name.weight)
        }
        let weights = try weighted(try node.optional("weights"), what: "weight", all: ["regular", "bold"]) { w in
            ["regular", "bold"].contains(w) ? w : nil
        }
        let languagesNode = try node.required("languages")
        var lists: [Weighted<Lettering.WordList>] = []
        for (language, value) in try languagesNode.entries() {
            var weight = 1.0
            var listNode = value
            if value.kind == .mapping {
                try value.checkKeys(["words", "weight"])
                listNode = try value.required("words")
                if let w = try value.optional("weight") { weight = try w.double() }
            }
            guard weight >= 0 else { throw value.error("weight of '\(language)' must not be negative") }
            let usable = fonts.filter { $0.weight > 0 && (fontLanguages[$0.value] ?? []).contains(language) }
            guard !usable.isEmpty else {
                throw value.error(
                    "no font of the plan covers language '\(language)'; fonts for it: \(families.filter { (fontLanguages[$0] ?? []).contains(language) }.joined(separator: ", "))"
                )
            }
            let list = try loadWordList(listNode, language: language, home: home)
            // Every text in every font and weight it may be set in.
            for font in usable {
                for w in weights where w.weight > 0 && (fontWeights[font.value] ?? []).contains(w.value) {
                    for (line, text) in list.lines {
                        do {
                            _ = try typesetter.layout(
                                text, font: FontName(family: font.value, weight: w.value), size: 12, language: language)
                        } catch {
                            throw listNode.error("\(list.file):\(line): \(error)")
                        }
                    }
                }
            }
            lists.append(
                Weighted(
                    value: Lettering.WordList(
                        language: language, name: try listNode.string(), texts: list.lines.map(\.1)),
                    weight: weight))
        }
        guard lists.contains(where: { $0.weight > 0 }) else {
            throw languagesNode.error("at least one language needs a positive weight")
        }
        var colors = try weighted(
            try node.optional("colors"), what: "color", all: palette.colors.map(\.name)
        ) { palette.color(named: $0) }
        colors = colors.filter { $0.weight > 0 }
        var lettering = Lettering(kind: kind, languages: lists, fonts: fonts, colors: colors)
        lettering.weights = weights
        lettering.fontLanguages = fontLanguages
        lettering.fontWeights = fontWeights
        if let c = try node.optional("count") {
            lettering.count = try c.intRange()
            guard lettering.count.lowerBound >= 0, lettering.count.upperBound <= 32 else {
                throw c.error("signs per image must be within 0...32, got \(lettering.count)")
            }
        }
        if let s = try node.optional("share") {
            lettering.share = try s.double()
            guard (0...1).contains(lettering.share) else { throw s.error("share must be within 0...1") }
        }
        if let p = try node.optional("placement") {
            lettering.placements = try weighted(
                p, what: "placement", all: Lettering.Placement.allCases.map(\.rawValue)
            ) { Lettering.Placement(rawValue: $0) }
        }
        if let s = try node.optional("size") {
            lettering.size = try s.doubleRange()
            guard lettering.size.lowerBound >= 4, lettering.size.upperBound <= 400 else {
                throw s.error("text size must be within 4...400 pixels per em, got \(lettering.size)")
            }
        }
        if let r = try node.optional("rotation") {
            lettering.rotation = try r.doubleRange()
            guard lettering.rotation.lowerBound >= -90, lettering.rotation.upperBound <= 90 else {
                throw r.error("text rotation must be within -90...90 degrees (upside-down text is not read)")
            }
        }
        if let m = try node.optional("min_contrast") {
            lettering.minContrast = try m.double()
            guard lettering.minContrast >= 0 else { throw m.error("min_contrast must not be negative") }
        }
        if let g = try node.optional("gap") {
            lettering.gap = try g.double()
            guard lettering.gap >= 1 else { throw g.error("gap must be at least 1 pixel (anti-aliased edges)") }
        }
        if let p = try node.optional("background_patterns") {
            lettering.backgroundPatterns = try weighted(
                p, what: "background pattern", all: BackgroundPattern.allCases.map(\.rawValue)
            ) { BackgroundPattern(rawValue: $0) }
            try checkShades(of: backgrounds, palette: palette, at: p)
        }
        return lettering
    }

    /// A pattern's shade must be no color an object or a text can take (nor a fill's tint of
    /// one): `verify` finds each such color only where its objects and texts are.
    static func checkShades(of backgrounds: [NamedColor], palette: Palette, at node: YAMLValue) throws(PlanError) {
        for b in backgrounds {
            let shade = BackgroundPattern.shade(of: b.rgb)
            for c in palette.colors where c.rgb == shade || FillStyle.tint(of: c.rgb) == shade {
                throw node.error(
                    "the pattern over background '\(b.name)' would be drawn in [\(shade.r), \(shade.g), \(shade.b)], which is color '\(c.name)' or its tint; leave out the pattern or that background"
                )
            }
        }
    }

    /// A word list, `assets/words/<name>.txt`: one text per line, blank lines and lines starting
    /// with `#` skipped. Returns the texts with their line numbers.
    static func loadWordList(_ node: YAMLValue, language: String, home: URL) throws(PlanError) -> (
        file: String, lines: [(Int, String)]
    ) {
        let name = try node.string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw node.error(
                "a word list is named by letters, digits, '-' or '_' (assets/words/<name>.txt), got '\(name)'")
        }
        let file = "assets/words/\(name).txt"
        let url = home.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw node.error("no word list \(file)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw node.error("\(file) is not UTF-8") }
        var lines: [(Int, String)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            lines.append((i + 1, line))
        }
        guard !lines.isEmpty else { throw node.error("\(file) holds no text") }
        return (file, lines)
    }
}
