import ArgumentParser
import DatasetWriters
import Describer
import Foundation
import PNGCodec
import Pipeline

struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
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
            let factory = SampleFactory(
                plan: loaded.plan, seed: planOptions.seed, lexicons: loaded.lexicons, text: loaded.text,
                png: PNGOptions())
            let sample = try factory.make(index: index)
            let record = sample.record
            let path = image ?? "sample-\(record.key).png"
            try AtomicFile.write(sample.png, to: path)
            print("sample \(record.key) of plan \(loaded.plan.name), seed \(planOptions.seed): \(path)")
            print("objects:")
            for o in record.objects {
                let s = o.object
                print(
                    "  #\(s.id) \(s.size) \(s.fill.rawValue) \(s.color.name) \(s.shape.rawValue), box \(o.measurement.bbox?.description ?? "-"), \(o.measurement.visiblePixels) px"
                )
            }
            let d = record.description
            for (language, c) in d.captions {
                print("\n[\(language)] short:    \(c.short)")
                print("[\(language)] detailed: \(c.detailed)")
                for p in c.dense { print("[\(language)] dense #\(p.objectID) \(p.bbox): \(p.text)") }
            }
            print("\nquestions:")
            for q in d.qa {
                print(
                    "  [\(q.language)] \(q.family) (\(q.level), \(q.steps) steps, \(q.hops) hops): \(q.question)  ->  \(q.answer)"
                )
                if q.language == d.qa.first?.language { print("      " + Ask.program(q.program)) }
            }
            print("\nreferring expressions:")
            for r in d.refs { print("  [\(r.language)] \(r.text)  ->  object #\(r.objectID) \(r.bbox)") }
            print("\nhard negatives (false variants of the detailed caption):")
            for n in d.negatives { print("  [\(n.language)] \(n.kind): \(n.text)") }
        }
    }

    /// A program on one line: scene → filter_color[red] → unique → query_shape.
    static func program(_ p: Program) -> String {
        p.nodes.enumerated().map { i, n in
            let value = n.value.map { "[\($0)]" } ?? ""
            let inputs =
                n.inputs.count > 1 || (n.inputs.first.map { $0 != i - 1 } ?? false)
                ? "(" + n.inputs.map(String.init).joined(separator: ",") + ")" : ""
            return "\(i):\(n.function.rawValue)\(value)\(inputs)"
        }.joined(separator: " → ")
    }
}
