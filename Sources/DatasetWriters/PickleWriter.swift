import SampleRecords

/// A minimal Python pickle encoder (protocol 2) for JSON-like values: the REFER toolkit loads
/// its refs with `pickle.load`, so RefCOCO-style output needs pickle bytes, and Swift has no
/// pickler. Values are ``JSONValue``s, so dictionaries come out in sorted key order and the
/// bytes are deterministic.
///
/// Only protocol-2 opcodes are used (strings as `BINUNICODE`, not protocol 4's
/// `SHORT_BINUNICODE`), so any Python 2.3+ or 3 unpickler reads the output. No memo: values are
/// written as trees, and nothing is shared.
///
/// A list can be written in fragments that concatenate: ``listHeader``, then any number of
/// ``listFragment(_:)`` (each `item APPEND` per item), then ``stop``. Finalize joins per-shard
/// fragments that way, without ever holding the whole list; one `APPEND` per item (rather than
/// `MARK ... APPENDS` per fragment) makes the bytes independent of how the list was split.
public struct PickleWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    // Opcodes (Python's Lib/pickletools.py names).
    static let proto: UInt8 = 0x80
    static let stopOp = UInt8(ascii: ".")
    static let mark = UInt8(ascii: "(")
    static let emptyList = UInt8(ascii: "]")
    static let appends = UInt8(ascii: "e")
    static let append = UInt8(ascii: "a")
    static let emptyDict = UInt8(ascii: "}")
    static let setItems = UInt8(ascii: "u")
    static let none = UInt8(ascii: "N")
    static let newTrue: UInt8 = 0x88
    static let newFalse: UInt8 = 0x89
    static let binInt1 = UInt8(ascii: "K")
    static let binInt2 = UInt8(ascii: "M")
    static let binInt = UInt8(ascii: "J")
    static let long1: UInt8 = 0x8a
    static let binFloat = UInt8(ascii: "G")
    static let binUnicode = UInt8(ascii: "X")

    /// `PROTO 2` then an empty list: the start of a list written in fragments.
    public static let listHeader: [UInt8] = [proto, 2, emptyList]
    /// Ends a pickle.
    public static let stop: [UInt8] = [stopOp]

    /// A whole pickle of one value: `PROTO 2`, the value, `STOP`.
    public static func document(_ value: JSONValue) -> [UInt8] {
        var w = PickleWriter()
        w.bytes.append(contentsOf: [proto, 2])
        w.value(value)
        w.bytes.append(stopOp)
        return w.bytes
    }

    /// `item APPEND` for each item: appends `items` to the list on the unpickler's stack. Empty
    /// when `items` is, so fragments of empty shards vanish.
    public static func listFragment(_ items: [JSONValue]) -> [UInt8] {
        var w = PickleWriter()
        for item in items {
            w.value(item)
            w.bytes.append(append)
        }
        return w.bytes
    }

    /// Appends the opcodes that push `v`.
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: bytes.append(PickleWriter.none)
        case .bool(let b): bytes.append(b ? PickleWriter.newTrue : PickleWriter.newFalse)
        case .int(let i): int(i)
        case .double(let d):
            bytes.append(PickleWriter.binFloat)
            bytes.append(contentsOf: PickleWriter.littleEndian(d.bitPattern).reversed())
        case .string(let s): string(s)
        case .array(let items):
            bytes.append(PickleWriter.emptyList)
            guard !items.isEmpty else { return }
            bytes.append(PickleWriter.mark)
            for item in items { value(item) }
            bytes.append(PickleWriter.appends)
        case .object(let object):
            bytes.append(PickleWriter.emptyDict)
            guard !object.fields.isEmpty else { return }
            bytes.append(PickleWriter.mark)
            for field in object.fields {
                string(field.key)
                value(field.value)
            }
            bytes.append(PickleWriter.setItems)
        }
    }

    /// The shortest integer opcode: `BININT1`/`BININT2` for small non-negative values,
    /// `BININT` for 32-bit signed, else `LONG1` (little-endian two's complement, minimal length).
    public mutating func int(_ i: Int) {
        if i >= 0, i < 0x100 {
            bytes.append(contentsOf: [PickleWriter.binInt1, UInt8(i)])
        } else if i >= 0, i < 0x1_0000 {
            bytes.append(contentsOf: [PickleWriter.binInt2, UInt8(i & 0xff), UInt8(i >> 8)])
        } else if let i32 = Int32(exactly: i) {
            bytes.append(PickleWriter.binInt)
            bytes.append(contentsOf: PickleWriter.littleEndian(i32))
        } else {
            var le = PickleWriter.littleEndian(i)
            // Drop high bytes that only repeat the sign of the byte below them.
            while le.count > 1 {
                let top = le[le.count - 1]
                let signOfNext = le[le.count - 2] & 0x80
                if (top == 0 && signOfNext == 0) || (top == 0xff && signOfNext != 0) {
                    le.removeLast()
                } else {
                    break
                }
            }
            bytes.append(contentsOf: [PickleWriter.long1, UInt8(le.count)])
            bytes.append(contentsOf: le)
        }
    }

    /// `BINUNICODE`: 4-byte little-endian length, then UTF-8.
    public mutating func string(_ s: String) {
        bytes.append(PickleWriter.binUnicode)
        bytes.append(contentsOf: PickleWriter.littleEndian(UInt32(s.utf8.count)))
        bytes.append(contentsOf: s.utf8)
    }

    /// The integer's bytes, least significant first.
    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}
