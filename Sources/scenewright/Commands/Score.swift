import ArgumentParser
import Foundation
import Scoring

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a model's predictions (or a reference baseline) against a dataset's answers.",
        discussion: """
            Reads the answers from --dataset (a dataset folder: its records through WebDataset \
            shards or samples.jsonl, else its held-out answer key heldout-key/answers.jsonl; or an \
            answer key file) and scores --predictions (JSON Lines, one item per line, docs/SCORE.md) \
            or the predictions --baseline makes itself: VQA accuracy after answer normalisation by \
            family, difficulty, hops, answer type and language; grounding accuracy at IoU >= 0.5 and \
            mean IoU by expression kind (boxes or grounding tokens of any style); hard-negative \
            preference by edit kind. Writes score.json, score.md and score.png into --out. Items \
            without a prediction, and lines that cannot be used, count as wrong; every unusable line \
            is listed with its number. Exit status 1 when a line could not be used.
            """)

    @Option(name: .long, help: "A dataset folder, or a held-out answer key file.")
    var dataset: String

    @Option(name: .long, help: "The model's predictions (JSON Lines, docs/SCORE.md).")
    var predictions: String?

    @Option(
        name: .long,
        help: "Score a reference predictor instead: \(Baseline.allCases.map(\.rawValue).joined(separator: ", ")).")
    var baseline: Baseline?

    @Option(name: .long, help: "Folder for score.json, score.md and score.png (default: ./score).")
    var out: String = "score"

    func validate() throws {
        guard (predictions == nil) != (baseline == nil) else {
            throw ValidationError("give exactly one of --predictions FILE or --baseline random|prior|blind")
        }
    }

    func run() throws {
        let report: ScoreReport = try CLIError.report {
            let key = try AnswerKey.load(dataset)
            guard !key.items.isEmpty else {
                throw ScoringError("\(dataset) holds no questions, references or negatives to score")
            }
            let report =
                if let baseline {
                    try Scorer.score(key: key, baseline: baseline, out: out)
                } else {
                    try Scorer.score(
                        key: key, predictionsPath: predictions ?? "",
                        name: URL(fileURLWithPath: predictions ?? "").lastPathComponent)
                }
            try Scorer.write(report, to: out)
            return report
        }
        for p in report.keyProblems { FileHandle.standardError.write(Data("key: \(p)\n".utf8)) }
        for p in report.problems.prefix(50) { FileHandle.standardError.write(Data("predictions \(p)\n".utf8)) }
        if report.problems.count > 50 {
            FileHandle.standardError.write(Data("... \(report.problems.count - 50) more in \(out)/score.json\n".utf8))
        }
        for t in report.tasks {
            var line = "\(t.name): \(ScoreReport.percent(t.overall.accuracy)) of \(t.overall.total)"
            if t.task.rawValue == "ref" { line += ", mean IoU \(ScoreReport.decimals(t.overall.meanIoU))" }
            if t.overall.missing > 0 { line += ", \(t.overall.missing) missing" }
            if t.overall.unparsable > 0 { line += ", \(t.overall.unparsable) unparsable" }
            print(line)
        }
        print("wrote \(out)/score.json, score.md, score.png")
        if !report.problems.isEmpty { throw ExitCode.failure }
    }
}

extension Baseline: ExpressibleByArgument {}
