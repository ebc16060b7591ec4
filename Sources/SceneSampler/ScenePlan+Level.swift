import Foundation
import Yams

/// Curriculum levels: `level: 1`, `2` or `3` in a plan fills in, from `assets/levels.yaml`, every
/// setting of that difficulty step the plan leaves out: object count, attribute variety,
/// layout and occlusion, visibility, question difficulty. The plan's own settings win, field by
/// field (docs/SCENES.md, "Curricula"):
///
/// - A top-level field the plan lacks comes whole from the level.
/// - In the sections `canvas`, `objects`, `visibility`, `relations`, `retries` and `text`, each
///   field the plan sets replaces the level's field of that name, whole (so `objects.sizes` or
///   `text.difficulty` set in the plan is the plan's alone, never a mix); the level fills in
///   the rest.
/// - `layout` merges the same way, unless the plan names a `kind`: then the plan's layout is
///   used alone, since the level's layout settings belong to the level's kind.
/// - Lists and single values (`backgrounds`, `palette`) are replaced whole.
///
/// Values filled in from the level carry the position of the plan's `level:` value, so an error
/// in what the merged plan asks for names the plan file, that line, and the field, and says the
/// value came from the level.
extension ScenePlan {
    /// The curriculum levels, easiest first.
    public static let levels = 1...3

    /// Top-level fields a level may set: everything but a plan's identity, its level and its
    /// attribute dependencies (correlations and holdouts name the plan's own values).
    static let levelKeys = [
        "canvas", "palette", "backgrounds", "objects", "layout", "visibility", "relations", "retries", "text",
    ]

    /// Sections merged field by field (see the type's documentation).
    static let mergedSections: Set<String> = [
        "canvas", "objects", "layout", "visibility", "relations", "retries", "text",
    ]

    /// The plan's document with its level's defaults filled in, and the level; the document
    /// itself and nil when it names no level.
    static func applyingLevel(_ root: YAMLValue, home: URL) throws(PlanError) -> (root: YAMLValue, level: Int?) {
        guard let levelNode = try root.optional("level") else { return (root, nil) }
        guard case .scalar(let raw) = levelNode.node, let level = Int(raw.string), levels.contains(level) else {
            let shown: String = if case .scalar(let s) = levelNode.node { "'\(s.string)'" } else { "a mapping or list" }
            throw levelNode.error(
                "expected a curriculum level: 1 (easiest), 2 or 3 (hardest), got \(shown); see docs/SCENES.md, Curricula"
            )
        }
        let defaults = try levelDefaults(level, home: home)
        let mark = levelNode.node.mark
        guard case .mapping(let plan) = root.node, case .mapping(let table) = defaults.node else {
            return (root, level)  // both were checked to be mappings
        }
        var pairs = Array(plan).map { ($0.key, $0.value) }
        for (key, value) in table {
            let filled = remarked(value, mark)
            guard let i = pairs.firstIndex(where: { $0.0.string == key.string }) else {
                pairs.append((remarked(key, mark), filled))
                continue
            }
            guard let name = key.string, mergedSections.contains(name), case .mapping(let own) = pairs[i].1,
                case .mapping(let fill) = filled
            else { continue }
            if name == "layout" && own.keys.contains(where: { $0.string == "kind" }) { continue }
            var merged = Array(own).map { ($0.key, $0.value) }
            for (k, v) in fill where !own.keys.contains(where: { $0.string == k.string }) { merged.append((k, v)) }
            pairs[i].1 = .mapping(Node.Mapping(merged, own.tag, own.style, own.mark))
        }
        let node = Node.mapping(Node.Mapping(pairs, plan.tag, plan.style, plan.mark))
        return (YAMLValue(node: node, file: root.file, path: root.path), level)
    }

    /// One level's settings from `assets/levels.yaml`, checked to name only fields a level may set
    /// (errors there name that file).
    static func levelDefaults(_ level: Int, home: URL) throws(PlanError) -> YAMLValue {
        let table = try YAMLValue.load(
            contentsOf: home.appendingPathComponent("assets/levels.yaml"), displayName: "assets/levels.yaml")
        try table.checkKeys(levels.map(String.init))
        let defaults = try table.required(String(level))
        try defaults.checkKeys(levelKeys)
        return defaults
    }

    /// The node and everything in it moved to `mark` (the plan's `level:` value).
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

    /// `error` with a note when it is about a value the level filled in (it carries the
    /// position of the plan's `level:` value but another field).
    static func noting(_ error: PlanError, level: Int, at levelNode: YAMLValue) -> PlanError {
        guard let mark = levelNode.node.mark, error.line == mark.line, error.column == mark.column,
            error.field != levelNode.path
        else { return error }
        var e = error
        let field = error.field.isEmpty ? "the field" : "'\(error.field)'"
        e.message +=
            " (this value is level \(level)'s, from assets/levels.yaml; set \(field) in the plan to choose another)"
        return e
    }
}
