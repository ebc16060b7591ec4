import CPNGShim

/// Adler-32 as zlib computes it. Weaker than ``CRC32`` on short inputs, but independent of it:
/// the two together make a 64-bit digest for telling data apart within one run.
public struct Adler32: Sendable, Equatable {
    /// The checksum of everything added so far (1 for nothing).
    public private(set) var value: UInt32 = 1

    public init() {}

    /// The checksum of `bytes` alone.
    public init(_ bytes: [UInt8]) { add(bytes[...]) }

    /// Continues with `bytes`.
    public mutating func add(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        value = bytes.withUnsafeBufferPointer { swpng_adler32(value, $0.baseAddress, $0.count) }
    }
}
