/// Which of an object's attributes a filter names: "the red circle" names color and shape.
///
/// The raw values (size 1, fill 2, color 4, shape 8) are part of the output: masks are tried
/// and drawn in orders that follow them (ascending raw value within a number of attributes),
/// so renumbering them would change which questions and references a seed gives.
public struct AttributeMask: OptionSet, Hashable, Sendable {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let size = AttributeMask(rawValue: 1)
    public static let fill = AttributeMask(rawValue: 2)
    public static let color = AttributeMask(rawValue: 4)
    public static let shape = AttributeMask(rawValue: 8)

    /// How many attributes the mask names.
    public var count: Int { rawValue.nonzeroBitCount }

    /// All sixteen masks, by raw value (the empty mask first, all four attributes last).
    public static let every: [AttributeMask] = (0...15).map { AttributeMask(rawValue: $0) }

    /// All sixteen masks by number of attributes, ascending raw value within each number:
    /// none; size, fill, color, shape; the six pairs; the four triples; all four.
    static let byCount: [AttributeMask] = (0...4).flatMap { n in every.filter { $0.count == n } }

    /// One attribute each: size, fill, color, shape.
    static let singles: [AttributeMask] = [.size, .fill, .color, .shape]

    /// One or two attributes, the singles first: the order `exist` questions draw a filter's
    /// attributes in, and (after the empty mask) the order layered references are tried in.
    static let oneOrTwo: [AttributeMask] =
        singles + [
            [.size, .color], [.size, .shape], [.color, .shape], [.fill, .color], [.fill, .shape], [.size, .fill],
        ]
}

extension Attribute {
    /// The attribute as a mask.
    var mask: AttributeMask {
        switch self {
        case .size: .size
        case .fill: .fill
        case .color: .color
        case .shape: .shape
        }
    }
}

/// A set of attribute masks (an object's naming masks), one bit per mask's raw value, read in
/// ascending raw value.
struct MaskSet: RandomAccessCollection {
    let bits: UInt16

    init(bits: UInt16) { self.bits = bits }

    init(_ masks: [AttributeMask]) { bits = masks.reduce(0) { $0 | 1 << $1.rawValue } }

    /// The same masks without the empty one.
    var removingEmpty: MaskSet { MaskSet(bits: bits & ~1) }

    func intersection(_ other: MaskSet) -> MaskSet { MaskSet(bits: bits & other.bits) }

    var startIndex: Int { 0 }
    var endIndex: Int { bits.nonzeroBitCount }

    /// The k-th mask, ascending.
    subscript(k: Int) -> AttributeMask {
        precondition(k >= 0 && k < endIndex, "mask index out of range")
        var rest = bits
        for _ in 0..<k { rest &= rest - 1 }
        return AttributeMask(rawValue: rest.trailingZeroBitCount)
    }

    struct Iterator: IteratorProtocol {
        var rest: UInt16

        mutating func next() -> AttributeMask? {
            guard rest != 0 else { return nil }
            defer { rest &= rest - 1 }
            return AttributeMask(rawValue: rest.trailingZeroBitCount)
        }
    }

    func makeIterator() -> Iterator { Iterator(rest: bits) }
}
