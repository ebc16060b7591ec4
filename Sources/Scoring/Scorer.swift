import DatasetWriters
import SampleRecords

/// `scenewright score`: a dataset's answer key against a predictions file or a baseline, the
/// report written as `score.json`, `score.md` and `score.png` into one folder.
public enum Scorer {
    /// Scores `predictionsPath` (a JSON Lines file, docs/SCORE.md) against `key`.
    public static func score(key: AnswerKey, predictionsPath: String, name: String) throws -> ScoreReport {
        var byID: [String: ScoringItem] = [:]
        byID.reserveCapacity(key.items.count)
        for item in key.items where byID[item.id] == nil { byID[item.id] = item }
        let predictions = try Predictions(path: predictionsPath, key: byID)
        return ScoreReport(key: key, predictions: predictions, predictor: name)
    }

    /// Runs `baseline` on `key`, writes its predictions to `<out>/predictions-<baseline>.jsonl`
    /// and scores that file as any other.
    public static func score(key: AnswerKey, baseline: Baseline, out: String) throws -> ScoreReport {
        try AtomicFile.makeDirectory(out)
        let path = out + "/predictions-\(baseline.rawValue).jsonl"
        try AtomicFile.write(baseline.predictions(key), to: path)
        return try score(key: key, predictionsPath: path, name: "baseline \(baseline.rawValue)")
    }

    /// Writes the report's three files into `out` (created if needed); returns their paths.
    @discardableResult
    public static func write(_ report: ScoreReport, to out: String) throws -> [String] {
        try AtomicFile.makeDirectory(out)
        var w = JSONWriter()
        w.value(report.json)
        w.rawBytes(Array("\n".utf8))
        try AtomicFile.write(w.bytes, to: out + "/score.json")
        try AtomicFile.write(Array(report.markdown.utf8), to: out + "/score.md")
        try AtomicFile.write(try ScoreChart(report).png(), to: out + "/score.png")
        return [out + "/score.json", out + "/score.md", out + "/score.png"]
    }
}
