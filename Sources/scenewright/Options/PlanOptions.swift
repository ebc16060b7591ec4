import ArgumentParser
import Describer
import Foundation
import Pipeline
import SampleRecords

/// Which plan, which seed, which languages: shared by every command that makes samples.
struct PlanOptions: ParsableArguments {
    @Option(name: .long, help: "Scene plan file (default: scenes/shapes.yaml of the installation).")
    var plan: String?

    @Option(name: .long, help: "Run seed (0 to 2^63-1). Sample i depends only on plan, seed and i.")
    var seed: UInt64 = 0

    @Option(
        name: .long,
        help: "Languages, comma-separated (lexicons in assets/lang/; default: the plan's, en,zh for shapes.yaml).")
    var languages: String?

    @Option(name: .long, help: "Questions per image (default: the plan's, 10).")
    var questions: Int?

    @Option(name: .long, help: "Referring expressions per image (default: the plan's, 3).")
    var refs: Int?

    @Option(name: .long, help: "Hard negatives per image (default: the plan's, 3).")
    var negatives: Int?

    @Option(
        name: .long,
        help:
            "Question families, comma-separated (default: the plan's, all): \(QuestionFamily.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var families: String?

    @Option(
        name: .long,
        help:
            "What <key>.txt holds (default: the plan's, short): short, detailed, a language code (its short caption), kind:language (detailed:zh), or a weighted mix drawn per sample (short=3,detailed:zh=1)."
    )
    var txt: String?

    func validate() throws {
        if let txt {
            do { _ = try CaptionChoice(parsing: txt) } catch { throw ValidationError("--txt: \(error.description)") }
        }
        guard seed <= UInt64(Int64.max) else { throw ValidationError("--seed must be at most \(Int64.max)") }
        for (name, value) in [("--questions", questions), ("--refs", refs), ("--negatives", negatives)] {
            if let value, !(0...100).contains(value) { throw ValidationError("\(name) must be 0 to 100") }
        }
        if let families {
            for f in families.split(separator: ",") where QuestionFamily(rawValue: String(f)) == nil {
                throw ValidationError(
                    "unknown question family '\(f)'; valid: \(QuestionFamily.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }
    }

    /// Loads the plan, lexicons and text options, or exits with the error's message.
    func load() throws -> PlanSetup {
        try CLIError.report { try PlanSetup(plan: plan, overrides: try overrides()) }
    }

    /// The plan given as a plan file's bytes (a derived plan), with this command line's overrides.
    func load(planBytes: [UInt8], shown: String) throws -> PlanSetup {
        try PlanSetup(
            planBytes: planBytes, shown: shown, url: URL(fileURLWithPath: shown), overrides: try overrides())
    }

    func overrides() throws -> PlanSetup.TextOverrides {
        PlanSetup.TextOverrides(
            languages: languages.map { $0.split(separator: ",").map(String.init) }, questions: questions,
            refs: refs, negatives: negatives,
            families: families.map {
                $0.split(separator: ",").compactMap { QuestionFamily(rawValue: String($0)) }
            }, caption: try txt.map { try CaptionChoice(parsing: $0) })
    }
}

/// How images are encoded.
struct PNGOptionGroup: ParsableArguments {
    @Option(name: .customLong("png-level"), help: "zlib level 0-9.")
    var level: Int = 1

    @Option(
        name: .customLong("png-filter"),
        help: "PNG row filter: \(PNGFilterName.allValueStrings.joined(separator: ", ")).")
    var filter: PNGFilterName = .none

    @Option(
        name: .customLong("png-color"),
        help:
            "indexed (palette images drawn at a few coverage steps: every image fits 256 colors), or RGB drawn with full anti-aliasing and encoded as rgb, grayscale, palette (at most 256 colors) or auto (palette when possible). Default: the plan's canvas color."
    )
    var colorType: PNGColorName?

    @Option(
        name: .customLong("coverage-levels"),
        help: "Coverage steps of indexed images, 1 to 64 (default: the plan's, 16).")
    var coverageLevels: Int?

    func validate() throws {
        guard (0...9).contains(level) else { throw ValidationError("--png-level must be 0 to 9, got \(level)") }
        if let coverageLevels {
            guard (1...64).contains(coverageLevels) else {
                throw ValidationError("--coverage-levels must be 1 to 64, got \(coverageLevels)")
            }
            if let colorType, colorType != .indexed {
                throw ValidationError("--coverage-levels applies to --png-color indexed only")
            }
        }
    }
}

/// A command failed for a reason the user can act on: print it and exit non-zero.
enum CLIError {
    static func report<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
