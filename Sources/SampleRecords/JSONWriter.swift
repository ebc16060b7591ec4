#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes JSON straight into bytes, with no intermediate values: every sample's record (10-20
/// KiB) and every format's files go through it.
///
/// Output follows the same rules as ``JSONValue``: no whitespace, UTF-8, doubles always with a
/// decimal point or exponent. Callers give object fields in ascending key order (byte order);
/// the consumer tests compare every written line with Python's `sort_keys` serialization.
///
/// The writer owns a raw growable buffer rather than an array (a record is some 3,000 small
/// appends); it is the one such buffer of the writers, and non-copyable so that the buffer
/// has exactly one owner.
public struct JSONWriter: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int
    /// Per open container (bit `depth - 1`), whether the next element needs a comma before it:
    /// a bit stack, so opening and closing containers allocates nothing. Records nest a few
    /// levels deep; 64 is far beyond any.
    @usableFromInline var needsComma: UInt64 = 0
    @usableFromInline var depth = 0
    /// True right after a field name: the value that follows needs no comma.
    @usableFromInline var afterKey = false

    public init(capacity: Int = 16384) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let target = buffer.baseAddress { target.update(from: base, count: count) }
            initialized = count
        }
    }

    /// Bytes written so far.
    public var byteCount: Int { count }

    // MARK: Raw output

    @inline(__always)
    @usableFromInline mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    @usableFromInline mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    @usableFromInline mutating func put(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    @usableFromInline mutating func put(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        reserve(buffer.count)
        (base + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    @usableFromInline mutating func put(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ put($0) }) != nil { return }
        var s = s
        s.withUTF8 { put($0) }
    }

    /// A JSON string literal with JSON's escapes.
    @inline(__always)
    @usableFromInline mutating func putString(_ s: String) {
        // The bytes in place when the string has them contiguous (native strings do).
        if s.utf8.withContiguousStorageIfAvailable({ putQuoted($0) }) != nil { return }
        var s = s
        s.withUTF8 { putQuoted($0) }
    }

    @usableFromInline mutating func putQuoted(_ buffer: UnsafeBufferPointer<UInt8>) {
        reserve(buffer.count + 2)
        base[count] = UInt8(ascii: "\"")
        count += 1
        // Checked and copied in one pass, eight bytes at a time.
        let n = buffer.count
        if let source = buffer.baseAddress, JSONWriter.copyIfPlain(from: source, count: n, to: base + count) {
            count += n
        } else if !JSONWriter.needsEscape(buffer) {
            put(buffer)
        } else {
            var start = 0
            for (i, b) in buffer.enumerated() where JSONWriter.byteNeedsEscape(b) {
                put(UnsafeBufferPointer(rebasing: buffer[start..<i]))
                putEscape(b)
                start = i + 1
            }
            put(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
        put(UInt8(ascii: "\""))
    }

    /// Copies `n` bytes to `target` (which has room) and returns true when none needs an
    /// escape; returns false, having copied a prefix, at the first word or byte that may.
    @inline(__always)
    @usableFromInline static func copyIfPlain(
        from source: UnsafePointer<UInt8>, count n: Int, to target: UnsafeMutablePointer<UInt8>
    )
        -> Bool
    {
        let raw = UnsafeRawPointer(source)
        let out = UnsafeMutableRawPointer(target)
        var i = 0
        while i + 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if wordNeedsEscape(x) { return false }
            out.storeBytes(of: x, toByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            if byteNeedsEscape(source[i]) { return false }
            target[i] = source[i]
            i += 1
        }
        return true
    }

    /// Whether any byte is a control character, `"` or `\`: eight bytes per step with the
    /// classic word tricks (a byte below n: `(x - n·ones) & ~x & highs`; a byte equal to c:
    /// the same for zero after `x ^ c·ones`). Text almost never needs escapes.
    @inline(__always)
    @usableFromInline static func needsEscape(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = buffer.baseAddress else { return false }
        let raw = UnsafeRawPointer(start)
        var i = 0
        let n = buffer.count
        while i + 8 <= n {
            if wordNeedsEscape(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i += 8
        }
        while i < n {
            if byteNeedsEscape(buffer[i]) { return true }
            i += 1
        }
        return false
    }

    /// Whether any of the eight bytes of `x` needs an escape (see ``needsEscape(_:)``).
    @inline(__always)
    @usableFromInline static func wordNeedsEscape(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = x ^ (ones &* 0x22)
        let backslash = x ^ (ones &* 0x5C)
        let hits = ((x &- ones &* 0x20) & ~x) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        return hits & highs != 0
    }

    @inline(__always)
    @usableFromInline static func byteNeedsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    @usableFromInline mutating func putEscape(_ byte: UInt8) {
        put(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): put(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): put(UInt8(ascii: "\\"))
        case 0x0A: put(UInt8(ascii: "n"))
        case 0x0D: put(UInt8(ascii: "r"))
        case 0x09: put(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            put(UInt8(ascii: "u"))
            put(UInt8(ascii: "0"))
            put(UInt8(ascii: "0"))
            put(hex.utf8Start[Int(byte >> 4)])
            put(hex.utf8Start[Int(byte & 15)])
        }
    }

    // MARK: Structure

    @inline(__always)
    @usableFromInline mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if needsComma & bit != 0 { put(UInt8(ascii: ",")) } else { needsComma |= bit }
    }

    @inline(__always)
    @inlinable public mutating func beginObject() {
        separate()
        put(UInt8(ascii: "{"))
        push()
    }

    @inline(__always)
    @usableFromInline mutating func push() {
        depth += 1
        needsComma &= ~(1 << UInt64(depth - 1))
    }

    @inline(__always)
    @inlinable public mutating func endObject() {
        depth -= 1
        put(UInt8(ascii: "}"))
    }

    @inlinable public mutating func beginArray() {
        separate()
        put(UInt8(ascii: "["))
        push()
    }

    @inlinable public mutating func endArray() {
        depth -= 1
        put(UInt8(ascii: "]"))
    }

    /// A field name; the value written next belongs to it. Names in the code are literals
    /// that need no escaping, so they are copied as they are.
    @inline(__always)
    @inlinable public mutating func key(_ name: StaticString) {
        separate()
        reserve(name.utf8CodeUnitCount + 3)
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: name.utf8Start, count: name.utf8CodeUnitCount)
        count += name.utf8CodeUnitCount + 1
        base[count] = UInt8(ascii: "\"")
        base[count + 1] = UInt8(ascii: ":")
        count += 2
        afterKey = true
    }

    /// A field name known only at run time (a language code, a file name).
    public mutating func key(string name: String) {
        separate()
        putString(name)
        put(UInt8(ascii: ":"))
        afterKey = true
    }

    // MARK: Values

    @inline(__always)
    public mutating func string(_ s: String) {
        separate()
        putString(s)
    }

    /// A JSON string of UTF-8 bytes (valid UTF-8: only JSON's escapes are applied).
    public mutating func string(utf8 bytes: [UInt8]) {
        separate()
        bytes.withUnsafeBufferPointer { putQuoted($0) }
    }

    @inline(__always)
    @inlinable public mutating func int(_ i: Int) {
        separate()
        putInt(i)
    }

    /// Digits written directly: formatting through String allocates per number.
    @usableFromInline mutating func putInt(_ i: Int) {
        reserve(20)
        if i == 0 {
            base[count] = UInt8(ascii: "0")
            count += 1
            return
        }
        var v = i.magnitude
        if i < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var digits = 0
        var probe = v
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        var k = count + digits - 1
        while v > 0 {
            base[k] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            k -= 1
        }
        count += digits
    }

    public mutating func double(_ d: Double) {
        separate()
        put(JSONValue.format(d))
    }

    public mutating func bool(_ b: Bool) {
        separate()
        put(b ? "true" : "false")
    }

    public mutating func null() {
        separate()
        put("null")
    }

    @inlinable public mutating func ints(_ values: [Int]) {
        beginArray()
        for v in values { int(v) }
        endArray()
    }

    /// A list of up to four integers without building an array (boxes, colors).
    @inlinable public mutating func ints(_ a: Int, _ b: Int, _ c: Int, _ d: Int? = nil) {
        beginArray()
        int(a)
        int(b)
        int(c)
        if let d { int(d) }
        endArray()
    }

    /// A value already serialized by another writer (trusted to be valid JSON).
    public mutating func raw(_ serialized: [UInt8]) {
        separate()
        serialized.withUnsafeBufferPointer { put($0) }
    }

    /// A value this writer already wrote, at bytes `start..<end`, written again (with a
    /// separator): repeated values are copied instead of serialized twice.
    public mutating func repeatValue(at start: Int, to end: Int) {
        separate()
        rawBytes(at: start, to: end)
    }

    /// Bytes this writer already wrote, at `start..<end`, written again as they are (no
    /// separator): a run of fields that reads the same in another item.
    public mutating func rawBytes(at start: Int, to end: Int) {
        precondition(start >= 0 && start <= end && end <= count, "repeated range outside the written bytes")
        let n = end - start
        reserve(n)
        (base + count).update(from: base + start, count: n)
        count += n
    }

    /// Bytes outside any JSON structure (a newline between records); no separator.
    public mutating func rawBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { put($0) }
    }

    // MARK: Fragments
    // For fixed-shape values written very often (program nodes), the caller writes the
    // punctuation itself: no separators or nesting are tracked for these.

    /// Literal JSON text, as is.
    public mutating func fragment(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Text known to need no escaping (a function name), without quotes or a separator.
    public mutating func fragment(text s: String) { put(s) }

    /// A string literal with escapes, without a separator.
    public mutating func fragment(string s: String) { putString(s) }

    /// An integer, without a separator.
    public mutating func fragment(int i: Int) { putInt(i) }

    /// Any ``JSONValue`` (for the rare nested value built elsewhere).
    public mutating func value(_ v: JSONValue) {
        separate()
        var out: [UInt8] = []
        v.write(into: &out)
        out.withUnsafeBufferPointer { put($0) }
    }
}
