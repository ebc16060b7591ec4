/// Where a text item's position sits on its line box: left edge, center or right edge of the
/// advance, and top (ascender line), middle, baseline or bottom (descender line). Chart labels
/// use it to put a tick label's top center under its tick, a bar's value on its top, and so on.
public struct TextAnchor: Hashable, Sendable, CustomStringConvertible {
    public enum Horizontal: String, CaseIterable, Sendable { case left, center, right }
    public enum Vertical: String, CaseIterable, Sendable { case top, middle, baseline, bottom }

    public var horizontal: Horizontal
    public var vertical: Vertical

    public init(_ vertical: Vertical, _ horizontal: Horizontal) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    public static let center = TextAnchor(.middle, .center)

    /// "center" for the middle center, else "<vertical>_<horizontal>" ("top_left", "baseline_right").
    public var description: String {
        self == .center ? "center" : "\(vertical.rawValue)_\(horizontal.rawValue)"
    }

    /// Reads ``description`` back; nil for any other string.
    public init?(name: String) {
        if name == "center" {
            self = .center
            return
        }
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, let v = Vertical(rawValue: String(parts[0])),
            let h = Horizontal(rawValue: String(parts[1]))
        else { return nil }
        self.init(v, h)
    }
}

/// One word of a text item as drawn: its own entity in the id plane (so its box comes from the
/// pixels, as an object's does) and its outline in canvas pixels.
public struct TextWord: Hashable, Sendable {
    /// Its value in the id plane: after every object's id, unique in the scene.
    public var id: Int
    public var text: String
    /// Closed polygons in canvas pixels, filled with the non-zero rule (holes run the other way).
    public var contours: [[Point]]

    public init(id: Int, text: String, contours: [[Point]]) {
        self.id = id
        self.text = text
        self.contours = contours
    }
}

/// A line of text in a scene: what it says and how it is set, as the record states it, plus
/// the words the typesetter made of it (``words``, empty until typeset). Words are separated by
/// white space; a Chinese line without spaces is one word. Drawn after every object, in the
/// scene's order of text items.
public struct TextItem: Hashable, Sendable {
    public var text: String
    /// The language code of the text ("en", "zh"), which shaping uses.
    public var language: String
    /// The font family as a plan names it ("DejaVu Sans", "WenQuanYi Micro Hei").
    public var font: String
    /// "regular" or "bold".
    public var weight: String
    /// Pixels per em.
    public var size: Double
    /// Degrees, clockwise on screen, about ``position``.
    public var rotation: Double
    public var color: NamedColor
    /// Where ``anchor`` of the line box lies on the canvas.
    public var position: Point
    public var anchor: TextAnchor
    /// 0 for the item read first; unique in the scene.
    public var readingOrder: Int
    /// What the text is in the scene ("sign", "label", "title", "tick", …).
    public var role: String
    /// The object the text labels, by id; nil when it labels none.
    public var labels: Int?
    public var words: [TextWord]

    public init(
        text: String, language: String, font: String, weight: String, size: Double, rotation: Double,
        color: NamedColor, position: Point, anchor: TextAnchor, readingOrder: Int, role: String, labels: Int? = nil,
        words: [TextWord] = []
    ) {
        self.text = text
        self.language = language
        self.font = font
        self.weight = weight
        self.size = size
        self.rotation = rotation
        self.color = color
        self.position = position
        self.anchor = anchor
        self.readingOrder = readingOrder
        self.role = role
        self.labels = labels
        self.words = words
    }

    /// The words' extent on the canvas (nil before typesetting or for a text without ink).
    public var extent: Rect? {
        var r: Rect?
        for w in words {
            for c in w.contours {
                for p in c {
                    if let e = r {
                        r = Rect(
                            minX: min(e.minX, p.x), minY: min(e.minY, p.y), maxX: max(e.maxX, p.x),
                            maxY: max(e.maxY, p.y))
                    } else {
                        r = Rect(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)
                    }
                }
            }
        }
        return r
    }

    /// The text's words: runs of characters between white space, in order.
    public static func words(of text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace })
    }
}

/// What the rasterizer measured of one text item: the box of all its ink (every pixel any of
/// its words paints, anti-aliased edges included) and each word's measurement from the id plane.
public struct TextMeasurement: Hashable, Sendable {
    /// Box of every pixel the item's words paint; nil when they paint none.
    public var inkBox: PixelBox?
    /// Per word, in order: its pixels in the id plane (``ObjectMeasurement/bbox`` is its box).
    public var words: [ObjectMeasurement]

    public init(inkBox: PixelBox?, words: [ObjectMeasurement]) {
        self.inkBox = inkBox
        self.words = words
    }
}
