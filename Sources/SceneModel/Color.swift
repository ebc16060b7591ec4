/// An 8-bit sRGB color.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    public var description: String { "[\(r), \(g), \(b)]" }

    /// Linear interpolation in sRGB space, `t` = 0 gives `self`, 1 gives `other`.
    /// Used for pattern tints; the result is a pure function of its inputs.
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8(clamping: Int((Double(a) * (1 - t) + Double(b) * t).rounded()))
        }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }
}

/// A color with the name that text uses for it ("red", "light gray").
public struct NamedColor: Hashable, Sendable {
    public var name: String
    public var rgb: RGB

    public init(name: String, rgb: RGB) {
        self.name = name
        self.rgb = rgb
    }
}
