/// How an object's interior is painted.
///
/// - `solid`: the whole shape in the object's color.
/// - `outline`: only a band inside the boundary (``FillStyle/strokeWidth(radius:)`` wide); the
///   interior is empty and shows what lies beneath. The object owns only the band's pixels.
/// - `striped`, `dotted`: the shape in the object's color with a lighter tint pattern over it
///   (diagonal stripes, a grid of dots), so the named color stays dominant.
public enum Fill: String, CaseIterable, Sendable, Codable {
    case solid, outline, striped, dotted

    /// Position in `allCases`, for tables indexed by fill.
    public var ordinal: Int {
        switch self {
        case .solid: 0
        case .outline: 1
        case .striped: 2
        case .dotted: 3
        }
    }
}

/// The drawing parameters of fills, as pure functions of an object's radius, so that a sample
/// record (which stores the radius) is enough to redraw an image pixel for pixel.
public enum FillStyle {
    /// Width of an outline band in pixels.
    public static func strokeWidth(radius: Double) -> Double { max(2.0, 0.17 * radius) }
    /// Period of stripes and dots in pixels.
    public static func patternPeriod(radius: Double) -> Double { max(5.0, 0.42 * radius) }
    /// How far the pattern's tint moves the object's color toward white.
    public static let tintAmount = 0.6
    /// The tint used by striped and dotted fills.
    public static func tint(of color: RGB) -> RGB { color.mixed(with: RGB(255, 255, 255), tintAmount) }
}
