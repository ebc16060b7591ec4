import SceneModel

/// The question families over charts. Each decides its answer before its question where the
/// answer is a choice (yes or no by a coin, largest or smallest, which point), so yes/no
/// families are balanced by construction; every program runs on the chart before it is kept.
public enum ChartQuestionFamily: String, CaseIterable, Sendable {
    case title = "chart_title"
    case axisLabel = "chart_axis_label"
    case value = "chart_value"
    case extreme = "chart_extreme"
    case compare = "chart_compare"
    case count = "chart_count"
    case countSeries = "chart_count_series"
    case trend = "chart_trend"
    /// FigureQA-style yes/no over a chart's categories and series (``ChartFigureQA``).
    case figureQA = "chart_figureqa"
}

/// A chart question decided once: its family, the key of its templates, its slots (the chart's
/// own text) and its program; said in every language by ``ChartPhrases``.
struct ChartQuestion {
    var family: ChartQuestionFamily
    var key: String
    var slots: [String: String]
    var program: Program
    var answerType: AnswerType
}

extension Describer {
    /// Captions, questions and referring expressions of a chart scene. Data marks are found by
    /// their point (series, category); their boxes, and those of its text items (`texts`), are
    /// the id plane's.
    func describeChart(
        _ scene: Scene, _ chart: Chart, marks: [ObjectMeasurement], texts: [TextMeasurement], phrases: ChartPhrases,
        runSeed: UInt64, index: UInt64
    ) -> Description {
        let facts = SceneFacts(scene: scene, measurements: [], relations: relations)
        var rng = SampleSeed.generator(runSeed: runSeed, index: index, stream: .questions)
        var questions: [ChartQuestion] = []
        var seen: Set<Program> = []
        var tries = 0
        var answers: [ProgramValue] = []
        // Decided once per chart, so retrying a family does not undo the per-plan weights.
        let asksSeriesCount = chartWeights.asksSeriesCount(chart.series.count, &rng)
        let rising = chartWeights.truth("trend", &rng)
        // `chart_count_series` has one possible answer per chart: it is asked exactly when the
        // weighted draw above says so, in a slot of its own, so how many questions other
        // families find in the chart does not change how often each answer is asked.
        let seriesCount =
            options.questions > 0
            ? ChartQuestions.build(.countSeries, chart, chartWeights, asksSeriesCount: asksSeriesCount, &rng)
                .flatMap { q in ProgramExecutor.run(q.program, on: facts).map { (q, $0) } } : nil
        let families = ChartQuestionFamily.allCases.filter { $0 != .countSeries }
        let wanted = options.questions - (seriesCount == nil ? 0 : 1)
        while questions.count < wanted && tries < options.questions * 8 {
            tries += 1
            let family = families[rng.int(in: 0...(families.count - 1))]
            guard
                let q = ChartQuestions.build(
                    family, chart, chartWeights, asksSeriesCount: asksSeriesCount, rising: rising, &rng),
                let value = ProgramExecutor.run(q.program, on: facts),
                seen.insert(q.program).inserted
            else { continue }
            questions.append(q)
            answers.append(value)
        }
        if let asked = seriesCount {
            let at = rng.int(in: 0...questions.count)
            questions.insert(asked.0, at: at)
            answers.insert(asked.1, at: at)
        }
        let points = chart.points
        let dataMarks: [Int: (id: Int, box: PixelBox?)] = Dictionary(
            uniqueKeysWithValues: scene.marks.enumerated().compactMap { i, m in
                guard m.isDataPoint, let s = m.series, let k = m.index,
                    let p = points.firstIndex(where: { $0.series == s && $0.index == k })
                else { return nil }
                return (p, (m.id, i < marks.count ? marks[i].bbox : nil))
            })
        var refPoints: [Int] = []
        if chart.kind != .scatter {
            var order = Array(points.indices)
            rng.shuffle(&order)
            refPoints = Array(order.prefix(options.refs))
        }
        let legendEntry = options.refs > 0 ? Describer.legendEntry(chart, &rng) : nil
        let chartText = options.refs > 0 ? Describer.chartTextReference(facts, &rng) : nil
        let caption = ChartCaption(chart, rising: rising, &rng)
        let negatives = ChartNegatives.make(
            caption, chart, facts, topics: chartTopics, count: options.negatives, &rng)

        let multi = chart.series.count > 1
        var description = Description(captions: [])
        for lexicon in lexicons {
            let code = lexicon.code
            var words = Xoshiro256(
                seed: SampleSeed.derive(runSeed: runSeed, index: index, stream: .text)
                    ^ SplitMix64.mix(Describer.languageSalt(code)))
            var common: [String: String] = [
                "kind": phrases.word("kind.\(chart.kind.rawValue)", code), "title": chart.title,
                "marks": phrases.word("marks.\(chart.kind.rawValue)", code),
            ]
            let short = phrases.say("short", code, common, &words)
            let template = phrases.pick(ChartCaption.templateKey(chart), code, &words)
            let detailed = caption.detailed(chart, template: template, phrases, code)
            var dense: [DensePhrase] = []
            if chart.dataLabels {
                for (p, point) in points.enumerated() {
                    guard let mark = dataMarks[p], let box = mark.box, chart.kind != .scatter else { continue }
                    common["category"] = chart.categories[point.index]
                    common["series"] = chart.series[point.series].name
                    common["value"] = chart.format(point.value)
                    dense.append(
                        DensePhrase(
                            objectID: mark.id,
                            text: phrases.say(multi ? "dense_series" : "dense", code, common, &words),
                            bbox: box))
                }
            }
            description.captions.append((code, Captions(short: short, detailed: detailed, dense: dense)))
            for (q, value) in zip(questions, answers) {
                var slots = q.slots
                slots["marks"] = common["marks"]
                if let axis = slots["axis"] { slots["axis"] = phrases.word("axis.\(axis)", code) }
                description.qa.append(
                    QAItem(
                        question: phrases.say(q.key, code, slots, &words),
                        answer: Describer.answerWords(value, lexicon),
                        family: q.family.rawValue, program: q.program, language: code, answerType: q.answerType,
                        steps: q.program.nodes.count, hops: 0, level: "chart"))
            }
            for p in refPoints {
                guard let mark = dataMarks[p], let box = mark.box else { continue }
                let point = points[p]
                let role = chart.kind == .pie ? "slice" : (chart.kind == .line ? "point" : "bar")
                let slots = ["category": chart.categories[point.index], "series": chart.series[point.series].name]
                description.refs.append(
                    ReferenceItem(
                        text: phrases.say(multi ? "ref_\(role)_series" : "ref_\(role)", code, slots, &words),
                        language: code, objectID: mark.id, bbox: box,
                        program: ChartQuestions.pointProgram(chart, series: point.series, category: point.index)))
            }
            if let k = legendEntry {
                description.refs += legendReference(chart, scene, marks, k, phrases, code, &words)
            }
            if let r = chartText {
                description.refs += chartTextReference(r, scene, texts, phrases, code, &words)
            }
            for n in negatives {
                description.negatives.append(
                    NegativeItem(
                        text: n.caption.detailed(chart, template: template, phrases, code), language: code,
                        kind: n.kind.rawValue, of: "detailed", program: n.program,
                        claimed: Describer.answerWords(n.claimed, lexicon)))
            }
        }
        return description
    }
}
