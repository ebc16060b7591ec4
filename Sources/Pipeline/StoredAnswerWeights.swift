import Describer
import Foundation
import PNGCodec
import SceneSampler

/// The answer weights of the shipped plans, fitted by ``AnswerCalibration`` and stored in
/// `assets/answer-weights.txt`, so that a process (a shard of `stream`, a short `generate`)
/// need not fit them again. An entry is found by the digest of everything the fit reads: the
/// plan without its name, description, file, twins and chart (a chart plan fits nothing), and
/// the families, weights and difficulty the text options ask for. A plan that
/// differs in any of these is fitted afresh. `StoredAnswerWeightsTests` checks every entry
/// against a fresh fit, so a stored weight is exactly the one the fit would give.
///
/// The file: `plan <name> <key digest>` starts an entry; each following line is a family's
/// name and its `key=weight` pairs, weights written so that they read back exactly.
public enum StoredAnswerWeights {
    public static let path = "assets/answer-weights.txt"

    /// The installation's file; empty when it is missing or unreadable (every plan is then fitted).
    static let file: String = {
        guard let home = try? ResourceLocator.home() else { return "" }
        return (try? String(contentsOf: home.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }()

    /// The stored weights under `key`, if any; only that entry is read.
    static func weights(key: UInt64) -> AnswerWeights? {
        let mark = " \(hex(key))\n"
        guard let found = file.range(of: mark) else { return nil }
        let start = file[..<found.lowerBound].lastIndex(of: "\n").map { file.index(after: $0) } ?? file.startIndex
        let end = file[found.upperBound...].range(of: "\nplan ")?.lowerBound ?? file.endIndex
        return try? parse(String(file[start..<end])).first?.weights
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
        p.chart = nil
        // Text settings carry the plan file's line numbers; the options below say what the fit reads.
        p.text = TextSettings()
        var fonts = ""
        if var lettering = p.lettering {
            // Dictionaries print in a per-process order: written sorted instead.
            for (family, values) in lettering.fontLanguages.sorted(by: { $0.key < $1.key }) {
                fonts += "\(family):\(values);"
            }
            for (family, values) in lettering.fontWeights.sorted(by: { $0.key < $1.key }) {
                fonts += "\(family)=\(values);"
            }
            lettering.fontLanguages = [:]
            lettering.fontWeights = [:]
            p.lettering = lettering
        }
        let asked = options.families.filter { $0.1 > 0 }.map { "\($0.0.rawValue)=\($0.1)" }
        let difficulty = options.difficulty.map { "\($0.0.rawValue)=\($0.1)" }
        let asks = options.questions > 0
        return Digest64("\(String(reflecting: p))|\(fonts)|\(asks)|\(asked)|\(difficulty)").value
    }

    /// The file's text for these entries (plan name, key, weights), in the order given.
    public static func format(_ entries: [(name: String, key: UInt64, weights: AnswerWeights)]) -> String {
        var out = """
            # Answer weights of the shipped plans (Pipeline/StoredAnswerWeights.swift), fitted from each
            # plan alone. Checked against a fresh fit by StoredAnswerWeightsTests; rewrite with
            # UPDATE_GOLDENS=1 swift test --filter StoredAnswerWeightsTests

            """
        for entry in entries {
            out += "plan \(entry.name) \(hex(entry.key))\n"
            for family in QuestionFamily.allCases {
                let weights = entry.weights.weights(family)
                guard !weights.isEmpty else { continue }
                out += family.rawValue + weights.map { " \($0.key)=\($0.weight)" }.joined() + "\n"
            }
        }
        return out
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(StoredAnswerWeights.path):\(line): \(message)" }
    }

    /// The entries of a file `format` wrote.
    public static func parse(_ text: String) throws(FormatError) -> [(key: UInt64, weights: AnswerWeights)] {
        var entries: [(key: UInt64, weights: AnswerWeights)] = []
        var key: UInt64?
        var families: [(family: QuestionFamily, weights: [(key: Int, weight: Double)])] = []
        func close() {
            if let key { entries.append((key, AnswerWeights(families))) }
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
                continue
            }
            guard key != nil, let family = QuestionFamily(rawValue: String(head)) else {
                throw FormatError(line: n + 1, message: "expected `plan ...` or a question family, found \(head)")
            }
            var weights: [(key: Int, weight: Double)] = []
            for pair in fields.dropFirst() {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, let k = Int(parts[0]), let w = Double(parts[1]), w > 0 else {
                    throw FormatError(line: n + 1, message: "expected `<answer key>=<positive weight>`, found \(pair)")
                }
                weights.append((k, w))
            }
            families.append((family, weights))
        }
        close()
        return entries
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
