import Charts
import Describer
import Rasterizer
import SampleRecords
import SceneModel

/// Checks of a chart sample: the chart lays out again on its canvas, every mark and text item
/// the record states is the one drawn (role, point, box and pixels from the id plane), every data mark's
/// box agrees with its value under the chart's scale, and every referring expression's program
/// picks out the data point, legend entry or text item whose mark or words it names.
extension SampleChecker {
    /// The record's scene with its chart's marks and text laid out again, or the defect saying
    /// why it cannot be.
    static func chartScene(_ record: SampleRecord, key: String) -> (Scene, Defect?) {
        do { return (try ChartLayout.drawn(record.scene), nil) } catch {
            return (record.scene, Defect(key, "chart", "the recorded chart does not lay out again: \(error)"))
        }
    }

    static func chartDefects(_ record: SampleRecord, _ rendered: RenderedScene, _ facts: SceneFacts, key: String)
        -> [Defect]
    {
        guard let stated = record.chart, let chart = rendered.scene.chart else { return [] }
        var out: [Defect] = []
        func defect(_ m: String) { out.append(Defect(key, "chart", m)) }
        if stated.chart.plot != chart.plot {
            defect("plot area \(stated.chart.plot) is not the layout's \(chart.plot)")
        }
        let marks = rendered.scene.marks
        guard stated.marks.count == marks.count else {
            defect("\(stated.marks.count) marks recorded; the chart draws \(marks.count)")
            return out
        }
        for (i, (s, m)) in zip(stated.marks, marks).enumerated() {
            let measured = rendered.markMeasurements[i]
            if s.id != m.id || s.role != m.role || s.series != m.series || s.index != m.index {
                defect(
                    "marks[\(i)] is recorded as \(s.role.rawValue) \(s.id); the chart draws \(m.role.rawValue) \(m.id)")
            } else if stated.markMeasurements[i].bbox != measured.bbox
                || stated.markMeasurements[i].visiblePixels != measured.visiblePixels
            {
                defect("marks[\(i)] (\(m.role.rawValue)) box or pixels differ from the id plane's")
            }
        }
        // The record's text items are the chart's, laid out again (``letteringDefects`` holds
        // their words and boxes to the pixels).
        let recorded = record.texts ?? []
        if recorded.count != rendered.scene.texts.count {
            defect("\(recorded.count) text items recorded; the chart sets \(rendered.scene.texts.count)")
        } else {
            func bare(_ t: TextItem) -> TextItem {
                var t = t
                t.words = t.words.map { TextWord(id: $0.id, text: $0.text, contours: []) }
                return t
            }
            for (i, (s, t)) in zip(recorded, rendered.scene.texts).enumerated() where bare(s.item) != bare(t) {
                defect(
                    "texts[\(i)] \"\(s.item.text)\" (\(s.item.role)) is not what the chart sets there (\"\(t.text)\", \(t.role))"
                )
            }
        }
        // Each data mark's box against its value: one pixel of the scale at most.
        let points = chart.points
        let p = chart.plot
        for (i, m) in marks.enumerated() where m.isDataPoint {
            guard let s = m.series, let k = m.index, let box = rendered.markMeasurements[i].bbox,
                let point = points.first(where: { $0.series == s && $0.index == k })
            else {
                defect("marks[\(i)] (\(m.role.rawValue)) owns no pixel or shows no data point")
                continue
            }
            let v = point.value
            let f = chart.scale.fraction(v)
            let (x0, y0, x1, y1) = (Double(box.x), Double(box.y), Double(box.x + box.width), Double(box.y + box.height))
            let r = ChartLayout.pointRadius
            let expected: [(String, Double, Double)]
            switch m.role {
            case .bar where chart.kind == .horizontalBar:
                expected = [("left", x0, p.minX), ("right", x1, p.minX + f * (p.maxX - p.minX))]
            case .bar:
                expected = [("bottom", y1, p.maxY), ("top", y0, p.maxY - f * (p.maxY - p.minY))]
            case .point:
                let cy = p.maxY - f * (p.maxY - p.minY)
                let cx: Double
                if let x = point.x, let xs = chart.xScale {
                    cx = p.minX + xs.fraction(x) * (p.maxX - p.minX)
                } else {
                    cx = p.minX + (Double(k) + 0.5) * (p.maxX - p.minX) / Double(max(1, chart.categories.count))
                }
                expected = [
                    ("center x", (x0 + x1) / 2, cx), ("center y", (y0 + y1) / 2, cy), ("width", x1 - x0, 2 * r),
                ]
            default:
                // A slice: its share of the pie's pixels is its share of the total, within its rim.
                let total = chart.series[0].values.reduce(0, +)
                let radius = (p.maxX - p.minX) / 2
                let area = Double.pi * radius * radius * v / total
                let rim = 2 * radius + radius * 2 * Double.pi * v / total + 2
                expected = [("pixels", Double(rendered.markMeasurements[i].fullPixels), area)]
                if abs(expected[0].1 - area) > rim {
                    defect(
                        "marks[\(i)] (slice \(k)) has \(Int(expected[0].1)) pixels; value \(chart.format(v)) gives \(Int(area))"
                    )
                }
                continue
            }
            for (what, got, want) in expected where abs(got - want) > 1 {
                defect(
                    "marks[\(i)] (\(m.role.rawValue) \(s),\(k)) \(what) is at \(got); value \(chart.format(v)) on the scale gives \(want)"
                )
            }
        }
        // Dense phrases name data marks with their boxes.
        for (language, captions) in record.description.captions {
            for d in captions.dense {
                guard let m = marks.firstIndex(where: { $0.id == d.objectID && $0.isDataPoint }),
                    rendered.markMeasurements[m].bbox == d.bbox
                else {
                    out.append(
                        Defect(
                            key, "captions", "\(language) dense phrase \"\(d.text)\" names no data mark with its box"))
                    continue
                }
            }
        }
        for (i, r) in record.description.refs.enumerated() {
            let value = ProgramExecutor.run(r.program, on: facts)
            if case .text(let t)? = value {
                // The chart's title, an axis label or a tick label, as any text item.
                out += SampleChecker.textReferenceDefects(record, i, r, text: t, key: key)
                continue
            }
            if r.program.nodes.last?.function == .legendEntry {
                guard case .integer(let k)? = value, let m = Describer.legendMark(chart, marks, k) else {
                    out.append(Defect(key, "refs", "refs[\(i)] \"\(r.text)\" does not pick out a legend entry"))
                    continue
                }
                if marks[m].id != r.objectID || rendered.markMeasurements[m].bbox != r.bbox {
                    out.append(
                        Defect(
                            key, "refs",
                            "refs[\(i)] \"\(r.text)\" names mark \(r.objectID), its program legend swatch \(marks[m].id)"
                        ))
                }
                continue
            }
            guard case .object(let o)? = value, o < points.count,
                let m = marks.firstIndex(where: {
                    $0.isDataPoint && $0.series == points[o].series && $0.index == points[o].index
                })
            else {
                out.append(Defect(key, "refs", "refs[\(i)] \"\(r.text)\" does not pick out exactly one mark"))
                continue
            }
            if marks[m].id != r.objectID || rendered.markMeasurements[m].bbox != r.bbox {
                out.append(
                    Defect(
                        key, "refs",
                        "refs[\(i)] \"\(r.text)\" names mark \(r.objectID), its program mark \(marks[m].id)"))
            }
        }
        return out
    }
}
