import SceneModel

/// FigureQA-style yes/no questions (Kahou et al., 2018: "Is X the maximum?", "Is X the high
/// median?", "Does X have the highest value?", "Does X have the maximum area under the curve?",
/// "Does X intersect Y?"), asked only where the chart shows the answer: every comparison the
/// answer rests on differs by at least ``margin(_:)``. "Is X smooth?" is not asked (no exact
/// definition a reader can check).
enum ChartFigureQA: String, CaseIterable, Sendable {
    /// A category is (or is not) its series' largest / smallest value.
    case isMax = "is_max"
    case isMin = "is_min"
    /// A category is (or is not) its series' high / low median.
    case highMedian = "high_median"
    case lowMedian = "low_median"
    /// A series holds (or does not hold) the chart's largest / smallest value.
    case highest
    case lowest
    /// A line has (or has not) the largest area under it.
    case maxArea = "max_area"
    /// Two lines meet (or stay apart).
    case intersects

    /// The smallest difference a reader is asked to see: 3% of the value axis (about 6 px of a
    /// 200 px plot) for bars and lines, 3% of the whole (11 degrees) for a pie's slices.
    static func margin(_ chart: Chart) -> Double {
        chart.kind == .pie
            ? 0.03 * chart.series.flatMap(\.values).reduce(0, +) : 0.03 * (chart.scale.max - chart.scale.min)
    }

    /// The kinds a chart of this kind and shape can be asked.
    static func kinds(_ chart: Chart) -> [ChartFigureQA] {
        guard chart.kind != .scatter, chart.categories.count >= 2 else { return [] }
        var out: [ChartFigureQA] = [.isMax, .isMin]
        if chart.categories.count >= 3 { out += [.highMedian, .lowMedian] }
        if chart.series.count > 1 { out += [.highest, .lowest] }
        if chart.series.count > 1 && chart.kind == .line { out += [.maxArea, .intersects] }
        return out
    }

    /// The question of this kind whose answer is `target`, among the candidates the chart shows
    /// unambiguously; nil when it has none.
    func build(_ chart: Chart, target: Bool, _ rng: inout Xoshiro256) -> ChartQuestion? {
        let m = Self.margin(chart)
        let multi = chart.series.count > 1
        let suffix = multi ? "_series" : ""
        switch self {
        case .isMax, .isMin, .highMedian, .lowMedian:
            // (series, category) pairs: the series' pick is clear of its neighbours in value order.
            var candidates: [(Int, Int)] = []
            for (s, series) in chart.series.enumerated() {
                guard let pick = pick(series.values, margin: m) else { continue }
                for k in series.values.indices where (k == pick) == target { candidates.append((s, k)) }
            }
            guard let (s, k) = rng.pick(candidates) else { return nil }
            var p = Program()
            p.add(.chartPoints)
            if multi { p.add(.filterSeries, [], chart.series[s].name) }
            let step: ProgramFunction =
                switch self {
                case .isMax: .maxValue
                case .isMin: .minValue
                case .highMedian: .highMedian
                default: .lowMedian
                }
            let found = p.add(step)
            let named = ChartQuestions.appendPoint(&p, chart, series: s, category: k)
            p.add(.samePoint, [found, named])
            return question("figureqa_\(rawValue)\(suffix)", ChartQuestions.slots(chart, s, k), p)
        case .highest, .lowest:
            // The chart's extreme point beats every point of the other series by the margin.
            let points = chart.points
            let high = self == .highest
            let order = points.indices.sorted {
                high ? points[$0].value > points[$1].value : points[$0].value < points[$1].value
            }
            guard let best = order.first else { return nil }
            let winner = points[best].series
            let clear = points.allSatisfy { p in
                p.series == winner || abs(p.value - points[best].value) >= m
            }
            let own = points.filter { $0.series == winner && $0.value == points[best].value }.count == 1
            guard clear, own else { return nil }
            let candidates = chart.series.indices.filter { s in
                guard (s == winner) == target else { return false }
                let v = chart.series[s].values
                let extreme = high ? v.max() : v.min()
                return v.filter { $0 == extreme }.count == 1
            }
            guard let s = rng.pick(candidates) else { return nil }
            var p = Program()
            p.add(.chartPoints)
            let all = p.add(high ? .maxValue : .minValue)
            p.add(.chartPoints)
            p.add(.filterSeries, [], chart.series[s].name)
            let mine = p.add(high ? .maxValue : .minValue)
            p.add(.samePoint, [all, mine])
            return question("figureqa_\(rawValue)", ["series": chart.series[s].name], p)
        case .maxArea:
            let areas = chart.series.map { ChartExecutor.area($0.values) }
            let steps = Double(chart.categories.count - 1)
            guard let best = areas.indices.max(by: { areas[$0] < areas[$1] }),
                areas.indices.allSatisfy({ $0 == best || areas[best] - areas[$0] >= m * steps })
            else { return nil }
            guard let s = rng.pick(chart.series.indices.filter { ($0 == best) == target }) else { return nil }
            var p = Program()
            p.add(.chartPoints)
            let largest = p.add(.maxArea)
            p.add(.chartPoints)
            let mine = p.add(.filterSeries, [], chart.series[s].name)
            p.add(.intersect, [largest, mine])
            p.add(.exist)
            return question("figureqa_max_area", ["series": chart.series[s].name], p)
        case .intersects:
            // Yes: the lines cross clearly (the difference goes from at least the margin one way to
            // at least the margin the other between neighbours); no: they stay the margin apart.
            var candidates: [(Int, Int)] = []
            for a in chart.series.indices {
                for b in chart.series.indices where b > a {
                    let d = zip(chart.series[a].values, chart.series[b].values).map { $0 - $1 }
                    let crosses = zip(d, d.dropFirst()).contains { ($0 >= m && $1 <= -m) || ($0 <= -m && $1 >= m) }
                    let apart = d.allSatisfy { $0 >= m } || d.allSatisfy { $0 <= -m }
                    if target ? crosses : apart { candidates.append(rng.coin() ? (a, b) : (b, a)) }
                }
            }
            guard let (a, b) = rng.pick(candidates) else { return nil }
            var p = Program()
            p.add(.chartPoints)
            let first = p.add(.filterSeries, [], chart.series[a].name)
            p.add(.chartPoints)
            let second = p.add(.filterSeries, [], chart.series[b].name)
            p.add(.intersects, [first, second])
            return question("figureqa_intersects", ["a": chart.series[a].name, "b": chart.series[b].name], p)
        }
    }

    /// The index this kind asks about in `values` (largest, smallest, high or low median), when
    /// its value differs by at least `margin` from the values next to it in sorted order.
    func pick(_ values: [Double], margin: Double) -> Int? {
        let order = values.indices.sorted { values[$0] < values[$1] }
        let n = order.count
        guard n >= 2 else { return nil }
        let rank: Int =
            switch self {
            case .isMax: n - 1
            case .isMin: 0
            case .highMedian: n / 2
            default: (n - 1) / 2
            }
        let v = values[order[rank]]
        if rank > 0 && v - values[order[rank - 1]] < margin { return nil }
        if rank < n - 1 && values[order[rank + 1]] - v < margin { return nil }
        return order[rank]
    }

    func question(_ key: String, _ slots: [String: String], _ program: Program) -> ChartQuestion {
        ChartQuestion(family: .figureQA, key: key, slots: slots, program: program, answerType: .yesNo)
    }
}
