import SampleRecords

/// A second resolver for the referring expressions of chart records, written for the tests from
/// the record's JSON alone and sharing no code with the describer, the executor or the
/// verifier: it runs each expression's program and says which drawn thing it names, as the
/// `object` id and `bbox` a reference must state.
///
/// - Data points (`chart_points → filter_series → filter_category → unique`) run on
///   ``IndependentChartExecutor``; the point's mark is the bar, slice or point of its series and
///   category in `chart.marks`.
/// - `legend_entry[name]`: the legend lists the series (a pie's legend its categories) left to
///   right, so entry k is the k-th legend swatch from the left by its box; the legend text that
///   says the name must label that swatch and be the k-th legend text from the left.
/// - Chart text (`scene_text`, `filter_text_role`, `filter_text`, `filter_axis`, `unique`): the
///   record's `texts`; the x axis's texts are those whose ink lies below the plot area
///   (`chart.plot`), the y axis's those whose ink lies left of it. A text item is named by its
///   first word's id, its box the union of its words' boxes.
struct IndependentChartReferences {
    struct Text {
        var role: String
        var text: String
        /// Ink box [x, y, w, h]; nil when it has no ink.
        var bbox: [Int]?
        var labels: Int?
        var wordIDs: [Int]
        var wordBoxes: [[Int]]
    }

    struct Mark {
        var id: Int
        var role: String
        var series: Int?
        var index: Int?
        var bbox: [Int]?
    }

    /// What a reference names: an id and a box [x, y, w, h].
    struct Referent: Equatable {
        var object: Int
        var bbox: [Int]
    }

    let points: IndependentChartExecutor
    let kind: String
    let legend: Bool
    let categories: [String]
    let seriesNames: [String]
    let texts: [Text]
    let marks: [Mark]
    /// The plot area [x, y, w, h] in pixels.
    let plot: [Double]

    init?(record: JSONValue) {
        guard let points = IndependentChartExecutor(record: record), let c = record["chart"],
            let plot = c["plot"]?.arrayValue?.compactMap(\.doubleValue), plot.count == 4
        else { return nil }
        self.points = points
        self.plot = plot
        kind = c["kind"]?.stringValue ?? ""
        if case .bool(let b)? = c["legend"] { legend = b } else { legend = false }
        categories = (c["categories"]?.arrayValue ?? []).compactMap(\.stringValue)
        seriesNames = (c["series"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        func box(_ v: JSONValue?) -> [Int]? {
            guard let a = v?.arrayValue?.compactMap(\.intValue), a.count == 4 else { return nil }
            return a
        }
        texts = (record["texts"]?.arrayValue ?? []).map { t in
            let words = t["words"]?.arrayValue ?? []
            return Text(
                role: t["role"]?.stringValue ?? "", text: t["text"]?.stringValue ?? "", bbox: box(t["bbox"]),
                labels: t["labels"]?.intValue, wordIDs: words.compactMap { $0["id"]?.intValue },
                wordBoxes: words.compactMap { box($0["bbox"]) })
        }
        marks = (c["marks"]?.arrayValue ?? []).map { m in
            Mark(
                id: m["id"]?.intValue ?? -1, role: m["role"]?.stringValue ?? "", series: m["series"]?.intValue,
                index: m["index"]?.intValue, bbox: box(m["bbox"]))
        }
    }

    enum Value {
        case texts([Int])
        case text(Int)
        case entry(Int)
    }

    /// What `program` names, or nil when it names nothing (or not exactly one thing).
    func referent(_ program: JSONValue) -> Referent? {
        guard let nodes = program.arrayValue, let first = nodes.first?["type"]?.stringValue else { return nil }
        if first == "chart_points" {
            guard case .point(let s, let k)? = points.run(program),
                let m = marks.first(where: {
                    ["bar", "slice", "point"].contains($0.role) && $0.series == s && $0.index == k
                }), let box = m.bbox
            else { return nil }
            return Referent(object: m.id, bbox: box)
        }
        var values: [Value] = []
        for node in nodes {
            guard let type = node["type"]?.stringValue else { return nil }
            let inputs = (node["inputs"]?.arrayValue ?? []).compactMap(\.intValue)
            guard inputs.allSatisfy({ $0 < values.count }) else { return nil }
            let arg = node["value_inputs"]?.arrayValue?.first?.stringValue
            var set: [Int]?
            if let i = inputs.first, case .texts(let s) = values[i] { set = s }
            let v: Value
            switch type {
            case "scene_text": v = .texts(Array(texts.indices))
            case "filter_text_role":
                guard let set, let arg else { return nil }
                v = .texts(set.filter { texts[$0].role == arg })
            case "filter_text":
                guard let set, let arg else { return nil }
                v = .texts(set.filter { texts[$0].text == arg })
            case "filter_axis":
                guard let set, kind != "pie" else { return nil }
                let (left, bottom) = (plot[0], plot[1] + plot[3])
                switch arg {
                case "x": v = .texts(set.filter { texts[$0].bbox.map { Double($0[1]) >= bottom } ?? false })
                case "y": v = .texts(set.filter { texts[$0].bbox.map { Double($0[0] + $0[2]) <= left } ?? false })
                default: return nil
                }
            case "unique":
                guard let set, set.count == 1 else { return nil }
                v = .text(set[0])
            case "legend_entry":
                let names = kind == "pie" ? categories : seriesNames
                guard legend, let arg, let k = names.firstIndex(of: arg) else { return nil }
                v = .entry(k)
            default: return nil
            }
            values.append(v)
        }
        switch values.last {
        case .text(let t)?:
            let item = texts[t]
            guard let id = item.wordIDs.first, !item.wordBoxes.isEmpty else { return nil }
            let x0 = item.wordBoxes.map { $0[0] }.min()!
            let y0 = item.wordBoxes.map { $0[1] }.min()!
            let x1 = item.wordBoxes.map { $0[0] + $0[2] }.max()!
            let y1 = item.wordBoxes.map { $0[1] + $0[3] }.max()!
            return Referent(object: id, bbox: [x0, y0, x1 - x0, y1 - y0])
        case .entry(let k)?:
            let swatches = marks.filter { $0.role == "legend" && $0.bbox != nil }.sorted { $0.bbox![0] < $1.bbox![0] }
            let names = texts.filter { $0.role == "legend" && $0.bbox != nil }.sorted { $0.bbox![0] < $1.bbox![0] }
            let said = kind == "pie" ? categories[k] : seriesNames[k]
            guard k < swatches.count, k < names.count, names[k].text == said, names[k].labels == swatches[k].id
            else { return nil }
            return Referent(object: swatches[k].id, bbox: swatches[k].bbox!)
        default: return nil
        }
    }
}
