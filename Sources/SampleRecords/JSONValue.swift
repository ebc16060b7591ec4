/// A JSON document with deterministic serialization: object keys sorted (``JSONObject``),
/// no whitespace, UTF-8 without BOM, integers as integers and doubles always with a decimal
/// point or exponent (so readers infer a float column). The record format's only encoder.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Serialized bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out)
        return out
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: JSONValue.format(d).utf8)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (i, field) in fields.fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(field.key, into: &out)
                out.append(UInt8(ascii: ":"))
                field.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Shortest round-trip form, always marked as a float ("2.0", not "2").
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let s = d.description
        if s.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return s
        }
        return s + ".0"
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        let plain = s.withUTF8 { buf -> Bool in
            for b in buf where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: buf)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array(("\\u" + zeroPadded(Int(byte), width: 4, radix: 16)).utf8))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Parses JSON text (used to read records back, e.g. by `render`). Numbers with a
    /// fraction or exponent become `.double`, others `.int`. A key repeated in one object keeps
    /// its last value, unless `rejectingDuplicateKeys` (then it is an error naming the key).
    public static func parse(_ bytes: [UInt8], rejectingDuplicateKeys: Bool = false) throws(JSONParseError) -> JSONValue
    {
        var parser = JSONParser(bytes: bytes)
        parser.rejectDuplicateKeys = rejectingDuplicateKeys
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var intValue: Int? {
        switch self {
        case .int(let i): i
        case .double(let d) where d == d.rounded(): Int(exactly: d)
        default: nil
        }
    }
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
}

/// The fields of a JSON object, kept sorted by key (Unicode scalar order, which for the ASCII
/// keys of every Scenewright format is byte order) and unique (the last value given wins), so
/// serialization is the same whatever order fields were added in. Small objects are the norm:
/// a sorted array beats a dictionary here, with no hashing on the per-sample path.
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(key: String, value: JSONValue)]

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        fields = []
        fields.reserveCapacity(elements.count)
        for (k, v) in elements { self[k] = v }
    }

    public init(_ pairs: [(String, JSONValue)]) {
        fields = []
        fields.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var keys: [String] { fields.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get { fields.first { $0.key == key }?.value }
        set {
            // Insertion keeps the order; objects are small, so a linear scan is cheapest.
            // Fields usually arrive in order (every writer sorts them): append at once.
            if let last = fields.last, last.key < key, let newValue {
                fields.append((key, newValue))
                return
            }
            var i = 0
            while i < fields.count, fields[i].key < key { i += 1 }
            if i < fields.count, fields[i].key == key {
                if let newValue { fields[i].value = newValue } else { fields.remove(at: i) }
            } else if let newValue {
                fields.insert((key, newValue), at: i)
            }
        }
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for f in fields {
            hasher.combine(f.key)
            hasher.combine(f.value)
        }
    }
}
