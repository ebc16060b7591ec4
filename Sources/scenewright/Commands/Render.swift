import ArgumentParser
import DatasetWriters
import Foundation
import Pipeline

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Redraw an image from its sample record alone, pixel for pixel.",
        discussion: """
            RECORD is a file holding one sample record (JSON), or a samples.jsonl file with \
            --key choosing the line. Encoding options must match the run's (run.json) for \
            identical bytes; the pixels are identical whatever they are. Lines passed over on the \
            way because they are no record (a torn last line, not JSON) are listed, and the exit \
            status is then 1 (the image is still written); a chosen record with a missing field \
            or a wrong type is an error naming file, line and key.
            """)

    @Argument(help: "A record file (.json) or samples.jsonl.")
    var record: String

    @Option(name: .long, help: "Key of the record to draw when RECORD holds several lines.")
    var key: String?

    @Option(name: .long, help: "Output PNG file.")
    var out: String

    @OptionGroup var png: PNGOptionGroup

    func run() throws {
        try CLIError.report {
            let redraw = try Redraw(recordFile: record, key: key, png: png.options)
            try AtomicFile.write(redraw.png, to: out)
            print("wrote \(out) (sample \(redraw.key), \(redraw.objectCount) objects)")
            for line in redraw.skipped { FileHandle.standardError.write(Data("defect: \(line)\n".utf8)) }
            if !redraw.skipped.isEmpty { throw ExitCode.failure }
        }
    }
}
