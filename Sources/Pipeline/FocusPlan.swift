import DatasetWriters
import Describer
import Foundation
import PNGCodec
import PlanFiles
import SampleRecords
import SceneModel
import SceneSampler

/// `generate --focus REPORT`: a plan derived from the run's plan and a `score` report
/// (`score.json` of a dataset made with that very plan), whose weights lean toward what the
/// model got wrong. Each weighted choice (question families, difficulty levels, colors, shapes,
/// fills, sizes, twin edits) is multiplied by its error factor
///
///     error(v) = (wrong + 1) / (answered + 2)       (items of v the predictions answered, smoothed)
///     factor(v) = max(floor, error(v) / the largest error(v') of that choice)
///
/// (a value the report has no items of takes the choice's pooled error), then rescaled to the
/// plan's total weight. So the value the model gets most wrong keeps its weight, one it never
/// gets wrong keeps `floor` of it, and no value the plan draws vanishes. The result is an
/// ordinary plan file: the same report and plan give the same bytes.
public struct FocusPlan: Sendable {
    /// One weighted choice and how it changed.
    public struct Change: Sendable, Hashable {
        /// `text.families`, `text.difficulty`, `objects.colors`, ..., `twin_edits`.
        public var section: String
        public var name: String
        /// The report's items of this value and how many were right (0, 0 when it has none).
        public var total: Int
        public var correct: Int
        public var factor: Double
        public var before: Double
        public var after: Double
    }

    public static let defaultFloor = 0.2
    /// The file `generate --focus` writes the derived plan to, in the output folder.
    public static let fileName = "focus-plan.yaml"

    /// The derived plan file's bytes.
    public var text: String
    public var changes: [Change]
    /// Error rates by relation (`relation=left`: total, correct), reported, not weighted: no
    /// plan field chooses relations.
    public var relations: [(name: String, total: Int, correct: Int)]
    /// The derived plan's name: the plan's with `-focus` appended (once).
    public var name: String

    /// Derives the plan from `setup` (the run's plan and text options) and the report at
    /// `reportPath`; errors name the report's file and field.
    public init(reportPath: String, setup: PlanSetup, floor: Double = FocusPlan.defaultFloor) throws {
        guard floor > 0, floor <= 1 else {
            throw FocusError(file: "--focus-floor", message: "must be above 0 and at most 1")
        }
        let report = try Self.readReport(reportPath)
        let crc = CRC32(setup.planBytes).hex
        let plan = setup.plan
        guard let keyPlan = report["key"]?["plan"], case .object = keyPlan else {
            throw FocusError(
                file: reportPath, field: "key.plan",
                message:
                    "the report does not name the plan its dataset was made with; score a dataset folder that holds its run.json"
            )
        }
        let reportName = keyPlan["name"]?.stringValue ?? "?"
        guard keyPlan["crc32"]?.stringValue == crc else {
            throw FocusError(
                file: reportPath, field: "key.plan",
                message:
                    "the report scores a dataset of plan '\(reportName)' (CRC-32 \(keyPlan["crc32"]?.stringValue ?? "?")), but the plan is '\(plan.name)' (\(setup.planPath), CRC-32 \(crc)); pass the plan that made the dataset with --plan"
            )
        }
        guard case .object(let tasks)? = report["tasks"] else {
            throw FocusError(file: reportPath, field: "tasks", message: "expected an object of task scores")
        }
        let tallies = try Tallies(tasks: tasks, file: reportPath)
        guard !tallies.isEmpty else {
            throw FocusError(
                file: reportPath, field: "tasks",
                message: "no question, reference or twin group scores to focus on (every breakdown is empty)")
        }

        var document = try YAMLTree(
            try ScenePlan.applyingLevel(
                try YAMLValue.parse(String(decoding: setup.planBytes, as: UTF8.self), file: setup.planPath),
                home: setup.home
            ).root)
        var changes: [Change] = []
        func weigh(_ section: String, _ base: [(String, Double)], _ dimension: String, prefix: String = "") -> [(
            String, Double
        )] {
            let (weights, made) = Self.reweigh(base, section: section, floor: floor) {
                tallies.tally(dimension, prefix + $0)
            }
            changes += made
            return weights
        }
        func mapping(_ pairs: [(String, Double)]) -> YAMLTree {
            .mapping(pairs.map { YAMLTree.Entry($0.0, YAMLTree.number($0.1)) })
        }
        let families = weigh("text.families", setup.text.families.map { ($0.0.rawValue, $0.1) }, "family")
        let difficulty = weigh("text.difficulty", setup.text.difficulty.map { ($0.0.rawValue, $0.1) }, "difficulty")
        var text = document["text"] ?? .mapping([])
        text["families"] = mapping(families)
        text["difficulty"] = mapping(difficulty)
        document["text"] = text

        var objects = document["objects"] ?? .mapping([])
        objects["colors"] = mapping(
            weigh("objects.colors", plan.colors.map { ($0.value.name, $0.weight) }, "value", prefix: "color="))
        objects["shapes"] = mapping(
            weigh("objects.shapes", plan.shapes.map { ($0.value.rawValue, $0.weight) }, "value", prefix: "shape="))
        objects["fills"] = mapping(
            weigh("objects.fills", plan.fills.map { ($0.value.rawValue, $0.weight) }, "value", prefix: "fill="))
        let sizes = weigh("objects.sizes", plan.sizes.map { ($0.name, $0.weight) }, "value", prefix: "size=")
        objects["sizes"] = .mapping(
            zip(plan.sizes, sizes).map { size, weighted in
                YAMLTree.Entry(
                    size.name,
                    .mapping([
                        .init("radius", .list([.number(size.radius.lowerBound), .number(size.radius.upperBound)])),
                        .init("weight", .number(weighted.1)),
                    ]))
            })
        document["objects"] = objects

        if tallies.hasTwinGroups {
            let base =
                plan.twinEdits?.map { ($0.value.rawValue, $0.weight) }
                ?? TwinEdit.Kind.allCases.map { ($0.rawValue, 1.0) }
            document["twin_edits"] = mapping(weigh("twin_edits", base, "edit"))
        }
        let name = plan.name.hasSuffix("-focus") ? plan.name : plan.name + "-focus"
        document["name"] = .scalar(name)
        document["description"] = .scalar(
            "\(plan.description) - focused on the errors of \(report["predictions"]?["name"]?.stringValue ?? "a model")"
        )
        self.name = name
        self.changes = changes
        relations = tallies.relations
        var header = """
            # \(name): derived by `scenewright generate --focus` from plan \(plan.name) (CRC-32 \(crc))
            # and a score report (CRC-32 \(CRC32(try Self.reportBytes(reportPath)).hex)), floor \(floor): weights lean
            # toward what the model got wrong (docs/SCORE.md, "Closing the loop"). Re-run it with
            # `generate --plan` like any plan.\n

            """
        if !relations.isEmpty {
            header += "# Relations (reported; no plan field weights them, their families carry them):\n"
            for r in relations {
                header += "#   \(r.name): \(r.correct) of \(r.total) right\n"
            }
            header += "\n"
        }
        self.text = header + document.text
    }

    /// `base` (name, weight) multiplied by each name's error factor and rescaled to the same total;
    /// zero weights stay zero. Unchanged when the report has no item of any of the names.
    static func reweigh(
        _ base: [(String, Double)], section: String, floor: Double, tally: (String) -> (total: Int, correct: Int)?
    ) -> ([(String, Double)], [Change]) {
        let drawn = base.filter { $0.1 > 0 }
        let seen = drawn.compactMap { tally($0.0) }
        guard !seen.isEmpty else { return (base, []) }
        func error(_ t: (total: Int, correct: Int)) -> Double { Double(t.total - t.correct + 1) / Double(t.total + 2) }
        let pooled = error(seen.reduce((0, 0)) { ($0.0 + $1.total, $0.1 + $1.correct) })
        let errors = base.map { $0.1 > 0 ? tally($0.0).map(error) ?? pooled : 0 }
        let worst = errors.max() ?? 1
        let factors = errors.map { max(floor, $0 / worst) }
        let total = drawn.reduce(0) { $0 + $1.1 }
        let raw = zip(base, factors).map { $0.1 > 0 ? $0.1 * $1 : 0 }
        let scale = total / raw.reduce(0, +)
        var out: [(String, Double)] = []
        var changes: [Change] = []
        for (i, (name, weight)) in base.enumerated() {
            // Four decimals, as written; a drawn value never rounds to nothing.
            let after = weight > 0 ? max(0.0001, (raw[i] * scale * 10_000).rounded() / 10_000) : 0
            out.append((name, after))
            let t = tally(name) ?? (0, 0)
            if weight > 0 {
                changes.append(
                    Change(
                        section: section, name: name, total: t.total, correct: t.correct, factor: factors[i],
                        before: weight, after: after))
            }
        }
        return (out, changes)
    }

    static func reportBytes(_ path: String) throws -> [UInt8] {
        do { return try AtomicFile.read(path) } catch {
            throw FocusError(file: path, message: "cannot read the report: \(error)")
        }
    }

    static func readReport(_ path: String) throws -> JSONValue {
        let bytes = try reportBytes(path)
        let report: JSONValue
        do { report = try JSONValue.parse(bytes) } catch {
            throw FocusError(
                file: path, message: "not JSON (\(error)); expected score.json written by `scenewright score`")
        }
        guard case .object = report, let version = report["score_version"]?.intValue else {
            throw FocusError(
                file: path, field: "score_version",
                message: "missing: not a score report; expected score.json written by `scenewright score`")
        }
        guard version >= 2 else {
            throw FocusError(
                file: path, field: "score_version",
                message:
                    "\(version) predates key.plan and the value breakdowns; score the dataset again with this scenewright"
            )
        }
        return report
    }

    /// What the summary on standard error says: one line per changed weight.
    public var summary: [String] {
        changes.map { c in
            let seen =
                c.total > 0 ? "\(c.total - c.correct) of \(c.total) wrong" : "no items, pooled error"
            return
                "focus: \(c.section).\(c.name): \(YAMLTree.number(c.before).scalarText) -> \(YAMLTree.number(c.after).scalarText) (\(seen), factor \(YAMLTree.number(c.factor).scalarText))"
        }
    }
}

/// The report's tallies the focus reads: question and reference items by family, difficulty and
/// named value (pooled over both tasks), twin groups (Winoground's group score) by edit.
struct Tallies {
    private var table: [String: [String: (total: Int, correct: Int)]] = [:]
    var relations: [(name: String, total: Int, correct: Int)] = []

    init(tasks: JSONObject, file: String) throws {
        func read(_ task: String, _ dimension: String, into target: String) throws {
            guard let groups = tasks[task]?["by"]?[dimension] else { return }
            guard case .object(let byValue) = groups else {
                throw FocusError(file: file, field: "tasks.\(task).by.\(dimension)", message: "expected an object")
            }
            for value in byValue.keys {
                let field = "tasks.\(task).by.\(dimension).\(value)"
                guard let total = byValue[value]?["total"]?.intValue,
                    let correct = byValue[value]?["correct"]?.intValue,
                    let missing = byValue[value]?["missing"]?.intValue, total >= 0, correct >= 0, missing >= 0,
                    correct + missing <= total
                else {
                    throw FocusError(
                        file: file, field: field,
                        message: "expected {total, correct, missing}: counts, correct and missing at most total")
                }
                // Items no prediction named say nothing of the model: left out.
                var t = table[target, default: [:]][value] ?? (0, 0)
                t.total += total - missing
                t.correct += correct
                table[target, default: [:]][value] = t
            }
        }
        for (task, value) in tasks.keys.map({ ($0, tasks[$0]) }) {
            guard case .object? = value, case .object? = value?["by"] else {
                throw FocusError(file: file, field: "tasks.\(task).by", message: "expected an object of breakdowns")
            }
        }
        try read("vqa", "family", into: "family")
        try read("vqa", "difficulty", into: "difficulty")
        try read("vqa", "value", into: "value")
        try read("ref", "value", into: "value")
        try read("vqa", "relation", into: "relation")
        try read("ref", "relation", into: "relation")
        try read("group", "kind", into: "edit")
        relations = (table["relation"] ?? [:]).keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
            ($0, table["relation"]![$0]!.total, table["relation"]![$0]!.correct)
        }
    }

    var isEmpty: Bool { ["family", "difficulty", "value", "edit"].allSatisfy { (table[$0] ?? [:]).isEmpty } }
    var hasTwinGroups: Bool { !(table["edit"] ?? [:]).isEmpty }

    func tally(_ dimension: String, _ value: String) -> (total: Int, correct: Int)? {
        guard let t = table[dimension]?[value], t.total > 0 else { return nil }
        return t
    }
}

/// A report that cannot be focused on: the file, the field and what was expected.
public struct FocusError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var field: String?
    public var message: String
    public init(file: String, field: String? = nil, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }
    public var description: String { "\(file): " + (field.map { "field '\($0)': " } ?? "") + message }
}

extension YAMLTree {
    /// A scalar's text ("" for collections).
    var scalarText: String { if case .scalar(let s, _) = self { s } else { "" } }
}
