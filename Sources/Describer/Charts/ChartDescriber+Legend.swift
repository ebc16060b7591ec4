import SceneModel

/// Referring expressions to legend entries ("the legend entry 2021", "the Tokyo legend entry"):
/// charts with a legend, one entry drawn per sample. The program `legend_entry[name]` returns
/// the entry's position in the legend; the expression's object is the entry's swatch mark and
/// its box the swatch's box from the id plane.
extension Describer {
    /// The legend entry to name, by its position in the legend; nil for a chart without one.
    static func legendEntry(_ chart: Chart, _ rng: inout Xoshiro256) -> Int? {
        guard chart.legend else { return nil }
        let count = chart.kind == .pie ? chart.categories.count : chart.series.count
        return count > 0 ? rng.int(in: 0...(count - 1)) : nil
    }

    /// The swatch mark of legend entry `k` (a pie's legend lists its slices, others their series).
    public static func legendMark(_ chart: Chart, _ marks: [ChartMark], _ k: Int) -> Int? {
        marks.firstIndex { $0.role == .legend && (chart.kind == .pie ? $0.index == k : $0.series == k) }
    }

    /// Legend entry `k` said in one language; none when its swatch owns no pixel.
    func legendReference(
        _ chart: Chart, _ scene: Scene, _ marks: [ObjectMeasurement], _ k: Int, _ phrases: ChartPhrases,
        _ code: String, _ words: inout Xoshiro256
    ) -> [ReferenceItem] {
        guard let m = Describer.legendMark(chart, scene.marks, k), m < marks.count, let box = marks[m].bbox else {
            return []
        }
        let name = chart.kind == .pie ? chart.categories[k] : chart.series[k].name
        var p = Program()
        p.add(.legendEntry, [], name)
        return [
            ReferenceItem(
                text: phrases.say("ref_legend", code, ["name": name], &words), language: code,
                objectID: scene.marks[m].id, bbox: box, program: p)
        ]
    }
}
