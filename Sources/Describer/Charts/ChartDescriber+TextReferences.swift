import SceneModel

/// A referring expression to a chart's own text, decided once: its title ("the title"), an axis
/// label ("the x-axis label") or a tick label ("the tick label 2021"; "the tick label 0 on the
/// x-axis" where the other axis writes the same string, so the string alone names no one item).
/// The program selects the chart's text items by role, then axis or string:
/// `scene_text → filter_text_role[title] → unique`,
/// `scene_text → filter_text_role[axis_label] → filter_axis[x] → unique`,
/// `scene_text → filter_text_role[tick_label] → filter_text[2021] (→ filter_axis[x]) → unique`.
struct ChartTextReferenceSpec: Hashable, Sendable {
    enum Target: Hashable, Sendable {
        case title
        case axisLabel(axis: String)
        /// `axis` nil when the string names the tick label alone.
        case tick(axis: String?)
    }

    /// The text item, by its index in the scene's texts.
    var item: Int
    var target: Target
    var program: Program
}

extension Describer {
    /// One chart text to name: the title, an axis label or a tick label, each kind the chart
    /// draws equally likely, then one item of the kind; each candidate kept only when its
    /// program returns exactly its item. Nil when none qualifies.
    static func chartTextReference(_ facts: SceneFacts, _ rng: inout Xoshiro256) -> ChartTextReferenceSpec? {
        func program(_ role: String, text: String? = nil, axis: String? = nil) -> Program {
            var p = Program()
            p.add(.filterTextRole, [p.add(.sceneText)], role)
            if let text { p.add(.filterText, [p.nodes.count - 1], text) }
            if let axis { p.add(.filterAxis, [p.nodes.count - 1], axis) }
            p.add(.unique, [p.nodes.count - 1])
            return p
        }
        func names(_ p: Program, _ i: Int) -> Bool {
            if case .text(let t)? = ProgramExecutor.run(p, on: facts) { return t == i }
            return false
        }
        // Candidates by kind: title, axis labels, tick labels.
        var groups: [[ChartTextReferenceSpec]] = [[], [], []]
        for (i, t) in facts.texts.enumerated() where !t.words.isEmpty {
            switch t.role {
            case "title":
                let p = program("title")
                if names(p, i) { groups[0].append(ChartTextReferenceSpec(item: i, target: .title, program: p)) }
            case "axis_label":
                for axis in ["x", "y"] {
                    let p = program("axis_label", axis: axis)
                    if names(p, i) {
                        groups[1].append(ChartTextReferenceSpec(item: i, target: .axisLabel(axis: axis), program: p))
                    }
                }
            case "tick_label":
                let p = program("tick_label", text: t.text)
                if names(p, i) {
                    groups[2].append(ChartTextReferenceSpec(item: i, target: .tick(axis: nil), program: p))
                    continue
                }
                for axis in ["x", "y"] {
                    let q = program("tick_label", text: t.text, axis: axis)
                    if names(q, i) {
                        groups[2].append(ChartTextReferenceSpec(item: i, target: .tick(axis: axis), program: q))
                    }
                }
            default: continue
            }
        }
        groups.removeAll { $0.isEmpty }
        guard !groups.isEmpty else { return nil }
        let group = groups[rng.int(in: 0...(groups.count - 1))]
        return group[rng.int(in: 0...(group.count - 1))]
    }

    /// The chart text reference said in one language: its item's first word's id and the union
    /// of its words' boxes from the id plane (as for other text items); none when it owns no pixel.
    func chartTextReference(
        _ r: ChartTextReferenceSpec, _ scene: Scene, _ texts: [TextMeasurement], _ phrases: ChartPhrases,
        _ code: String, _ words: inout Xoshiro256
    ) -> [ReferenceItem] {
        guard r.item < texts.count, let first = scene.texts[r.item].words.first,
            let box = TextReferences.box(texts[r.item])
        else { return [] }
        let text = scene.texts[r.item].text
        let said: String
        switch r.target {
        case .title: said = phrases.say("ref_title", code, [:], &words)
        case .axisLabel(let axis):
            said = phrases.say("ref_axis_label", code, ["axis": phrases.word("axis.\(axis)", code)], &words)
        case .tick(nil): said = phrases.say("ref_tick", code, ["text": text], &words)
        case .tick(let axis?):
            said = phrases.say(
                "ref_tick_axis", code, ["text": text, "axis": phrases.word("axis.\(axis)", code)], &words)
        }
        return [ReferenceItem(text: said, language: code, objectID: first.id, bbox: box, program: r.program)]
    }
}
