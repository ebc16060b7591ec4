import Foundation
import PlanFiles

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
    public static func applyingLevel(_ root: YAMLValue, home: URL) throws(PlanError) -> (root: YAMLValue, level: Int?) {
        guard let levelNode = try root.optional("level") else { return (root, nil) }
        guard let raw = try? levelNode.string(), let level = Int(raw), levels.contains(level) else {
            let shown = (try? levelNode.string()).map { "'\($0)'" } ?? "a mapping or list"
            throw levelNode.error(
                "expected a curriculum level: 1 (easiest), 2 or 3 (hardest), got \(shown); see docs/SCENES.md, Curricula"
            )
        }
        let defaults = try levelDefaults(level, home: home)
        let filled = root.filling(from: defaults, at: levelNode) { key, ownKeys in
            // A plan's own layout kind takes the plan's layout alone: the level's layout
            // settings belong to the level's kind.
            mergedSections.contains(key) && !(key == "layout" && ownKeys.contains("kind"))
        }
        return (filled, level)
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

    /// `error` with a note when it is about a value the level filled in (it carries the
    /// position of the plan's `level:` value but another field).
    static func noting(_ error: PlanError, level: Int, at levelNode: YAMLValue) -> PlanError {
        guard let line = levelNode.line, error.line == line, error.column == levelNode.column,
            error.field != levelNode.path
        else { return error }
        var e = error
        let field = error.field.isEmpty ? "the field" : "'\(error.field)'"
        e.message +=
            " (this value is level \(level)'s, from assets/levels.yaml; set \(field) in the plan to choose another)"
        return e
    }
}
