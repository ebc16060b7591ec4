import SampleRecords

/// Whether a chart question rests only on differences the chart shows: every comparison it
/// needs differs by at least the executor's margin (3% of the value axis, or of a pie's whole).
/// Written from the record's JSON and the program's steps, apart from the builders.
extension IndependentChartExecutor {
    func isVisible(family: String, program: JSONValue) -> Bool {
        guard let nodes = program.arrayValue, let steps = trace(program) else { return false }
        let types = nodes.map { $0["type"]?.stringValue ?? "" }
        func value(_ p: (Int, Int)) -> Double { values[p.0][p.1] }
        func inputs(_ i: Int) -> [Int] { (nodes[i]["inputs"]?.arrayValue ?? []).compactMap(\.intValue) }
        func points(_ i: Int) -> [(Int, Int)] {
            if case .points(let p) = steps[i] { return p }
            return []
        }
        // The point a step picks stands clear of the points it was picked from (its neighbours
        // in value order, or, over several series, every point of another series).
        func clearPick(_ i: Int) -> Bool {
            guard case .point(let s, let k) = steps[i], let from = inputs(i).first else { return false }
            let set = points(from)
            let series = Set(set.map(\.0))
            if series.count > 1 {
                return set.allSatisfy { $0.0 == s || abs(value($0) - values[s][k]) >= margin }
            }
            let sorted = set.map(value).sorted()
            guard let rank = sorted.firstIndex(of: values[s][k]) else { return false }
            if rank > 0 && values[s][k] - sorted[rank - 1] < margin { return false }
            if rank + 1 < sorted.count && sorted[rank + 1] - values[s][k] < margin { return false }
            return true
        }
        let picks = ["max_value", "min_value", "high_median", "low_median"]
        switch family {
        case "chart_compare":
            guard let last = types.indices.last, types[last] == "greater_value" else { return false }
            let ab = inputs(last).compactMap { i -> (Int, Int)? in
                if case .point(let s, let k) = steps[i] { return (s, k) }
                return nil
            }
            return ab.count == 2 && abs(value(ab[0]) - value(ab[1])) >= margin
        case "chart_extreme":
            return types.indices.filter { picks.contains(types[$0]) }.allSatisfy(clearPick)
        case "chart_trend":
            let v = points(types.count - 2).map(value)
            let d = zip(v, v.dropFirst()).map { $1 - $0 }
            return d.allSatisfy { $0 >= margin } || d.contains { $0 <= -margin }
        case "chart_figureqa":
            switch types.last {
            case "same_point":
                // The first pick decides the answer (the chart's or the series' extreme or median).
                guard let first = inputs(types.count - 1).first else { return false }
                return clearPick(first)
            case "exist":
                let v = values.map { s in s.indices.dropFirst().reduce(0.0) { $0 + (s[$1 - 1] + s[$1]) / 2 } }
                let sorted = v.sorted(by: >)
                return sorted.count >= 2 && sorted[0] - sorted[1] >= margin * Double(categories.count - 1)
            case "intersects":
                let pair = inputs(types.count - 1).map(points)
                guard pair.count == 2, pair[0].count == pair[1].count else { return false }
                let d = zip(pair[0], pair[1]).map { value($0) - value($1) }
                let apart = d.allSatisfy { $0 >= margin } || d.allSatisfy { $0 <= -margin }
                let crosses = zip(d, d.dropFirst()).contains {
                    ($0 >= margin && $1 <= -margin) || ($0 <= -margin && $1 >= margin)
                }
                return apart || crosses
            default: return false
            }
        default: return true
        }
    }
}
