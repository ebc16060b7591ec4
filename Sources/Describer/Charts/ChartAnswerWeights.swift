import SceneModel

/// How chart families weigh their answers so they come out about uniform across a plan's
/// charts, fitted once per plan from the answers a fixed set of its charts make possible
/// (`ChartCalibration` in the pipeline), as ``AnswerWeights`` does for the general families:
///
/// - `chart_count` chooses its answer first among the counts the chart can be asked (all
///   marks, a series' marks, a category's marks), weighted by iterative proportional fitting;
/// - `chart_count_series` has one possible answer per chart, so it is asked with a probability
///   that evens its answers out (the most common answer least often, at least 1/20), drawn
///   once per chart, in a question slot of its own;
/// - each yes/no coin (`chart_trend`, each FigureQA kind) weighs yes and no by one over the
///   rate at which a question with that answer can be built.
public struct ChartAnswerWeights: Sendable {
    var count: [Int: Double] = [:]
    var countSeries: [Int: Double] = [:]
    /// Per coin key, the weights of yes and no.
    var coins: [String: [Double]] = [:]

    /// Uniform among the answers a chart makes possible; every coin even.
    public static let uniform = ChartAnswerWeights()

    init() {}

    /// Weights given as ``table`` lists them (a stored fit).
    public init(table: [(name: String, weights: [(key: Int, weight: Double)])]) {
        for (name, weights) in table {
            switch name {
            case "count": for (k, w) in weights { count[k] = w }
            case "count_series": for (k, w) in weights { countSeries[k] = w }
            default:
                // A coin: key 1 weighs yes, key 0 no.
                let yes = weights.first { $0.key == 1 }?.weight ?? 1
                let no = weights.first { $0.key == 0 }?.weight ?? 1
                coins[name] = [yes, no]
            }
        }
    }

    /// Every weight, by name (`count`, `count_series`, then each coin's key with 1 for yes and
    /// 0 for no) in ascending order of names and keys: what ``init(table:)`` reads back.
    public var table: [(name: String, weights: [(key: Int, weight: Double)])] {
        var out: [(name: String, weights: [(key: Int, weight: Double)])] = []
        if !count.isEmpty { out.append(("count", count.keys.sorted().map { ($0, count[$0] ?? 1) })) }
        if !countSeries.isEmpty {
            out.append(("count_series", countSeries.keys.sorted().map { ($0, countSeries[$0] ?? 1) }))
        }
        for key in coins.keys.sorted() where key != "count" && key != "count_series" {
            guard let w = coins[key], w.count == 2 else { continue }
            out.append((key, [(0, w[1]), (1, w[0])]))
        }
        return out
    }

    /// What one chart allows: the counts it can be asked, its series count when asked, and per
    /// coin whether yes and no can be built.
    public struct Observation: Sendable {
        var counts: [Int]
        var seriesCount: Int?
        var truths: [String: (yes: Bool, no: Bool)]
    }

    /// The observation of `chart` (the builders' own tests of what they could ask).
    public static func observe(_ chart: Chart) -> Observation {
        var rng = Xoshiro256(seed: 1)
        var truths: [String: (yes: Bool, no: Bool)] = [:]
        for kind in ChartFigureQA.kinds(chart) {
            truths[kind.rawValue] = (
                kind.build(chart, target: true, &rng) != nil, kind.build(chart, target: false, &rng) != nil
            )
        }
        if chart.kind == .line {
            let m = ChartFigureQA.margin(chart)
            truths["trend"] = (
                chart.series.contains { ChartQuestions.trend($0.values, margin: m) == true },
                chart.series.contains { ChartQuestions.trend($0.values, margin: m) == false }
            )
        }
        let series = chart.kind != .pie && chart.legend ? chart.series.count : nil
        var counts: [Int] = []
        for option in ChartQuestions.countOptions(chart) where !counts.contains(option.answer) {
            counts.append(option.answer)
        }
        return Observation(counts: counts, seriesCount: series, truths: truths)
    }

    public static func fit(_ observations: [Observation]) -> ChartAnswerWeights {
        var out = ChartAnswerWeights()
        let sets = observations.map(\.counts).filter { !$0.isEmpty }
        if !sets.isEmpty { out.count = AnswerWeights.fitChoices(sets, iterations: 50, maximumRatio: 1000) }
        var seen: [Int: Int] = [:]
        for o in observations { if let n = o.seriesCount { seen[n, default: 0] += 1 } }
        if let rarest = seen.values.min() {
            for (n, c) in seen { out.countSeries[n] = max(Double(rarest) / Double(c), 0.05) }
        }
        var tallies: [String: (yes: Int, no: Int, probes: Int)] = [:]
        for o in observations {
            for (key, t) in o.truths {
                var tally = tallies[key] ?? (0, 0, 0)
                tally.probes += 1
                if t.yes { tally.yes += 1 }
                if t.no { tally.no += 1 }
                tallies[key] = tally
            }
        }
        for (key, t) in tallies where t.yes > 0 && t.no > 0 {
            out.coins[key] = [Double(t.probes) / Double(t.yes), Double(t.probes) / Double(t.no)]
        }
        return out
    }

    /// A yes/no target for the coin `key`, weighted.
    func truth(_ key: String, _ rng: inout Xoshiro256) -> Bool {
        guard let w = coins[key] else { return rng.coin() }
        return rng.unit() * (w[0] + w[1]) < w[0]
    }

    /// The weight of a `chart_count` answer.
    func countWeight(_ n: Int) -> Double { count[n] ?? 1 }

    /// Whether to ask `chart_count_series` of a chart with `n` series (drawn once per chart).
    func asksSeriesCount(_ n: Int, _ rng: inout Xoshiro256) -> Bool {
        guard let p = countSeries[n] else { return true }
        return rng.unit() < p
    }
}
