import SceneModel

/// A chart's detailed caption with one clause changed, the program of the claim the change
/// makes and the value it claims; running the program on the chart does not give it.
struct ChartNegative: Hashable {
    var kind: NegativeKind
    var caption: ChartCaption
    var program: Program
    var claimed: ProgramValue
}

/// Hard negatives of chart captions: minimal edits of one clause of the true detailed caption,
/// each false of the chart's data table and visibly so. Kinds: `title` (the title of another
/// topic with the same categories, for charts of this kind), `count` (the listed categories, or
/// a scatter plot's points, one more or one fewer, at even odds), `series` (one series more or
/// fewer in the list compared, at even odds), `extreme` (another category named largest, one
/// whose value is at least ``ChartFigureQA/margin(_:)`` below the largest) and `trend` (the
/// stated trend of a line turned round; the caption states only trends that hold by the
/// margin). New words come from the plan's own word lists, so true captions of the plan use
/// them too.
enum ChartNegatives {
    static let kinds: [NegativeKind] = [.title, .count, .series, .extreme, .trend]

    /// Up to `count` negatives of different kinds, in an order drawn from `rng`.
    static func make(
        _ caption: ChartCaption, _ chart: Chart, _ facts: SceneFacts, topics: [ChartTopicWords], count: Int,
        _ rng: inout Xoshiro256
    ) -> [ChartNegative] {
        guard count > 0 else { return [] }
        var kinds = Self.kinds
        rng.shuffle(&kinds)
        var out: [ChartNegative] = []
        for kind in kinds where out.count < count {
            guard let n = make(kind, caption, chart, topics, &rng), n.caption != caption,
                ProgramExecutor.run(n.program, on: facts) != n.claimed
            else { continue }
            out.append(n)
        }
        return out
    }

    static func make(
        _ kind: NegativeKind, _ caption: ChartCaption, _ chart: Chart, _ topics: [ChartTopicWords],
        _ rng: inout Xoshiro256
    ) -> ChartNegative? {
        var c = caption
        var p = Program()
        p.add(.chartPoints)
        let topic = ChartTopicWords.topic(of: chart, in: topics)
        switch kind {
        case .title:
            // Another title of a topic with the chart's categories: beside categories it never
            // has, a title would give the negative away to a reader of the text alone (a
            // scatter plot's caption names no categories).
            var titles: [String] = []
            for t in topics where t.serves(chart.kind) {
                guard let w = t.words[chart.language], w.title != chart.title, !titles.contains(w.title),
                    chart.kind == .scatter || w.categories == topic?.categories
                else { continue }
                titles.append(w.title)
            }
            guard let title = rng.pick(titles) else { return nil }
            c.title = title
            p.add(.queryChartText, [], "title")
            return ChartNegative(kind: kind, caption: c, program: p, claimed: .token(title))
        case .count:
            if chart.kind == .scatter {
                // One series' points, counted; a scatter plot lists no categories.
                guard chart.series.count == 1, c.count > 1 else { return nil }
                c.count += rng.coin() ? 1 : -1
                p.add(.count)
                return ChartNegative(kind: kind, caption: c, program: p, claimed: .integer(c.count))
            }
            guard let all = topic?.categories,
                let categories = oneMoreOrFewer(
                    chart.categories, from: all, keeping: [caption.extreme].compactMap { $0 },
                    adjacent: chart.kind == .line, &rng)
            else { return nil }
            c.categories = categories
            if chart.series.count == 1 { c.count = categories.count }
            // Each series has a mark per category: the first series' marks, counted.
            if chart.series.count > 1 { p.add(.filterSeries, [], chart.series[0].name) }
            p.add(.count)
            return ChartNegative(kind: kind, caption: c, program: p, claimed: .integer(categories.count))
        case .series:
            guard chart.series.count > 1, chart.kind != .pie, let all = topic?.series else { return nil }
            let named = caption.trend.map { [chart.series[$0.series].name] } ?? []
            guard let series = oneMoreOrFewer(c.series, from: all, keeping: named, adjacent: false, &rng) else {
                return nil
            }
            c.series = series
            p.add(.countSeries)
            return ChartNegative(kind: kind, caption: c, program: p, claimed: .integer(series.count))
        case .extreme:
            guard let top = caption.extreme, let values = chart.series.first?.values,
                let t = chart.categories.firstIndex(of: top)
            else { return nil }
            let margin = ChartFigureQA.margin(chart)
            let clear = chart.categories.indices.filter { values[t] - values[$0] >= margin }
            guard let k = rng.pick(clear) else { return nil }
            c.extreme = chart.categories[k]
            p.add(.maxValue)
            p.add(.queryCategory)
            return ChartNegative(kind: kind, caption: c, program: p, claimed: .token(chart.categories[k]))
        case .trend:
            guard let trend = caption.trend else { return nil }
            c.trend?.rises.toggle()
            p.add(.filterSeries, [], chart.series[trend.series].name)
            p.add(.rises)
            return ChartNegative(kind: kind, caption: c, program: p, claimed: .boolean(!trend.rises))
        default:
            return nil
        }
    }

    /// The list one name longer or shorter, at even odds, when both can be made (so the longer
    /// list is the negative as often as the shorter): one name of `all` the list lacks put in at
    /// its place in `all`'s order (with `adjacent`, only a name next to the list's ends: a run of
    /// months stays a run), or one name left out (never one of `keeping`; with `adjacent`, only
    /// the first or the last). Nil when either cannot be made.
    static func oneMoreOrFewer(
        _ list: [String], from all: [String], keeping: [String], adjacent: Bool, _ rng: inout Xoshiro256
    ) -> [String]? {
        let positions = list.compactMap { all.firstIndex(of: $0) }
        guard list.count >= 2, positions.count == list.count, let first = positions.min(), let last = positions.max()
        else { return nil }
        let added = all.indices.filter { k in
            !positions.contains(k) && (!adjacent || k == first - 1 || k == last + 1)
        }
        let dropped = list.indices.filter { i in
            !keeping.contains(list[i]) && (!adjacent || i == 0 || i == list.count - 1)
        }
        guard !added.isEmpty, !dropped.isEmpty else { return nil }
        if rng.coin(), let k = rng.pick(added) { return (positions + [k]).sorted().map { all[$0] } }
        guard let i = rng.pick(dropped) else { return nil }
        var out = list
        out.remove(at: i)
        return out
    }
}
