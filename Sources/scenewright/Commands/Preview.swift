import ArgumentParser
import DatasetWriters
import PNGCodec
import Pipeline

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
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
            let sheet = ContactSheet(
                factory: loaded.factory(seed: planOptions.seed, png: PNGOptions()), rows: rows, columns: columns,
                startIndex: startIndex, scale: scale, boxes: boxes)
            try AtomicFile.write(try sheet.png(), to: out)
            print("wrote \(out) (\(rows)x\(columns) samples of plan \(loaded.plan.name), seed \(planOptions.seed))")
        }
    }
}
