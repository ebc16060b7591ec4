import Describer
import Foundation
import PNGCodec
import SceneSampler

/// The answer weights of the shipped plans, fitted by ``AnswerCalibration`` (shape plans) or
/// ``ChartCalibration`` (chart plans) and stored in `assets/answer-weights.txt`, so that a
/// process (a shard of `stream`, a short `generate`) need not fit them again. An entry is found
/// by the digest of everything a fit reads: the plan without its name, description, file and
/// twins, and the families, weights and difficulty the text options ask for. A plan that
/// differs in any of these is fitted afresh. `StoredAnswerWeightsTests` checks every entry
/// against a fresh fit, so a stored weight is exactly the one the fit would give.
///
/// The file: `plan <name> <key digest>` starts an entry; each following line is a question
/// family's name (or `family@form` for a form of a family that balances within forms,
/// ``FormWeights``, or `chart.` and a name of ``ChartAnswerWeights/table``) and its
/// `key=weight` pairs, weights written so that they read back exactly.
public enum StoredAnswerWeights {
    public static let path = "assets/answer-weights.txt"

    /// One plan's stored weights.
    public struct Entry: Sendable {
        public var key: UInt64
        public var answers: AnswerWeights
        public var chart: ChartAnswerWeights
    }

    /// The installation's file; empty when it is missing or unreadable (every plan is then fitted).
    static let file: String = {
        guard let home = try? ResourceLocator.home() else { return "" }
        return (try? String(contentsOf: home.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }()

    /// The stored entry under `key`, if any; only that entry is read.
    static func entry(key: UInt64) -> Entry? {
        let mark = " \(hex(key))\n"
        guard let found = file.range(of: mark) else { return nil }
        let start = file[..<found.lowerBound].lastIndex(of: "\n").map { file.index(after: $0) } ?? file.startIndex
        let end = file[found.upperBound...].range(of: "\nplan ")?.lowerBound ?? file.endIndex
        return try? parse(String(file[start..<end])).first
    }

    /// The digest under which a plan's weights for these options are stored.
    public static func key(plan: ScenePlan, options: TextOptions) -> UInt64 {
        var p = plan
        p.name = ""
        p.description = ""
        p.source = ""
        p.level = nil
        p.twins = 0
        p.twinEdits = nil
        // Text settings carry the plan file's line numbers; the options below say what the fit reads.
        p.text = TextSettings()
        let asked = options.families.filter { $0.1 > 0 }.map { "\($0.0.rawValue)=\($0.1)" }
        let difficulty = options.difficulty.map { "\($0.0.rawValue)=\($0.1)" }
        let asks = options.questions > 0
        return Digest64("\(canonical(p))|\(asks)|\(asked)|\(difficulty)").value
    }

    /// A description of `value` that is the same in every process: every stored property by
    /// name, recursively, with dictionaries and sets in sorted order (they print in a
    /// per-process order otherwise).
    static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary, .set:
            return "[" + mirror.children.map { canonical($0.value) }.sorted().joined(separator: ",") + "]"
        case .optional:
            return mirror.children.first.map { canonical($0.value) } ?? "nil"
        case .struct, .class, .tuple, .collection:
            return "\(mirror.subjectType)("
                + mirror.children.map { "\($0.label ?? ""):\(canonical($0.value))" }.joined(separator: ",") + ")"
        case .enum where !mirror.children.isEmpty:
            return "\(mirror.subjectType)("
                + mirror.children.map { "\($0.label ?? ""):\(canonical($0.value))" }.joined(separator: ",") + ")"
        default:
            return String(reflecting: value)
        }
    }

    /// The file's text for these entries (plan name, key, weights), in the order given.
    public static func format(_ entries: [(name: String, entry: Entry)]) -> String {
        var out = """
            # Answer weights of the shipped plans (Pipeline/StoredAnswerWeights.swift), fitted from each
            # plan alone. Checked against a fresh fit by StoredAnswerWeightsTests; rewrite with
            # UPDATE_GOLDENS=1 swift test --filter StoredAnswerWeightsTests

            """
        func line(_ name: String, _ weights: [(key: Int, weight: Double)]) -> String {
            name + weights.map { " \($0.key)=\($0.weight)" }.joined() + "\n"
        }
        for (name, entry) in entries {
            out += "plan \(name) \(hex(entry.key))\n"
            for family in QuestionFamily.allCases {
                let weights = entry.answers.weights(family)
                if !weights.isEmpty { out += line(family.rawValue, weights) }
                let forms = entry.answers.forms(family).answers
                for form in forms.keys.sorted() {
                    let table = forms[form] ?? [:]
                    out += line("\(family.rawValue)@\(form)", table.keys.sorted().map { ($0, table[$0] ?? 1) })
                }
            }
            for (name, weights) in entry.chart.table { out += line("chart." + name, weights) }
        }
        return out
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(StoredAnswerWeights.path):\(line): \(message)" }
    }

    /// The entries of a file `format` wrote.
    public static func parse(_ text: String) throws(FormatError) -> [Entry] {
        var entries: [Entry] = []
        var key: UInt64?
        var families: [(family: QuestionFamily, weights: [(key: Int, weight: Double)])] = []
        var chart: [(name: String, weights: [(key: Int, weight: Double)])] = []
        var forms: [(family: QuestionFamily, weights: FormWeights)] = []
        func close() {
            if let key {
                entries.append(
                    Entry(key: key, answers: AnswerWeights(families, forms: forms), chart: .init(table: chart)))
            }
        }
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: " ")
            guard let head = fields.first, !head.hasPrefix("#") else { continue }
            if head == "plan" {
                guard fields.count == 3, let digest = UInt64(fields[2], radix: 16) else {
                    throw FormatError(line: n + 1, message: "expected `plan <name> <16 hex digits>`")
                }
                close()
                key = digest
                families = []
                chart = []
                forms = []
                continue
            }
            let name = head.split(separator: "@", maxSplits: 1)
            let family = QuestionFamily(rawValue: String(name[0]))
            let form = name.count == 2 ? Int(name[1]) : nil
            guard key != nil, family != nil || head.hasPrefix("chart."), name.count == 1 || form != nil else {
                throw FormatError(
                    n + 1, "expected `plan ...`, a question family, `<family>@<form>` or `chart.<name>`, found \(head)")
            }
            var weights: [(key: Int, weight: Double)] = []
            for pair in fields.dropFirst() {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, let k = Int(parts[0]), let w = Double(parts[1]), w > 0 else {
                    throw FormatError(n + 1, "expected `<answer key>=<positive weight>`, found \(pair)")
                }
                weights.append((k, w))
            }
            if let family, let form {
                let slot = forms.firstIndex { $0.family == family } ?? forms.count
                if slot == forms.count { forms.append((family, FormWeights())) }
                for (k, w) in weights { forms[slot].weights.answers[form, default: [:]][k] = w }
            } else if let family {
                families.append((family, weights))
            } else {
                chart.append((String(head.dropFirst(6)), weights))
            }
        }
        close()
        return entries
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension StoredAnswerWeights.FormatError {
    init(_ line: Int, _ message: String) { self.init(line: line, message: message) }
}
