import SceneModel
import Testing

@testable import DatasetWriters

@Suite struct ChecksumTests {
    static func bytes(_ n: Int, seed: UInt64) -> [UInt8] {
        var rng = Xoshiro256(seed: seed)
        return (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    /// A shard file is summed in the runs it is written in; the value must not depend on them.
    @Test func anySplitGivesTheWholeChecksum() {
        var rng = Xoshiro256(seed: 7)
        for n in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 1000, 4099] {
            let data = ChecksumTests.bytes(n, seed: UInt64(n))
            let whole = Checksum.of(data)
            for _ in 0..<20 {
                var stream = Checksum.Stream()
                var i = 0
                while i < n {
                    let step = min(n - i, rng.int(in: 0...40))
                    data[i..<(i + step)].withUnsafeBytes { stream.add($0) }
                    i += step
                }
                #expect(stream.checksum == whole, "\(n) bytes")
                #expect(stream.count == n)
            }
        }
    }

    /// What a completion marker must notice: any changed byte, a truncation, bytes moved
    /// between lanes, trailing zeros.
    @Test func changesChangeTheChecksum() {
        let data = ChecksumTests.bytes(517, seed: 1)
        let base = Checksum.of(data)
        for i in stride(from: 0, to: data.count, by: 3) {
            var changed = data
            changed[i] ^= 0x01
            #expect(Checksum.of(changed) != base, "bit flip at \(i)")
        }
        for n in [0, 1, 100, 516] { #expect(Checksum.of(Array(data[..<n])) != base) }
        #expect(Checksum.of(data + [0]) != base)
        #expect(Checksum.of([0]) != Checksum.of([0, 0]))
        #expect(Checksum.of([]) != Checksum.of([0]))
        var swapped = data
        swapped.swapAt(0, 8)
        #expect(Checksum.of(swapped) != base)
        #expect(Checksum.of(data).hex.count == 16)
    }
}
