import SceneModel

/// The chart functions of ``ProgramExecutor``. Sets hold a chart's data points by their position
/// in table order (``Chart/points``): series by series, each category in order.
enum ChartExecutor {
    static func step(
        _ function: ProgramFunction, _ value: String?, _ set: ObjectSet?, _ a: Int?, _ b: Int?, _ chart: Chart?,
        second: ObjectSet? = nil
    ) -> ProgramValue? {
        guard let chart else { return nil }
        let points = chart.points
        guard points.count <= 64 else { return nil }
        func keep(_ s: ObjectSet?, _ test: (ChartPoint) -> Bool) -> ProgramValue? {
            guard let s else { return nil }
            var out = ObjectSet.empty
            for i in s where test(points[i]) { out = out.union(.single(i)) }
            return .objects(out)
        }
        switch function {
        case .chartPoints: return .objects(.all(points.count))
        case .filterSeries:
            guard let value, let k = chart.series.firstIndex(where: { $0.name == value }) else { return nil }
            return keep(set) { $0.series == k }
        case .filterCategory:
            guard chart.kind != .scatter, let value, let k = chart.categories.firstIndex(of: value) else { return nil }
            return keep(set) { $0.index == k }
        case .queryValue: return a.map { .token(chart.format(points[$0].value)) }
        case .queryCategory:
            guard chart.kind != .scatter, let a else { return nil }
            return .token(chart.categories[points[a].index])
        case .queryChartText:
            switch value {
            case "title": return .token(chart.title)
            case "category_label": return chart.categoryLabel.isEmpty ? nil : .token(chart.categoryLabel)
            case "value_label": return chart.valueLabel.isEmpty ? nil : .token(chart.valueLabel)
            default: return nil
            }
        case .maxValue, .minValue:
            guard let set, !set.isEmpty else { return nil }
            let values = set.map { points[$0].value }
            let best = function == .maxValue ? values.max()! : values.min()!
            let at = set.filter { points[$0].value == best }
            return at.count == 1 ? .object(at[0]) : nil
        case .greaterValue:
            guard let a, let b else { return nil }
            return .boolean(points[a].value > points[b].value)
        case .countSeries:
            guard let set else { return nil }
            return .integer(Set(set.map { points[$0].series }).count)
        case .legendEntry:
            // The legend lists the series, a pie's legend its categories, in order.
            let names = chart.kind == .pie ? chart.categories : chart.series.map(\.name)
            guard chart.legend, let value, let k = names.firstIndex(of: value) else { return nil }
            return .integer(k)
        case .rises:
            guard let set, set.count >= 2 else { return nil }
            let values = set.map { points[$0].value }
            return .boolean(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        case .samePoint:
            guard let a, let b else { return nil }
            return .boolean(a == b)
        case .highMedian, .lowMedian:
            // The middle point of the values in ascending order; of the two middle points of an
            // even count, the larger (high) or the smaller (low). No value when another point
            // has the same value.
            guard let set, !set.isEmpty else { return nil }
            let order = set.sorted { points[$0].value < points[$1].value }
            let n = order.count
            let pick = order[function == .highMedian ? n / 2 : (n - 1) / 2]
            return set.filter { points[$0].value == points[pick].value }.count == 1 ? .object(pick) : nil
        case .maxArea:
            // The points of the one series whose line encloses the largest area above the value
            // axis's zero (trapezoids over equally spaced categories); none on a tie.
            guard chart.kind == .line, let set, !set.isEmpty else { return nil }
            let series = Array(Set(set.map { points[$0].series })).sorted()
            let areas = series.map { s in ChartExecutor.area(chart.series[s].values) }
            guard let best = areas.max(), areas.filter({ $0 == best }).count == 1,
                let s = series.first(where: { ChartExecutor.area(chart.series[$0].values) == best })
            else { return nil }
            return keep(set) { $0.series == s }
        case .intersects:
            // Two series' lines meet: equal at a category, or their difference changes sign
            // between neighbouring categories.
            guard chart.kind == .line, let set, let second else { return nil }
            let first = set.map { points[$0] }
            let other = second.map { points[$0] }
            guard !first.isEmpty, first.count == other.count, zip(first, other).allSatisfy({ $0.index == $1.index })
            else { return nil }
            let d = zip(first, other).map { $0.value - $1.value }
            return .boolean(d.contains(0) || zip(d, d.dropFirst()).contains { ($0 < 0) != ($1 < 0) })
        default: return nil
        }
    }
}

extension ChartExecutor {
    /// The area under a line over equally spaced categories, in value units times category
    /// steps (trapezoids: the end points count half).
    static func area(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return 0 }
        return values.reduce(0, +) - (values[0] + values[values.count - 1]) / 2
    }
}
