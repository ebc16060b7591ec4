import SampleRecords

/// Counts of one group of items (a task, a family, a language...).
public struct ScoreTally: Sendable, Hashable {
    public var total = 0
    public var correct = 0
    /// Items no prediction line named (scored wrong).
    public var missing = 0
    /// Items whose prediction line could not be decoded (scored wrong; the line is listed).
    public var unparsable = 0
    /// Sum of IoUs (grounding only; a missing or unparsable prediction adds 0).
    public var iouSum = 0.0

    public init() {}

    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
    public var meanIoU: Double { total == 0 ? 0 : iouSum / Double(total) }

    mutating func add(correct ok: Bool, missing m: Bool, unparsable u: Bool, iou: Double) {
        total += 1
        if ok { correct += 1 }
        if m { missing += 1 }
        if u { unparsable += 1 }
        iouSum += iou
    }
}

/// The scores of one task: overall and by each dimension's values.
public struct TaskScore: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public var value: String
        public var tally: ScoreTally
    }
    public struct Dimension: Sendable, Hashable {
        public var name: String
        /// By value: numbers in numeric order, other values in byte order.
        public var groups: [Group]
    }

    public var task: ScoringItem.Task
    /// The task's name, or for groups the Winoground score: `group_text`, `group_image`, `group`.
    public var name: String
    public var overall = ScoreTally()
    public var dimensions: [Dimension] = []

    public func tally(_ dimension: String, _ value: String) -> ScoreTally? {
        dimensions.first { $0.name == dimension }?.groups.first { $0.value == value }?.tally
    }
}

/// Everything `score` measured: per task, what was read and what could not be used.
public struct ScoreReport: Sendable {
    /// What was scored: a predictions file's name or `baseline <name>`.
    public var predictor: String
    public var keySource: String
    /// The plan the key's dataset was made with (its name and the CRC-32 of its bytes, from the
    /// dataset's `run.json`), nil when the key does not say: `generate --focus` checks it.
    public var keyPlan: AnswerKey.Plan?
    public var keyProblems: [String]
    public var lines: Int
    public var problems: [PredictionProblem]
    public var unknownIDs: Int
    public var tasks: [TaskScore]

    public func task(_ t: ScoringItem.Task) -> TaskScore? { tasks.first { $0.task == t } }
    public func score(_ name: String) -> TaskScore? { tasks.first { $0.name == name } }

    /// What each task reports: its accuracy, or for groups Winoground's three scores.
    public static func metrics(_ task: ScoringItem.Task) -> [String] {
        task == .group ? ["group_text", "group_image", "group"] : [task.rawValue]
    }

    /// The dimensions each task is broken down by, in report order.
    public static func dimensions(_ task: ScoringItem.Task) -> [String] {
        switch task {
        case .vqa: ["family", "difficulty", "hops", "answer_type", "lang", "value", "relation"]
        case .ref: ["kind", "lang", "value", "relation"]
        case .negative, .group: ["kind", "lang"]
        }
    }

    /// The values of `dimension` for an item: one, except `value` and `relation`, under which an
    /// item counts once for each attribute value or relation its program names (maybe none).
    static func values(_ item: ScoringItem, _ dimension: String) -> [String] {
        if dimension == "lang" { return [item.language] }
        switch item.truth {
        case .vqa(let q):
            switch dimension {
            case "family": return [q.family]
            case "difficulty": return [q.level]
            case "hops": return [String(q.hops)]
            case "value": return q.values
            case "relation": return q.relations
            default: return [q.answerType]
            }
        case .ref(let r):
            switch dimension {
            case "value": return r.values
            case "relation": return r.relations
            default: return [r.kind]
            }
        case .negative(let p): return [p.kind]
        case .group(let g): return [g.kind]
        }
    }

    /// Scores `predictions` against every item of `key`.
    public init(key: AnswerKey, predictions: Predictions, predictor: String) {
        self.predictor = predictor
        keySource = key.source
        keyPlan = key.plan
        keyProblems = key.problems
        lines = predictions.lines
        problems = predictions.problems
        unknownIDs = predictions.unknownIDs
        var byTask: [String: (ScoreTally, [String: [String: ScoreTally]])] = [:]
        for item in key.items {
            let p = predictions.byID[item.id]
            let missing = p == nil
            let decoded = p ?? nil
            let unparsable = !missing && decoded == nil
            var correct = false
            var iou = 0.0
            // Winoground's text, image and group scores, for groups.
            var winoground = [false, false, false]
            switch (item.truth, decoded) {
            case (.vqa(let q), .answer(let a)?):
                correct = AnswerNormalization.normalize(a) == AnswerNormalization.normalize(q.answer)
            case (.ref(let r), .box(let b)?):
                iou = b.iou(
                    EdgeBox(
                        x: Double(r.bbox.x), y: Double(r.bbox.y), width: Double(r.bbox.width),
                        height: Double(r.bbox.height)))
                correct = iou >= 0.5
            case (.negative, .choice(let c)?):
                guard case .negative(let pair) = item.truth else { break }
                correct = c == pair.trueIndex(id: item.id)
            case (.group, .scores(let s)?):
                let text = s[0][0] > s[1][0] && s[1][1] > s[0][1]
                let image = s[0][0] > s[0][1] && s[1][1] > s[1][0]
                winoground = [text, image, text && image]
            default: break
            }
            for (m, name) in Self.metrics(item.task).enumerated() {
                let ok = item.task == .group ? winoground[m] : correct
                var entry = byTask[name] ?? (ScoreTally(), [:])
                entry.0.add(correct: ok, missing: missing, unparsable: unparsable, iou: iou)
                for d in Self.dimensions(item.task) {
                    for v in Self.values(item, d) {
                        entry.1[d, default: [:]][v, default: ScoreTally()].add(
                            correct: ok, missing: missing, unparsable: unparsable, iou: iou)
                    }
                }
                byTask[name] = entry
            }
        }
        tasks = ScoringItem.Task.allCases.flatMap { t in
            Self.metrics(t).compactMap { name in
                guard let (overall, dims) = byTask[name] else { return nil }
                var score = TaskScore(task: t, name: name, overall: overall)
                for d in Self.dimensions(t) {
                    let groups = (dims[d] ?? [:]).map { TaskScore.Group(value: $0.key, tally: $0.value) }
                    score.dimensions.append(
                        TaskScore.Dimension(name: d, groups: groups.sorted { Self.precedes($0.value, $1.value) }))
                }
                return score
            }
        }
    }

    /// Numbers in numeric order before other values, which go in byte order.
    static func precedes(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case (let x?, let y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }

    /// The scores counted once per item (a group's three scores count it once).
    var perItem: [TaskScore] { tasks.filter { $0.task != .group || $0.name == "group" } }
    /// Items scored wrong because no prediction named them, over every task.
    public var missing: Int { perItem.reduce(0) { $0 + $1.overall.missing } }
    /// Items scored wrong because their prediction line could not be decoded.
    public var unparsable: Int { perItem.reduce(0) { $0 + $1.overall.unparsable } }
    /// Items scored.
    public var items: Int { perItem.reduce(0) { $0 + $1.overall.total } }
}
