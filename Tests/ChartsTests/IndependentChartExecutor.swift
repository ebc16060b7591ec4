import SampleRecords

/// A second executor for chart programs, written for the tests from the record's JSON alone
/// (its `chart` field's categories, series, title and axis labels, and the values as the table
/// writes them): it shares no code with `ChartExecutor`. A point is (series, category); sets are
/// lists of points in table order.
struct IndependentChartExecutor {
    enum Value: Equatable {
        case points([(Int, Int)])
        case point(Int, Int)
        case number(Int)
        case truth(Bool)
        case word(String)

        static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.points(let x), .points(let y)): x.map { [$0.0, $0.1] } == y.map { [$0.0, $0.1] }
            case (.point(let a0, let a1), .point(let b0, let b1)): a0 == b0 && a1 == b1
            case (.number(let x), .number(let y)): x == y
            case (.truth(let x), .truth(let y)): x == y
            case (.word(let x), .word(let y)): x == y
            default: false
            }
        }
    }

    let categories: [String]
    let seriesNames: [String]
    /// values[s][k] as numbers; written[s][k] as the table writes them.
    let values: [[Double]]
    let written: [[String]]
    let texts: [String: String]
    let kind: String
    /// The smallest difference questions may rest on: 3% of the value axis, or of a pie's whole.
    let margin: Double

    init?(record: JSONValue) {
        guard let c = record["chart"], let cats = c["categories"]?.arrayValue, let series = c["series"]?.arrayValue,
            let table = c["table"]?.arrayValue
        else { return nil }
        categories = cats.compactMap(\.stringValue)
        seriesNames = series.compactMap { $0["name"]?.stringValue }
        values = series.map { ($0["values"]?.arrayValue ?? []).compactMap(\.doubleValue) }
        // The table: a header, then one row per category (value per series), or for a scatter
        // plot one row per point (series, x, y).
        let rows = table.compactMap { $0.arrayValue?.compactMap(\.stringValue) }.dropFirst()
        if c["kind"]?.stringValue == "scatter" {
            written = seriesNames.map { name in rows.filter { $0.first == name }.map { $0[2] } }
        } else {
            written = seriesNames.indices.map { s in rows.map { $0[s + 1] } }
        }
        var t: [String: String] = [:]
        for key in ["title", "category_label", "value_label"] { t[key] = c[key]?.stringValue }
        texts = t
        kind = c["kind"]?.stringValue ?? ""
        let low = c["scale"]?["min"]?.doubleValue ?? 0
        let high = c["scale"]?["max"]?.doubleValue ?? 0
        margin = kind == "pie" ? 0.03 * values.joined().reduce(0, +) : 0.03 * (high - low)
    }

    func run(_ program: JSONValue) -> Value? { trace(program)?.last }

    /// Every step's value in order.
    func trace(_ program: JSONValue) -> [Value]? {
        guard let nodes = program.arrayValue else { return nil }
        var out: [Value] = []
        for node in nodes {
            guard let type = node["type"]?.stringValue else { return nil }
            let inputs = (node["inputs"]?.arrayValue ?? []).compactMap(\.intValue).map { out[$0] }
            let arg = node["value_inputs"]?.arrayValue?.first?.stringValue
            guard let v = step(type, inputs, arg) else { return nil }
            out.append(v)
        }
        return out
    }

    func step(_ type: String, _ inputs: [Value], _ arg: String?) -> Value? {
        var set: [(Int, Int)]? = nil
        if case .points(let p)? = inputs.first { set = p }
        switch type {
        case "chart_points":
            return .points(values.indices.flatMap { s in values[s].indices.map { (s, $0) } })
        case "filter_series":
            guard let set, let s = seriesNames.firstIndex(where: { $0 == arg }) else { return nil }
            return .points(set.filter { $0.0 == s })
        case "filter_category":
            guard let set, let k = categories.firstIndex(where: { $0 == arg }) else { return nil }
            return .points(set.filter { $0.1 == k })
        case "unique":
            guard let set, set.count == 1 else { return nil }
            return .point(set[0].0, set[0].1)
        case "query_value":
            guard case .point(let s, let k)? = inputs.first else { return nil }
            return .word(written[s][k])
        case "query_category":
            guard case .point(_, let k)? = inputs.first else { return nil }
            return .word(categories[k])
        case "query_chart_text":
            guard let arg, let t = texts[arg], !t.isEmpty else { return nil }
            return .word(t)
        case "max_value", "min_value":
            guard let set, !set.isEmpty else { return nil }
            let sorted = set.sorted { values[$0.0][$0.1] < values[$1.0][$1.1] }
            let pick = type == "max_value" ? sorted.last! : sorted.first!
            let ties = set.filter { values[$0.0][$0.1] == values[pick.0][pick.1] }
            return ties.count == 1 ? .point(pick.0, pick.1) : nil
        case "greater_value":
            guard inputs.count == 2, case .point(let a, let b) = inputs[0], case .point(let c, let d) = inputs[1] else {
                return nil
            }
            return .truth(values[a][b] > values[c][d])
        case "count":
            return set.map { .number($0.count) }
        case "count_series":
            guard let set else { return nil }
            var seen: [Int] = []
            for p in set where !seen.contains(p.0) { seen.append(p.0) }
            return .number(seen.count)
        case "same_point":
            guard inputs.count == 2, case .point(let a, let b) = inputs[0], case .point(let c, let d) = inputs[1] else {
                return nil
            }
            return .truth(a == c && b == d)
        case "high_median", "low_median":
            guard let set, !set.isEmpty else { return nil }
            let sorted = set.sorted { values[$0.0][$0.1] < values[$1.0][$1.1] }
            let pick = sorted[type == "high_median" ? sorted.count / 2 : (sorted.count - 1) / 2]
            let ties = set.filter { values[$0.0][$0.1] == values[pick.0][pick.1] }
            return ties.count == 1 ? .point(pick.0, pick.1) : nil
        case "max_area":
            guard kind == "line", let set else { return nil }
            var series: [Int] = []
            for p in set where !series.contains(p.0) { series.append(p.0) }
            // Trapezoids over equally spaced categories.
            func area(_ v: [Double]) -> Double {
                var a = 0.0
                for i in 1..<max(v.count, 1) { a += (v[i - 1] + v[i]) / 2 }
                return a
            }
            let areas = series.map { area(values[$0]) }
            guard let best = areas.max(), areas.filter({ $0 == best }).count == 1,
                let s = series.indices.first(where: { areas[$0] == best }).map({ series[$0] })
            else { return nil }
            return .points(set.filter { $0.0 == s })
        case "intersect":
            guard inputs.count == 2, case .points(let a) = inputs[0], case .points(let b) = inputs[1] else {
                return nil
            }
            return .points(a.filter { p in b.contains { $0 == p } })
        case "exist":
            return set.map { .truth(!$0.isEmpty) }
        case "intersects":
            guard kind == "line", inputs.count == 2, case .points(let a) = inputs[0], case .points(let b) = inputs[1],
                a.count == b.count, !a.isEmpty
            else { return nil }
            for i in a.indices {
                let d = values[a[i].0][a[i].1] - values[b[i].0][b[i].1]
                if d == 0 { return .truth(true) }
                if i > 0 {
                    let e = values[a[i - 1].0][a[i - 1].1] - values[b[i - 1].0][b[i - 1].1]
                    if (d > 0) != (e > 0) { return .truth(true) }
                }
            }
            return .truth(false)
        case "rises":
            guard let set, set.count >= 2 else { return nil }
            for i in 1..<set.count where values[set[i].0][set[i].1] <= values[set[i - 1].0][set[i - 1].1] {
                return .truth(false)
            }
            return .truth(true)
        default: return nil
        }
    }
}
