import Charts
import Rasterizer
import SceneModel
import Typesetting

/// Chart plans: each attempt draws a whole chart (kind, topic, categories, series, values,
/// dressing) from its own stream, lays it out and draws it. An attempt is rejected when a label
/// does not fit (``ChartLayoutError``: placement) or, once drawn, when text covers a mark or
/// other text, or a mark owns no pixel (visibility). Nothing is ever drawn clipped.
extension Sampler {
    func sampleChart(_ settings: ChartSettings, index: UInt64, drawing: Bool) throws(SamplingError) -> SampledScene {
        var rng = SampleSeed.generator(runSeed: seed, index: index, stream: .attributes)
        let background = plan.backgrounds[rng.weightedIndex(plan.backgrounds.map(\.weight))].value
        var rejections: [RejectionReason: Int] = [:]
        for attempt in 0..<plan.sceneRetries {
            var r = SampleSeed.generator(runSeed: seed, index: index, stream: .layout(attempt: attempt))
            let chart = drawChart(settings, background: background, &r)
            let scene: Scene
            do {
                let layout = try ChartLayout(chart, width: plan.width, height: plan.height)
                scene = try Typesetter.shared.typeset(
                    Scene(
                        width: plan.width, height: plan.height, background: background, objects: [],
                        texts: layout.texts, chart: layout.chart, marks: layout.marks))
            } catch {
                rejections[.placement, default: 0] += 1
                continue
            }
            // What the pixel check below would refuse for certain, refused before drawing.
            guard !Rasterizer.laterMarksCutAWholeMark(scene) else {
                rejections[.visibility, default: 0] += 1
                continue
            }
            let rendered =
                drawing ? Rasterizer.render(scene, coverageLevels: plan.coverageLevels) : Rasterizer.measure(scene)
            guard Sampler.chartIsClear(rendered) else {
                rejections[.visibility, default: 0] += 1
                continue
            }
            return SampledScene(index: index, rendered: rendered, attempts: attempt + 1, rejections: rejections)
        }
        throw SamplingError(plan: plan.name, index: index, attempts: plan.sceneRetries, rejections: rejections)
    }

    /// Every word shows whole (no text over text), every mark owns pixels, bars and points show
    /// whole, and no word took a
    /// pixel from a mark.
    public static func chartIsClear(_ rendered: RenderedScene) -> Bool {
        for t in rendered.textMeasurements {
            for w in t.words where w.visiblePixels == 0 || w.visiblePixels < w.fullPixels { return false }
        }
        if rendered.markMeasurements.contains(where: { $0.visiblePixels == 0 }) { return false }
        // Bars and points show whole (a point over another would change its box); slices share
        // their edges' pixels with their neighbours.
        for (m, measured) in zip(rendered.scene.marks, rendered.markMeasurements)
        where (m.role == .bar || m.role == .point) && measured.visiblePixels < measured.fullPixels {
            return false
        }
        return rendered.textOverMarks == 0
    }

    /// One chart from the plan's distributions; every draw comes from `rng`, in a fixed order.
    func drawChart(_ s: ChartSettings, background: NamedColor, _ rng: inout Xoshiro256) -> Chart {
        let kind = s.kinds[rng.weightedIndex(s.kinds.map(\.weight))].value
        let language = s.languages[rng.weightedIndex(s.languages.map(\.weight))].value
        let fitting = s.topics.filter { t in
            switch kind {
            case .line: t.ordered
            case .scatter: t.words.values.allSatisfy { !$0.xLabel.isEmpty }
            default: true
            }
        }
        let topic = fitting[rng.int(in: 0...(fitting.count - 1))]
        let words = topic.words[language] ?? topic.words.values.first!
        let colors = plan.colors.map(\.value).filter { $0.rgb != background.rgb && $0.name != "black" }

        var categories: [String] = []
        if kind != .scatter {
            let n = min(rng.int(in: s.categories), words.categories.count, kind == .pie ? colors.count : 99)
            if kind == .line {
                let start = rng.int(in: 0...(words.categories.count - n))
                categories = Array(words.categories[start..<(start + n)])
            } else {
                var picked = Array(0..<words.categories.count)
                rng.shuffle(&picked)
                categories = picked.prefix(n).sorted().map { words.categories[$0] }
            }
        }
        let seriesCount = kind == .pie ? 1 : min(rng.int(in: s.series), words.series.count, colors.count)
        var seriesOrder = Array(0..<words.series.count)
        rng.shuffle(&seriesOrder)
        let seriesNames = seriesOrder.prefix(seriesCount).sorted().map { words.series[$0] }
        var palette = colors
        rng.shuffle(&palette)
        let steps = Int(((s.values.upperBound - s.values.lowerBound) / s.valueStep).rounded(.down))
        func value(_ rng: inout Xoshiro256) -> Double {
            s.values.lowerBound + Double(rng.int(in: (kind == .pie ? 1 : 0)...steps)) * s.valueStep
        }
        var series: [ChartSeries] = []
        for (i, name) in seriesNames.enumerated() {
            let count = kind == .scatter ? rng.int(in: s.points) : categories.count
            var values = (0..<count).map { _ in value(&rng) }
            // Half the lines rise at every step, so "does it rise" is as often yes as no.
            if kind == .line && rng.coin() { values.sort() }
            let xs = kind == .scatter ? (0..<count).map { _ in value(&rng) } : []
            series.append(ChartSeries(name: name, color: palette[i % palette.count], values: values, xValues: xs))
        }
        let decimals = Sampler.decimals(of: s.valueStep)
        let top = series.flatMap(\.values).max() ?? 1
        let scale = Sampler.niceScale(max: max(top, s.valueStep), decimals: decimals)
        let xScale =
            kind == .scatter
            ? Sampler.niceScale(max: max(series.flatMap(\.xValues).max() ?? 1, s.valueStep), decimals: decimals) : nil
        let dataLabels = kind != .scatter && rng.unit() < s.dataLabels
        let axisLabels = rng.unit() < s.axisLabels
        return Chart(
            kind: kind, language: language, font: s.fonts[language] ?? "DejaVu Sans", title: words.title,
            categoryLabel: axisLabels && kind != .pie ? (kind == .scatter ? words.xLabel : words.categoryLabel) : "",
            valueLabel: axisLabels && kind != .pie ? words.valueLabel : "", categories: categories, series: series,
            sliceColors: kind == .pie ? Array(palette.prefix(categories.count)) : [], scale: scale, xScale: xScale,
            dataLabels: dataLabels, legend: kind == .pie || series.count > 1, titleSize: s.titleSize,
            labelSize: s.labelSize)
    }

    /// Digits after the point of a value step (0.5 -> 1, 0.25 -> 2, 5 -> 0).
    static func decimals(of step: Double) -> Int {
        var d = 0
        var x = step
        while d < 4 && abs(x - x.rounded()) > 1e-9 {
            x *= 10
            d += 1
        }
        return d
    }

    /// From 0 to the first tick at or above `max`, a tick every 1, 2 or 5 times a power of ten,
    /// at most six steps.
    static func niceScale(max top: Double, decimals: Int) -> ChartScale {
        var unit = 1.0
        while unit * 10 <= top { unit *= 10 }
        while unit > top { unit /= 10 }
        for m in [0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0] {
            let step = unit * m
            if Sampler.decimals(of: step) > decimals { continue }
            let n = (top / step - 1e-9).rounded(.up)
            if n <= 6 { return ChartScale(min: 0, max: n * step, step: step, decimals: decimals) }
        }
        return ChartScale(min: 0, max: unit * 10, step: unit * 2, decimals: decimals)
    }
}
