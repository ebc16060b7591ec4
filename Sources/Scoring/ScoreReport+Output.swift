import SampleRecords

extension ScoreReport {
    /// 2: `key.plan`, and questions and references by `value` and `relation`.
    public static let version = 2

    static func round(_ x: Double) -> JSONValue { .double((x * 1_000_000).rounded() / 1_000_000) }

    static func json(_ t: ScoreTally, _ task: ScoringItem.Task) -> JSONValue {
        var o: JSONObject = [
            "accuracy": round(t.accuracy), "correct": .int(t.correct), "missing": .int(t.missing),
            "total": .int(t.total), "unparsable": .int(t.unparsable),
        ]
        if task == .ref { o["mean_iou"] = round(t.meanIoU) }
        return .object(o)
    }

    /// The report as `score.json`: keys sorted, no clock time, no path.
    public var json: JSONValue {
        var taskFields: [(String, JSONValue)] = []
        for t in tasks {
            var dims: [(String, JSONValue)] = []
            for d in t.dimensions {
                dims.append((d.name, .object(JSONObject(d.groups.map { ($0.value, Self.json($0.tally, t.task)) }))))
            }
            taskFields.append(
                (t.name, .object(["by": .object(JSONObject(dims)), "overall": Self.json(t.overall, t.task)])))
        }
        return .object([
            "key": .object([
                "problems": .array(keyProblems.map { .string($0) }), "source": .string(keySource),
                "items": .int(items),
                "plan": keyPlan.map { .object(["crc32": .string($0.crc32), "name": .string($0.name)]) } ?? .null,
            ]),
            "predictions": .object([
                "lines": .int(lines), "missing": .int(missing), "name": .string(predictor),
                "problems": .array(
                    problems.map {
                        .object([
                            "id": $0.id.map { .string($0) } ?? .null, "line": .int($0.line),
                            "message": .string($0.message),
                        ])
                    }), "unknown_ids": .int(unknownIDs), "unparsable": .int(unparsable),
            ]),
            "score_version": .int(Self.version),
            "tasks": .object(JSONObject(taskFields)),
        ])
    }

    public static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `x` (>= 0) with 3 decimals.
    public static func decimals(_ x: Double) -> String {
        let m = Int((x * 1000).rounded())
        return "\(m / 1000)." + zeroPadded(m % 1000, width: 3)
    }

    static func title(_ name: String) -> String {
        switch name {
        case "vqa": "Questions (VQA accuracy after answer normalisation)"
        case "ref": "Referring expressions (accuracy at IoU >= 0.5, mean IoU)"
        case "negative": "Hard negatives (rate of preferring the true caption)"
        case "group_text": "Twin groups: Winoground text score (each image prefers its own caption)"
        case "group_image": "Twin groups: Winoground image score (each caption prefers its own image)"
        default: "Twin groups: Winoground group score (both)"
        }
    }

    /// How many problem lines the Markdown lists (the JSON lists all).
    public static let markdownProblems = 100

    /// The report as `score.md`: one table per task, then the lines that could not be used.
    public var markdown: String {
        var s = "# Scores: \(predictor)\n\n"
        s += "Key: \(keySource), \(items) items"
        if let p = keyPlan { s += " of plan \(p.name) (CRC-32 \(p.crc32))" }
        s +=
            keyProblems.isEmpty
            ? ".\n" : "; \(keyProblems.count) records or key lines unreadable (listed in score.json).\n"
        s +=
            "Predictions: \(lines) lines; \(missing) items without a prediction and \(unparsable) with an unusable one "
        s += "(both scored wrong); \(unknownIDs) lines naming no item of this dataset.\n"
        for t in tasks {
            let iou = t.task == .ref
            s += "\n## \(Self.title(t.name))\n\n"
            s +=
                iou
                ? "| group | items | accuracy | mean IoU | missing | unparsable |\n|---|---:|---:|---:|---:|---:|\n"
                : "| group | items | accuracy | missing | unparsable |\n|---|---:|---:|---:|---:|\n"
            func row(_ label: String, _ x: ScoreTally) {
                s += "| \(label) | \(x.total) | \(Self.percent(x.accuracy)) |"
                if iou { s += " \(Self.decimals(x.meanIoU)) |" }
                s += " \(x.missing) | \(x.unparsable) |\n"
            }
            row("**all**", t.overall)
            for d in t.dimensions {
                for g in d.groups { row("\(d.name): \(g.value)", g.tally) }
            }
        }
        if !problems.isEmpty {
            s += "\n## Prediction lines not used (\(problems.count))\n\n"
            for p in problems.prefix(Self.markdownProblems) { s += "- \(p)\n" }
            if problems.count > Self.markdownProblems {
                s += "- ... \(problems.count - Self.markdownProblems) more in score.json\n"
            }
        }
        return s
    }
}
