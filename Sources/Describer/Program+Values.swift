extension Program {
    /// The attribute values the program names, as `attribute=value` (`color=red`, `shape=circle`,
    /// `size=large`, `fill=striped`): one per filter step, in step order, each once. `score`
    /// reports accuracy by them, and `generate --focus` weights a plan's values from that.
    public var namedValues: [String] {
        var out: [String] = []
        for n in nodes {
            guard let v = n.value else { continue }
            let attribute: String
            switch n.function {
            case .filterColor: attribute = "color"
            case .filterShape: attribute = "shape"
            case .filterSize: attribute = "size"
            case .filterFill: attribute = "fill"
            default: continue
            }
            let named = attribute + "=" + v
            if !out.contains(named) { out.append(named) }
        }
        return out
    }

    /// The relations the program's `relate` steps take (`left`, `inside`, `nearest`, ...), in
    /// step order, each once.
    public var relationValues: [String] {
        var out: [String] = []
        for n in nodes where n.function == .relate {
            if let v = n.value, !out.contains(v) { out.append(v) }
        }
        return out
    }
}
