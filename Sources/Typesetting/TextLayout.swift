import Foundation
import SceneModel

/// One line of text shaped and measured, not yet placed: what a sampler or a chart needs to
/// decide where text goes before drawing it. Coordinates are pixels relative to the pen's start
/// on the baseline, x right, y down.
public struct TextLayout: Sendable {
    public let text: String
    public let font: FontName
    public let size: Double
    public let language: String
    /// The pen's travel: the line box's width.
    public let advance: Double
    /// The line box above the baseline (positive) and below it (positive).
    public let ascent: Double
    public let descent: Double
    /// The text's words (runs between white space), in order.
    public let words: [String]
    /// The glyphs' outlines' extent (the ink), or nil for a text without ink (spaces only).
    public let inkBounds: Rect?

    struct Glyph: Sendable {
        var contours: [[Point]]
        var x: Double
        var y: Double
        var word: Int
    }
    let glyphs: [Glyph]

    init(text: String, font: Font, size: Double, language: String) throws(TypesettingError) {
        let shaped = try font.shape(text, language: language)
        let scale = size / font.unitsPerEm
        // Word of each UTF-8 offset: words are runs between white space.
        var wordOf = [Int](repeating: -1, count: text.utf8.count + 1)
        var words: [String] = []
        var offset = 0
        var inWord = false
        for c in text {
            let n = String(c).utf8.count
            if c.isWhitespace {
                inWord = false
            } else {
                if !inWord {
                    words.append("")
                    inWord = true
                }
                words[words.count - 1].append(c)
                for k in offset..<(offset + n) { wordOf[k] = words.count - 1 }
            }
            offset += n
        }
        var glyphs: [Glyph] = []
        var ink: Rect?
        for i in shaped.glyphs.indices {
            let word = wordOf[min(shaped.clusters[i], wordOf.count - 1)]
            guard word >= 0 else { continue }
            let contours = font.contours(glyph: shaped.glyphs[i], size: size)
            guard !contours.isEmpty else { continue }
            let gx = shaped.x[i] * scale
            let gy = -shaped.y[i] * scale
            for c in contours {
                for p in c {
                    let q = Point(x: p.x + gx, y: p.y + gy)
                    ink = TextLayout.grow(ink, q)
                }
            }
            glyphs.append(Glyph(contours: contours, x: gx, y: gy, word: word))
        }
        self.text = text
        self.font = font.name
        self.size = size
        self.language = language
        self.advance = shaped.advance * scale
        self.ascent = font.ascender * scale
        self.descent = font.descender * scale
        self.words = words
        self.inkBounds = ink
        self.glyphs = glyphs
    }

    static func grow(_ r: Rect?, _ p: Point) -> Rect {
        guard let r else { return Rect(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y) }
        return Rect(minX: min(r.minX, p.x), minY: min(r.minY, p.y), maxX: max(r.maxX, p.x), maxY: max(r.maxY, p.y))
    }

    /// The line box: from the pen's start to its end, ascender line to descender line.
    public var lineBox: Rect { Rect(minX: 0, minY: -ascent, maxX: advance, maxY: descent) }

    /// The point of the line box that `anchor` names.
    public func anchorPoint(_ anchor: TextAnchor) -> Point {
        let x =
            switch anchor.horizontal {
            case .left: 0.0
            case .center: advance / 2
            case .right: advance
            }
        let y =
            switch anchor.vertical {
            case .top: -ascent
            case .middle: (descent - ascent) / 2
            case .baseline: 0.0
            case .bottom: descent
            }
        return Point(x: x, y: y)
    }

    /// Maps layout coordinates to the canvas: `anchor` goes to `position`, turned `rotation`
    /// degrees clockwise about it.
    public func placement(at position: Point, anchor: TextAnchor, rotation: Double) -> (Point) -> Point {
        let a = anchorPoint(anchor)
        let r = rotation * Double.pi / 180
        let c = cos(r)
        let s = sin(r)
        return { p in
            let x = p.x - a.x
            let y = p.y - a.y
            return Point(x: position.x + c * x - s * y, y: position.y + s * x + c * y)
        }
    }

    /// The extent on the canvas of the ink placed so (nil for a text without ink).
    public func inkExtent(at position: Point, anchor: TextAnchor, rotation: Double) -> Rect? {
        let place = placement(at: position, anchor: anchor, rotation: rotation)
        // Unturned, placing is a translation, and rounding keeps the order of coordinates: the
        // placed ink's extremes are the placed extremes of `inkBounds`.
        let turn = rotation * Double.pi / 180
        if cos(turn) == 1, sin(turn) == 0 {
            return inkBounds.map { b in
                let low = place(Point(x: b.minX, y: b.minY))
                let high = place(Point(x: b.maxX, y: b.maxY))
                return Rect(minX: low.x, minY: low.y, maxX: high.x, maxY: high.y)
            }
        }
        var r: Rect?
        for g in glyphs {
            for c in g.contours {
                for p in c { r = TextLayout.grow(r, place(Point(x: p.x + g.x, y: p.y + g.y))) }
            }
        }
        return r
    }

    /// The line box's corners on the canvas placed so, clockwise from the top left.
    public func lineCorners(at position: Point, anchor: TextAnchor, rotation: Double) -> [Point] {
        let place = placement(at: position, anchor: anchor, rotation: rotation)
        let b = lineBox
        return [
            Point(x: b.minX, y: b.minY), Point(x: b.maxX, y: b.minY), Point(x: b.maxX, y: b.maxY),
            Point(x: b.minX, y: b.maxY),
        ].map(place)
    }

    /// Each word's contours on the canvas placed so, in word order.
    public func wordContours(at position: Point, anchor: TextAnchor, rotation: Double) -> [[[Point]]] {
        let place = placement(at: position, anchor: anchor, rotation: rotation)
        var out = [[[Point]]](repeating: [], count: words.count)
        for g in glyphs {
            for c in g.contours {
                out[g.word].append(c.map { place(Point(x: $0.x + g.x, y: $0.y + g.y)) })
            }
        }
        return out
    }
}

extension TextLayout {
    /// Each inked glyph's outline relative to its own origin, with that origin's position in
    /// layout coordinates (pen start on the baseline), in drawing order: for writers that
    /// define a glyph once and place it many times (the statistics charts' SVG).
    public var glyphOutlines: [(origin: Point, contours: [[Point]])] {
        glyphs.map { (Point(x: $0.x, y: $0.y), $0.contours) }
    }

    /// The ink's box (in layout coordinates, grown by `margin` pixels) turned and placed as the
    /// text is: its four corners clockwise from the top left; nil for a text without ink. Unlike
    /// ``inkExtent(at:anchor:rotation:)`` it follows a rotated text's slant, for fitting a label
    /// into a shape.
    public func inkCorners(at position: Point, anchor: TextAnchor, rotation: Double, grownBy margin: Double = 0)
        -> [Point]?
    {
        guard let b = inkBounds else { return nil }
        let place = placement(at: position, anchor: anchor, rotation: rotation)
        return [
            Point(x: b.minX - margin, y: b.minY - margin), Point(x: b.maxX + margin, y: b.minY - margin),
            Point(x: b.maxX + margin, y: b.maxY + margin), Point(x: b.minX - margin, y: b.maxY + margin),
        ].map(place)
    }
}
