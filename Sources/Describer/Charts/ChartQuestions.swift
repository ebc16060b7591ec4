import SceneModel

/// One builder per ``ChartQuestionFamily``. Value questions are asked only of values the chart
/// shows exactly: a data label, or a value on a tick of the value axis (not for pies and
/// scatter plots, whose values no axis shows).
enum ChartQuestions {
    static func build(_ family: ChartQuestionFamily, _ chart: Chart, _ rng: inout Xoshiro256) -> ChartQuestion? {
        let multi = chart.series.count > 1
        let categorical = chart.kind != .scatter
        func series(_ rng: inout Xoshiro256) -> Int { rng.int(in: 0...(chart.series.count - 1)) }
        switch family {
        case .title:
            var p = Program()
            p.add(.chartPoints)
            p.add(.queryChartText, [], "title")
            return ChartQuestion(family: family, key: "title", slots: [:], program: p, answerType: .other)
        case .axisLabel:
            var labels: [(String, String)] = []
            // The category axis is x except in horizontal bars; the value axis the other one.
            let horizontal = chart.kind == .horizontalBar
            if !chart.categoryLabel.isEmpty { labels.append(("category_label", horizontal ? "y" : "x")) }
            if !chart.valueLabel.isEmpty { labels.append(("value_label", horizontal ? "x" : "y")) }
            guard let (which, axis) = rng.pick(labels) else { return nil }
            var p = Program()
            p.add(.chartPoints)
            p.add(.queryChartText, [], which)
            return ChartQuestion(
                family: family, key: "axis_label", slots: ["axis": axis], program: p, answerType: .other)
        case .value:
            guard categorical, chart.kind != .pie || chart.dataLabels else { return nil }
            let readable = chart.points.filter { chart.dataLabels || chart.scale.isOnTick($0.value) }
            guard let point = rng.pick(readable) else { return nil }
            var p = pointProgram(chart, series: point.series, category: point.index)
            p.add(.queryValue)
            return ChartQuestion(
                family: family, key: multi ? "value_series" : "value", slots: slots(chart, point.series, point.index),
                program: p, answerType: .number)
        case .extreme:
            guard categorical else { return nil }
            let s = series(&rng)
            let largest = rng.coin()
            var p = Program()
            p.add(.chartPoints)
            if multi { p.add(.filterSeries, [], chart.series[s].name) }
            p.add(largest ? .maxValue : .minValue)
            p.add(.queryCategory)
            let key = (largest ? "largest" : "smallest") + (multi ? "_series" : "")
            return ChartQuestion(
                family: family, key: key, slots: ["series": chart.series[s].name], program: p, answerType: .other)
        case .compare:
            guard categorical, chart.categories.count >= 2 else { return nil }
            let s = series(&rng)
            let target = rng.coin()
            let values = chart.series[s].values
            var pairs: [(Int, Int)] = []
            for a in values.indices {
                for b in values.indices where values[a] > values[b] { pairs.append(target ? (a, b) : (b, a)) }
            }
            guard let (a, b) = rng.pick(pairs) else { return nil }
            var p = Program()
            let first = appendPoint(&p, chart, series: s, category: a)
            let second = appendPoint(&p, chart, series: s, category: b)
            p.add(.greaterValue, [first, second])
            var sl = slots(chart, s, a)
            sl["a"] = chart.categories[a]
            sl["b"] = chart.categories[b]
            return ChartQuestion(
                family: family, key: multi ? "compare_series" : "compare", slots: sl, program: p, answerType: .yesNo)
        case .count:
            var p = Program()
            p.add(.chartPoints)
            p.add(.count)
            return ChartQuestion(family: family, key: "count", slots: [:], program: p, answerType: .number)
        case .countSeries:
            guard chart.kind != .pie, chart.legend else { return nil }
            var p = Program()
            p.add(.chartPoints)
            p.add(.countSeries)
            return ChartQuestion(family: family, key: "count_series", slots: [:], program: p, answerType: .number)
        case .trend:
            guard chart.kind == .line else { return nil }
            let target = rng.coin()
            let matching = chart.series.indices.filter { s in
                let v = chart.series[s].values
                return zip(v, v.dropFirst()).allSatisfy { $0 < $1 } == target
            }
            guard let s = rng.pick(matching) else { return nil }
            var p = Program()
            p.add(.chartPoints)
            p.add(.filterSeries, [], chart.series[s].name)
            p.add(.rises)
            return ChartQuestion(
                family: family, key: "trend", slots: ["series": chart.series[s].name], program: p, answerType: .yesNo)
        }
    }

    static func slots(_ chart: Chart, _ s: Int, _ k: Int) -> [String: String] {
        ["series": chart.series[s].name, "category": chart.categories[k]]
    }

    /// The program finding one data point: the chart's points, its series (when there are
    /// several), its category, the one point left.
    static func pointProgram(_ chart: Chart, series s: Int, category k: Int) -> Program {
        var p = Program()
        appendPoint(&p, chart, series: s, category: k)
        return p
    }

    /// Appends ``pointProgram(_:series:category:)``'s steps; returns the index of its last.
    @discardableResult
    static func appendPoint(_ p: inout Program, _ chart: Chart, series s: Int, category k: Int) -> Int {
        p.add(.chartPoints)
        if chart.series.count > 1 { p.add(.filterSeries, [], chart.series[s].name) }
        p.add(.filterCategory, [], chart.categories[k])
        return p.add(.unique)
    }
}
