import SceneModel

/// One builder per ``ChartQuestionFamily``. Value questions are asked only of values the chart
/// shows exactly: a data label, or a value on a tick of the value axis (not for pies and
/// scatter plots, whose values no axis shows). Comparisons, extremes and trends are asked only
/// where every difference they rest on is at least ``ChartFigureQA/margin(_:)``.
enum ChartQuestions {
    /// `asksSeriesCount`: the chart's one draw of whether `chart_count_series` is asked
    /// (``ChartAnswerWeights/asksSeriesCount(_:_:)``); `rising`: its trend coin.
    static func build(
        _ family: ChartQuestionFamily, _ chart: Chart, _ weights: ChartAnswerWeights, asksSeriesCount: Bool = true,
        rising: Bool? = nil, _ rng: inout Xoshiro256
    ) -> ChartQuestion? {
        let margin = ChartFigureQA.margin(chart)
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
            guard (largest ? ChartFigureQA.isMax : .isMin).pick(chart.series[s].values, margin: margin) != nil else {
                return nil
            }
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
                for b in values.indices where values[a] - values[b] >= margin {
                    pairs.append(target ? (a, b) : (b, a))
                }
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
            // The answer first (weighted among the counts this chart can be asked), then a
            // question with it.
            let options = countOptions(chart)
            var answers: [Int] = []
            for o in options where !answers.contains(o.answer) { answers.append(o.answer) }
            guard !answers.isEmpty else { return nil }
            let answer = answers[rng.weightedIndex(answers.map(weights.countWeight))]
            guard let option = rng.pick(options.filter { $0.answer == answer }) else { return nil }
            var p = Program()
            p.add(.chartPoints)
            var slots: [String: String] = [:]
            var key = "count"
            if let s = option.series {
                p.add(.filterSeries, [], chart.series[s].name)
                slots["series"] = chart.series[s].name
                key = "count_in_series"
            } else if let k = option.category {
                p.add(.filterCategory, [], chart.categories[k])
                slots["category"] = chart.categories[k]
                key = "count_in_category"
            }
            p.add(.count)
            return ChartQuestion(family: family, key: key, slots: slots, program: p, answerType: .number)
        case .countSeries:
            guard chart.kind != .pie, chart.legend, asksSeriesCount else { return nil }
            var p = Program()
            p.add(.chartPoints)
            p.add(.countSeries)
            return ChartQuestion(family: family, key: "count_series", slots: [:], program: p, answerType: .number)
        case .figureQA:
            guard let kind = rng.pick(ChartFigureQA.kinds(chart)) else { return nil }
            return kind.build(chart, target: weights.truth(kind.rawValue, &rng), &rng)
        case .trend:
            guard chart.kind == .line else { return nil }
            let target = rising ?? weights.truth("trend", &rng)
            let matching = chart.series.indices.filter { trend(chart.series[$0].values, margin: margin) == target }
            guard let s = rng.pick(matching) else { return nil }
            var p = Program()
            p.add(.chartPoints)
            p.add(.filterSeries, [], chart.series[s].name)
            p.add(.rises)
            return ChartQuestion(
                family: family, key: "trend", slots: ["series": chart.series[s].name], program: p, answerType: .yesNo)
        }
    }

    /// Whether a line rises at every step, when the chart shows it: true when every step rises
    /// by at least `margin`, false when some step falls by at least `margin`, nil otherwise.
    static func trend(_ values: [Double], margin: Double) -> Bool? {
        let steps = zip(values, values.dropFirst()).map { $1 - $0 }
        if steps.allSatisfy({ $0 >= margin }) { return true }
        return steps.contains { $0 <= -margin } ? false : nil
    }

    /// The counts a chart can be asked: all its marks; with several series, each series' marks
    /// and (bars and lines) each category's marks.
    static func countOptions(_ chart: Chart) -> [(answer: Int, series: Int?, category: Int?)] {
        var out: [(answer: Int, series: Int?, category: Int?)] = [(chart.points.count, nil, nil)]
        guard chart.series.count > 1 else { return out }
        for (s, series) in chart.series.enumerated() { out.append((series.values.count, s, nil)) }
        if chart.kind != .scatter {
            for k in chart.categories.indices { out.append((chart.series.count, nil, k)) }
        }
        return out
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
