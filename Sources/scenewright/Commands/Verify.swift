import ArgumentParser
import DatasetWriters
import Describer
import Foundation
import Pipeline
import SampleRecords
import SceneModel
import SceneSampler
import Verifier

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a written dataset against its own pixels; report every defect.",
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
            let home = try ResourceLocator.home()
            let manifestPath = folder + "/" + DatasetSink.stateFolder + "/" + DatasetSink.manifestName
            let manifest = try JSONValue.parse(try AtomicFile.read(manifestPath))
            let setup = try RunSetup(manifest: manifest, path: manifestPath)
            var lexicons: [String: Lexicon] = [:]
            var ordered: [Lexicon] = []
            for code in setup.info.languages {
                let lexicon = try Lexicon.load(code: code, home: home)
                lexicons[code] = lexicon
                ordered.append(lexicon)
            }
            // The plan: named, or shipped under the run's plan name, and the very same file.
            let candidates =
                plan.map { [URL(fileURLWithPath: $0)] } ?? ResourceLocator.shippedPlans(home: home)
            var describer: Describer?
            var relations = Relations(margin: 0)
            var heldOut: (@Sendable (SceneObject) -> String?)?
            for url in candidates {
                guard let bytes = FileManager.default.contents(atPath: url.path),
                    Checksum.of([UInt8](bytes)).hex == manifest["plan_checksum"]?.stringValue,
                    let loaded = try? ScenePlan.load(contentsOf: url, home: home)
                else { continue }
                let options = try Verify.textOptions(manifest, path: manifestPath)
                describer = Describer(plan: loaded, lexicons: ordered, options: options)
                relations = loaded.relations
                if let holdout = loaded.holdout, holdout.split == .train {
                    heldOut = { o in loaded.isHeldOut(o) ? loaded.describe(loaded.condition(of: o)) : nil }
                }
                break
            }
            if describer == nil {
                FileHandle.standardError.write(
                    Data(
                        "note: the run's plan '\(setup.info.plan)' (checksum \(manifest["plan_checksum"]?.stringValue ?? "?")) was not found; pass --plan to compare wording and relations\n"
                            .utf8))
            }
            let checker = SampleChecker(
                describer: describer, relations: relations, lexicons: lexicons, heldOut: heldOut)
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

    /// The run's text options, from its manifest (`text`).
    static func textOptions(_ manifest: JSONValue, path: String) throws -> TextOptions {
        guard let text = manifest["text"], let questions = text["questions"]?.intValue,
            let refs = text["refs"]?.intValue, let negatives = text["negatives"]?.intValue
        else { throw ValidationError("\(path): field 'text' is missing or incomplete") }
        func pairs<T>(_ name: String, _ make: (String) -> T?) -> [(T, Double)] {
            (text[name]?.arrayValue ?? []).compactMap { item in
                guard let a = item.arrayValue, a.count == 2, let k = a[0].stringValue.flatMap(make),
                    let w = a[1].doubleValue
                else { return nil }
                return (k, w)
            }
        }
        return TextOptions(
            questions: questions, refs: refs, negatives: negatives,
            families: pairs("families") { QuestionFamily(rawValue: $0) },
            difficulty: pairs("difficulty") { Difficulty(rawValue: $0) })
    }
}
