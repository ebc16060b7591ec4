import PNGCodec
import Rasterizer
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

/// A bar chart drawn pixel by pixel into a ``Canvas``: the statistics must be readable without
/// a plotting stack, and the PNG must be byte-identical from run to run, which a system font
/// renderer would not promise.
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
    /// Name of the category axis (under a vertical chart, left of a horizontal chart's labels).
    public var categoryTitle: String
    /// Name of the value axis.
    public var valueTitle: String

    public init(
        title: String, bars: [Bar], orientation: Orientation, valueStyle: ValueStyle = .count,
        categoryTitle: String = "", valueTitle: String = ""
    ) {
        self.title = title
        self.bars = bars
        self.orientation = orientation
        self.valueStyle = valueStyle
        self.categoryTitle = categoryTitle
        self.valueTitle = valueTitle
    }

    static let scale = 2
    static let charHeight = BitmapFont.glyphHeight * scale
    static let background = RGB(255, 255, 255)
    static let ink = RGB(30, 30, 30)
    static let grid = RGB(225, 225, 225)
    static let outline = RGB(80, 80, 80)
    public static let defaultBar = RGB(70, 130, 180)
    /// Longest label drawn; longer ones are cut and end in "..".
    static let maxLabel = 28

    /// The axis scale: a "nice" step (1, 2 or 5 times a power of ten; whole numbers for counts)
    /// and the axis maximum, a multiple of the step at or above the largest value.
    static func ticks(maximum: Double, style: ValueStyle) -> (step: Double, top: Double) {
        let m = maximum > 0 ? maximum : (style == .percent ? 1 : 1)
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

    func format(_ v: Double) -> String {
        switch valueStyle {
        case .count: return String(Int(v.rounded()))
        case .percent:
            let p = v * 100
            let tenths = (p * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
        }
    }

    static func clip(_ label: String) -> String {
        label.count <= maxLabel ? label : String(label.prefix(maxLabel - 2)) + ".."
    }

    /// The chart as an RGB canvas.
    public func render() -> Canvas {
        switch orientation {
        case .vertical: return renderVertical()
        case .horizontal: return renderHorizontal()
        }
    }

    /// The chart as PNG bytes.
    public func png() throws(PNGError) -> [UInt8] { try ChartImage.encode(render()) }

    private func renderVertical() -> Canvas {
        let s = Self.scale
        let maxValue = bars.map(\.value).max() ?? 0
        let (step, top) = Self.ticks(maximum: maxValue, style: valueStyle)
        let tickCount = Int((top / step).rounded())
        let tickLabels = (0...tickCount).map { format(Double($0) * step) }
        let labelWidth = tickLabels.map { BitmapFont.width(of: $0, scale: s) }.max() ?? 0
        let left = 16 + Self.charHeight + 12 + labelWidth + 8
        let right = 24
        let topMargin = 16 + Self.charHeight + 20
        let bottom = 12 + Self.charHeight + 10 + Self.charHeight + 12
        let slot = max(10, min(48, 800 / max(bars.count, 1)))
        let plotWidth = max(bars.count * slot, 240)
        let plotHeight = 300
        let width = max(left + plotWidth + right, BitmapFont.width(of: title, scale: s) + 32)
        let height = topMargin + plotHeight + bottom
        var c = Canvas(width: width, height: height, background: Self.background)
        BitmapFont.draw(title, x: 16, y: 16, scale: s, color: Self.ink, on: &c)
        let baseY = topMargin + plotHeight
        // Value axis: grid lines, ticks and their labels.
        for (k, label) in tickLabels.enumerated() {
            let y = baseY - Int((Double(k) * step / top * Double(plotHeight)).rounded())
            if k > 0 { fill(&c, x: left, y: y, w: plotWidth, h: 1, Self.grid) }
            fill(&c, x: left - 5, y: y, w: 5, h: 1, Self.ink)
            let w = BitmapFont.width(of: label, scale: s)
            BitmapFont.draw(label, x: left - 8 - w, y: y - Self.charHeight / 2, scale: s, color: Self.ink, on: &c)
        }
        BitmapFont.drawVertical(
            valueTitle, x: 12, y: topMargin + plotHeight / 2 + BitmapFont.width(of: valueTitle, scale: s) / 2,
            scale: s, color: Self.ink, on: &c)
        // Bars and category labels (a label is skipped when it would touch the previous one).
        let gap = max(1, slot / 6)
        var lastLabelEnd = Int.min
        for (i, bar) in bars.enumerated() {
            let x = left + i * slot
            let h = Int((bar.value / top * Double(plotHeight)).rounded())
            if h > 0 {
                fill(&c, x: x + gap, y: baseY - h, w: slot - 2 * gap, h: h, Self.outline)
                if slot - 2 * gap > 2, h > 2 {
                    fill(
                        &c, x: x + gap + 1, y: baseY - h + 1, w: slot - 2 * gap - 2, h: h - 1,
                        bar.color ?? Self.defaultBar)
                }
            }
            let label = Self.clip(bar.label)
            let w = BitmapFont.width(of: label, scale: s)
            let lx = x + slot / 2 - w / 2
            if lx > lastLabelEnd + 6 {
                fill(&c, x: x + slot / 2, y: baseY, w: 1, h: 5, Self.ink)
                BitmapFont.draw(label, x: lx, y: baseY + 8, scale: s, color: Self.ink, on: &c)
                lastLabelEnd = lx + w
            }
        }
        fill(&c, x: left, y: topMargin, w: 1, h: plotHeight + 1, Self.ink)
        fill(&c, x: left, y: baseY, w: plotWidth, h: 1, Self.ink)
        let tw = BitmapFont.width(of: categoryTitle, scale: s)
        BitmapFont.draw(
            categoryTitle, x: left + plotWidth / 2 - tw / 2, y: baseY + 8 + Self.charHeight + 10, scale: s,
            color: Self.ink, on: &c)
        return c
    }

    private func renderHorizontal() -> Canvas {
        let s = Self.scale
        let maxValue = bars.map(\.value).max() ?? 0
        let (step, top) = Self.ticks(maximum: maxValue, style: valueStyle)
        let tickCount = Int((top / step).rounded())
        let labels = bars.map { Self.clip($0.label) }
        let labelWidth = max(
            labels.map { BitmapFont.width(of: $0, scale: s) }.max() ?? 0, BitmapFont.width(of: categoryTitle, scale: s))
        let left = 16 + labelWidth + 12
        let row = Self.charHeight + 10
        let topMargin = 16 + Self.charHeight + 14 + Self.charHeight + 8
        let plotWidth = 520
        let right = 16 + BitmapFont.width(of: "100000000", scale: s)
        let plotHeight = max(bars.count, 1) * row
        let bottom = 8 + Self.charHeight + 10 + Self.charHeight + 12
        let width = max(left + plotWidth + right, BitmapFont.width(of: title, scale: s) + 32)
        let height = topMargin + plotHeight + bottom
        var c = Canvas(width: width, height: height, background: Self.background)
        BitmapFont.draw(title, x: 16, y: 16, scale: s, color: Self.ink, on: &c)
        BitmapFont.draw(
            categoryTitle, x: 16, y: 16 + Self.charHeight + 14, scale: s, color: Self.outline, on: &c)
        let baseY = topMargin + plotHeight
        for k in 0...tickCount {
            let x = left + Int((Double(k) * step / top * Double(plotWidth)).rounded())
            if k > 0 { fill(&c, x: x, y: topMargin, w: 1, h: plotHeight, Self.grid) }
            fill(&c, x: x, y: baseY, w: 1, h: 5, Self.ink)
            let label = format(Double(k) * step)
            let w = BitmapFont.width(of: label, scale: s)
            BitmapFont.draw(label, x: x - w / 2, y: baseY + 8, scale: s, color: Self.ink, on: &c)
        }
        for (i, bar) in bars.enumerated() {
            let y = topMargin + i * row
            let w = Int((bar.value / top * Double(plotWidth)).rounded())
            if w > 0 {
                fill(&c, x: left, y: y + 3, w: w, h: row - 6, Self.outline)
                if w > 2 { fill(&c, x: left, y: y + 4, w: w - 1, h: row - 8, bar.color ?? Self.defaultBar) }
            }
            let lw = BitmapFont.width(of: labels[i], scale: s)
            let ty = y + (row - Self.charHeight) / 2
            BitmapFont.draw(labels[i], x: left - 10 - lw, y: ty, scale: s, color: Self.ink, on: &c)
            BitmapFont.draw(format(bar.value), x: left + w + 6, y: ty, scale: s, color: Self.outline, on: &c)
        }
        fill(&c, x: left, y: topMargin, w: 1, h: plotHeight + 1, Self.ink)
        fill(&c, x: left, y: baseY, w: plotWidth, h: 1, Self.ink)
        let tw = BitmapFont.width(of: valueTitle, scale: s)
        BitmapFont.draw(
            valueTitle, x: left + plotWidth / 2 - tw / 2, y: baseY + 8 + Self.charHeight + 10, scale: s,
            color: Self.ink, on: &c)
        return c
    }
}

/// Where object centers fall on the canvas: a grid of counts shown as colors, so a layout bias
/// (everything near the middle, nothing at the edges) is visible at a glance.
public struct HeatMap: Sendable {
    public var title: String
    /// `counts[row][column]`, row 0 at the top of the image.
    public var counts: [[Int]]
    /// The image size the grid covers (axis labels are in these pixels).
    public var imageWidth: Int
    public var imageHeight: Int

    public init(title: String, counts: [[Int]], imageWidth: Int, imageHeight: Int) {
        self.title = title
        self.counts = counts
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
    }

    /// Sequential color ramp for a share `t` in 0...1 of the busiest cell (empty cells are grey).
    static func color(_ t: Double) -> RGB {
        let stops: [(Double, Double, Double)] = [(255, 245, 200), (254, 178, 76), (240, 59, 32), (128, 0, 38)]
        let x = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        func mix(_ a: Double, _ b: Double) -> UInt8 { UInt8((a + (b - a) * f).rounded()) }
        return RGB(
            mix(stops[i].0, stops[i + 1].0), mix(stops[i].1, stops[i + 1].1), mix(stops[i].2, stops[i + 1].2))
    }

    static let empty = RGB(235, 235, 235)

    public func render() -> Canvas {
        let s = BarChart.scale
        let ch = BarChart.charHeight
        let rows = max(counts.count, 1)
        let columns = max(counts.first?.count ?? 1, 1)
        let plotWidth = 480
        let aspect = imageWidth > 0 && imageHeight > 0 ? Double(imageHeight) / Double(imageWidth) : 1
        let plotHeight = max(Int((Double(plotWidth) * aspect).rounded()), 60)
        let left = 16 + BitmapFont.width(of: String(imageHeight), scale: s) + 12
        let topMargin = 16 + ch + 20
        let legendX = left + plotWidth + 24
        let peak = counts.flatMap { $0 }.max() ?? 0
        let width = max(
            legendX + 24 + 12 + BitmapFont.width(of: String(peak), scale: s) + 16,
            BitmapFont.width(of: title, scale: s) + 32)
        let height = topMargin + plotHeight + 8 + ch + 10 + ch + 12
        var c = Canvas(width: width, height: height, background: BarChart.background)
        BitmapFont.draw(title, x: 16, y: 16, scale: s, color: BarChart.ink, on: &c)
        for py in 0..<plotHeight {
            let r = min(py * rows / plotHeight, rows - 1)
            for px in 0..<plotWidth {
                let col = min(px * columns / plotWidth, columns - 1)
                let n = r < counts.count && col < counts[r].count ? counts[r][col] : 0
                c.setPixel(
                    x: left + px, y: topMargin + py,
                    n == 0 || peak == 0 ? Self.empty : Self.color(Double(n) / Double(peak)))
            }
        }
        c.strokeBox(
            PixelBox(x: left - 1, y: topMargin - 1, width: plotWidth + 2, height: plotHeight + 2), color: BarChart.ink)
        // Axis ticks at 0, half and the full image size, in image pixels.
        for k in 0...2 {
            let x = left + k * (plotWidth - 1) / 2
            fill(&c, x: x, y: topMargin + plotHeight + 1, w: 1, h: 5, BarChart.ink)
            let label = String(k * imageWidth / 2)
            let w = BitmapFont.width(of: label, scale: s)
            BitmapFont.draw(
                label, x: min(max(x - w / 2, 0), left + plotWidth - w), y: topMargin + plotHeight + 8, scale: s,
                color: BarChart.ink, on: &c)
            let y = topMargin + k * (plotHeight - 1) / 2
            fill(&c, x: left - 6, y: y, w: 5, h: 1, BarChart.ink)
            let yl = String(k * imageHeight / 2)
            BitmapFont.draw(
                yl, x: left - 8 - BitmapFont.width(of: yl, scale: s),
                y: min(max(y - ch / 2, topMargin), topMargin + plotHeight - ch),
                scale: s, color: BarChart.ink, on: &c)
        }
        let axis = "x (px), y down (px)"
        BitmapFont.draw(
            axis, x: left + plotWidth / 2 - BitmapFont.width(of: axis, scale: s) / 2,
            y: topMargin + plotHeight + 8 + ch + 10, scale: s, color: BarChart.ink, on: &c)
        // Legend: the ramp from the busiest cell (top) to one center (bottom).
        for py in 0..<plotHeight {
            let t = 1 - Double(py) / Double(max(plotHeight - 1, 1))
            fill(&c, x: legendX, y: topMargin + py, w: 24, h: 1, Self.color(t))
        }
        c.strokeBox(PixelBox(x: legendX - 1, y: topMargin - 1, width: 26, height: plotHeight + 2), color: BarChart.ink)
        BitmapFont.draw(String(peak), x: legendX + 32, y: topMargin, scale: s, color: BarChart.ink, on: &c)
        BitmapFont.draw(
            peak > 0 ? "1" : "0", x: legendX + 32, y: topMargin + plotHeight - ch, scale: s, color: BarChart.ink, on: &c
        )
        return c
    }

    public func png() throws(PNGError) -> [UInt8] { try ChartImage.encode(render()) }
}

/// Encoding shared by every chart: default PNG settings (deterministic bytes on one zlib).
enum ChartImage {
    static func encode(_ canvas: Canvas) throws(PNGError) -> [UInt8] {
        try PNGEncoder(options: PNGOptions(level: 6)).encode(
            rgb: canvas.pixels, width: canvas.width, height: canvas.height)
    }
}

/// Fills a rectangle, clipped to the canvas.
func fill(_ c: inout Canvas, x: Int, y: Int, w: Int, h: Int, _ color: RGB) {
    let x0 = max(x, 0)
    let x1 = min(x + w, c.width)
    let y0 = max(y, 0)
    let y1 = min(y + h, c.height)
    guard x0 < x1, y0 < y1 else { return }
    for yy in y0..<y1 {
        for xx in x0..<x1 { c.setPixel(x: xx, y: yy, color) }
    }
}
