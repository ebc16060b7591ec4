import ArgumentParser
import DatasetWriters
import Foundation
import PNGCodec
import Pipeline
import Rasterizer
import SceneModel

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one contact-sheet PNG of a grid of samples, to look at a plan before generating.")

    @OptionGroup var planOptions: PlanOptions

    @Option(name: .long, help: "Output PNG file.")
    var out: String = "sheet.png"

    @Option(name: .long, help: "Grid rows.")
    var rows: Int = 4

    @Option(name: .long, help: "Grid columns.")
    var columns: Int = 4

    @Option(name: .long, help: "Global index of the first sample shown.")
    var startIndex: UInt64 = 0

    @Option(name: .long, help: "Shrink each sample by this whole factor (1 keeps full size).")
    var scale: Int = 1

    @Flag(name: .long, help: "Draw each object's visible-pixel box.")
    var boxes = false

    func validate() throws {
        guard (1...64).contains(rows), (1...64).contains(columns) else {
            throw ValidationError("--rows and --columns must be 1 to 64")
        }
        guard (1...16).contains(scale) else { throw ValidationError("--scale must be 1 to 16") }
    }

    func run() throws {
        let loaded = try planOptions.load()
        try CLIError.report {
            let factory = SampleFactory(
                plan: loaded.plan, seed: planOptions.seed, lexicons: loaded.lexicons, text: loaded.text,
                png: PNGOptions())
            let gap = 4
            let cellW = loaded.plan.width / scale
            let cellH = loaded.plan.height / scale
            var sheet = Canvas(
                width: columns * cellW + (columns + 1) * gap, height: rows * cellH + (rows + 1) * gap,
                background: RGB(60, 60, 60))
            for r in 0..<rows {
                for c in 0..<columns {
                    let index = startIndex + UInt64(r * columns + c)
                    let rendered = try factory.sampler.sample(index: index).rendered
                    var canvas = rendered.canvas
                    if boxes {
                        for box in rendered.measurements.compactMap(\.bbox) {
                            canvas.strokeBox(box, color: RGB(255, 0, 255))
                        }
                    }
                    if scale > 1 { canvas = canvas.downsampled(by: scale) }
                    sheet.paste(canvas, x: gap + c * (cellW + gap), y: gap + r * (cellH + gap))
                }
            }
            let bytes = try PNGEncoder(options: PNGOptions(level: 9, filter: .adaptive, colorType: .auto))
                .encode(rgb: sheet.pixels, width: sheet.width, height: sheet.height)
            try AtomicFile.write(bytes, to: out)
            print("wrote \(out) (\(rows)x\(columns) samples of plan \(loaded.plan.name), seed \(planOptions.seed))")
        }
    }
}
