import ArgumentParser
import DatasetWriters
import PNGCodec
import Pipeline

struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Print one sample's text for a person to read: captions, questions, references, negatives.",
        discussion: """
            Draws sample --index of the plan with the seed, writes its image (--image, default \
            sample-<key>.png) and prints every caption, each question with its answer and \
            program, each referring expression with its object and box, and each hard negative \
            with what it altered.
            """)

    @OptionGroup var planOptions: PlanOptions

    @Option(name: .long, help: "Global sample index.")
    var index: UInt64 = 0

    @Option(name: .long, help: "Where to write the sample's image.")
    var image: String?

    func run() throws {
        let loaded = try planOptions.load()
        try CLIError.report {
            let sample = try loaded.factory(seed: planOptions.seed, png: PNGOptions()).make(index: index)
            let path = image ?? "sample-\(sample.record.key).png"
            try AtomicFile.write(sample.png, to: path)
            print("sample \(sample.record.key) of plan \(loaded.plan.name), seed \(planOptions.seed): \(path)")
            for line in ReadableSample.lines(sample.record) { print(line) }
        }
    }
}
