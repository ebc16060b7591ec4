/// How the canvas's background is painted beneath everything: its plain color, or diagonal
/// stripes or a grid of dots in a shade of it (plans whose `lettering:` offers
/// `background_patterns`). The background owns its pattern: the id plane stays 0 there. The
/// shade and the period are fixed functions of the background color, so a record that names
/// the pattern redraws it pixel for pixel.
public enum BackgroundPattern: String, CaseIterable, Sendable {
    case plain, striped, dotted

    /// How far the pattern's color moves the background toward black: a faint shade (white
    /// gives [237, 237, 237]) that shows, while Tesseract still reads most text over it
    /// (docs/LEGIBILITY.md: 18% cost it 20 more points of character accuracy than 7%).
    public static let shadeAmount = 0.07
    /// Period of the stripes and dots in pixels (stripes a quarter period wide, dots of a fifth
    /// of it in radius, as in striped and dotted fills).
    public static let period = 12.0

    /// The pattern's color over `background`.
    public static func shade(of background: RGB) -> RGB { background.mixed(with: RGB(0, 0, 0), shadeAmount) }

    /// The fill whose pattern it draws; nil for plain.
    public var fill: Fill? {
        switch self {
        case .plain: nil
        case .striped: .striped
        case .dotted: .dotted
        }
    }

    /// The colors the background shows: its own, and its shade when patterned.
    public func colors(over background: RGB) -> [RGB] {
        self == .plain ? [background] : [background, Self.shade(of: background)]
    }
}
