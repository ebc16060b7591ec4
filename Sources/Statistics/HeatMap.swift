import SceneModel

/// Where object centers fall on the canvas: a grid of counts shown as colors, so a layout bias
/// (everything near the middle, nothing at the edges) is visible at a glance. Written as SVG,
/// one rectangle per non-empty cell.
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

    /// The sequential ramp, from few centers to the busiest cell.
    static let stops = [RGB(255, 245, 200), RGB(254, 178, 76), RGB(240, 59, 32), RGB(128, 0, 38)]
    /// Cells no center fell in.
    static let empty = RGB(235, 235, 235)
    static let plotWidth = 480

    /// The ramp's color for a share `t` in 0...1 of the busiest cell.
    static func color(_ t: Double) -> RGB {
        let x = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * f).rounded()) }
        return RGB(mix(stops[i].r, stops[i + 1].r), mix(stops[i].g, stops[i + 1].g), mix(stops[i].b, stops[i + 1].b))
    }

    /// The plot's height for ``plotWidth``: the image's aspect ratio, at least 60 pixels.
    var plotHeight: Int {
        let aspect = imageWidth > 0 && imageHeight > 0 ? Double(imageHeight) / Double(imageWidth) : 1
        return max(Int((Double(Self.plotWidth) * aspect).rounded()), 60)
    }

    /// The chart as an SVG document (UTF-8).
    public func svg() -> [UInt8] {
        let ink = BarChart.ink
        let line = BarChart.lineHeight
        let ascent = BarChart.ascent
        let rows = max(counts.count, 1)
        let columns = max(counts.first?.count ?? 1, 1)
        let plotWidth = Self.plotWidth
        let plotHeight = self.plotHeight
        let left = 16 + SVGCanvas.width(of: String(imageHeight)) + 12
        let topMargin = 16 + line + 20
        let legendX = left + plotWidth + 24
        let peak = counts.flatMap { $0 }.max() ?? 0
        let width = max(
            legendX + 24 + 12 + SVGCanvas.width(of: String(peak)) + 16, SVGCanvas.width(of: title) + 32)
        let height = topMargin + plotHeight + 8 + line + 10 + line + 12
        var c = SVGCanvas(width: width, height: height, background: BarChart.background)
        c.text(title, x: 16, y: 16 + ascent, language: "en", color: ink, bold: true)
        c.rect(x: left, y: topMargin, width: plotWidth, height: plotHeight, fill: Self.empty)
        for (r, row) in counts.prefix(rows).enumerated() {
            let y0 = topMargin + r * plotHeight / rows
            let y1 = topMargin + (r + 1) * plotHeight / rows
            for (col, n) in row.prefix(columns).enumerated() where n > 0 && peak > 0 {
                let x0 = left + col * plotWidth / columns
                let x1 = left + (col + 1) * plotWidth / columns
                c.rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: Self.color(Double(n) / Double(peak)))
            }
        }
        c.rect(x: left, y: topMargin, width: plotWidth, height: plotHeight, fill: nil, stroke: ink)
        // Axis ticks at 0, half and the full image size, in image pixels.
        let anchors: [SVGCanvas.Anchor] = [.start, .middle, .end]
        for k in 0...2 {
            let x = left + k * plotWidth / 2
            c.line(x1: x, y1: topMargin + plotHeight, x2: x, y2: topMargin + plotHeight + 5, stroke: ink)
            c.text(
                String(k * imageWidth / 2), x: x, y: topMargin + plotHeight + 8 + ascent, language: "en",
                anchor: anchors[k], color: ink)
            let y = topMargin + k * plotHeight / 2
            c.line(x1: left - 6, y1: y, x2: left, y2: y, stroke: ink)
            c.text(
                String(k * imageHeight / 2), x: left - 8,
                y: min(max(y + 4, topMargin + ascent), topMargin + plotHeight),
                language: "en", anchor: .end, color: ink)
        }
        c.text(
            "x (px), y down (px)", x: left + plotWidth / 2, y: topMargin + plotHeight + 8 + line + 10 + ascent,
            language: "en", anchor: .middle, color: ink)
        // Legend: the ramp from the busiest cell (top) to one center (bottom).
        c.verticalRamp(
            id: "ramp", stops: Self.stops.reversed(), x: legendX, y: topMargin, width: 24, height: plotHeight,
            stroke: ink)
        c.text(String(peak), x: legendX + 32, y: topMargin + ascent, language: "en", color: ink)
        c.text(peak > 0 ? "1" : "0", x: legendX + 32, y: topMargin + plotHeight, language: "en", color: ink)
        return c.bytes(title: title)
    }
}
