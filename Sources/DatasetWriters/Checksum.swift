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
    fileprivate mutating func mix(_ word: UInt64) {
        let h = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        value = h ^ (h >> 29)
    }

    /// Sixteen lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The checksum of bytes given in runs: equal to ``of(_:)`` of the runs joined, however
    /// they are split (a shard file is summed as it is written, in buffer-sized runs).
    public struct Stream: Sendable {
        private var sum = Checksum()
        /// Bytes of an unfinished eight-byte word, little-endian, and how many.
        private var pending: UInt64 = 0
        private var pendingCount = 0
        public private(set) var count = 0

        public init() {}

        public mutating func add(_ raw: UnsafeRawBufferPointer) {
            let n = raw.count
            count += n
            var i = 0
            while pendingCount > 0 && i < n {
                pending |= UInt64(raw[i]) << UInt64(8 * pendingCount)
                pendingCount += 1
                i += 1
                if pendingCount == 8 {
                    sum.mix(pending)
                    pending = 0
                    pendingCount = 0
                }
            }
            while i + 8 <= n {
                sum.mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            while i < n {
                pending |= UInt64(raw[i]) << UInt64(8 * pendingCount)
                pendingCount += 1
                i += 1
            }
        }

        /// The checksum of everything added.
        public var checksum: Checksum {
            var c = sum
            c.mix(pending ^ 0xFF)
            c.mix(UInt64(count))
            return c
        }
    }

    public static func of(_ bytes: [UInt8]) -> Checksum {
        var c = Checksum()
        c.add(bytes)
        return c
    }
}
