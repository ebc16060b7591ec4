import SceneModel

extension Program {
    /// What kind of referring expression this program (one ending in `unique` or `extreme`)
    /// evaluates, by the step that singles the object out: the last `relate` when there is one
    /// (`relation` for left/right/above/below, `nearest`, `layered` for inside/contains/front/
    /// behind), else `superlative` (`extreme`), else `line` (rows, columns, cells, corners),
    /// else `chart_text` (a chart's title, axis label or tick label), `text` (a text item by its
    /// string), `label` (an object by its label), `chart` (a chart mark or legend entry), else
    /// `attributes`. `score` reports grounding accuracy by this kind.
    public var referenceKind: String {
        if let r = nodes.last(where: { $0.function == .relate }) {
            guard let value = r.value else { return "relation" }
            if Relations.Direction(rawValue: value) != nil { return "relation" }
            if value == Referent.nearestValue { return "nearest" }
            return "layered"
        }
        if nodes.contains(where: { $0.function == .extreme }) { return "superlative" }
        if nodes.contains(where: { $0.function == .filterRow || $0.function == .filterColumn }) { return "line" }
        if nodes.contains(where: { $0.function == .filterTextRole }) { return "chart_text" }
        if nodes.contains(where: { $0.function == .filterText }) { return "text" }
        if nodes.contains(where: { $0.function == .filterLabel }) { return "label" }
        if nodes.contains(where: { $0.function == .chartPoints || $0.function == .legendEntry }) { return "chart" }
        return "attributes"
    }
}
