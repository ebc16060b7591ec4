/// Writes JSON straight into bytes, with no intermediate values: the per-sample path writes a
/// record of 10-20 KiB, and building it as ``JSONValue`` first cost more than drawing the image.
///
/// Output follows the same rules as ``JSONValue``: no whitespace, UTF-8, doubles always with a
/// decimal point or exponent. Callers give object fields in ascending key order (byte order);
/// the consumer tests compare every written line with Python's `sort_keys` serialization.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Per open container: whether the next element needs a comma before it.
    private var needsComma: [Bool] = []

    public init(capacity: Int = 16384) { bytes.reserveCapacity(capacity) }

    /// True right after a field name: the value that follows needs no comma.
    private var afterKey = false

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A field name; the value written next belongs to it.
    public mutating func key(_ name: String) {
        separate()
        JSONValue.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    private mutating func value() { separate() }

    public mutating func string(_ s: String) {
        value()
        JSONValue.writeString(s, into: &bytes)
    }

    public mutating func int(_ i: Int) {
        value()
        bytes.append(contentsOf: String(i).utf8)
    }

    public mutating func double(_ d: Double) {
        value()
        bytes.append(contentsOf: JSONValue.format(d).utf8)
    }

    public mutating func bool(_ b: Bool) {
        value()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    public mutating func ints(_ values: [Int]) {
        beginArray()
        for v in values { int(v) }
        endArray()
    }

    /// A value already serialized by another writer (trusted to be valid JSON).
    public mutating func raw(_ serialized: [UInt8]) {
        value()
        bytes.append(contentsOf: serialized)
    }

    /// Any ``JSONValue`` (for the rare nested value built elsewhere).
    public mutating func value(_ v: JSONValue) {
        value()
        v.write(into: &bytes)
    }
}
