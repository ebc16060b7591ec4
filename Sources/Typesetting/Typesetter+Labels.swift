extension Typesetter {
    /// Fonts for report labels (statistics charts, `score.png`), by preference: the catalog's
    /// sans-serif families, those covering `language` first (a Chinese label is set in
    /// WenQuanYi Micro Hei, an English one in DejaVu Sans).
    public func labelFonts(language: String, bold: Bool) -> [FontName] {
        let sans = catalog.entries.filter { !$0.name.family.contains("Mono") && !$0.name.family.contains("Serif") }
        var families: [String] = []
        for e in sans.filter({ $0.languages.contains(language) }) + sans where !families.contains(e.name.family) {
            families.append(e.name.family)
        }
        return families.map { family in
            let hasBold = catalog.entries.contains { $0.name == FontName(family: family, weight: "bold") }
            return FontName(family: family, weight: bold && hasBold ? "bold" : "regular")
        }
    }

    /// A label read from data (any string) set in the first of ``labelFonts(language:bold:)``
    /// that is installed and has a glyph for every character; when none has them all, the
    /// first installed font with each character it lacks drawn as "?", so a label is never
    /// tofu and never an error. Throws only when no label font is installed (naming the
    /// package to install).
    public func labelLayout(_ text: String, language: String, size: Double, bold: Bool = false) throws(TypesettingError)
        -> TextLayout
    {
        var installed: [FontName] = []
        var firstError: TypesettingError?
        for name in labelFonts(language: language, bold: bold) {
            do {
                _ = try font(name)
                installed.append(name)
                return try layout(text, font: name, size: size, language: language)
            } catch {
                if case .missingGlyphs = error { continue }
                if firstError == nil { firstError = error }
            }
        }
        guard let first = installed.first else {
            throw firstError ?? .unknownFont("the font catalog has no sans-serif font for labels")
        }
        var covered = ""
        for c in text {
            let kept = c.isWhitespace || (try? layout(String(c), font: first, size: size, language: language)) != nil
            covered.append(kept ? c : "?")
        }
        return try layout(covered, font: first, size: size, language: language)
    }
}
