import PNGCodec

/// Turns a sample's object-id plane into a colored picture the page lays over the image.
///
/// The colors are computed here rather than in the browser because Chromium treats images
/// loaded from `file://` as cross-origin: a canvas that draws one cannot read its pixels back,
/// so a page opened from disk could not map ids to colors itself.
public enum MaskOverlay {
    /// Overlay colors by object id: id `k > 0` gets `colors[(k - 1) % colors.count]`; the
    /// background (id 0) is black. Neighbouring ids get far-apart hues so touching objects stay
    /// distinguishable.
    public static let colors: [(UInt8, UInt8, UInt8)] = [
        (230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200), (245, 130, 48), (145, 30, 180),
        (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212), (0, 128, 128), (220, 190, 255),
        (170, 110, 40), (255, 250, 200), (128, 0, 0), (170, 255, 195), (128, 128, 0), (255, 215, 180),
        (0, 0, 128), (128, 128, 128),
    ]

    /// The overlay color of an object id (black for the background).
    public static func color(of id: Int) -> (UInt8, UInt8, UInt8) {
        id <= 0 ? (0, 0, 0) : colors[(id - 1) % colors.count]
    }

    /// Decodes an id-plane PNG (8-bit gray, pixel = object id) and encodes its colored version.
    /// Palette PNG at the highest zlib level: a handful of flat colors, so files stay tiny.
    /// Returns the overlay and the plane's size.
    public static func colorize(maskPNG: [UInt8]) throws(PNGError) -> (png: [UInt8], width: Int, height: Int) {
        let plane = try PNGDecoder.decode(maskPNG)
        var rgb = [UInt8](repeating: 0, count: plane.width * plane.height * 3)
        var i = 0
        while i < rgb.count {
            // A gray PNG decodes to r == g == b == the id.
            let c = color(of: Int(plane.rgb[i]))
            rgb[i] = c.0
            rgb[i + 1] = c.1
            rgb[i + 2] = c.2
            i += 3
        }
        let encoder = try PNGEncoder(options: PNGOptions(level: 9, filter: .none, colorType: .auto))
        return (try encoder.encode(rgb: rgb, width: plane.width, height: plane.height), plane.width, plane.height)
    }
}
