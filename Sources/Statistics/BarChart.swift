import SceneModel

/// One bar of a ``BarChart``.
public struct Bar: Sendable, Hashable {
    public var label: String
    public var value: Double
    /// The bar's fill; `nil` for the chart's default. Color charts pass the palette's own RGB.
    public var color: RGB?

    public init(label: String, value: Double, color: RGB? = nil) {
        self.label = label
        self.value = value
        self.color = color
    }
}

/// A bar chart written as SVG: labels are text in their own language (a `zh` dataset's answers
/// are Chinese characters, drawn by the viewer's fonts), and the bytes are the same on every run.
///
/// Vertical charts suit histograms (short numeric labels under the bars; labels that would
/// collide are skipped); horizontal charts suit categories with long names (labels at the left).
/// Every bar has a thin dark outline so a white palette color still shows on the white ground.
public struct BarChart: Sendable {
    public enum Orientation: Sendable { case vertical, horizontal }
    /// How tick and bar values are written.
    public enum ValueStyle: Sendable {
        /// Integers (counts).
        case count
        /// `value` is a fraction 0...1, written as a percentage.
        case percent
    }

    public var title: String
    public var bars: [Bar]
    public var orientation: Orientation
    public var valueStyle: ValueStyle
    /// Name of the category axis (under a vertical chart, above a horizontal chart's labels).
    public var categoryTitle: String
    /// Name of the value axis.
    public var valueTitle: String
    /// Language of the bar labels (a dataset language code for answers); titles are English.
    public var labelLanguage: String

    public init(
        title: String, bars: [Bar], orientation: Orientation, valueStyle: ValueStyle = .count,
        categoryTitle: String = "", valueTitle: String = "", labelLanguage: String = "en"
    ) {
        self.title = title
        self.bars = bars
        self.orientation = orientation
        self.valueStyle = valueStyle
        self.categoryTitle = categoryTitle
        self.valueTitle = valueTitle
        self.labelLanguage = labelLanguage
    }

    static let background = RGB(255, 255, 255)
    static let ink = RGB(30, 30, 30)
    static let grid = RGB(225, 225, 225)
    static let outline = RGB(80, 80, 80)
    public static let defaultBar = RGB(70, 130, 180)
    /// Height of a line of text, and how far its baseline sits below the line's top.
    static let lineHeight = 16
    static let ascent = 12
    /// Longest label drawn, in characters; longer ones are cut and end in "..".
    static let maxLabel = 28

    /// The axis scale: a "nice" step (1, 2 or 5 times a power of ten; whole numbers for counts)
    /// and the axis maximum, a multiple of the step at or above the largest value.
    static func ticks(maximum: Double, style: ValueStyle) -> (step: Double, top: Double) {
        let m = maximum > 0 ? maximum : 1
        let raw = m / 5
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        var step = magnitude
        for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= raw {
            step = magnitude * factor
            break
        }
        if style == .count { step = max(1, step.rounded()) }
        var top = (m / step).rounded(.up) * step
        if top <= 0 { top = step }
        return (step, top)
    }

    /// A count as an integer, a share as a percentage with at most one decimal ("12%", "12.5%").
    func format(_ v: Double) -> String {
        switch valueStyle {
        case .count: return String(Int(v.rounded()))
        case .percent:
            let tenths = Int((v * 1000).rounded())
            return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(abs(tenths % 10))%"
        }
    }

    static func clip(_ label: String) -> String {
        label.count <= maxLabel ? label : String(label.prefix(maxLabel - 2)) + ".."
    }

    /// The chart as an SVG document (UTF-8).
    public func svg() -> [UInt8] {
        switch orientation {
        case .vertical: return renderVertical().bytes(title: title)
        case .horizontal: return renderHorizontal().bytes(title: title)
        }
    }

    private func renderVertical() -> SVGCanvas {
        let maxValue = bars.map(\.value).max() ?? 0
        let (step, top) = Self.ticks(maximum: maxValue, style: valueStyle)
        let tickCount = Int((top / step).rounded())
        let tickLabels = (0...tickCount).map { format(Double($0) * step) }
        let labelWidth = tickLabels.map { SVGCanvas.width(of: $0) }.max() ?? 0
        let line = Self.lineHeight
        let left = 16 + line + 12 + labelWidth + 8
        let right = 24
        let topMargin = 16 + line + 20
        let bottom = 12 + line + 10 + line + 12
        let slot = max(10, min(48, 800 / max(bars.count, 1)))
        let plotWidth = max(bars.count * slot, 240)
        let plotHeight = 300
        let width = max(left + plotWidth + right, SVGCanvas.width(of: title) + 32)
        var c = SVGCanvas(width: width, height: topMargin + plotHeight + bottom, background: Self.background)
        c.text(title, x: 16, y: 16 + Self.ascent, language: "en", color: Self.ink, bold: true)
        let baseY = topMargin + plotHeight
        // Value axis: grid lines, ticks and their labels.
        for (k, label) in tickLabels.enumerated() {
            let y = baseY - Int((Double(k) * step / top * Double(plotHeight)).rounded())
            if k > 0 { c.line(x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: Self.grid) }
            c.line(x1: left - 5, y1: y, x2: left, y2: y, stroke: Self.ink)
            c.text(label, x: left - 8, y: y + 4, language: "en", anchor: .end, color: Self.ink)
        }
        c.text(
            valueTitle, x: 16 + Self.ascent, y: topMargin + plotHeight / 2, language: "en", anchor: .middle,
            color: Self.ink, rotated: true)
        // Bars and category labels (a label is skipped when it would touch the previous one).
        let gap = max(1, slot / 6)
        var lastLabelEnd = Int.min
        for (i, bar) in bars.enumerated() {
            let x = left + i * slot
            let h = Int((bar.value / top * Double(plotHeight)).rounded())
            if h > 0 {
                c.rect(
                    x: x + gap, y: baseY - h, width: slot - 2 * gap, height: h, fill: bar.color ?? Self.defaultBar,
                    stroke: Self.outline)
            }
            let label = Self.clip(bar.label)
            let w = SVGCanvas.width(of: label)
            let center = x + slot / 2
            if center - w / 2 > lastLabelEnd + 6 {
                c.line(x1: center, y1: baseY, x2: center, y2: baseY + 5, stroke: Self.ink)
                c.text(
                    label, x: center, y: baseY + 8 + Self.ascent, language: labelLanguage, anchor: .middle,
                    color: Self.ink)
                lastLabelEnd = center - w / 2 + w
            }
        }
        c.line(x1: left, y1: topMargin, x2: left, y2: baseY, stroke: Self.ink)
        c.line(x1: left, y1: baseY, x2: left + plotWidth, y2: baseY, stroke: Self.ink)
        c.text(
            categoryTitle, x: left + plotWidth / 2, y: baseY + 8 + line + 10 + Self.ascent, language: "en",
            anchor: .middle, color: Self.ink)
        return c
    }

    private func renderHorizontal() -> SVGCanvas {
        let maxValue = bars.map(\.value).max() ?? 0
        let (step, top) = Self.ticks(maximum: maxValue, style: valueStyle)
        let tickCount = Int((top / step).rounded())
        let labels = bars.map { Self.clip($0.label) }
        let labelWidth = max(
            labels.map { SVGCanvas.width(of: $0) }.max() ?? 0, SVGCanvas.width(of: categoryTitle))
        let line = Self.lineHeight
        let left = 16 + labelWidth + 12
        let row = line + 8
        let topMargin = 16 + line + 12 + line + 8
        let plotWidth = 520
        let right = 16 + SVGCanvas.width(of: "100000000")
        let plotHeight = max(bars.count, 1) * row
        let bottom = 8 + line + 10 + line + 12
        let width = max(left + plotWidth + right, SVGCanvas.width(of: title) + 32)
        var c = SVGCanvas(width: width, height: topMargin + plotHeight + bottom, background: Self.background)
        c.text(title, x: 16, y: 16 + Self.ascent, language: "en", color: Self.ink, bold: true)
        c.text(categoryTitle, x: 16, y: 16 + line + 12 + Self.ascent, language: "en", color: Self.outline)
        let baseY = topMargin + plotHeight
        for k in 0...tickCount {
            let x = left + Int((Double(k) * step / top * Double(plotWidth)).rounded())
            if k > 0 { c.line(x1: x, y1: topMargin, x2: x, y2: baseY, stroke: Self.grid) }
            c.line(x1: x, y1: baseY, x2: x, y2: baseY + 5, stroke: Self.ink)
            c.text(
                format(Double(k) * step), x: x, y: baseY + 8 + Self.ascent, language: "en", anchor: .middle,
                color: Self.ink)
        }
        for (i, bar) in bars.enumerated() {
            let y = topMargin + i * row
            let w = Int((bar.value / top * Double(plotWidth)).rounded())
            if w > 0 {
                c.rect(
                    x: left, y: y + 3, width: w, height: row - 6, fill: bar.color ?? Self.defaultBar,
                    stroke: Self.outline)
            }
            let baseline = y + (row - line) / 2 + Self.ascent
            c.text(labels[i], x: left - 10, y: baseline, language: labelLanguage, anchor: .end, color: Self.ink)
            c.text(format(bar.value), x: left + w + 6, y: baseline, language: "en", color: Self.outline)
        }
        c.line(x1: left, y1: topMargin, x2: left, y2: baseY, stroke: Self.ink)
        c.line(x1: left, y1: baseY, x2: left + plotWidth, y2: baseY, stroke: Self.ink)
        c.text(
            valueTitle, x: left + plotWidth / 2, y: baseY + 8 + line + 10 + Self.ascent, language: "en",
            anchor: .middle, color: Self.ink)
        return c
    }
}
