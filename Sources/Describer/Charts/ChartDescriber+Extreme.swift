import SceneModel

extension Describer {
    /// The detailed caption's extreme: the category whose value is largest, for a chart of one
    /// series over categories (not a scatter plot) whose largest value is unique; the same
    /// truth `chart_extreme` asks about (program chart_points → max_value → query_category).
    static func uniqueLargest(_ chart: Chart) -> Int? {
        guard chart.kind != .scatter, chart.series.count == 1, let values = chart.series.first?.values,
            let top = values.max(), values.count { $0 == top } == 1
        else { return nil }
        return values.firstIndex(of: top)
    }
}
