/// A PNG could not be encoded or decoded; the message says why.
public enum PNGError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option is out of range.
    case invalidOptions(String)
    /// Palette output was asked for an image with more than 256 colors.
    case tooManyColors(count: Int)
    /// The pixel buffer does not match the stated size.
    case invalidImage(String)
    /// libpng reported an error; its own message.
    case libpng(String)

    public var description: String {
        switch self {
        case .invalidOptions(let m): "invalid PNG options: \(m)"
        case .tooManyColors(let n):
            "the image has more than 256 colors (at least \(n)); palette PNG needs at most 256: use --png-color rgb or auto"
        case .invalidImage(let m): "invalid image: \(m)"
        case .libpng(let m): "libpng: \(m)"
        }
    }
}
