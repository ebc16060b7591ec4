import Foundation
import SceneModel
import Typesetting

/// A chart that cannot be drawn on its canvas: a label wider than its place, a plot too small.
/// The sampler draws another chart (bounded retries); a record whose chart does not lay out is
/// an error naming what did not fit.
public struct ChartLayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "chart does not fit: \(message)" }
}

/// Lays a ``Chart`` out on a canvas: the same exact marks and text items every time for the
/// same chart and canvas (text is measured by the typesetter before it is placed), so the record,
/// which states the chart, redraws the image. Marks are numbered from `firstID`; text items are
/// returned untypeset, in reading order (title, legend, axis labels, tick labels, data labels).
public struct ChartLayout: Sendable {
    /// The color of text, axes and ticks.
    public static let ink = NamedColor(name: "black", rgb: RGB(0, 0, 0))
    /// Space between the canvas edge and anything drawn.
    public static let padding = 6.0
    /// Radius of a point mark; stroke width of a line.
    public static let pointRadius = 3.0
    public static let lineWidth = 2.0

    public var chart: Chart
    public var marks: [ChartMark] = []
    public var texts: [TextItem] = []
    /// The plot area (the pie's box for a pie).
    public var plot = Rect(minX: 0, minY: 0, maxX: 0, maxY: 0)
    /// Each text item's ink extent, to refuse overlapping labels before drawing anything.
    var extents: [Rect] = []

    let width: Double
    let height: Double
    let firstID: Int
    let typesetter: Typesetter

    /// Lays out `chart` on a `width` x `height` canvas.
    public init(
        _ chart: Chart, width: Int, height: Int, firstID: Int = 1, typesetter: Typesetter = .shared
    ) throws {
        self.chart = chart
        self.width = Double(width)
        self.height = Double(height)
        self.firstID = firstID
        self.typesetter = typesetter
        try lay()
        self.chart.plot = plot
    }

    /// `scene` with its chart's marks and typeset text (the scene unchanged when it has no
    /// chart): what the sampler drew, rebuilt from the chart alone for `render` and `verify`.
    public static func drawn(_ scene: Scene, typesetter: Typesetter = .shared) throws -> Scene {
        guard let chart = scene.chart else { return scene }
        let layout = try ChartLayout(chart, width: scene.width, height: scene.height, firstID: scene.objects.count + 1)
        var out = scene
        out.chart = layout.chart
        out.marks = layout.marks
        out.texts = layout.texts
        return try typesetter.typeset(out)
    }

    // MARK: Text

    func measure(_ text: String, size: Double) throws -> TextLayout {
        try typesetter.layout(text, font: FontName(family: chart.font), size: size, language: chart.language)
    }

    var lineHeight: Double {
        get throws {
            let l = try measure("0", size: chart.labelSize)
            return l.ascent + l.descent
        }
    }

    /// Adds a text item after checking its ink lies on the canvas.
    mutating func text(
        _ s: String, at p: Point, _ anchor: TextAnchor, role: String, size: Double? = nil, rotation: Double = 0,
        labels: Int? = nil
    ) throws {
        let size = size ?? chart.labelSize
        let layout = try measure(s, size: size)
        if let e = layout.inkExtent(at: p, anchor: anchor, rotation: rotation) {
            guard e.minX >= 0, e.minY >= 0, e.maxX <= width, e.maxY <= height else {
                throw ChartLayoutError("\(role) '\(s)' reaches past the canvas")
            }
            // Texts whose ink extents meet would draw over each other (the sampler's pixel
            // check is the judge; this only saves drawing a chart it would refuse).
            if let other = extents.firstIndex(where: { $0.intersects(e) }) {
                throw ChartLayoutError("\(role) '\(s)' overlaps '\(texts[other].text)'")
            }
            extents.append(e)
        }
        texts.append(
            TextItem(
                text: s, language: chart.language, font: chart.font, weight: "regular", size: size, rotation: rotation,
                color: ChartLayout.ink, position: p, anchor: anchor, readingOrder: texts.count, role: role,
                labels: labels))
    }

    // MARK: Marks

    @discardableResult
    mutating func mark(_ role: ChartMark.Role, series: Int?, index: Int?, color: NamedColor, _ contours: [[Point]])
        -> Int
    {
        let id = firstID + marks.count
        marks.append(ChartMark(id: id, role: role, series: series, index: index, color: color, contours: contours))
        return id
    }

    static func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [Point] {
        [Point(x: x0, y: y0), Point(x: x1, y: y0), Point(x: x1, y: y1), Point(x: x0, y: y1)]
    }

    /// A closed polygon of a disk, turning the same way as ``rect``.
    static func disk(_ c: Point, _ r: Double) -> [Point] {
        ShapeGeometry.unitCircle(radius: r).map { Point(x: c.x + r * $0.x, y: c.y + r * $0.y) }
    }

    /// A sector from angle `a0` to `a1` (radians, clockwise on screen from the +x axis).
    static func sector(_ c: Point, _ r: Double, _ a0: Double, _ a1: Double) -> [Point] {
        let n = max(2, Int((Double(ShapeGeometry.segments(radius: r)) * (a1 - a0) / (2 * .pi)).rounded(.up)))
        var out = [c]
        for i in 0...n {
            let t = a0 + (a1 - a0) * Double(i) / Double(n)
            out.append(Point(x: c.x + r * cos(t), y: c.y + r * sin(t)))
        }
        return out
    }

    /// A polyline stroked `w` wide: one quad per segment and a disk at each inner joint, all
    /// turning the same way so the non-zero rule fills their union.
    static func stroke(_ pts: [Point], _ w: Double) -> [[Point]] {
        var out: [[Point]] = []
        let h = w / 2
        for i in 1..<pts.count {
            let p = pts[i - 1]
            let q = pts[i]
            let len = max(1e-9, ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot())
            let n = Point(x: -(q.y - p.y) / len * h, y: (q.x - p.x) / len * h)
            // Segments run left to right, so this quad turns clockwise on screen like `rect`.
            out.append([
                Point(x: p.x - n.x, y: p.y - n.y), Point(x: q.x - n.x, y: q.y - n.y), Point(x: q.x + n.x, y: q.y + n.y),
                Point(x: p.x + n.x, y: p.y + n.y),
            ])
            if i < pts.count - 1 { out.append(disk(q, h)) }
        }
        return out
    }
}
