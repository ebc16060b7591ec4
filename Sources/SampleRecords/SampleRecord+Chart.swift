import SceneModel

/// A chart sample's `chart` field: the chart as data (enough to lay it out and draw it again),
/// its data table, its scale and plot area, each mark's measured box. Its text items are the
/// record's `texts`, as every drawn text is.
public struct ChartRecord: Sendable, Hashable {
    enum ChartLayoutInk {
        /// A read-back mark's color: not recorded (the chart's series and slices give it).
        static let none = NamedColor(name: "", rgb: RGB(0, 0, 0))
    }

    public var chart: Chart
    public var marks: [ChartMark]
    public var markMeasurements: [ObjectMeasurement]

    public init(chart: Chart, marks: [ChartMark], markMeasurements: [ObjectMeasurement]) {
        self.chart = chart
        self.marks = marks
        self.markMeasurements = markMeasurements
    }

    /// The data table as rows of cells, header first: `category, <series>...` (a scatter
    /// plot: `series, x, y`), values as the chart writes them. Also the CSV beside the image.
    public var table: [[String]] {
        let c = chart
        if c.kind == .scatter {
            var rows = [["series", "x", "y"]]
            let xs = c.xScale ?? c.scale
            for s in c.series {
                for (x, y) in zip(s.xValues, s.values) { rows.append([s.name, xs.format(x), c.format(y)]) }
            }
            return rows
        }
        var rows = [["category"] + c.series.map(\.name)]
        for (k, name) in c.categories.enumerated() {
            rows.append([name] + c.series.map { c.format($0.values[k]) })
        }
        return rows
    }

    /// The table as CSV (RFC 4180: fields with a comma, quote or line break are quoted).
    public var csv: String {
        table.map { row in
            row.map { f in
                f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    var json: JSONValue {
        let c = chart
        func scale(_ s: ChartScale) -> JSONValue {
            .object([
                "decimals": .int(s.decimals), "max": .double(s.max), "min": .double(s.min), "step": .double(s.step),
            ])
        }
        func box(_ b: PixelBox?) -> JSONValue {
            guard let b else { return .null }
            return .array([.int(b.x), .int(b.y), .int(b.width), .int(b.height)])
        }
        func color(_ n: NamedColor) -> [(String, JSONValue)] {
            [
                ("color", .string(n.name)),
                ("rgb", .array([.int(Int(n.rgb.r)), .int(Int(n.rgb.g)), .int(Int(n.rgb.b))])),
            ]
        }
        let marks: [JSONValue] = zip(marks, markMeasurements).map { m, measured in
            .object(
                JSONObject([
                    ("bbox", box(measured.bbox)), ("id", .int(m.id)), ("index", m.index.map { .int($0) } ?? .null),
                    ("pixels", .int(measured.visiblePixels)), ("role", .string(m.role.rawValue)),
                    ("series", m.series.map { .int($0) } ?? .null),
                ]))
        }
        let p = c.plot
        return .object(
            JSONObject([
                ("categories", .array(c.categories.map { .string($0) })),
                ("category_label", .string(c.categoryLabel)), ("data_labels", .bool(c.dataLabels)),
                ("font", .string(c.font)), ("kind", .string(c.kind.rawValue)), ("label_size", .double(c.labelSize)),
                ("language", .string(c.language)), ("legend", .bool(c.legend)), ("marks", .array(marks)),
                (
                    "plot",
                    .array([.double(p.minX), .double(p.minY), .double(p.maxX - p.minX), .double(p.maxY - p.minY)])
                ),
                ("scale", scale(c.scale)),
                (
                    "series",
                    .array(
                        c.series.map { s in
                            .object(
                                JSONObject(
                                    color(s.color) + [
                                        ("name", .string(s.name)), ("values", .array(s.values.map { .double($0) })),
                                        ("x_values", .array(s.xValues.map { .double($0) })),
                                    ]))
                        })
                ),
                ("slice_colors", .array(c.sliceColors.map { .object(JSONObject(color($0))) })),
                ("table", .array(table.map { .array($0.map { .string($0) }) })),
                ("title", .string(c.title)), ("title_size", .double(c.titleSize)),
                ("value_label", .string(c.valueLabel)), ("x_scale", c.xScale.map(scale) ?? .null),
            ]))
    }

    /// The field read back: the chart, and the marks as recorded (role, series, index, box and
    /// pixels; no outlines) for `verify` to compare with the marks laid out again.
    init(json v: JSONValue) throws(RecordError) {
        chart = try ChartRecord.chart(json: v)
        marks = []
        markMeasurements = []
        guard let list = v["marks"]?.arrayValue else {
            throw RecordError(field: "chart.marks", message: "expected a list")
        }
        for (i, m) in list.enumerated() {
            let f = "chart.marks[\(i)]"
            guard let id = m["id"]?.intValue, let role = m["role"]?.stringValue.flatMap(ChartMark.Role.init(rawValue:)),
                let pixels = m["pixels"]?.intValue
            else { throw RecordError(field: f, message: "expected id, role and pixels") }
            var box: PixelBox?
            if let b = m["bbox"]?.arrayValue {
                let n = b.compactMap(\.intValue)
                guard n.count == 4 else { throw RecordError(field: f + ".bbox", message: "expected [x, y, w, h]") }
                box = PixelBox(x: n[0], y: n[1], width: n[2], height: n[3])
            }
            marks.append(
                ChartMark(
                    id: id, role: role, series: m["series"]?.intValue, index: m["index"]?.intValue,
                    color: ChartRecord.ChartLayoutInk.none, contours: []))
            markMeasurements.append(
                ObjectMeasurement(visiblePixels: pixels, fullPixels: pixels, bbox: box, fullBox: box))
        }
    }

    /// The chart read back from a record's `chart` field (marks and texts are laid out again
    /// from it; their recorded boxes are what `verify` compares).
    static func chart(json v: JSONValue) throws(RecordError) -> Chart {
        func need(_ key: String) throws(RecordError) -> JSONValue {
            guard let x = v[key] else { throw RecordError(field: "chart.\(key)", message: "missing") }
            return x
        }
        func string(_ x: JSONValue?, _ f: String) throws(RecordError) -> String {
            guard let s = x?.stringValue else { throw RecordError(field: f, message: "expected a string") }
            return s
        }
        func number(_ x: JSONValue?, _ f: String) throws(RecordError) -> Double {
            guard let d = x?.doubleValue, d.isFinite else { throw RecordError(field: f, message: "expected a number") }
            return d
        }
        func bool(_ x: JSONValue?, _ f: String) throws(RecordError) -> Bool {
            guard case .bool(let b)? = x else { throw RecordError(field: f, message: "expected true or false") }
            return b
        }
        func array(_ x: JSONValue?, _ f: String) throws(RecordError) -> [JSONValue] {
            guard let a = x?.arrayValue else { throw RecordError(field: f, message: "expected a list") }
            return a
        }
        func color(_ x: JSONValue, _ f: String) throws(RecordError) -> NamedColor {
            let rgb = try array(x["rgb"], f + ".rgb")
            guard rgb.count == 3, let r = rgb[0].intValue, let g = rgb[1].intValue, let b = rgb[2].intValue,
                [r, g, b].allSatisfy({ (0...255).contains($0) })
            else { throw RecordError(field: f + ".rgb", message: "expected [r, g, b] from 0 to 255") }
            return NamedColor(name: try string(x["color"], f + ".color"), rgb: RGB(UInt8(r), UInt8(g), UInt8(b)))
        }
        func scale(_ x: JSONValue, _ f: String) throws(RecordError) -> ChartScale {
            let s = ChartScale(
                min: try number(x["min"], f + ".min"), max: try number(x["max"], f + ".max"),
                step: try number(x["step"], f + ".step"), decimals: Int(try number(x["decimals"], f + ".decimals")))
            guard s.max > s.min, s.step > 0, (s.max - s.min) / s.step <= 100, (0...6).contains(s.decimals) else {
                throw RecordError(field: f, message: "expected min < max, 1 to 100 steps, 0 to 6 decimals")
            }
            return s
        }
        guard let kind = Chart.Kind(rawValue: try string(try need("kind"), "chart.kind")) else {
            throw RecordError(field: "chart.kind", message: "expected one of \(Chart.Kind.allCases.map(\.rawValue))")
        }
        let categories = try array(try need("categories"), "chart.categories").enumerated().map {
            (i, x) throws(RecordError) in try string(x, "chart.categories[\(i)]")
        }
        var series: [ChartSeries] = []
        for (i, s) in try array(try need("series"), "chart.series").enumerated() {
            let f = "chart.series[\(i)]"
            let values = try array(s["values"], f + ".values").map { x throws(RecordError) in
                try number(x, f + ".values")
            }
            let xs = try array(s["x_values"], f + ".x_values").map { x throws(RecordError) in
                try number(x, f + ".x_values")
            }
            guard kind == .scatter ? xs.count == values.count : values.count == categories.count && xs.isEmpty else {
                throw RecordError(field: f, message: "expected one value per category (scatter: one x per value)")
            }
            series.append(
                ChartSeries(
                    name: try string(s["name"], f + ".name"), color: try color(s, f), values: values, xValues: xs))
        }
        guard !series.isEmpty, kind != .pie || series.count == 1 else {
            throw RecordError(field: "chart.series", message: "expected at least one series (a pie: exactly one)")
        }
        let slices = try array(try need("slice_colors"), "chart.slice_colors").enumerated().map {
            (i, x) throws(RecordError) in try color(x, "chart.slice_colors[\(i)]")
        }
        guard kind != .pie || slices.count == categories.count else {
            throw RecordError(field: "chart.slice_colors", message: "expected one color per category")
        }
        let xScaleNode = try need("x_scale")
        var chart = Chart(
            kind: kind, language: try string(try need("language"), "chart.language"),
            font: try string(try need("font"), "chart.font"), title: try string(try need("title"), "chart.title"),
            categoryLabel: try string(try need("category_label"), "chart.category_label"),
            valueLabel: try string(try need("value_label"), "chart.value_label"), categories: categories,
            series: series, sliceColors: slices, scale: try scale(try need("scale"), "chart.scale"),
            xScale: xScaleNode == .null ? nil : try scale(xScaleNode, "chart.x_scale"),
            dataLabels: try bool(try need("data_labels"), "chart.data_labels"),
            legend: try bool(try need("legend"), "chart.legend"),
            titleSize: try number(try need("title_size"), "chart.title_size"),
            labelSize: try number(try need("label_size"), "chart.label_size"))
        let plot = try array(try need("plot"), "chart.plot").map { x throws(RecordError) in try number(x, "chart.plot")
        }
        guard plot.count == 4 else { throw RecordError(field: "chart.plot", message: "expected [x, y, w, h]") }
        chart.plot = Rect(minX: plot[0], minY: plot[1], maxX: plot[0] + plot[2], maxY: plot[1] + plot[3])
        guard chart.titleSize > 0, chart.titleSize <= 200, chart.labelSize > 0, chart.labelSize <= 200 else {
            throw RecordError(field: "chart.label_size", message: "expected text sizes from 0 to 200 px")
        }
        return chart
    }
}
