import Foundation
import SceneModel

/// The layout of each kind: the title and legend on top, then axes, tick labels and data
/// marks (bars, lines with points, scatter points), or a pie with labels around it. Data marks
/// come first in the marks (in table order), then axes and ticks, then legend swatches.
extension ChartLayout {
    mutating func lay() throws {
        let pad = ChartLayout.padding
        let lh = try lineHeight
        var top = pad
        try text(
            chart.title, at: Point(x: width / 2, y: top), TextAnchor(.top, .center), role: "title",
            size: chart.titleSize)
        let title = try measure(chart.title, size: chart.titleSize)
        top += title.ascent + title.descent + 4
        let legendTop = top
        if chart.legend { top += lh + 4 }
        switch chart.kind {
        case .pie: try layPie(top: top, lh: lh)
        default: try layCartesian(top: top, lh: lh)
        }
        if chart.legend { try layLegend(top: legendTop, lh: lh) }
    }

    /// Legend entries in one centered row: a swatch and a name each.
    mutating func layLegend(top: Double, lh: Double) throws {
        let names = chart.kind == .pie ? chart.categories : chart.series.map(\.name)
        let colors = chart.kind == .pie ? chart.sliceColors : chart.series.map(\.color)
        let swatch = 9.0
        let advances = try names.map { try measure($0, size: chart.labelSize).advance }
        let total = advances.reduce(0) { $0 + swatch + 3 + $1 } + 12 * Double(max(0, names.count - 1))
        guard total <= width - 2 * ChartLayout.padding else {
            throw ChartLayoutError("the legend is wider than the canvas")
        }
        var x = ((width - total) / 2).rounded(.down)
        let mid = (top + lh / 2).rounded()
        for (i, name) in names.enumerated() {
            let id = mark(
                .legend, series: chart.kind == .pie ? 0 : i, index: chart.kind == .pie ? i : nil, color: colors[i],
                [ChartLayout.rect(x, mid - swatch / 2, x + swatch, mid + swatch / 2)])
            try text(name, at: Point(x: x + swatch + 3, y: mid), TextAnchor(.middle, .left), role: "legend", labels: id)
            x += swatch + 3 + advances[i] + 12
        }
    }

    mutating func layCartesian(top: Double, lh: Double) throws {
        let pad = ChartLayout.padding
        let horizontal = chart.kind == .horizontalBar
        let categorical = chart.kind != .scatter
        let valueTicks = chart.scale.ticks.map { chart.format($0) }
        let xScale = chart.xScale ?? chart.scale
        let bottomTicks: [String] =
            horizontal ? valueTicks : (categorical ? chart.categories : xScale.ticks.map { xScale.format($0) })
        let leftTicks = horizontal ? chart.categories : valueTicks
        let bottomLabel = horizontal ? chart.valueLabel : chart.categoryLabel
        let leftLabel = horizontal ? chart.categoryLabel : chart.valueLabel

        var bottom = height - pad
        let bottomLabelY = bottom
        if !bottomLabel.isEmpty { bottom -= lh + 2 }
        let plotBottom = (bottom - lh - 6).rounded(.down)
        var left = pad
        let leftLabelX = left
        if !leftLabel.isEmpty { left += lh + 2 }
        let leftWidths = try leftTicks.map { try measure($0, size: chart.labelSize).advance }
        let plotLeft = (left + (leftWidths.max() ?? 0) + 7).rounded(.up)
        var right = width - pad
        if !categorical || horizontal {
            right -= (try measure(bottomTicks.last ?? "", size: chart.labelSize).advance / 2).rounded(.up)
        }
        if horizontal && chart.dataLabels {
            let widest = try chart.points.map { try measure(chart.format($0.value), size: chart.labelSize).advance }
            right = min(right, width - pad - (widest.max() ?? 0) - 4)
        }
        let plotRight = right.rounded(.down)
        var plotTop = top + lh / 2
        if chart.dataLabels && !horizontal { plotTop = top + lh + 4 }
        plotTop = plotTop.rounded(.up)
        guard plotRight - plotLeft >= 40, plotBottom - plotTop >= 40 else {
            throw ChartLayoutError("the plot area is \(Int(plotRight - plotLeft))x\(Int(plotBottom - plotTop)) px")
        }
        plot = Rect(minX: plotLeft, minY: plotTop, maxX: plotRight, maxY: plotBottom)

        // Data marks first, in table order.
        let n = Double(max(1, chart.categories.count))
        let ns = Double(chart.series.count)
        let along = horizontal ? plotBottom - plotTop : plotRight - plotLeft
        let slot = along / n
        func valueAt(_ v: Double) -> Double {
            horizontal
                ? plotLeft + chart.scale.fraction(v) * (plotRight - plotLeft)
                : plotBottom - chart.scale.fraction(v) * (plotBottom - plotTop)
        }
        func slotCenter(_ k: Int) -> Double {
            horizontal ? plotTop + (Double(k) + 0.5) * slot : plotLeft + (Double(k) + 0.5) * slot
        }
        var labels: [(String, Point, TextAnchor, Int)] = []
        switch chart.kind {
        case .verticalBar, .horizontalBar:
            let group = slot * 0.7
            let bw = group / ns
            for (s, series) in chart.series.enumerated() {
                for (k, v) in series.values.enumerated() {
                    let a = slotCenter(k) - group / 2 + Double(s) * bw + 0.5
                    let b = a + bw - 1
                    guard b - a >= 2 else { throw ChartLayoutError("bars are under 2 px wide") }
                    let e = valueAt(v)
                    let shape =
                        horizontal ? ChartLayout.rect(plotLeft, a, e, b) : ChartLayout.rect(a, e, b, plotBottom)
                    let id = mark(.bar, series: s, index: k, color: series.color, [shape])
                    let label = chart.format(v)
                    if chart.dataLabels {
                        if !horizontal {
                            guard try measure(label, size: chart.labelSize).advance <= bw + 2 else {
                                throw ChartLayoutError("data label '\(label)' is wider than its bar")
                            }
                        }
                        labels.append(
                            horizontal
                                ? (label, Point(x: e + 3, y: (a + b) / 2), TextAnchor(.middle, .left), id)
                                : (label, Point(x: (a + b) / 2, y: e - 2), TextAnchor(.bottom, .center), id))
                    }
                }
            }
        case .line:
            var pointMarks: [(Point, Int, Int, NamedColor)] = []
            for (s, series) in chart.series.enumerated() {
                let pts = series.values.enumerated().map { k, v in Point(x: slotCenter(k), y: valueAt(v)) }
                mark(.line, series: s, index: nil, color: series.color, ChartLayout.stroke(pts, ChartLayout.lineWidth))
                for (k, p) in pts.enumerated() { pointMarks.append((p, s, k, series.color)) }
            }
            for (p, s, k, color) in pointMarks {
                let id = mark(.point, series: s, index: k, color: color, [ChartLayout.disk(p, ChartLayout.pointRadius)])
                if chart.dataLabels {
                    let (at, anchor) = lineLabelPlace(series: s, k, p, valueAt: valueAt)
                    labels.append((chart.format(chart.series[s].values[k]), at, anchor, id))
                }
            }
        case .scatter:
            for (s, series) in chart.series.enumerated() {
                for (k, v) in series.values.enumerated() {
                    let p = Point(
                        x: plotLeft + xScale.fraction(series.xValues[k]) * (plotRight - plotLeft), y: valueAt(v))
                    mark(
                        .point, series: s, index: k, color: series.color, [ChartLayout.disk(p, ChartLayout.pointRadius)]
                    )
                }
            }
        case .pie: break
        }

        // Axes and ticks.
        mark(
            .axis, series: nil, index: nil, color: ChartLayout.ink,
            [ChartLayout.rect(plotLeft - 1, plotTop, plotLeft, plotBottom + 1)])
        mark(
            .axis, series: nil, index: nil, color: ChartLayout.ink,
            [ChartLayout.rect(plotLeft - 1, plotBottom, plotRight, plotBottom + 1)])
        let valueTickPositions = chart.scale.ticks.map(valueAt)
        if horizontal {
            for x in valueTickPositions {
                mark(
                    .tick, series: nil, index: nil, color: ChartLayout.ink,
                    [ChartLayout.rect(x - 0.5, plotBottom + 1, x + 0.5, plotBottom + 5)])
            }
        } else {
            for y in valueTickPositions {
                mark(
                    .tick, series: nil, index: nil, color: ChartLayout.ink,
                    [ChartLayout.rect(plotLeft - 5, y - 0.5, plotLeft - 1, y + 0.5)])
            }
        }
        let xTickPositions = xScale.ticks.map { plotLeft + xScale.fraction($0) * (plotRight - plotLeft) }
        if chart.kind == .scatter {
            for x in xTickPositions {
                mark(
                    .tick, series: nil, index: nil, color: ChartLayout.ink,
                    [ChartLayout.rect(x - 0.5, plotBottom + 1, x + 0.5, plotBottom + 5)])
            }
        }

        // Axis labels, tick labels, data labels.
        if !bottomLabel.isEmpty {
            try text(
                bottomLabel, at: Point(x: (plotLeft + plotRight) / 2, y: bottomLabelY), TextAnchor(.bottom, .center),
                role: "axis_label")
        }
        if !leftLabel.isEmpty {
            try text(
                leftLabel, at: Point(x: leftLabelX, y: (plotTop + plotBottom) / 2), TextAnchor(.top, .center),
                role: "axis_label", rotation: -90)
        }
        let bottomPositions: [Double] =
            horizontal
            ? valueTickPositions : (categorical ? (0..<chart.categories.count).map(slotCenter) : xTickPositions)
        for (s, x) in zip(bottomTicks, bottomPositions) {
            if categorical && !horizontal {
                guard try measure(s, size: chart.labelSize).advance <= slot - 2 else {
                    throw ChartLayoutError("category '\(s)' is wider than its place")
                }
            }
            try text(s, at: Point(x: x, y: plotBottom + 6), TextAnchor(.top, .center), role: "tick_label")
        }
        let leftPositions = horizontal ? (0..<chart.categories.count).map(slotCenter) : valueTickPositions
        for (s, y) in zip(leftTicks, leftPositions) {
            try text(s, at: Point(x: plotLeft - 7, y: y), TextAnchor(.middle, .right), role: "tick_label")
        }
        for (s, p, anchor, id) in labels {
            try text(s, at: p, anchor, role: "data_label", labels: id)
        }
        if chart.kind == .line || chart.kind == .scatter { try checkPointsApart() }
    }

    /// Points and lines drawn over each other, or under a label, would change what their pixels
    /// measure: refused here, before anything is drawn (the sampler's pixel check is the judge).
    func checkPointsApart() throws {
        let r = ChartLayout.pointRadius
        let pointMarks = marks.filter { $0.role == .point }
        let points = pointMarks.map { m -> Point in
            let b = ShapeGeometry.bounds(of: m.contours[0])
            return Point(x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2)
        }
        for i in points.indices {
            for j in points.indices where j > i {
                let dx = points[i].x - points[j].x
                let dy = points[i].y - points[j].y
                if dx * dx + dy * dy < (2 * r + 2) * (2 * r + 2) { throw ChartLayoutError("two points touch") }
            }
        }
        let labels = zip(texts, extents).filter { $0.0.role == "data_label" }.map(\.1)
        let grown = labels.map { Rect(minX: $0.minX - 2, minY: $0.minY - 2, maxX: $0.maxX + 2, maxY: $0.maxY + 2) }
        for e in grown {
            for p in points where p.x > e.minX - r && p.x < e.maxX + r && p.y > e.minY - r && p.y < e.maxY + r {
                throw ChartLayoutError("a data label covers a point")
            }
        }
        guard chart.kind == .line else { return }
        for s in chart.series.indices {
            let pts = points.indices.filter { pointMarks[$0].series == s }.map { points[$0] }
            for (a, b) in zip(pts, pts.dropFirst()) {
                for e in grown where ChartLayout.segment(a, b, meets: e) {
                    throw ChartLayoutError("a data label covers a line")
                }
            }
        }
    }

    /// Whether the segment from `a` to `b` meets the rectangle (Liang-Barsky clipping).
    static func segment(_ a: Point, _ b: Point, meets r: Rect) -> Bool {
        var t0 = 0.0
        var t1 = 1.0
        let dx = b.x - a.x
        let dy = b.y - a.y
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    /// Where a line's data label goes: on the side its line leaves free. Above a peak (or an
    /// end whose neighbour lies lower), below a trough, and beside the point, away from the
    /// line, where the line passes through it.
    func lineLabelPlace(series s: Int, _ k: Int, _ p: Point, valueAt: (Double) -> Double) -> (Point, TextAnchor) {
        let values = chart.series[s].values
        // Screen y of the neighbours (nil at the ends): larger is lower on screen.
        let before = k > 0 ? valueAt(values[k - 1]) : nil
        let after = k + 1 < values.count ? valueAt(values[k + 1]) : nil
        let lowerBefore = before.map { $0 >= p.y } ?? true
        let lowerAfter = after.map { $0 >= p.y } ?? true
        switch (lowerBefore, lowerAfter) {
        case (true, true): return (Point(x: p.x, y: p.y - 5), TextAnchor(.bottom, .center))
        case (false, false): return (Point(x: p.x, y: p.y + 5), TextAnchor(.top, .center))
        // Falling to the right: the upper right is free.
        case (false, true): return (Point(x: p.x + 4, y: p.y - 3), TextAnchor(.bottom, .left))
        // Rising to the right: the upper left is free.
        case (true, false): return (Point(x: p.x - 4, y: p.y - 3), TextAnchor(.bottom, .right))
        }
    }

    mutating func layPie(top: Double, lh: Double) throws {
        let pad = ChartLayout.padding
        let total = chart.series[0].values.reduce(0, +)
        guard total > 0 else { throw ChartLayoutError("a pie's values sum to zero") }
        let labelsText = chart.series[0].values.map { chart.format($0) }
        let widest = try labelsText.map { try measure($0, size: chart.labelSize).advance }.max() ?? 0
        let room = chart.dataLabels ? max(widest, lh) + 6 : 0
        let cx = (width / 2).rounded()
        let cy = ((top + height - pad) / 2).rounded()
        let r = (min(width / 2 - pad - room, (height - pad - top) / 2 - room)).rounded(.down)
        guard r >= 24 else { throw ChartLayoutError("the pie's radius would be \(Int(r)) px") }
        plot = Rect(minX: cx - r, minY: cy - r, maxX: cx + r, maxY: cy + r)
        var a = -Double.pi / 2
        var labels: [(String, Point, TextAnchor, Int)] = []
        for (k, v) in chart.series[0].values.enumerated() {
            let b = a + 2 * Double.pi * v / total
            let id = mark(
                .slice, series: 0, index: k, color: chart.sliceColors[k],
                [ChartLayout.sector(Point(x: cx, y: cy), r, a, b)])
            let mid = (a + b) / 2
            let c = cos(mid)
            let s = sin(mid)
            let h: TextAnchor.Horizontal = c > 0.3 ? .left : (c < -0.3 ? .right : .center)
            let vert: TextAnchor.Vertical = s > 0.3 ? .top : (s < -0.3 ? .bottom : .middle)
            labels.append((labelsText[k], Point(x: cx + (r + 4) * c, y: cy + (r + 4) * s), TextAnchor(vert, h), id))
            a = b
        }
        if chart.dataLabels {
            for (s, p, anchor, id) in labels { try text(s, at: p, anchor, role: "data_label", labels: id) }
        }
    }
}
