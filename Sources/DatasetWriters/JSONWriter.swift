/// Writes JSON straight into bytes, with no intermediate values: the per-sample path writes a
/// record of 10-20 KiB, and building it as ``JSONValue`` first cost more than drawing the image.
///
/// Output follows the same rules as ``JSONValue``: no whitespace, UTF-8, doubles always with a
/// decimal point or exponent. Callers give object fields in ascending key order (byte order);
/// the consumer tests compare every written line with Python's `sort_keys` serialization.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Per open container (bit `depth - 1`), whether the next element needs a comma before it:
    /// a bit stack, so opening and closing containers allocates nothing. Records nest a few
    /// levels deep; 64 is far beyond any.
    private var needsComma: UInt64 = 0
    private var depth = 0

    public init(capacity: Int = 16384) { bytes.reserveCapacity(capacity) }

    /// True right after a field name: the value that follows needs no comma.
    private var afterKey = false

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if needsComma & bit != 0 { bytes.append(UInt8(ascii: ",")) } else { needsComma |= bit }
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        push()
    }

    private mutating func push() {
        depth += 1
        needsComma &= ~(1 << UInt64(depth - 1))
    }

    public mutating func endObject() {
        depth -= 1
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        push()
    }

    public mutating func endArray() {
        depth -= 1
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
        // Digits written directly: formatting through String allocates per number.
        if i == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var v = i.magnitude
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            }
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[k]) }
        }
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

    /// A list of up to four integers without building an array (boxes, colors).
    public mutating func ints(_ a: Int, _ b: Int, _ c: Int, _ d: Int? = nil) {
        beginArray()
        int(a)
        int(b)
        int(c)
        if let d { int(d) }
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
