/// 64 bits that tell data apart where 32 are too few (distinct texts counted over millions of
/// samples): zlib's CRC-32 and Adler-32 of the same bytes, independent of each other. Stable
/// across processes and machines, unlike `Hasher`, so counts built on it repeat byte for byte.
public struct Digest64: Sendable, Hashable {
    public let value: UInt64

    public init(_ bytes: [UInt8]) {
        value = UInt64(CRC32(bytes).value) << 32 | UInt64(Adler32(bytes).value)
    }

    public init(_ text: String) { self.init(Array(text.utf8)) }
}
