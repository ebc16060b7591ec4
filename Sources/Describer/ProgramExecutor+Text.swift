import SceneModel

/// The program functions over text: text items are a set of their own (by index in the scene's
/// texts, ``ProgramValue/texts(_:)``); `unique`, `count`, `exist` and `query_color` take them as
/// they take objects. A label is the text item whose `labels` names an object. A chart's text
/// items are its scene's texts, so its title, axis labels and tick labels are filtered the same
/// way, by role and axis.
extension ProgramExecutor {
    static func textStep(
        _ function: ProgramFunction, _ inputs: ProgramInputs, _ value: String?, _ values: [ProgramValue],
        _ facts: SceneFacts
    ) -> ProgramValue? {
        func texts() -> ObjectSet? {
            guard inputs.count == 1, case .texts(let s) = values[inputs[0]] else { return nil }
            return s
        }
        switch function {
        case .sceneText: return .texts(facts.allTexts)
        case .filterTextColor:
            guard let s = texts(), let value else { return nil }
            return .texts(s.keeping { facts.texts[$0].color.name == value })
        case .filterText:
            guard let s = texts(), let value else { return nil }
            return .texts(s.keeping { facts.texts[$0].text == value })
        case .queryText:
            guard inputs.count == 1, case .text(let t) = values[inputs[0]] else { return nil }
            return .string(facts.texts[t].text)
        case .filterLabel:
            guard inputs.count == 1, case .objects(let s) = values[inputs[0]], let value else { return nil }
            return .objects(s.keeping { facts.labels[$0] == value })
        case .queryLabel:
            guard inputs.count == 1, case .object(let o) = values[inputs[0]], let label = facts.labels[o] else {
                return nil
            }
            return .string(label)
        case .filterTextRole:
            guard let s = texts(), let value else { return nil }
            return .texts(s.keeping { facts.texts[$0].role == value })
        case .filterAxis:
            // The x axis's texts are set below the plot, the y axis's left of it (a pie has no
            // axes); where a text is set is its anchor point, ``TextItem/position``.
            guard let s = texts(), let chart = facts.scene.chart, chart.kind != .pie else { return nil }
            let plot = chart.plot
            switch value {
            case "x": return .texts(s.keeping { facts.texts[$0].position.y > plot.maxY })
            case "y":
                return .texts(
                    s.keeping { facts.texts[$0].position.x < plot.minX && facts.texts[$0].position.y <= plot.maxY })
            default: return nil
            }
        default: return nil
        }
    }
}

extension ObjectSet {
    /// The members for which `keep` holds.
    func keeping(_ keep: (Int) -> Bool) -> ObjectSet {
        var out = ObjectSet.empty
        for i in self where keep(i) { out = out.union(.single(i)) }
        return out
    }
}
