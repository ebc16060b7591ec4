import Foundation

/// A font as plans and records name it: a family and a weight.
public struct FontName: Hashable, Sendable, CustomStringConvertible {
    public var family: String
    /// "regular" or "bold".
    public var weight: String

    public init(family: String, weight: String = "regular") {
        self.family = family
        self.weight = weight
    }

    public var description: String { weight == "regular" ? family : "\(family) \(weight)" }
}

/// The fonts Scenewright draws with: family and weight mapped to a Debian font file, with the
/// package that provides it, so a missing font is an error that says what to install.
public struct FontCatalog: Sendable {
    public struct Entry: Sendable, Hashable {
        public var name: FontName
        /// Relative to the catalog's root (/usr/share/fonts on Debian).
        public var file: String
        /// The face in a collection (.ttc); 0 for a single font.
        public var faceIndex: Int
        /// The Debian package that installs ``file``.
        public var package: String
        /// Language codes whose text the font covers (what plans may set in it).
        public var languages: [String]
    }

    public var root: String
    public var entries: [Entry]

    public init(root: String = "/usr/share/fonts", entries: [Entry] = FontCatalog.debianEntries) {
        self.root = root
        self.entries = entries
    }

    /// The shipped catalog: DejaVu (fonts-dejavu-core) for Latin text, WenQuanYi Micro Hei
    /// (fonts-wqy-microhei) for Chinese and Latin.
    public static let debianEntries: [Entry] = {
        func dejavu(_ family: String, _ weight: String, _ file: String) -> Entry {
            Entry(
                name: FontName(family: family, weight: weight), file: "truetype/dejavu/\(file)", faceIndex: 0,
                package: "fonts-dejavu-core", languages: ["en"])
        }
        return [
            dejavu("DejaVu Sans", "regular", "DejaVuSans.ttf"),
            dejavu("DejaVu Sans", "bold", "DejaVuSans-Bold.ttf"),
            dejavu("DejaVu Sans Mono", "regular", "DejaVuSansMono.ttf"),
            dejavu("DejaVu Sans Mono", "bold", "DejaVuSansMono-Bold.ttf"),
            dejavu("DejaVu Serif", "regular", "DejaVuSerif.ttf"),
            dejavu("DejaVu Serif", "bold", "DejaVuSerif-Bold.ttf"),
            Entry(
                name: FontName(family: "WenQuanYi Micro Hei"), file: "truetype/wqy/wqy-microhei.ttc", faceIndex: 0,
                package: "fonts-wqy-microhei", languages: ["zh", "en"]),
        ]
    }()

    /// The entry of `name`, or an error listing what the catalog has.
    public func entry(_ name: FontName) throws(TypesettingError) -> Entry {
        if let e = entries.first(where: { $0.name == name }) { return e }
        let weights = entries.filter { $0.name.family == name.family }.map(\.name.weight)
        if !weights.isEmpty {
            throw .unknownFont(
                "font '\(name.family)' has no \(name.weight) weight; available: \(weights.joined(separator: ", "))")
        }
        var families: [String] = []
        for e in entries where !families.contains(e.name.family) { families.append(e.name.family) }
        throw .unknownFont("unknown font family '\(name.family)'; available: \(families.joined(separator: ", "))")
    }

    /// The file of `name` on this machine, or an error naming the package to install.
    public func path(_ name: FontName) throws(TypesettingError) -> (path: String, faceIndex: Int) {
        let e = try entry(name)
        let path = root + "/" + e.file
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .missingFont(
                "font '\(name)' needs \(path), which is missing: install the Debian package \(e.package) "
                    + "(scripts/setup.sh installs it)")
        }
        return (path, e.faceIndex)
    }
}

/// Why text could not be set. Every case is a message naming the font, the file or the
/// characters concerned.
public enum TypesettingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The catalog has no such family or weight.
    case unknownFont(String)
    /// The catalog knows the font but its file is not installed.
    case missingFont(String)
    /// The file exists but FreeType or HarfBuzz cannot read it.
    case unreadableFont(String)
    /// The font has no glyph for some characters of the text.
    case missingGlyphs(text: String, characters: String, font: String)

    public var description: String {
        switch self {
        case .unknownFont(let m), .missingFont(let m), .unreadableFont(let m): m
        case .missingGlyphs(let text, let characters, let font):
            "font '\(font)' has no glyph for \(characters) (in \"\(text)\"); choose a font that covers the text's language"
        }
    }
}
