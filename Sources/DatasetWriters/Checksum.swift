/// A fast 64-bit checksum of bytes, for completion markers: it tells a finished shard file from a
/// truncated or altered one (not a cryptographic hash).
///
/// Four lanes each take every fourth eight-byte word through a multiply-xorshift, and are folded
/// together at the end with the tail and the length. One lane is a chain of dependent
/// multiplies (about six cycles per eight bytes, a tenth of a sample's time in a shard's
/// checksum); four independent lanes keep the multiplier busy, at a quarter of the time.
public struct Checksum: Sendable, Equatable {
    public let value: UInt64

    /// Sixteen lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func of(_ bytes: [UInt8]) -> Checksum { Stream(bytes[...]).checksum }

    /// Multiply-xorshift: every input bit reaches the high bits and the shift folds them back.
    @inline(__always)
    static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let x = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x >> 29)
    }

    /// The checksum of bytes given in runs: the same value however they are split (a shard
    /// file is summed as it is written, in buffer-sized runs), equal to ``of(_:)`` of the runs
    /// joined.
    public struct Stream: Sendable {
        private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
        private var b: UInt64 = 0xD1B5_4A32_D192_ED03
        private var c: UInt64 = 0x8CB9_2BA7_2F3D_8DD7
        private var d: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        /// Bytes of an unfinished 32-byte block, little-endian in four words, and how many.
        private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var pendingCount = 0
        /// Bytes added so far.
        public private(set) var count = 0

        public init() {}

        /// The sum of `bytes` alone.
        public init(_ bytes: ArraySlice<UInt8>) {
            bytes.withUnsafeBytes { add($0) }
        }

        public mutating func add(_ raw: UnsafeRawBufferPointer) {
            let n = raw.count
            count += n
            var i = 0
            while pendingCount > 0 && i < n {
                hold(raw[i])
                i += 1
                if pendingCount == 32 {
                    block(pending.0, pending.1, pending.2, pending.3)
                    pending = (0, 0, 0, 0)
                    pendingCount = 0
                }
            }
            while i + 32 <= n {
                block(
                    raw.loadUnaligned(fromByteOffset: i, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            while i < n {
                hold(raw[i])
                i += 1
            }
        }

        @inline(__always)
        private mutating func block(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
            a = Checksum.mix(a, w0)
            b = Checksum.mix(b, w1)
            c = Checksum.mix(c, w2)
            d = Checksum.mix(d, w3)
        }

        @inline(__always)
        private mutating func hold(_ byte: UInt8) {
            let shifted = UInt64(byte) << UInt64(8 * (pendingCount & 7))
            switch pendingCount >> 3 {
            case 0: pending.0 |= shifted
            case 1: pending.1 |= shifted
            case 2: pending.2 |= shifted
            default: pending.3 |= shifted
            }
            pendingCount += 1
        }

        /// The checksum of everything added: the lanes folded, then the unfinished block's
        /// whole words, its last partial word (marked, so trailing zeros count) and the length.
        public var checksum: Checksum {
            var h = Checksum.mix(Checksum.mix(Checksum.mix(a, b), c), d)
            let words = [pending.0, pending.1, pending.2, pending.3]
            let whole = pendingCount >> 3
            for k in 0..<whole { h = Checksum.mix(h, words[k]) }
            h = Checksum.mix(h, (whole < 4 ? words[whole] : 0) ^ 0xFF)
            return Checksum(value: Checksum.mix(h, UInt64(count)))
        }
    }
}
