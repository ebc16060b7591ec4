/// A set of objects of one scene as a bit mask over their positions in `Scene.objects`.
/// The language engine describes scenes of at most 64 objects (larger scenes get captions only).
public struct ObjectSet: Hashable, Sendable, Sequence {
    public var bits: UInt64

    public init(bits: UInt64) { self.bits = bits }

    public static let empty = ObjectSet(bits: 0)

    public static func all(_ count: Int) -> ObjectSet {
        ObjectSet(bits: count >= 64 ? ~0 : (1 << UInt64(count)) - 1)
    }

    public static func single(_ index: Int) -> ObjectSet { ObjectSet(bits: 1 << UInt64(index)) }

    public var count: Int { bits.nonzeroBitCount }
    public var isEmpty: Bool { bits == 0 }
    public func contains(_ index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }
    public func intersection(_ o: ObjectSet) -> ObjectSet { ObjectSet(bits: bits & o.bits) }
    public func union(_ o: ObjectSet) -> ObjectSet { ObjectSet(bits: bits | o.bits) }
    public func removing(_ index: Int) -> ObjectSet { ObjectSet(bits: bits & ~(1 << UInt64(index))) }

    /// The only member, when there is exactly one.
    public var only: Int? { bits.nonzeroBitCount == 1 ? bits.trailingZeroBitCount : nil }

    /// Members in ascending order.
    public struct Iterator: IteratorProtocol {
        var bits: UInt64
        public mutating func next() -> Int? {
            guard bits != 0 else { return nil }
            let i = bits.trailingZeroBitCount
            bits &= bits - 1
            return i
        }
    }

    public func makeIterator() -> Iterator { Iterator(bits: bits) }

    /// Members in ascending order.
    public var indices: [Int] {
        var out: [Int] = []
        var b = bits
        while b != 0 {
            out.append(b.trailingZeroBitCount)
            b &= b - 1
        }
        return out
    }
}
