import Yams

/// A YAML document as plain values, to change and write back: what `generate --focus` makes of
/// a plan file. Comments and anchors are not kept; mapping keys keep their file order.
public indirect enum YAMLTree: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: YAMLTree
        public init(_ key: String, _ value: YAMLTree) {
            self.key = key
            self.value = value
        }
    }

    /// A scalar's text; `quoted` when the file quoted it (so it stays a string).
    case scalar(String, quoted: Bool = false)
    case list([YAMLTree])
    case mapping([Entry])

    /// A number as YAML writes it: whole numbers without a point, others with up to 4 decimals.
    public static func number(_ x: Double) -> YAMLTree {
        let scaled = (x * 10_000).rounded()
        if scaled.truncatingRemainder(dividingBy: 10_000) == 0 { return .scalar(String(Int(scaled / 10_000))) }
        var digits = String(Int(scaled) % 10_000)
        while digits.count < 4 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return .scalar(String(Int(scaled) / 10_000) + "." + digits)
    }

    /// The tree of a parsed value; an alias is an error naming where it is.
    public init(_ value: YAMLValue) throws(PlanError) {
        switch value.node {
        case .scalar(let s): self = .scalar(s.string, quoted: s.style != .plain && s.style != .any)
        case .sequence: self = .list(try value.items().map { v throws(PlanError) in try YAMLTree(v) })
        case .mapping:
            self = .mapping(try value.entries().map { e throws(PlanError) in Entry(e.key, try YAMLTree(e.value)) })
        case .alias: throw value.error("aliases (*name) cannot be copied into a derived plan; write the value out")
        }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLTree? {
        get {
            guard case .mapping(let entries) = self else { return nil }
            return entries.first { $0.key == key }?.value
        }
        set {
            guard case .mapping(var entries) = self else { return }
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append(Entry(key, newValue))
            }
            self = .mapping(entries)
        }
    }

    /// The document as block-style YAML: mappings one key a line, indented by two spaces; lists
    /// of scalars in flow style (`[a, b]`), other lists one item a line. Ends with a newline.
    public var text: String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .mapping(let entries):
            for e in entries {
                out += pad + Self.quote(e.key, false) + ":"
                e.value.writeValue(to: &out, indent: indent)
            }
        case .list(let items):
            for item in items {
                out += pad + "-"
                switch item {
                case .mapping(let entries) where !entries.isEmpty:
                    // The first key on the dash's line, the rest below it.
                    var first = ""
                    YAMLTree.mapping(entries).write(to: &first, indent: indent + 2)
                    out += " " + first.dropFirst(indent + 2)
                default: item.writeValue(to: &out, indent: indent)
                }
            }
        case .scalar: out += pad + inline + "\n"
        }
    }

    /// After `key:` or `-`: a scalar or a flow list on the same line, else a block below.
    private func writeValue(to out: inout String, indent: Int) {
        switch self {
        case .mapping(let entries) where !entries.isEmpty:
            out += "\n"
            write(to: &out, indent: indent + 2)
        case .list(let items) where !items.allSatisfy(\.isScalar):
            out += "\n"
            write(to: &out, indent: indent + 2)
        default: out += " " + inline + "\n"
        }
    }

    private var isScalar: Bool { if case .scalar = self { true } else { false } }

    /// Scalars, flow lists of scalars, and empty collections on one line.
    private var inline: String {
        switch self {
        case .scalar(let s, let quoted): Self.quote(s, quoted)
        case .list(let items): "[" + items.map(\.inline).joined(separator: ", ") + "]"
        case .mapping: "{}"
        }
    }

    /// Plain when the text is letters, digits, spaces inside, `-`, `_`, `.` and `/` and does not
    /// start with a character YAML reads as syntax; else double-quoted with escapes.
    static func quote(_ s: String, _ quoted: Bool) -> String {
        let safe = s.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || " -_./".unicodeScalars.contains($0))
        }
        if !quoted, safe, let f = s.unicodeScalars.first, let l = s.unicodeScalars.last, f != " ", l != " ",
            f != "-" || s.count > 1 && s.unicodeScalars.dropFirst().first != " "
        {
            return s
        }
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 {
                    out += "\\x" + (c.value < 0x10 ? "0" : "") + String(c.value, radix: 16)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
