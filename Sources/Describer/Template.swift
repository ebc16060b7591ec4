/// A sentence pattern with named slots, e.g. `"{groups} on a {background} background."`,
/// parsed once when a lexicon loads so that an unknown slot is an error at load time.
///
/// Parts are plain values (a byte range of the literal text, or a slot and its form): a
/// sentence is said by walking them in a loop, with no strings compared, copied or reference
/// counted per part. Describing says some thirty sentences per image and language.
public struct Template: Sendable, Hashable {
    /// What a slot stands for.
    public enum Slot: String, CaseIterable, Sendable {
        // Caption slots.
        case background
        case countShapes = "count_shapes"
        case groups
        case shapeGroups = "shape_groups"
        case detailedGroups = "detailed_groups"
        case largest
        // Question and statement slots.
        case x = "X"
        case a = "A"
        case b = "B"
        case rel
        case n
        /// A written string (text questions).
        case w = "W"
    }

    /// How a slot is said: `{X.indef}` is slot `X` in the indefinite form.
    public enum Form: String, CaseIterable, Sendable {
        case plain = ""
        case indefinite = "indef"
        case plural
        case adjective = "adj"
    }

    public enum Part: Sendable, Hashable {
        /// Bytes of ``Template/literal``.
        case text(Range<Int>)
        case slot(Slot, Form)
    }

    public let parts: [Part]
    /// The literal text of every `.text` part, as UTF-8.
    let literal: [UInt8]
    public let source: String

    /// Parses `text`; every slot must be one of `slots` (full names such as `X.indef`).
    public init(_ text: String, slots: Set<String>) throws(TemplateError) {
        var parts: [Part] = []
        var literal: [UInt8] = []
        var start = 0
        var i = text.startIndex
        func closeText() {
            if literal.count > start { parts.append(.text(start..<literal.count)) }
            start = literal.count
        }
        while i < text.endIndex {
            let ch = text[i]
            if ch == "{" {
                guard let close = text[i...].firstIndex(of: "}") else {
                    throw TemplateError("unclosed '{' in template \"\(text)\"")
                }
                let name = String(text[text.index(after: i)..<close])
                let pieces = name.split(separator: ".", maxSplits: 1).map(String.init)
                guard slots.contains(name), let slot = Slot(rawValue: pieces.first ?? ""),
                    let form = Form(rawValue: pieces.count > 1 ? pieces[1] : "")
                else {
                    throw TemplateError(
                        "unknown slot {\(name)} in template \"\(text)\"; valid slots: \(slots.sorted().map { "{\($0)}" }.joined(separator: ", "))"
                    )
                }
                closeText()
                parts.append(.slot(slot, form))
                i = text.index(after: close)
            } else {
                literal.append(contentsOf: String(ch).utf8)
                i = text.index(after: i)
            }
        }
        closeText()
        self.parts = parts
        self.literal = literal
        self.source = text
    }
}

/// A template that cannot be parsed; the message says what is wrong in the text. Whoever read
/// the text adds where it is.
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
