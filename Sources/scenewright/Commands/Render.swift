import ArgumentParser
import DatasetWriters
import Foundation
import PNGCodec
import Rasterizer
import SampleRecords

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Redraw an image from its sample record alone, pixel for pixel.",
        discussion: """
            RECORD is a file holding one sample record (JSON), or a samples.jsonl file with \
            --key choosing the line. Encoding options must match the run's (run.json) for \
            identical bytes; the pixels are identical whatever they are.
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
            guard let data = FileManager.default.contents(atPath: record) else {
                throw RenderError("cannot read \(record)")
            }
            let lines = data.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }
            var chosen: JSONValue?
            for (n, line) in lines.enumerated() {
                let value: JSONValue
                do { value = try JSONValue.parse(Array(line)) } catch {
                    throw RenderError("\(record):\(n + 1): \(error)")
                }
                if key == nil || value["key"]?.stringValue == key {
                    chosen = value
                    break
                }
            }
            guard let chosen else {
                throw RenderError(key.map { "\(record): no record with key '\($0)'" } ?? "\(record): no record")
            }
            let parsed = try SampleRecord(json: chosen)
            let scene = parsed.scene
            try scene.checkInvariants()
            let rendered = Rasterizer.render(scene)
            let bytes = try PNGEncoder(options: png.options).encode(
                rgb: rendered.canvas.pixels, width: scene.width, height: scene.height)
            try AtomicFile.write(bytes, to: out)
            print("wrote \(out) (sample \(parsed.key), \(scene.objects.count) objects)")
        }
    }
}

struct RenderError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
