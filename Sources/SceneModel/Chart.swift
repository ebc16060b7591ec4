/// A chart as data: its kind, its data table and how it is dressed (title, axis labels, legend,
/// data labels). A pure value; `ChartLayout` (module Charts) turns it into exact marks and text
/// items, the same way every time, so a record that states the chart redraws its image.
public struct Chart: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case verticalBar = "vertical_bar"
        case horizontalBar = "horizontal_bar"
        case line
        case pie
        case scatter
    }

    public var kind: Kind
    /// The language of every text of the chart ("en", "zh").
    public var language: String
    public var font: String
    public var title: String
    /// The category axis's label (x for vertical bars, lines and scatter plots); empty for none.
    public var categoryLabel: String
    /// The value axis's label; empty for none.
    public var valueLabel: String
    /// Category names in drawing order (left to right, top to bottom, clockwise for a pie);
    /// a scatter plot has none.
    public var categories: [String]
    /// One series per color; a pie's series is its one set of values (slices take the
    /// category colors, ``sliceColors``).
    public var series: [ChartSeries]
    /// The colors of a pie's slices, one per category; empty for other kinds.
    public var sliceColors: [NamedColor]
    /// The value axis (y; x for horizontal bars), ticks at every `step` from `min` to `max`.
    public var scale: ChartScale
    /// A scatter plot's x axis; nil for other kinds.
    public var xScale: ChartScale?
    /// Each mark's value is written beside it.
    public var dataLabels: Bool
    /// A legend names each series (each slice for a pie).
    public var legend: Bool
    /// Text size in pixels per em of the title; other labels are `labelSize`.
    public var titleSize: Double
    public var labelSize: Double
    /// The plot area as laid out (a pie's square), which the value scale maps onto: filled in
    /// by the layout, stated by the record, not an input of the layout.
    public var plot = Rect(minX: 0, minY: 0, maxX: 0, maxY: 0)

    public init(
        kind: Kind, language: String, font: String, title: String, categoryLabel: String, valueLabel: String,
        categories: [String], series: [ChartSeries], sliceColors: [NamedColor] = [], scale: ChartScale,
        xScale: ChartScale? = nil, dataLabels: Bool, legend: Bool, titleSize: Double, labelSize: Double
    ) {
        self.kind = kind
        self.language = language
        self.font = font
        self.title = title
        self.categoryLabel = categoryLabel
        self.valueLabel = valueLabel
        self.categories = categories
        self.series = series
        self.sliceColors = sliceColors
        self.scale = scale
        self.xScale = xScale
        self.dataLabels = dataLabels
        self.legend = legend
        self.titleSize = titleSize
        self.labelSize = labelSize
    }

    /// The data points in table order: series by series, each category (each point of a
    /// scatter series) in order. A program's chart set holds these positions.
    public var points: [ChartPoint] {
        var out: [ChartPoint] = []
        for (s, series) in series.enumerated() {
            for (k, v) in series.values.enumerated() {
                out.append(
                    ChartPoint(series: s, index: k, value: v, x: series.xValues.isEmpty ? nil : series.xValues[k]))
            }
        }
        return out
    }

    /// A number as the chart writes it: integers without a decimal point, others with the
    /// scale's decimals.
    public func format(_ v: Double) -> String { scale.format(v) }
}

/// One named series of values (one per category; a scatter series has x values too).
public struct ChartSeries: Hashable, Sendable {
    public var name: String
    public var color: NamedColor
    public var values: [Double]
    /// A scatter series' x values, one per value; empty for other kinds.
    public var xValues: [Double]

    public init(name: String, color: NamedColor, values: [Double], xValues: [Double] = []) {
        self.name = name
        self.color = color
        self.values = values
        self.xValues = xValues
    }
}

/// A linear axis from `min` to `max` with a tick every `step`; values are written with
/// `decimals` digits after the point.
public struct ChartScale: Hashable, Sendable {
    public var min: Double
    public var max: Double
    public var step: Double
    public var decimals: Int

    public init(min: Double, max: Double, step: Double, decimals: Int = 0) {
        self.min = min
        self.max = max
        self.step = step
        self.decimals = decimals
    }

    /// The tick values, `min` first.
    public var ticks: [Double] {
        guard step > 0, max > min else { return [min] }
        let n = Int(((max - min) / step).rounded())
        return (0...n).map { min + Double($0) * step }
    }

    /// Where `v` falls between `min` (0) and `max` (1).
    public func fraction(_ v: Double) -> Double { (v - min) / (max - min) }

    /// True when `v` lies exactly on a tick (its value can be read off the axis).
    public func isOnTick(_ v: Double) -> Bool {
        ticks.contains { abs($0 - v) < 1e-9 }
    }

    public func format(_ v: Double) -> String {
        if decimals == 0 { return String(Int(v.rounded())) }
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let n = Int((abs(v) * p).rounded())
        let whole = n / Int(p)
        var frac = String(n % Int(p))
        while frac.count < decimals { frac = "0" + frac }
        return (v < 0 ? "-" : "") + "\(whole).\(frac)"
    }
}

/// One data point of a chart: its series, its category (or its position in a scatter
/// series), its value and, in a scatter plot, its x.
public struct ChartPoint: Hashable, Sendable {
    public var series: Int
    public var index: Int
    public var value: Double
    public var x: Double?
}

/// One drawn mark of a chart: its own entity in the id plane (so its box is measured from the
/// pixels), its exact outline and what it stands for.
public struct ChartMark: Hashable, Sendable {
    public enum Role: String, CaseIterable, Sendable {
        /// Data marks: one per data point (a line is one mark per series).
        case bar, slice, point, line
        /// Guides: axis lines, tick marks, a legend entry's color swatch.
        case axis, tick
        case legend
    }

    /// Its value in the id plane: after every object's id, before every word's.
    public var id: Int
    public var role: Role
    /// The series it shows (a legend entry: the series it names; a pie's legend: the slice's
    /// category); nil for axes and ticks.
    public var series: Int?
    /// The category (or scatter point) it shows; nil for lines, axes, ticks and series legends.
    public var index: Int?
    public var color: NamedColor
    /// Closed polygons in canvas pixels, filled with the non-zero rule.
    public var contours: [[Point]]

    public init(id: Int, role: Role, series: Int?, index: Int?, color: NamedColor, contours: [[Point]]) {
        self.id = id
        self.role = role
        self.series = series
        self.index = index
        self.color = color
        self.contours = contours
    }

    /// True for bars, slices and points: the marks that stand for one value.
    public var isDataPoint: Bool { role == .bar || role == .slice || role == .point }
}
