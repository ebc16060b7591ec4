/// UTF-8 text assembled by appending, turned into a `String` once. A sentence is built from
/// a dozen or more short words, and appending to a `String` cost several times more per piece
/// than copying bytes (it was the largest single cost of describing). A class over a raw
/// buffer: appends are a capacity check and a copy, with no array uniqueness checks; the
/// describer reuses one buffer for the sentences of an image (``removeAll()``).
public final class TextBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    public init(capacity: Int = 128) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    public var isEmpty: Bool { count == 0 }

    /// Empties the buffer, keeping its storage: one buffer serves every sentence of an image.
    public func removeAll() { count = 0 }

    /// The bytes so far.
    public var bytes: [UInt8] { [UInt8](UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always)
    private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let newCapacity = max(count + n, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    public func append(_ buffer: UnsafeBufferPointer<UInt8>) { put(buffer) }

    @inline(__always)
    private func put(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        reserve(buffer.count)
        (base + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    /// Reads the string's bytes in place: `withUTF8` needs a mutable copy, and that copy's
    /// retain and release were the most frequent reference counting of describing.
    @inline(__always)
    public func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ put($0) }) != nil { return }
        var copy = s
        copy.withUTF8 { put($0) }
    }

    public func append(_ s: StaticString) {
        put(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    public func append(_ other: TextBuffer) {
        put(UnsafeBufferPointer(start: other.base, count: other.count))
    }

    /// Bytes written so far.
    public var byteCount: Int { count }

    /// Appends bytes `range` of another buffer (a phrase said once and kept there).
    @inline(__always)
    public func append(_ other: TextBuffer, _ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= other.count, "text range out of bounds")
        put(UnsafeBufferPointer(start: other.base + range.lowerBound, count: range.count))
    }

    /// Capitalises the first letter: ASCII directly, other scripts by Unicode case mapping.
    public func capitalizeFirst() {
        guard count > 0 else { return }
        let first = base[0]
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            base[0] = first - 0x20
        } else if first >= 0x80 {
            // Decode the first scalar from the bytes: most non-ASCII text here is Chinese,
            // which has no case, and building a String to find out cost more than the sentence.
            var decoder = UTF8()
            var iterator = UnsafeBufferPointer(start: base, count: count).makeIterator()
            // CJK punctuation, kana and ideographs (U+3000-U+9FFF) have no case: answered
            // without the Unicode property tables.
            guard case .scalarValue(let scalar) = decoder.decode(&iterator),
                !(0x3000..<0xA000).contains(scalar.value), scalar.properties.isLowercase
            else { return }
            let text = string
            let capitalized = Array((text.prefix(1).uppercased() + text.dropFirst()).utf8)
            count = 0
            capitalized.withUnsafeBufferPointer { put($0) }
        }
    }

    public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// The bytes so far, in place.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
