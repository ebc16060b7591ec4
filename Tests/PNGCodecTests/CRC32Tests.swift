import Testing

@testable import PNGCodec

/// CRC-32 and Adler-32 are zlib's: the values every other tool computes.
@Suite struct CRC32Tests {
    static func bytes(_ n: Int, seed: UInt32) -> [UInt8] {
        var x = seed | 1
        return (0..<n).map { _ in
            x ^= x << 13
            x ^= x >> 17
            x ^= x << 5
            return UInt8(truncatingIfNeeded: x)
        }
    }

    /// The standard check values (`zlib.crc32(b"123456789")`, `zlib.adler32(...)`).
    @Test func knownValues() {
        let digits = Array("123456789".utf8)
        #expect(CRC32(digits).value == 0xCBF4_3926)
        #expect(CRC32(digits).hex == "cbf43926")
        #expect(Adler32(digits).value == 0x091E_01DE)
        #expect(CRC32([]).value == 0)
        #expect(CRC32([]).hex == "00000000")
        #expect(Adler32([]).value == 1)
        #expect(CRC32(Array("a".utf8)).hex == "e8b7be43")
    }

    /// A shard file is summed in the runs it is written in; the value must not depend on them.
    @Test func anySplitGivesTheWholeChecksum() {
        for n in [0, 1, 7, 8, 31, 32, 33, 1000, 4099] {
            let data = Self.bytes(n, seed: UInt32(n + 1))
            let whole = CRC32(data)
            for step in [1, 3, 64, 1000] {
                var crc = CRC32()
                var adler = Adler32()
                for start in stride(from: 0, to: n, by: step) {
                    crc.add(data[start..<min(n, start + step)])
                    adler.add(data[start..<min(n, start + step)])
                }
                #expect(crc == whole, "\(n) bytes in runs of \(step)")
                #expect(adler == Adler32(data), "\(n) bytes in runs of \(step)")
            }
        }
    }

    /// What a completion marker must notice: any changed byte, a truncation, trailing zeros.
    @Test func changesChangeTheChecksum() {
        let data = Self.bytes(517, seed: 1)
        let base = CRC32(data)
        for i in 0..<data.count {
            var changed = data
            changed[i] ^= 0x01
            #expect(CRC32(changed) != base, "bit flip at \(i)")
        }
        for n in [0, 1, 100, 516] { #expect(CRC32(Array(data[..<n])) != base) }
        #expect(CRC32(data + [0]) != base)
        #expect(CRC32([0]) != CRC32([0, 0]))
    }

    /// The folding CRC (64 bytes at a time, then zlib for the tail) equals the definition, a
    /// bit at a time, at every length around its block sizes and from a running value.
    @Test func foldingMatchesTheDefinition() {
        func reference(_ start: UInt32, _ bytes: ArraySlice<UInt8>) -> UInt32 {
            var crc = ~start
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }
        let data = Self.bytes(70_000, seed: 3)
        let lengths = Array(0...200) + [255, 256, 257, 1023, 1024, 4099, 65_536, 70_000]
        for n in lengths {
            for (start, offset) in [(UInt32(0), 0), (0xDEAD_BEEF, 3)] where offset + n <= data.count {
                var crc = CRC32()
                if start != 0 { crc.add(Self.bytes(5, seed: 7)[...]) }
                let before = crc.value
                crc.add(data[offset..<(offset + n)])
                #expect(crc.value == reference(before, data[offset..<(offset + n)]), "\(n) bytes at \(offset)")
            }
        }
    }
}
