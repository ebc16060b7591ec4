import CPNGShim

/// CRC-32 (ISO 3309, the checksum of gzip, zip and PNG) as zlib computes it, so that outside
/// tools check the same value: `python3 -c "import zlib; print('%08x' % zlib.crc32(b'...'))"`.
/// Not a cryptographic hash: it tells a complete file from a truncated or altered one.
public struct CRC32: Sendable, Equatable {
    /// The checksum of everything added so far (0 for nothing).
    public private(set) var value: UInt32 = 0

    public init() {}

    /// The checksum of `bytes` alone.
    public init(_ bytes: ArraySlice<UInt8>) { add(bytes) }

    public init(_ bytes: [UInt8]) { add(bytes[...]) }

    /// Continues with `bytes`: adding a file in runs gives the checksum of the runs joined.
    public mutating func add(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        value = bytes.withUnsafeBufferPointer { swpng_crc32(value, $0.baseAddress, $0.count) }
    }

    /// Eight lowercase hex digits, as `crc32` tools and `'%08x' % zlib.crc32(...)` print it.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
