import ArgumentParser
import DatasetWriters
import Foundation
import Pipeline
import Verifier

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a written dataset against its own pixels; report every defect.",
        discussion: """
            Re-reads the samples (WebDataset shards, else images/ + samples.jsonl): every PNG \
            decodes through libpng at the recorded size; the recorded scene, redrawn, gives \
            exactly the stored pixels; boxes and areas are what the pixels measure; palette \
            colors appear only inside boxes of objects of that color; every answer is its \
            program's result, every referring expression picks out its object alone, every \
            negative is false, every dense phrase has its object's box; with the run's plan at \
            hand (found by name in scenes/, or --plan), every string is compared with the text \
            the scene gives. Also the shards' layout, keys, COCO annotations and VQA answers \
            against the records, and duplicate rates. Exit status 1 when anything is wrong.
            """)

    @Argument(help: "The dataset's folder.")
    var folder: String

    @Option(name: .long, help: "The run's plan file, when it is not the shipped plan of the same name.")
    var plan: String?

    @Option(name: .long, help: "Worker threads (default: the CPUs this process may use).")
    var workers: Int?

    @Option(name: .long, help: "Also write the report as JSON to this file.")
    var report: String?

    @Option(name: .long, help: "Defects to print (all are in --report).")
    var show: Int = 200

    func run() throws {
        let result: VerificationReport = try CLIError.report {
            let setup = try VerificationSetup(folder: folder, plan: plan)
            if let note = setup.note { FileHandle.standardError.write(Data((note + "\n").utf8)) }
            let checker = SampleChecker(
                describer: setup.describer, relations: setup.relations, lexicons: setup.lexicons,
                heldOut: setup.heldOut, caption: setup.run.caption)
            let verifier = DatasetVerifier(
                checker: checker,
                workers: workers ?? WorkerCount.automatic(environment: ProcessInfo.processInfo.environment))
            let result = try verifier.verify(directory: folder)
            if let report {
                var bytes = result.json.bytes
                bytes.append(0x0A)
                try AtomicFile.write(bytes, to: report)
            }
            return result
        }
        for d in result.defects.prefix(show) { print(d) }
        if result.defects.count > show { print("... and \(result.defects.count - show) more (see --report)") }
        print(
            "\(result.samples) samples, \(result.defects.count) defects; exact duplicates \(result.exactDuplicates), "
                + "near duplicates \(result.nearDuplicates); checks: \(result.checks.joined(separator: ", ")); "
                + String(
                    format: "%.2f s, %.0f samples/s", result.seconds,
                    result.seconds > 0 ? Double(result.samples) / result.seconds : 0))
        if !result.isClean { throw ExitCode.failure }
    }
}
