import SceneModel

/// An SVG document built element by element. Text stays text, tagged with its language, so a
/// viewer draws every script (Chinese included) with its own fonts; the bytes depend only on the
/// calls made: coordinates are whole pixels and no number is written through a locale.
struct SVGCanvas {
    /// Fonts in order of preference: a Latin face first, then CJK faces common on Linux, macOS
    /// and Windows, so Chinese and Japanese labels find glyphs wherever the chart is opened.
    static let fontFamily =
        "DejaVu Sans, Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
    /// Font size of every label, in pixels.
    static let fontSize = 13

    let width: Int
    let height: Int
    private var body = ""

    init(width: Int, height: Int, background: RGB) {
        self.width = width
        self.height = height
        rect(x: 0, y: 0, width: width, height: height, fill: background)
    }

    enum Anchor: String {
        case start, middle, end
    }

    /// A rectangle; `fill` `nil` leaves it hollow.
    mutating func rect(x: Int, y: Int, width: Int, height: Int, fill: RGB?, stroke: RGB? = nil) {
        guard width > 0, height > 0 else { return }
        body += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\""
        body += " fill=\"\(fill.map(Self.hex) ?? "none")\""
        if let stroke { body += " stroke=\"\(Self.hex(stroke))\"" }
        body += "/>\n"
    }

    mutating func line(x1: Int, y1: Int, x2: Int, y2: Int, stroke: RGB) {
        body += "<line x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" stroke=\"\(Self.hex(stroke))\"/>\n"
    }

    /// `text` with its baseline at `y`; `language` is a BCP 47 code (the dataset's language code
    /// for text taken from the data, "en" for the chart's own words). `rotated` turns it a
    /// quarter counter-clockwise about (x, y), for a vertical axis title.
    mutating func text(
        _ text: String, x: Int, y: Int, language: String, anchor: Anchor = .start, color: RGB,
        bold: Bool = false, rotated: Bool = false
    ) {
        guard !text.isEmpty else { return }
        body += "<text x=\"\(x)\" y=\"\(y)\" lang=\"\(Self.escaped(language))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { body += " font-weight=\"bold\"" }
        if rotated { body += " transform=\"rotate(-90 \(x) \(y))\"" }
        body += " fill=\"\(Self.hex(color))\">\(Self.escaped(text))</text>\n"
    }

    /// A vertical color ramp from `stops.first` (top) to `stops.last` (bottom), evenly spaced.
    mutating func verticalRamp(id: String, stops: [RGB], x: Int, y: Int, width: Int, height: Int, stroke: RGB) {
        body += "<defs><linearGradient id=\"\(id)\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">\n"
        for (k, color) in stops.enumerated() {
            let percent = stops.count > 1 ? k * 100 / (stops.count - 1) : 0
            body += "<stop offset=\"\(percent)%\" stop-color=\"\(Self.hex(color))\"/>\n"
        }
        body += "</linearGradient></defs>\n"
        body += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"url(#\(id))\""
        body += " stroke=\"\(Self.hex(stroke))\"/>\n"
    }

    /// The whole document: UTF-8, one element per line, ending in a newline.
    func bytes(title: String) -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
        out += " viewBox=\"0 0 \(width) \(height)\" lang=\"en\" shape-rendering=\"crispEdges\""
        out += " font-family=\"\(Self.fontFamily)\" font-size=\"\(Self.fontSize)\">\n"
        out += "<title>\(Self.escaped(title))</title>\n"
        out += body
        out += "</svg>\n"
        return Array(out.utf8)
    }

    static func hex(_ c: RGB) -> String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [c.r, c.g, c.b] {
            s.append(digits[Int(v >> 4)])
            s.append(digits[Int(v & 15)])
        }
        return s
    }

    /// `s` as XML character data or an attribute value: markup characters escaped, and the
    /// characters XML 1.0 forbids (controls other than tab, newline, return; unpaired
    /// surrogates cannot occur in a Swift String) replaced by U+FFFD, so any label read from a
    /// dataset leaves the document well-formed.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                let v = u.value
                let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
                out.unicodeScalars.append(allowed ? u : "\u{FFFD}")
            }
        }
        return out
    }

    /// An estimate of how wide `text` is drawn at ``fontSize``, in pixels, for laying out
    /// margins: East Asian wide characters take a full em, others about 0.6 em. Renderers'
    /// fonts differ; margins leave room for that.
    static func width(of text: String) -> Int {
        var tenths = 0
        for u in text.unicodeScalars { tenths += isWide(u) ? 10 : 6 }
        return (tenths * fontSize + 9) / 10
    }

    /// Characters drawn a full em wide: CJK ideographs, kana, Hangul, CJK punctuation and
    /// full-width forms.
    static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default: return false
        }
    }
}
