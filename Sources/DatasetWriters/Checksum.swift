/// A fast 64-bit checksum of bytes, for completion markers: it tells a finished shard file from a
/// truncated or altered one (not a cryptographic hash). Eight bytes per step, so checking a
/// shard costs a small fraction of writing it.
public struct Checksum: Sendable {
    public private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
        // The length too, so that moving a byte between files changes the sum.
        mix(UInt64(bytes.count))
    }

    public mutating func add(_ raw: UnsafeRawBufferPointer) {
        var i = 0
        let n = raw.count
        while i + 8 <= n {
            mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(raw[i]) << shift
            shift += 8
            i += 1
        }
        mix(tail ^ 0xFF)
    }

    /// Multiply-xorshift per word: every input bit reaches the high bits and the shift folds
    /// them back, in four operations per eight bytes.
    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        let h = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value = h ^ (h >> 29)
    }

    /// Sixteen lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func of(_ bytes: [UInt8]) -> Checksum {
        var c = Checksum()
        c.add(bytes)
        return c
    }
}
