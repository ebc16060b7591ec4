/// UTF-8 text assembled by appending, turned into a `String` once. A sentence is built from
/// a dozen or more short words, and appending to a `String` cost several times more per piece
/// than appending bytes (it was the largest single cost of describing).
public struct TextBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 128) { bytes.reserveCapacity(capacity) }

    public var isEmpty: Bool { bytes.isEmpty }

    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    public mutating func append(_ other: TextBuffer) { bytes.append(contentsOf: other.bytes) }

    /// Capitalises the first letter: ASCII directly, other scripts by Unicode case mapping.
    public mutating func capitalizeFirst() {
        guard let first = bytes.first else { return }
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            bytes[0] = first - 0x20
        } else if first >= 0x80 {
            // Decode the first scalar from the bytes: most non-ASCII text here is Chinese,
            // which has no case, and building a String to find out cost more than the sentence.
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.properties.isLowercase else {
                return
            }
            let text = string
            bytes = Array((text.prefix(1).uppercased() + text.dropFirst()).utf8)
        }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
