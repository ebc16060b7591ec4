/// The text of a question, referring expression or negative, kept as the UTF-8 bytes it was
/// assembled in: the record's JSON copies the bytes; formats that need a `String` read
/// ``string``.
public struct ItemText: Hashable, Sendable, CustomStringConvertible {
    /// The text's UTF-8 bytes.
    public let utf8: [UInt8]

    public init(_ string: String) { utf8 = Array(string.utf8) }

    public init<Bytes: Sequence<UInt8>>(utf8 bytes: Bytes) { utf8 = Array(bytes) }

    public var string: String { String(decoding: utf8, as: UTF8.self) }

    public var description: String { string }

    public var isEmpty: Bool { utf8.isEmpty }
}
