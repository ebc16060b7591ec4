import SceneModel

/// One topic of a chart plan's word lists (`assets/charts/words.yaml`), as hard negatives need
/// it: per language code its title, categories in their natural order and series names, and
/// which chart kinds draw from it. A negative's new title, category or series comes from the
/// lists of the plan that drew the chart, so its words are ones true captions of the plan use.
public struct ChartTopicWords: Sendable, Hashable {
    public struct Words: Sendable, Hashable {
        public var title: String
        public var categories: [String]
        public var series: [String]

        public init(title: String, categories: [String], series: [String]) {
            self.title = title
            self.categories = categories
            self.series = series
        }
    }

    public var words: [String: Words]
    /// Categories in an order that means something (months, years): line charts draw only these.
    public var ordered: Bool
    /// The topic has a numeric x axis: scatter plots draw only these.
    public var scatter: Bool

    public init(words: [String: Words], ordered: Bool, scatter: Bool) {
        self.words = words
        self.ordered = ordered
        self.scatter = scatter
    }

    /// Whether the plan draws charts of `kind` from this topic (the sampler's rule).
    func serves(_ kind: Chart.Kind) -> Bool {
        switch kind {
        case .line: ordered
        case .scatter: scatter
        default: true
        }
    }

    /// The topic `chart` was drawn from: the one whose title in the chart's language is its title.
    static func topic(of chart: Chart, in topics: [ChartTopicWords]) -> Words? {
        topics.lazy.compactMap { $0.words[chart.language] }.first { $0.title == chart.title }
    }
}
