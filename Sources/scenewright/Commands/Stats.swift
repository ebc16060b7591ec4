import ArgumentParser
import Foundation
import Statistics

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Measure a written dataset: counts, text statistics, blind-baseline shortcut risk, charts.",
        discussion: """
            Reads every sample record back from FOLDER (WebDataset shards, else samples.jsonl) and \
            writes FOLDER/stats/stats.json, SVG charts and FOLDER/stats/README-stats.md; when \
            FOLDER/README.md (the dataset card) exists, its section "Statistics (scenewright stats)" \
            is replaced or appended. docs/STATS.md describes every field and the baseline method. \
            Unreadable records and damaged files are listed (key and file) and left out; the \
            statistics of the rest are written, and the exit status is then 1.
            """)

    @Argument(help: "A dataset folder written by `scenewright generate`.")
    var folder: String

    @Option(name: .long, help: "Threads parsing records (default: available cores).")
    var workers: Int?

    func run() throws {
        try CLIError.report {
            let start = Date()
            let threads = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
            let stats = try DatasetStatistics.compute(directory: folder, workers: threads)
            let written = try stats.write(to: folder)
            let seconds = Date().timeIntervalSince(start)
            for message in stats.problems + stats.damage {
                FileHandle.standardError.write(Data("defect: \(message)\n".utf8))
            }
            var summary = "\(stats.samples) samples (\(stats.source))"
            if stats.unreadable > 0 { summary += ", \(stats.unreadable) unreadable" }
            if stats.damaged > 0 { summary += ", \(stats.damaged) damaged" }
            if stats.defects > 0 { summary += " (listed in stats/stats.json)" }
            print("stats: \(summary) in \(String(format: "%.2f", seconds)) s")
            for code in stats.languageCodes {
                guard let l = stats.languages[code], l.questions > 0 else { continue }
                let r = l.baseline.evaluate()
                print(
                    String(
                        format:
                            "  %@: blind baselines on odd indices: question %.1f%%, family %.1f%%, chance %.1f%%, majority %.1f%%",
                        code, r.questionAccuracy * 100, r.familyAccuracy * 100, r.chance * 100, r.majorityRate * 100))
            }
            print(
                "wrote \(written.count) files: \(folder)/stats/ (\(written.filter { $0.hasSuffix(".svg") }.count) charts)"
                    + (written.contains("README.md") ? " and the statistics section of \(folder)/README.md" : ""))
            if stats.defects > 0 { throw ExitCode.failure }
        }
    }
}
