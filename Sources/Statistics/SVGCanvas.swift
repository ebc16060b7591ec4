import SceneModel
import Typesetting

/// An SVG document built element by element. Labels are drawn by the Typesetting module
/// (HarfBuzz shaping, FreeType outlines, the fonts samples are drawn with) as filled outlines,
/// so a Chinese label reads as Chinese whatever fonts the viewing machine has: each glyph outline
/// is defined once (`<defs>`) and placed by `<use>` in a group that keeps the label's string
/// (`aria-label`) and language (`lang`). Only when no label font is installed
/// is a label written as `<text>` for the viewer's fonts. The bytes depend only on the calls
/// made: coordinates are whole pixels (outlines a tenth of a pixel) and no number is written
/// through a locale.
struct SVGCanvas {
    /// Fonts the viewer uses for labels written as `<text>` (only when no label font is
    /// installed): a Latin face first, then CJK faces common on Linux, macOS and Windows.
    static let fontFamily =
        "DejaVu Sans, Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
    /// Font size of every label, in pixels.
    static let fontSize = 13

    let width: Int
    let height: Int
    private var body = ""
    /// Glyph outlines defined so far (path data to id) and their definitions, in first use.
    private var glyphIDs: [String: Int] = [:]
    private var defs = ""

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
    /// for text taken from the data, "en" for the chart's own words) and chooses the font
    /// (``Typesetter/labelLayout(_:language:size:bold:)``). `rotated` turns it a quarter
    /// counter-clockwise about (x, y), for a vertical axis title.
    mutating func text(
        _ text: String, x: Int, y: Int, language: String, anchor: Anchor = .start, color: RGB,
        bold: Bool = false, rotated: Bool = false
    ) {
        guard !text.isEmpty else { return }
        let label = Self.escaped(text)
        guard let layout = Self.layout(Self.sanitized(text), language: language, bold: bold) else {
            body += "<text x=\"\(x)\" y=\"\(y)\" lang=\"\(Self.escaped(language))\""
            if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
            if bold { body += " font-weight=\"bold\"" }
            if rotated { body += " transform=\"rotate(-90 \(x) \(y))\"" }
            body += " fill=\"\(Self.hex(color))\">\(label)</text>\n"
            return
        }
        let horizontal: TextAnchor.Horizontal =
            switch anchor {
            case .start: .left
            case .middle: .center
            case .end: .right
            }
        let a = layout.anchorPoint(TextAnchor(.baseline, horizontal))
        body += "<g lang=\"\(Self.escaped(language))\" aria-label=\"\(label)\" fill=\"\(Self.hex(color))\""
        if rotated { body += " transform=\"rotate(-90 \(x) \(y))\"" }
        body += ">"
        for g in layout.glyphOutlines {
            let ox = Int(((Double(x) - a.x + g.origin.x) * 10).rounded())
            let oy = Int(((Double(y) - a.y + g.origin.y) * 10).rounded())
            body += "<use xlink:href=\"#g\(glyphID(g.contours))\" x=\"\(Self.tenths(ox))\" y=\"\(Self.tenths(oy))\"/>"
        }
        body += "</g>\n"
    }

    /// The id of a glyph outline's definition (relative to its origin), added on first use.
    private mutating func glyphID(_ contours: [[Point]]) -> Int {
        let d = Self.pathData(contours)
        if let id = glyphIDs[d] { return id }
        let id = glyphIDs.count
        glyphIDs[d] = id
        defs += "<path id=\"g\(id)\" shape-rendering=\"geometricPrecision\" d=\"\(d)\"/>\n"
        return id
    }

    /// `text` as the label font sets it at ``fontSize``; nil when no label font is installed.
    static func layout(_ text: String, language: String, bold: Bool) -> TextLayout? {
        try? Typesetter.shared.labelLayout(text, language: language, size: Double(fontSize), bold: bold)
    }

    /// Closed polygons as SVG path data (filled by the non-zero rule, as the rasterizer fills
    /// glyphs), coordinates in tenths of a pixel; points that round onto the previous one are
    /// left out.
    static func pathData(_ contours: [[Point]]) -> String {
        var d = ""
        for c in contours {
            var last: (Int, Int)?
            var n = 0
            for p in c {
                let q = (Int((p.x * 10).rounded()), Int((p.y * 10).rounded()))
                if let last, last == q { continue }
                d += (n == 0 ? (d.isEmpty ? "M" : " M") : " L") + tenths(q.0) + " " + tenths(q.1)
                last = q
                n += 1
            }
            if n > 0 { d += " Z" }
        }
        return d
    }

    /// A number of tenths written as a decimal: 123 is "12.3", -5 is "-0.5", 40 is "4".
    static func tenths(_ v: Int) -> String {
        let sign = v < 0 ? "-" : ""
        let a = abs(v)
        return a % 10 == 0 ? sign + String(a / 10) : sign + String(a / 10) + "." + String(a % 10)
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
        out +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"\(width)\" height=\"\(height)\""
        out += " viewBox=\"0 0 \(width) \(height)\" lang=\"en\" shape-rendering=\"crispEdges\""
        out += " font-family=\"\(Self.fontFamily)\" font-size=\"\(Self.fontSize)\">\n"
        out += "<title>\(Self.escaped(title))</title>\n"
        if !defs.isEmpty { out += "<defs>\n" + defs + "</defs>\n" }
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

    /// `s` with the characters XML 1.0 forbids replaced by U+FFFD (what ``escaped(_:)`` keeps
    /// of it, before markup is escaped): the string a label is set from.
    static func sanitized(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let v = u.value
            let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v) || u == "\t" || u == "\n" || u == "\r"
            out.unicodeScalars.append(allowed ? u : "\u{FFFD}")
        }
        return out
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

    /// How wide `text` is drawn at ``fontSize``, in whole pixels, for laying out margins: the
    /// label font's advance; when no label font is installed, an estimate (East Asian wide
    /// characters a full em, others 0.6 em).
    static func width(of text: String, language: String = "en", bold: Bool = false) -> Int {
        if let layout = layout(sanitized(text), language: language, bold: bold) {
            return Int(layout.advance.rounded(.up))
        }
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
