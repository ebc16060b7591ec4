import Testing

@testable import SceneModel

@Suite struct RandomTests {
    @Test func splitMixMatchesReferenceValues() {
        // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var g = SplitMix64(state: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func sameSeedSameStream() {
        var a = Xoshiro256(seed: 42)
        var b = Xoshiro256(seed: 42)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
    }

    @Test func intInRangeStaysInRangeAndCoversIt() {
        var g = Xoshiro256(seed: 1)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let v = g.int(in: 3...8)
            #expect((3...8).contains(v))
            seen.insert(v)
        }
        #expect(seen == Set(3...8))
    }

    @Test func weightedIndexFollowsWeights() {
        var g = Xoshiro256(seed: 9)
        var counts = [0, 0, 0]
        let n = 60_000
        for _ in 0..<n { counts[g.weightedIndex([1, 2, 0])] += 1 }
        #expect(counts[2] == 0)
        // Binomial standard deviation at n = 60000, p = 1/3 is about 115; allow 5 sigma.
        #expect(abs(counts[0] - n / 3) < 600)
    }

    @Test func sampleSeedsDependOnSeedIndexAndStreamOnly() {
        let a = SampleSeed.derive(runSeed: 7, index: 81234, stream: .attributes)
        #expect(a == SampleSeed.derive(runSeed: 7, index: 81234, stream: .attributes))
        #expect(a != SampleSeed.derive(runSeed: 7, index: 81235, stream: .attributes))
        #expect(a != SampleSeed.derive(runSeed: 8, index: 81234, stream: .attributes))
        #expect(a != SampleSeed.derive(runSeed: 7, index: 81234, stream: .text))
        #expect(
            SampleSeed.derive(runSeed: 7, index: 1, stream: .layout(attempt: 0))
                != SampleSeed.derive(runSeed: 7, index: 1, stream: .layout(attempt: 1)))
    }
}
