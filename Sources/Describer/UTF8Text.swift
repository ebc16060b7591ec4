/// Sentences are assembled as UTF-8 bytes: template literals are bytes already, and item texts
/// (``ItemText``) keep them as bytes for the record.
extension Array where Element == UInt8 {
    /// An empty text with room for `capacity` bytes (a sentence is built by many appends).
    init(reservingCapacity capacity: Int) {
        self.init()
        reserveCapacity(capacity)
    }

    /// Appends the string's UTF-8 bytes in one piece: read in place when the string's storage is
    /// contiguous, else through `withUTF8`, which needs a mutable copy (a retain and a release).
    mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) != nil { return }
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    /// Capitalises the first letter: ASCII directly, other scripts by Unicode case mapping
    /// (text without case, such as Chinese, is left as it is). Lead bytes E3-E9 start
    /// U+3000-U+9FFF (CJK, kana, Bopomofo), which has no case.
    mutating func capitalizeFirst() {
        guard let first else { return }
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            self[0] = first - 0x20
        } else if first >= 0x80 && !(0xE3...0xE9).contains(first) {
            var decoder = UTF8()
            var bytes = makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&bytes), scalar.properties.isLowercase else { return }
            let text = String(decoding: self, as: UTF8.self)
            self = Array((text.prefix(1).uppercased() + text.dropFirst()).utf8)
        }
    }
}
