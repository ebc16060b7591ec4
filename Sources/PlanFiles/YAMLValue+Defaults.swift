import Yams

extension YAMLValue {
    /// This mapping with the fields of `defaults` that it lacks filled in. A field both have stays
    /// this mapping's, whole, unless `mergesFields(key, ownKeys)` holds and both are mappings: then
    /// it gains the default's fields it lacks. Every filled-in value, and everything in it,
    /// carries the position of `anchor`, so an error about it points at the line that asked for
    /// the defaults. Anything but two mappings comes back unchanged.
    public func filling(
        from defaults: YAMLValue, at anchor: YAMLValue, mergesFields: (_ key: String, _ ownKeys: [String]) -> Bool
    ) -> YAMLValue {
        let mark = anchor.node.mark
        guard case .mapping(let own) = node, case .mapping(let table) = defaults.node else { return self }
        var pairs = Array(own).map { ($0.key, $0.value) }
        for (key, value) in table {
            let filled = Self.remarked(value, mark)
            guard let i = pairs.firstIndex(where: { $0.0.string == key.string }) else {
                pairs.append((Self.remarked(key, mark), filled))
                continue
            }
            guard let name = key.string, case .mapping(let section) = pairs[i].1, case .mapping(let fill) = filled,
                mergesFields(name, section.keys.compactMap(\.string))
            else { continue }
            var merged = Array(section).map { ($0.key, $0.value) }
            for (k, v) in fill where !section.keys.contains(where: { $0.string == k.string }) { merged.append((k, v)) }
            pairs[i].1 = .mapping(Node.Mapping(merged, section.tag, section.style, section.mark))
        }
        return YAMLValue(node: .mapping(Node.Mapping(pairs, own.tag, own.style, own.mark)), file: file, path: path)
    }

    /// The node and everything in it moved to `mark`.
    static func remarked(_ node: Node, _ mark: Mark?) -> Node {
        switch node {
        case .scalar(var s):
            s.mark = mark
            return .scalar(s)
        case .mapping(let m):
            return .mapping(
                Node.Mapping(m.map { (remarked($0.key, mark), remarked($0.value, mark)) }, m.tag, m.style, mark))
        case .sequence(let s):
            return .sequence(Node.Sequence(s.map { remarked($0, mark) }, s.tag, s.style, mark))
        case .alias:
            return node
        }
    }
}
