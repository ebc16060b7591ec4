import DatasetWriters
import Describer
import SampleRecords

/// What a model answered for one item, decoded.
public enum Prediction: Sendable, Hashable {
    case answer(String)
    case box(EdgeBox)
    /// The position (0 or 1) of the preferred text in the pair as shown (`texts`).
    case choice(Int)
    /// A group's scores: `scores[c][i]` of caption `c` with image `i`.
    case scores([[Double]])
}

/// A prediction line `score` could not use, with its 1-based line number and what was expected.
public struct PredictionProblem: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var id: String?
    public var message: String
    public var description: String { "line \(line)" + (id.map { " (\($0))" } ?? "") + ": \(message)" }
}

/// A predictions file (JSON Lines, docs/SCORE.md) read against an answer key: one prediction
/// per item id, every line that cannot be used listed with its line number. A line that names
/// a known item but cannot be decoded (a malformed box, a wrong field) marks that item as
/// answered wrongly; lines naming unknown items, repeated ids and lines that are not JSON
/// objects are only listed.
public struct Predictions: Sendable {
    /// By item id: the decoded prediction, or nil when the line naming it could not be decoded.
    public var byID: [String: Prediction?] = [:]
    public var problems: [PredictionProblem] = []
    public var lines = 0
    /// Lines naming an id the key does not hold.
    public var unknownIDs = 0

    public static let fields = ["answer", "bbox", "choice", "id", "scores", "style", "text"]
    static let expectedFields =
        "id, and answer (vqa), bbox [x, y, w, h] or text [+ style] (ref), choice (negative) or scores [[c0i0, c0i1], [c1i0, c1i1]] (group)"

    public init() {}

    /// Reads `path` line by line (a line at most `JSONLines.maxLineBytes`).
    public init(path: String, key: [String: ScoringItem]) throws {
        self.init()
        var firstLine: [String: Int] = [:]
        let samples = Set(key.values.map(\.key))
        try JSONLines.forEachLine(path: path) { n, line, lineProblem in
            lines = n
            if case .tooLong? = lineProblem {
                problems.append(PredictionProblem(line: n, id: nil, message: "\(lineProblem!)"))
                return true
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
            add(line: n, bytes: line, key: key, samples: samples, firstLine: &firstLine)
            return true
        }
        if !key.isEmpty, unknownIDs > 0, unknownIDs * 2 > lines {
            problems.insert(
                PredictionProblem(
                    line: 0, id: nil,
                    message:
                        "\(unknownIDs) of \(lines) lines name items this dataset does not have: are these predictions for another dataset?"
                ), at: 0)
        }
    }

    mutating func add(
        line n: Int, bytes: [UInt8], key: [String: ScoringItem], samples: Set<String>, firstLine: inout [String: Int]
    ) {
        func problem(_ id: String?, _ message: String) {
            problems.append(PredictionProblem(line: n, id: id, message: message))
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, rejectingDuplicateKeys: true)
        } catch {
            problem(nil, "not a JSON object: \(error); expected {\(Self.expectedFields)}")
            return
        }
        guard case .object(let o) = value else {
            problem(nil, "not a JSON object; expected {\(Self.expectedFields)}")
            return
        }
        guard let id = o["id"]?.stringValue else {
            problem(nil, "no string field 'id'; expected an item id such as 000000012/qa/3")
            return
        }
        let unknown = o.keys.filter { !Self.fields.contains($0) }
        guard let item = key[id] else {
            unknownIDs += 1
            let sample = id.split(separator: "/").first.map(String.init) ?? id
            let known = samples.contains(sample)
            problem(
                id,
                known
                    ? "no such item in sample \(sample); ids are <key>/qa/<k>, <key>/ref/<k>, <key>/neg/<k>"
                    : "no sample '\(sample)' in this dataset (ids are <key>/qa/<k>, <key>/ref/<k>, <key>/neg/<k>)")
            return
        }
        if let first = firstLine[id] {
            problem(id, "predicted again (first on line \(first)); this line is ignored")
            return
        }
        firstLine[id] = n
        guard unknown.isEmpty else {
            byID[id] = .some(nil)
            problem(
                id,
                "unknown field \(unknown.map { "'\($0)'" }.joined(separator: ", ")); expected \(Self.expectedFields)")
            return
        }
        switch decode(o, item) {
        case .success(let p): byID[id] = .some(p)
        case .failure(let e):
            byID[id] = .some(nil)
            problem(id, e.message)
        }
    }

    func decode(_ o: JSONObject, _ item: ScoringItem) -> Result<Prediction, ScoringError> {
        let present = Set(o.keys).subtracting(["id"])
        func only(_ allowed: Set<String>, _ what: String) -> ScoringError? {
            let extra = present.subtracting(allowed).sorted()
            guard extra.isEmpty else {
                return ScoringError(
                    "a \(item.task.rawValue) item takes \(what); found \(extra.map { "'\($0)'" }.joined(separator: ", "))"
                )
            }
            return nil
        }
        switch item.truth {
        case .vqa:
            if let e = only(["answer"], "'answer'") { return .failure(e) }
            switch o["answer"] {
            case .string(let s)?: return .success(.answer(s))
            case .int(let i)?: return .success(.answer(String(i)))
            case .bool(let b)?: return .success(.answer(b ? "yes" : "no"))
            default: return .failure(ScoringError("'answer' must be a string (or a number), e.g. \"2\" or \"red\""))
            }
        case .ref(let r):
            if let e = only(
                ["bbox", "text", "style"], "'bbox' [x, y, w, h] in pixels, or 'text' with an optional 'style'")
            {
                return .failure(e)
            }
            if let b = o["bbox"] {
                guard present.count == 1 else {
                    return .failure(ScoringError("give either 'bbox' or 'text', not both"))
                }
                guard let a = b.arrayValue, a.count == 4 else {
                    return .failure(ScoringError("'bbox' must be [x, y, width, height] in pixels, 4 numbers"))
                }
                let v = a.compactMap(\.doubleValue)
                guard v.count == 4, v.allSatisfy({ $0.isFinite }), v[2] >= 0, v[3] >= 0 else {
                    return .failure(
                        ScoringError("'bbox' must be 4 finite numbers [x, y, width, height], width and height >= 0"))
                }
                return .success(.box(EdgeBox(x: v[0], y: v[1], width: v[2], height: v[3])))
            }
            guard let text = o["text"]?.stringValue else {
                return .failure(
                    ScoringError("a ref item takes 'bbox' [x, y, w, h] or 'text' (a string with grounding tokens)"))
            }
            var style: GroundingStyle?
            if let s = o["style"] {
                guard let name = s.stringValue, let g = GroundingStyle(rawValue: name) else {
                    return .failure(
                        ScoringError(
                            "'style' must be one of \(GroundingStyle.allCases.map(\.rawValue).joined(separator: ", "))")
                    )
                }
                style = g
            }
            return GroundingParser.box(in: text, style: style, width: r.width, height: r.height).map { .box($0) }
        case .negative(let p):
            if let e = only(["choice"], "'choice'") { return .failure(e) }
            switch o["choice"] {
            case .int(let i)? where i == 0 || i == 1: return .success(.choice(i))
            case .string(let s)?:
                let texts = p.texts(id: item.id)
                if let i = texts.firstIndex(of: s) { return .success(.choice(i)) }
                return .failure(ScoringError("'choice' text is neither of the pair's two texts"))
            default:
                return .failure(
                    ScoringError("'choice' must be 0 or 1 (the position in the pair's 'texts') or one of the two texts")
                )
            }
        case .group:
            if let e = only(["scores"], "'scores'") { return .failure(e) }
            let rows = o["scores"]?.arrayValue?.map { $0.arrayValue?.compactMap(\.doubleValue) ?? [] } ?? []
            guard rows.count == 2, rows.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isFinite) }) else {
                return .failure(
                    ScoringError(
                        "'scores' must be [[caption 0 with image 0, with image 1], [caption 1 with image 0, with image 1]], finite numbers"
                    ))
            }
            return .success(.scores(rows))
        }
    }
}
