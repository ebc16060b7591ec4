import SceneModel

/// The chart functions of ``ProgramExecutor``. Sets hold a chart's data points by their position
/// in table order (``Chart/points``): series by series, each category in order.
enum ChartExecutor {
    static func step(
        _ function: ProgramFunction, _ value: String?, _ set: ObjectSet?, _ a: Int?, _ b: Int?, _ chart: Chart?
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
        default: return nil
        }
    }
}
