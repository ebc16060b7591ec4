import SceneModel

/// What a chart's detailed caption states, decided once for every language: the title; the
/// marks counted and the categories listed (one series) or the series compared across the
/// categories (several); the category with the largest value (one series, when unique); and,
/// for line charts, whether one line rises at every step. A hard negative is a copy with one
/// clause changed (``ChartNegatives``), said by the same code.
struct ChartCaption: Hashable {
    /// A line's trend: `rises` holds by at least the chart's margin at every step, or some step
    /// falls by at least the margin (``ChartQuestions/trend(_:margin:)``).
    struct Trend: Hashable {
        /// The line's series, by index in the chart.
        var series: Int
        var rises: Bool
    }

    var title: String
    /// Marks counted in a chart of one series (its categories, or a scatter series' points).
    var count: Int
    var categories: [String]
    var series: [String]
    var extreme: String?
    var trend: Trend?

    /// The true caption. A line chart states the trend of a line whose trend is `rising` (the
    /// chart's trend coin, weighted per plan as `chart_trend`'s is, so captions say "rises" as
    /// often as "does not rise"); none when no line has it.
    init(_ chart: Chart, rising: Bool, _ rng: inout Xoshiro256) {
        title = chart.title
        count = chart.points.count
        categories = chart.categories
        series = chart.series.map(\.name)
        extreme = Describer.uniqueLargest(chart).map { chart.categories[$0] }
        guard chart.kind == .line else { return }
        let margin = ChartFigureQA.margin(chart)
        let matching = chart.series.indices.filter {
            ChartQuestions.trend(chart.series[$0].values, margin: margin) == rising
        }
        if let s = rng.pick(matching) { trend = Trend(series: s, rises: rising) }
    }

    /// The key of the chart's detailed template: several series are compared across the
    /// categories; a scatter plot has no categories to list.
    static func templateKey(_ chart: Chart) -> String {
        (chart.series.count > 1 ? "detailed_series" : "detailed") + (chart.kind == .scatter ? "_scatter" : "")
    }

    /// The detailed caption in one language, from `template` (the language's template of
    /// ``templateKey(_:)``, chosen once per language, so a negative is said with the true
    /// caption's); the extreme and trend sentences have one template each.
    func detailed(_ chart: Chart, template: String, _ phrases: ChartPhrases, _ code: String) -> String {
        let separator = code == "zh" ? "、" : ", "
        let space = code == "zh" ? "" : " "
        var out = phrases.fill(
            template,
            [
                "kind": phrases.word("kind.\(chart.kind.rawValue)", code), "title": title,
                "marks": phrases.word("marks.\(chart.kind.rawValue)", code), "count": String(count),
                "categories": categories.joined(separator: separator),
                "series_list": series.joined(separator: separator),
            ])
        if let extreme {
            out += space + phrases.fill(phrases.word("detailed_extreme", code), ["category": extreme])
        }
        if let trend {
            let key = (trend.rises ? "detailed_rises" : "detailed_not_rising") + (series.count > 1 ? "_series" : "")
            out += space + phrases.fill(phrases.word(key, code), ["series": chart.series[trend.series].name])
        }
        return out
    }
}
