/// SplitMix64: a tiny generator used to seed others and to derive independent seeds.
///
/// Scenewright uses its own generators (not the standard library's `random(in:)`, whose
/// algorithms may change between Swift versions) so that a seed means the same numbers forever.
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finalizer: a bijective 64-bit mix.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256**: the per-sample generator. Fast, 256 bits of state, good statistical quality.
public struct Xoshiro256: Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the four state words from SplitMix64, as the algorithm's authors recommend.
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform double in `range` (the upper bound is reached only when the range is empty).
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// A uniform integer in `range`, without modulo bias (Lemire's multiply-and-reject).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        var m = next().multipliedFullWidth(by: span)
        if m.low < span {
            let threshold = (0 &- span) % span
            while m.low < threshold { m = next().multipliedFullWidth(by: span) }
        }
        return range.lowerBound + Int(m.high)
    }

    /// An index drawn with probability proportional to `weights` (non-negative, positive sum).
    /// Inlinable so that callers in other modules get it specialized for their collection.
    @inlinable
    public mutating func weightedIndex<Weights: BidirectionalCollection>(_ weights: Weights) -> Int
    where Weights.Element == Double, Weights.Index == Int {
        var total = 0.0
        for w in weights { total += w }
        var target = unit() * total
        for (i, w) in weights.enumerated() {
            if target < w { return i }
            target -= w
        }
        return weights.lastIndex(where: { $0 > 0 }) ?? 0
    }
}

/// Seeds of samples: the sample with global index `i` of a run seeded `seed` draws from
/// streams that depend on `(seed, i)` only, never on workers, shards or other samples.
/// Separate streams keep one stage's draws from shifting another's: a rejected layout retries
/// with new positions but keeps the objects' attributes, so rejection does not bias them.
public enum SampleSeed {
    public enum Stream: Sendable {
        /// Object count and attributes.
        case attributes
        /// Positions, one stream per layout attempt.
        case layout(attempt: Int)
        /// Texts drawn into the scene (plans with `lettering:`), one stream per layout attempt.
        case lettering(attempt: Int)
        /// Template and wording choices of the describer.
        case text
        /// The describer's question, reference and negative choices.
        case questions
        /// The edits that make a sample's counterfactual twins.
        case twins
        /// Which caption a sample's one caption file holds, when a plan mixes them.
        case caption
        /// The describer's conversation choices (a stream of its own, so a plan without
        /// conversations draws exactly what it drew before they existed).
        case conversations
        /// What captions and references say about drawn text (plans with `lettering:`).
        case textClauses
        /// The canvas background's pattern (plans whose lettering offers patterns).
        case backgroundPattern

        var code: UInt64 {
            switch self {
            case .attributes: 1
            case .text: 2
            case .questions: 3
            case .twins: 4
            case .conversations: 5
            case .caption: 6
            case .textClauses: 7
            case .backgroundPattern: 8
            case .layout(let attempt): 0x100 &+ UInt64(truncatingIfNeeded: attempt)
            case .lettering(let attempt): 0x1_0000_0000 &+ UInt64(truncatingIfNeeded: attempt)
            }
        }
    }

    public static func derive(runSeed: UInt64, index: UInt64, stream: Stream) -> UInt64 {
        let a = SplitMix64.mix(runSeed ^ 0x5CE7_E3B1_D000_0000)
        let b = SplitMix64.mix(a &+ index &* 0x9E37_79B9_7F4A_7C15)
        return SplitMix64.mix(b ^ (stream.code &* 0xD1B5_4A32_D192_ED03))
    }

    /// A generator for one stream of one sample.
    public static func generator(runSeed: UInt64, index: UInt64, stream: Stream) -> Xoshiro256 {
        Xoshiro256(seed: derive(runSeed: runSeed, index: index, stream: stream))
    }
}

extension Xoshiro256 {
    /// A uniformly chosen element, nil for an empty collection.
    /// Inlinable (like ``shuffle(_:)``) so that it is specialized where it is called: as a
    /// generic call it read elements through the collection's witnesses, allocating per pick.
    @inlinable
    public mutating func pick<C: RandomAccessCollection>(_ c: C) -> C.Element? where C.Index == Int {
        c.isEmpty ? nil : c[c.startIndex + int(in: 0...(c.count - 1))]
    }

    /// The same draw as `pick(c.filter(isIncluded))`, without building the filtered list.
    @inlinable
    public mutating func pick<C: RandomAccessCollection>(_ c: C, where isIncluded: (C.Element) -> Bool) -> C.Element?
    where C.Index == Int {
        var matches = 0
        for e in c where isIncluded(e) { matches += 1 }
        guard matches > 0 else { return nil }
        var target = int(in: 0...(matches - 1))
        for e in c where isIncluded(e) {
            if target == 0 { return e }
            target -= 1
        }
        return nil
    }

    /// A coin flip.
    public mutating func coin() -> Bool { next() >> 63 == 1 }

    /// Fisher-Yates with this generator (the standard library's shuffle may change its use of
    /// the generator between versions).
    @inlinable
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = int(in: 0...i)
            if i != j { a.swapAt(i, j) }
        }
    }
}
