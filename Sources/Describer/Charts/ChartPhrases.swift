import SceneModel

/// What chart text says in each language, as data (`assets/charts/phrases.yaml`): per language
/// code, per key, its templates. Nested words are keyed "kind.pie", "axis.x".
public struct ChartPhrases: Sendable, Hashable {
    public var byLanguage: [String: [String: [String]]]

    public init(byLanguage: [String: [String: [String]]]) { self.byLanguage = byLanguage }

    /// The templates of `key` in `language` (English when the language has none).
    func templates(_ key: String, _ language: String) -> [String] {
        byLanguage[language]?[key] ?? byLanguage["en"]?[key] ?? [key]
    }

    /// The one word of `key` ("kind.pie").
    func word(_ key: String, _ language: String) -> String { templates(key, language)[0] }

    /// One template of `key`, chosen by `rng`, with its `{slot}`s filled from `slots`.
    func say(_ key: String, _ language: String, _ slots: [String: String], _ rng: inout Xoshiro256) -> String {
        fill(pick(key, language, &rng), slots)
    }

    /// One template of `key`, chosen by `rng` (its slots not filled).
    func pick(_ key: String, _ language: String, _ rng: inout Xoshiro256) -> String {
        let options = templates(key, language)
        return options[rng.int(in: 0...(options.count - 1))]
    }

    /// `template` with its `{slot}`s filled from `slots` (a slot without a value stays as it is).
    /// The braces are found among the UTF-8 bytes (ASCII, so never inside a character): a
    /// search by Character cost a grapheme break test per character.
    func fill(_ template: String, _ slots: [String: String]) -> String {
        let bytes = template.utf8
        var out = ""
        var start = bytes.startIndex
        while let open = bytes[start...].firstIndex(of: UInt8(ascii: "{")),
            let close = bytes[open...].firstIndex(of: UInt8(ascii: "}"))
        {
            out += template[start..<open]
            let name = String(template[bytes.index(after: open)..<close])
            out += slots[name] ?? "{\(name)}"
            start = bytes.index(after: close)
        }
        out += template[start...]
        return out
    }
}
