import SceneSampler

/// A sentence pattern with named slots, e.g. `"{groups} on a {background} background."`,
/// parsed once when a lexicon loads so that an unknown slot is an error at load time.
public struct Template: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        /// A slot's full name, and its name and form split at the dot (`X.indef`: `X`, `indef`).
        case slot(String, name: String, form: String)
    }

    let parts: [Part]
    public let source: String

    /// Parses `text`; every slot must be one of `slots`.
    public init(_ text: String, slots: Set<String>, at value: YAMLValue) throws(PlanError) {
        var parts: [Part] = []
        var literal = ""
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch == "{" {
                guard let close = text[i...].firstIndex(of: "}") else {
                    throw value.error("unclosed '{' in template \"\(text)\"")
                }
                let name = String(text[text.index(after: i)..<close])
                guard slots.contains(name) else {
                    throw value.error(
                        "unknown slot {\(name)} in template \"\(text)\"; valid slots: \(slots.sorted().map { "{\($0)}" }.joined(separator: ", "))"
                    )
                }
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                let pieces = name.split(separator: ".", maxSplits: 1)
                parts.append(
                    .slot(name, name: String(pieces.first ?? ""), form: pieces.count > 1 ? String(pieces[1]) : ""))
                i = text.index(after: close)
            } else {
                literal.append(ch)
                i = text.index(after: i)
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
        self.source = text
    }

    /// Slot names used, in order.
    public var slots: [String] {
        parts.compactMap { if case .slot(let s, _, _) = $0 { s } else { nil } }
    }

    /// Fills the slots and capitalises the first letter.
    public func render(_ fill: (String) -> String) -> String {
        render { full, _, _ in fill(full) }
    }

    /// Fills the slots, given each slot's name and form separately, and capitalises the first
    /// letter.
    public func render(_ fill: (_ slot: String, _ name: String, _ form: String) -> String) -> String {
        var t = TextBuffer(capacity: source.utf8.count + 64)
        render(into: &t) { slot, name, form, t in t.append(fill(slot, name, form)) }
        return t.string
    }

    /// Writes the sentence into `t`, each slot written by `fill`, and capitalises its first
    /// letter (`t` starts empty).
    public func render(
        into t: inout TextBuffer,
        _ fill: (_ slot: String, _ name: String, _ form: String, _ t: inout TextBuffer) -> Void
    ) {
        for part in parts {
            switch part {
            case .text(let text): t.append(text)
            case .slot(let s, let name, let form): fill(s, name, form, &t)
            }
        }
        t.capitalizeFirst()
    }
}
